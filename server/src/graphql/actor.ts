import type { Actor } from '../modules/audit/actor';
import type { GraphQLContext } from './context';

/** The audit actor for a GraphQL request: the signed-in user or the API key. */
export function actorOf(ctx: GraphQLContext): Actor {
  if (ctx.viewer.kind === 'user') return { type: 'user', id: ctx.viewer.user.id };
  if (ctx.viewer.kind === 'apiKey') return { type: 'api_key', id: ctx.viewer.apiKeyId };
  return { type: 'system', id: null };
}
