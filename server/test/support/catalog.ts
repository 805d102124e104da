import type { TestApp } from './test-app';

export { signInPlatformAdmin } from './factories';

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
