import type { ApiKeyScope } from '../modules/api-keys/api-key-scope';
import { MembershipRole } from '../modules/organizations/membership-role';

/**
 * Access rules are written on resolvers with type-graphql's @Authorized(...) and enforced in one place,
 * auth-checker.ts. These helpers encode a rule as the strings @Authorized takes.
 */
export const PLATFORM_ADMIN = 'platform-admin';

export interface TenantRule {
  /** Weakest membership role a signed-in user needs in the organization. */
  role: MembershipRole;
  /** The scope an API key needs; omitted: API keys are refused. */
  apiKeyScope?: ApiKeyScope;
}

const TENANT = 'tenant';

export function tenantAccess(rule: TenantRule): string[] {
  return [`${TENANT}|${rule.role}|${rule.apiKeyScope ?? ''}`];
}

export function parseTenantRule(roles: readonly string[]): TenantRule | null {
  const encoded = roles.find((r) => r.startsWith(`${TENANT}|`));
  if (!encoded) return null;
  const [, role, scope] = encoded.split('|');
  return { role: role as MembershipRole, apiKeyScope: (scope || undefined) as ApiKeyScope | undefined };
}

export const memberReads = (apiKeyScope?: ApiKeyScope) => tenantAccess({ role: MembershipRole.MEMBER, apiKeyScope });
export const adminActs = () => tenantAccess({ role: MembershipRole.ADMIN });
