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

/**
 * The same context for a plain Node request: the child logger and Express's view of req/res are made only if
 * something reads them. A class, with its getters on the prototype, rather than an object literal with getters:
 * those literals' getters were new closures over the request for every request, and (measured, with the rest of
 * the request path stubbed out) each dead one kept its request — headers, body, answer — alive through V8's
 * young-generation collections until the next full one: 4–10 MB promoted per scavenge on the hot-path bench,
 * ~0.4 without. (V8 keeps an object's accessors in its hidden class, which lives in the old generation; that is the
 * likely link, not proven here.)
 */
class PlainRequestContext implements GraphQLContext {
  readonly roleCache = new Map<string, MembershipRole | null>();
  readonly requestId: string;
  private childLogger: Logger | undefined;
  private express: { req: Request; res: Response } | undefined;

  constructor(
    private readonly scope: PlainRequestScope,
    readonly viewer: Viewer,
    readonly services: Services,
  ) {
    this.requestId = scope.requestId;
  }

  get logger(): Logger {
    return (this.childLogger ??= this.scope.childLogger());
  }

  get req(): Request {
    return (this.express ??= this.scope.expressView()).req;
  }

  get res(): Response {
    return (this.express ??= this.scope.expressView()).res;
  }
}

export function plainRequestContext(scope: PlainRequestScope, viewer: Viewer, services: Services): GraphQLContext {
  return new PlainRequestContext(scope, viewer, services);
}
