import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { ApiKeyScope } from '../modules/api-keys/api-key-scope';
import type { UserEntity } from '../modules/identity/user.entity';
import type { MembershipRole } from '../modules/organizations/membership-role';
import type { Services } from '../services';

export type Viewer =
  | { kind: 'anonymous'; /** A Bearer key was sent but is malformed, unknown or revoked. */ rejectedApiKey?: boolean }
  | { kind: 'user'; user: UserEntity; sessionToken: string }
  | { kind: 'apiKey'; apiKeyId: string; organizationId: string; scopes: ApiKeyScope[] };

export interface GraphQLContext {
  viewer: Viewer;
  services: Services;
  /** The request's logger (bound to the request). */
  readonly logger: Logger;
  requestId: string;
  /** Express's request and response (cookies, the client's address). */
  readonly req: Request;
  readonly res: Response;
  /** Per-request memo of the viewer's role in each organization asked about. */
  roleCache: Map<string, MembershipRole | null>;
}

/** The context of one GraphQL operation that came through Express (Apollo Server's). */
export function graphqlContextFor(req: Request, res: Response, viewer: Viewer, services: Services): GraphQLContext {
  return { viewer, services, logger: req.log, requestId: String(req.id), req, res, roleCache: new Map() };
}

/** What a request that Express never saw (http/lean-graphql-entry.ts) offers a context: made on demand, as few resolvers ask. */
export interface PlainRequestScope {
  requestId: string;
  childLogger(): Logger;
  expressView(): { req: Request; res: Response };
}

/** The same context for a plain Node request: the child logger and Express's view of req/res are made only if something reads them. */
export function plainRequestContext(scope: PlainRequestScope, viewer: Viewer, services: Services): GraphQLContext {
  let logger: Logger | undefined;
  let express: { req: Request; res: Response } | undefined;
  return {
    viewer,
    services,
    requestId: scope.requestId,
    roleCache: new Map(),
    get logger() {
      return (logger ??= scope.childLogger());
    },
    get req() {
      return (express ??= scope.expressView()).req;
    },
    get res() {
      return (express ??= scope.expressView()).res;
    },
  };
}
