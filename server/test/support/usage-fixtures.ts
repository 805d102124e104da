import type { TestApp } from './test-app';
import { signInPlatformAdmin } from './factories';

/** Test-only plans and subscriptions for usage tests, written directly (as the database owner). */

export interface TestEntitlement {
  limit?: number | null;
  resetPeriod?: 'day' | 'month' | 'billing_period' | 'never' | null;
  overage?: 'block' | 'overage';
  enabled?: boolean;
}

/** A plan with one version granting exactly `entitlements`; returns the plan key. */
export async function createTestPlan(
  app: TestApp,
  key: string,
  options: { hourlyRequestLimit?: number | null; entitlements: Record<string, TestEntitlement> },
): Promise<string> {
  await app.dataSource.transaction(async (m) => {
    const [plan] = await m.query(`INSERT INTO plans (key, name, sort_order, is_public) VALUES ($1, $1, 99, false) RETURNING id`, [key]);
    const [version] = await m.query(
      `INSERT INTO plan_versions (plan_id, version, currency, monthly_price_minor, hourly_request_limit) VALUES ($1, 1, 'usd', 0, $2) RETURNING id`,
      [plan.id, options.hourlyRequestLimit ?? null],
    );
    for (const [feature, e] of Object.entries(options.entitlements)) {
      await m.query(
        `INSERT INTO plan_entitlements (plan_version_id, feature_key, enabled, limit_value, reset_period, overage) VALUES ($1, $2, $3, $4, $5, $6)`,
        [version.id, feature, e.enabled ?? true, e.limit ?? null, e.resetPeriod ?? null, e.overage ?? 'block'],
      );
    }
    await m.query(`UPDATE plans SET current_version_id = $1 WHERE id = $2`, [version.id, plan.id]);
  });
  return key;
}

/** Ends the organization's current subscription and starts `planKey` (current version) for the given period. */
export async function putOnPlan(
  app: TestApp,
  organizationId: string,
  planKey: string,
  period: { start?: Date; end?: Date; status?: string } = {},
): Promise<void> {
  const now = app.clock.now();
  const start = period.start ?? now;
  const end = period.end ?? new Date(start.getTime() + 30 * 86_400_000);
  await app.dataSource.transaction(async (m) => {
    await m.query(`UPDATE subscriptions SET status = 'expired', ended_at = $2 WHERE organization_id = $1 AND status NOT IN ('canceled', 'expired')`, [
      organizationId,
      now,
    ]);
    await m.query(
      `INSERT INTO subscriptions (organization_id, plan_id, plan_version_id, status, billing_interval, current_period_start, current_period_end, billing_anchor_day)
       SELECT $1, p.id, p.current_version_id, $3, 'month', $4, $5, extract(day FROM $4::timestamptz AT TIME ZONE 'UTC')::int FROM plans p WHERE p.key = $2`,
      [organizationId, planKey, period.status ?? 'active', start, end],
    );
  });
}

/** A signed-in platform admin's cookie. */
export async function platformAdminCookie(app: TestApp, email = 'usage-admin@example.test'): Promise<string> {
  return (await signInPlatformAdmin(app, email)).cookie;
}

/** Counters and events of one organization and feature, to check that the counter is the sum of its events. */
export async function usageTotals(app: TestApp, organizationId: string, featureKey: string): Promise<{ counted: number; recorded: number; events: number }> {
  const [row] = await app.dataSource.query(
    `SELECT (SELECT COALESCE(sum(used), 0) FROM usage_counters WHERE organization_id = $1 AND feature_key = $2) AS counted,
            (SELECT COALESCE(sum(quantity), 0) FROM usage_events WHERE organization_id = $1 AND feature_key = $2) AS recorded,
            (SELECT count(*) FROM usage_events WHERE organization_id = $1 AND feature_key = $2) AS events`,
    [organizationId, featureKey],
  );
  return { counted: Number(row.counted), recorded: Number(row.recorded), events: Number(row.events) };
}
