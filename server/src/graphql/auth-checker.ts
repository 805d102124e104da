import type { AuthChecker } from 'type-graphql';
import { apiKeyErrors } from '../modules/api-keys/api-keys.errors';
import { identityErrors } from '../modules/identity/identity.errors';
import { roleSatisfies } from '../modules/organizations/membership-role';
import { organizationErrors } from '../modules/organizations/organizations.errors';
import { isUuid } from '../shared/uuid';
import { DomainError } from '../shared/domain-error';
import { ErrorCode } from '../shared/error-code';
import { PLATFORM_ADMIN, parseTenantRule } from './access';
import type { GraphQLContext } from './context';

/**
 * The one place that decides who may do what.
 * - no rule: any signed-in user or API key;
 * - PLATFORM_ADMIN: signed-in platform admins only;
 * - tenant rule: a member with at least the rule's role in `args.organizationId`, or an API key of that
 *   organization holding the rule's scope (its own organization when the argument is omitted).
 * It throws typed errors rather than returning false so clients can tell 401 from 403.
 */
export const authChecker: AuthChecker<GraphQLContext> = async ({ args, context }, roles) => {
  const { viewer } = context;
  if (viewer.kind === 'anonymous') throw viewer.rejectedApiKey ? apiKeyErrors.invalid() : identityErrors.notSignedIn();

  if (roles.includes(PLATFORM_ADMIN)) {
    if (viewer.kind !== 'user' || !viewer.user.isPlatformAdmin) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Platform administrators only');
    }
    return true;
  }

  const rule = parseTenantRule(roles);
  if (!rule) return true;
  // UUIDs compare case-insensitively; PostgreSQL prints them in lower case.
  const requested = (args as { organizationId?: string | null }).organizationId?.toLowerCase() ?? null;

  if (viewer.kind === 'apiKey') {
    if (!rule.apiKeyScope) throw apiKeyErrors.sessionOnly();
    if (requested !== null && requested !== viewer.organizationId) throw organizationErrors.notAMember();
    if (!viewer.scopes.includes(rule.apiKeyScope)) throw apiKeyErrors.missingScope(rule.apiKeyScope);
    return true;
  }

  if (requested === null) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'organizationId is required', {
      fields: [{ field: 'organizationId', messages: ['organizationId is required'] }],
    });
  }
  if (!isUuid(requested)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'organizationId must be a UUID', {
      fields: [{ field: 'organizationId', messages: ['organizationId must be a UUID'] }],
    });
  }
  let role = context.roleCache.get(requested);
  if (role === undefined) {
    role = await context.services.organizations.roleOf(viewer.user.id, requested);
    context.roleCache.set(requested, role);
  }
  if (!role) throw organizationErrors.notAMember();
  if (!roleSatisfies(role, rule.role)) throw organizationErrors.roleTooLow(rule.role);
  return true;
};

/** The organization a tenant resolver acts on: the argument (already checked) or the API key's own. */
export function organizationIdOf(context: GraphQLContext, organizationId: string | null | undefined): string {
  if (context.viewer.kind === 'apiKey') return context.viewer.organizationId;
  if (!organizationId) throw identityErrors.notSignedIn();
  return organizationId.toLowerCase();
}
