import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { adminActs } from '../../graphql/access';
import { actorOf } from '../../graphql/actor';
import type { GraphQLContext } from '../../graphql/context';
import { PageArgs, toConnection } from '../../shared/connection.type';
import { CreateApiKeyInput } from './api-key.input';
import { ApiKeyConnection, ApiKeyType, CreatedApiKeyType } from './api-key.type';

@Resolver()
export class ApiKeyResolver {
  @Authorized(adminActs())
  @Query(() => ApiKeyConnection)
  async apiKeys(
    @Arg('organizationId', () => ID) organizationId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ApiKeyConnection> {
    return toConnection(await ctx.services.apiKeys.list(organizationId, page), ApiKeyType.from);
  }

  @Authorized(adminActs())
  @Mutation(() => CreatedApiKeyType, { description: 'OWNER/ADMIN. The secret in the answer is never shown again.' })
  async createApiKey(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreatedApiKeyType> {
    const created = await ctx.services.apiKeys.create(organizationId, input.name, input.scopes, actorOf(ctx));
    return { apiKey: ApiKeyType.from(created.apiKey), secret: created.secret };
  }

  @Authorized(adminActs())
  @Mutation(() => ApiKeyType, { description: 'OWNER/ADMIN. Takes effect on the next request; revoking twice is harmless.' })
  async revokeApiKey(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('apiKeyId', () => ID) apiKeyId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ApiKeyType> {
    return ApiKeyType.from(await ctx.services.apiKeys.revoke(organizationId, apiKeyId, actorOf(ctx)));
  }
}
