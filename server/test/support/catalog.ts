import { sessionCookieFrom, type TestApp } from './test-app';
import { uniqueEmail } from './factories';

/** A platform admin's session cookie and user id (made directly, then signed in over GraphQL). */
export async function signInPlatformAdmin(app: TestApp): Promise<{ cookie: string; userId: string }> {
  const email = uniqueEmail('admin');
  const password = 'platform-admin-password';
  const { user } = await app.services.identity.ensureUser({ email, password, isPlatformAdmin: true });
  const response = await app.gql(`mutation($input: LogInInput!) { logIn(input: $input) { user { id } } }`, { input: { email, password } });
  return { cookie: sessionCookieFrom(response), userId: user.id };
}

export const PLAN_FIELDS = /* GraphQL */ `
  id key name description isPublic sortOrder archivedAt
  currentVersion { ...PlanVersionFields }
`;

export const PLAN_VERSION_FRAGMENT = /* GraphQL */ `
  fragment PlanVersionFields on PlanVersion {
    id version currency
    monthlyPrice { amountMinor currency } yearlyPrice { amountMinor currency } yearlyDiscountPercent
    trialDays creditsPerPeriod hourlyRequestLimit createdAt
    entitlements { feature { key name kind unit } enabled limit resetPeriod overage }
  }
`;

/** Audit entries of one action, oldest first, as stored. */
export async function auditEntries(app: TestApp, action: string): Promise<Array<Record<string, any>>> {
  return app.dataSource.query(`SELECT * FROM audit_entries WHERE action = $1 ORDER BY created_at, id`, [action]);
}
