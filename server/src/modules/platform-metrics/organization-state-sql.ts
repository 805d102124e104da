import { FREE_PLAN_KEY } from '../catalog/catalog-rules';
import { ENDED_STATUSES, grantsPlanAccess } from '../subscriptions/subscription-state';
import { SubscriptionStatus } from '../subscriptions/subscription-status';
import { OrganizationOverviewSortField as Field, type OrganizationOverviewSortInput, SortDirection } from './platform-metrics.input';
import { DEFAULT_LOW_BALANCE_THRESHOLD } from './platform-metrics-rules';

/**
 * Per-organization state for the platform-admin views, computed in SQL for many organizations at once: the current
 * subscription and the MRR it brings, credit balance, members, and usage against limits. Every fragment reads one
 * organization `o` through indexed lookups (the current-subscription unique index, credit_balances' key, the
 * usage_counters key, memberships by organization), so a page costs a few lookups per organization.
 */

const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** Statuses that bring revenue: a subscription whose payment failed is still billed until Stripe gives up (unpaid). */
export const PAYING_STATUSES: readonly SubscriptionStatus[] = [SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE];
export const PAYING = sqlList(PAYING_STATUSES);
export const ENDED = sqlList(ENDED_STATUSES);
const GRANTING = sqlList(Object.values(SubscriptionStatus).filter(grantsPlanAccess));

/** A plan version's price per month for an interval in minor units: a yearly price is divided by 12 and rounded. Null: custom price. */
export const monthlyPriceSql = (version: string, interval: string) =>
  `(CASE ${interval} WHEN 'year' THEN round(${version}.yearly_price_minor / 12.0) ELSE ${version}.monthly_price_minor END)::bigint`;

/**
 * `cur`: the organization's current subscription with its plan; `cur.mrr` is its monthly-normalised price when it
 * is paying (active or past due), 0 for free, trialing, incomplete, unpaid and custom-priced (null) subscriptions.
 */
const CURRENT_SUBSCRIPTION = `
  LEFT JOIN LATERAL (
    SELECT s.status, s.billing_interval, s.plan_version_id, s.current_period_start, s.current_period_end,
           p.key AS plan_key, p.name AS plan_name, v.currency,
           CASE WHEN s.status IN (${PAYING}) THEN GREATEST(COALESCE(${monthlyPriceSql('v', 's.billing_interval')}, 0), 0) ELSE 0 END AS mrr
    FROM subscriptions s
    JOIN plan_versions v ON v.id = s.plan_version_id
    JOIN plans p ON p.id = v.plan_id
    WHERE s.organization_id = o.id AND s.status NOT IN (${ENDED})
    LIMIT 1
  ) cur ON true`;

/**
 * `terms`: the plan version whose entitlements apply and its period, by the rule of usage/entitlement-context.ts:
 * the current subscription when its status grants access, otherwise the free plan's current version (calendar-month
 * billing windows).
 */
const EFFECTIVE_TERMS = `
  CROSS JOIN LATERAL (
    SELECT CASE WHEN cur.status IN (${GRANTING}) THEN cur.plan_version_id
                ELSE (SELECT fp.current_version_id FROM plans fp WHERE fp.key = '${FREE_PLAN_KEY}') END AS version_id,
           CASE WHEN cur.status IN (${GRANTING}) THEN cur.current_period_start END AS period_start,
           CASE WHEN cur.status IN (${GRANTING}) THEN cur.current_period_end END AS period_end
  ) terms`;

/**
 * One row per metered, enabled entitlement with a positive limit: the current window's count and its share of the
 * limit in percent (numeric: past 100 when overage is allowed). A limit of 0 is excluded: nothing approaches it.
 */
const usageRows = (now: string) => `
  SELECT e.feature_key, f.name AS feature_name, COALESCE(c.used, 0) AS used, e.limit_value, w.window_end AS resets_at,
         100.0 * COALESCE(c.used, 0) / e.limit_value AS percent
  FROM plan_entitlements e
  JOIN features f ON f.key = e.feature_key AND f.kind = 'metered'
  CROSS JOIN LATERAL tollgate_usage_window(COALESCE(e.reset_period, 'never'), ${now}, terms.period_start, terms.period_end) w
  LEFT JOIN usage_counters c ON c.organization_id = o.id AND c.feature_key = e.feature_key AND c.window_start = w.window_start
  WHERE e.plan_version_id = terms.version_id AND e.enabled AND e.limit_value > 0`;

/** What an organization can spend at `now`: a subscription grant past its expiry counts as 0 (credits/credit-history.ts balanceView). */
const creditBalanceSql = (now: string) =>
  `(COALESCE(b.purchased, 0) + CASE WHEN b.subscription_expires_at <= ${now} THEN 0 ELSE COALESCE(b.subscription, 0) END)`;

const SEARCH = `($1::text IS NULL OR o.name ILIKE $1 OR o.slug ILIKE $1)`;

const USAGE_SUMMARY = `
  LEFT JOIN LATERAL (
    SELECT max(u.percent) AS highest, count(*) FILTER (WHERE u.percent >= $4) AS near FROM (${usageRows('$2::timestamptz')}) u
  ) usage ON true`;
const CREDIT_BALANCE = `LEFT JOIN credit_balances b ON b.organization_id = o.id`;

/** Each sort key and the per-organization joins it needs: the page is cut before the rest is computed. */
const SORT_KEYS: Record<Field, { sql: string; type: string; joins: string }> = {
  [Field.NAME]: { sql: 'lower(o.name)', type: 'text', joins: '' },
  [Field.CREATED_AT]: { sql: 'o.created_at', type: 'timestamptz', joins: '' },
  [Field.MRR]: { sql: 'COALESCE(cur.mrr, 0)', type: 'bigint', joins: CURRENT_SUBSCRIPTION },
  [Field.CREDIT_BALANCE]: { sql: creditBalanceSql('$2::timestamptz'), type: 'bigint', joins: CREDIT_BALANCE },
  // No limited metered feature (null) sorts below every percentage.
  [Field.USAGE]: { sql: 'COALESCE(usage.highest, -1)', type: 'numeric', joins: `${CURRENT_SUBSCRIPTION} ${EFFECTIVE_TERMS} ${USAGE_SUMMARY}` },
};

/**
 * One page of the admin organization list. $1 search pattern (ILIKE, null: all), $2 now, $3 rows to return
 * (page size + 1), $4 the near-limit percentage, $5 and $6 the cursor's sort value and id (with a cursor only).
 * Keyset pagination on (sort key, id) in the requested direction: stable under every sort, at any depth. Only the
 * sort key is computed for every matching organization; the rest only for the page.
 */
export function organizationOverviewSql(sort: OrganizationOverviewSortInput, withCursor: boolean): string {
  const key = SORT_KEYS[sort.field];
  const direction = sort.direction === SortDirection.ASC ? 'ASC' : 'DESC';
  const keyset = withCursor ? `AND (${key.sql}, o.id) ${direction === 'ASC' ? '>' : '<'} ($5::text::${key.type}, $6::uuid)` : '';
  // The cursor keeps timestamps as ISO-8601 text, which both PostgreSQL and Date.parse read.
  const sortValue = key.type === 'timestamptz' ? `to_json(${key.sql}) #>> '{}'` : `(${key.sql})::text`;
  return `
    WITH page AS (
      SELECT o.id, ${key.sql} AS sort_key, ${sortValue} AS sort_value
      FROM organizations o
      ${key.joins}
      WHERE ${SEARCH} ${keyset}
      ORDER BY ${key.sql} ${direction}, o.id ${direction}
      LIMIT $3
    )
    SELECT o.id, o.name, o.slug, o.created_at, cur.plan_key, cur.plan_name, cur.status AS subscription_status, cur.billing_interval,
           COALESCE(cur.mrr, 0) AS mrr, COALESCE(cur.currency, 'usd') AS currency,
           ${creditBalanceSql('$2::timestamptz')} AS credit_balance,
           usage.highest AS highest_usage_percent, COALESCE(usage.near, 0) AS near_limit_features,
           (SELECT count(*) FROM memberships m WHERE m.organization_id = o.id) AS member_count,
           page.sort_value
    FROM page
    JOIN organizations o ON o.id = page.id
    ${CURRENT_SUBSCRIPTION}
    ${EFFECTIVE_TERMS}
    ${USAGE_SUMMARY}
    ${CREDIT_BALANCE}
    ORDER BY page.sort_key ${direction}, page.id ${direction}`;
}

export const ORGANIZATION_COUNT_SQL = `SELECT count(*)::int AS total FROM organizations o WHERE ${SEARCH}`;

/**
 * Every organization's metered features at or above $3 percent of their limit in the current window, highest
 * first; $1 now, $2 rows. `total` counts all of them before the cut.
 */
export const NEAR_LIMITS_SQL = `
  SELECT o.id, o.name, o.slug, o.created_at, u.feature_key, u.feature_name, u.used, u.limit_value, u.percent, u.resets_at,
         count(*) OVER () AS total
  FROM organizations o
  ${CURRENT_SUBSCRIPTION}
  ${EFFECTIVE_TERMS}
  CROSS JOIN LATERAL (${usageRows('$1::timestamptz')}) u
  WHERE u.percent >= $3
  ORDER BY u.percent DESC, lower(o.name), o.id, u.feature_key
  LIMIT $2`;

/**
 * Organizations whose spendable balance is below their own low-balance threshold (no balance row: 0 against the
 * default threshold), lowest balance first; $1 now, $2 rows.
 */
export const LOW_ON_CREDITS_SQL = `
  SELECT *, count(*) OVER () AS total FROM (
    SELECT o.id, o.name, o.slug, o.created_at, ${creditBalanceSql('$1::timestamptz')} AS balance,
           COALESCE(b.low_balance_threshold, ${DEFAULT_LOW_BALANCE_THRESHOLD}) AS threshold
    FROM organizations o
    LEFT JOIN credit_balances b ON b.organization_id = o.id
  ) balances
  WHERE balance < threshold
  ORDER BY balance, lower(name), id
  LIMIT $2`;
