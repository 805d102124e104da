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
  logger: Logger;
  requestId: string;
  req: Request;
  res: Response;
  /** Per-request memo of the viewer's role in each organization asked about. */
  roleCache: Map<string, MembershipRole | null>;
}

/** The context of one GraphQL operation (Apollo Server's and the client-app fast path's alike). */
export function graphqlContextFor(req: Request, res: Response, viewer: Viewer, services: Services): GraphQLContext {
  return { viewer, services, logger: req.log, requestId: String(req.id), req, res, roleCache: new Map() };
}
