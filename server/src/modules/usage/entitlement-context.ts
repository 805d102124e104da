import type { EntityManager } from 'typeorm';
import { FeatureKind, OverageBehavior, ResetPeriod } from '../catalog/catalog.enums';
import { FREE_PLAN_KEY } from '../catalog/catalog-rules';
import { grantsPlanAccess } from '../subscriptions/subscription-state';
import { SubscriptionStatus } from '../subscriptions/subscription-status';
import { type RecordedFacts, answerFromRecorded, type EntitlementAnswer } from './usage-answer';
import { queryPrepared } from '../../db/prepared-statements';
import { storedAnswerColumns } from './usage-sql';

/**
 * What an organization's plan grants, read straight from the catalog and the subscription in one statement
 * (this is on every check's path). The plan is the current subscription's version when its status grants access
 * (see grantsPlanAccess), otherwise the free plan's current version; windows come from tollgate_usage_window.
 * Parameter $1 is always the organization id.
 */
const GRANTING_STATUSES = Object.values(SubscriptionStatus)
  .filter(grantsPlanAccess)
  .map((status) => `'${status}'`)
  .join(', ');

/** The plan version and period that apply to the organization `organization` (an SQL expression). */
const termsOf = (organization: string) => `
    SELECT plan_version_id, period_start, period_end FROM (
      SELECT s.plan_version_id, s.current_period_start AS period_start, s.current_period_end AS period_end, 0 AS preference
      FROM subscriptions s
      WHERE s.organization_id = ${organization} AND s.status IN (${GRANTING_STATUSES})
      UNION ALL
      SELECT p.current_version_id, NULL, NULL, 1 FROM plans p WHERE p.key = '${FREE_PLAN_KEY}'
    ) candidates
    ORDER BY preference
    LIMIT 1`;

const TERMS = `
  terms AS (${termsOf('$1')}
  )`;

/** $2 feature key, $3 now, $4 idempotency key (null for a plain check). */
export const FEATURE_CONTEXT_SQL = `
  WITH ${TERMS}
  SELECT f.kind, e.id IS NOT NULL AS entitled, e.limit_value, e.overage, w.window_start, w.window_end,
         COALESCE(c.used, 0) AS used, ${storedAnswerColumns('ev')}
  FROM features f
  LEFT JOIN terms t ON true
  LEFT JOIN plan_entitlements e ON e.plan_version_id = t.plan_version_id AND e.feature_key = f.key AND e.enabled
  LEFT JOIN LATERAL tollgate_usage_window(COALESCE(e.reset_period, 'never'), $3::timestamptz, t.period_start, t.period_end) w
    ON e.id IS NOT NULL AND f.kind = 'metered'
  LEFT JOIN usage_counters c ON c.organization_id = $1 AND c.feature_key = f.key AND c.window_start = w.window_start
  LEFT JOIN usage_events ev ON ev.organization_id = $1 AND ev.idempotency_key = $4::text
  WHERE f.key = $2::text`;

/**
 * A metering group's contexts, one row per (organization, feature) asked for: $1 organizations, $2 features (pairs,
 * repeats allowed), $3 now. Unknown features have no row. The same statement locks the counter of every metered
 * window the plans grant (created at zero when new) and returns its count: in sorted order, so concurrent groups
 * and lone calls wait for each other instead of deadlocking, and in the group's first flight, so a group takes
 * its counters without a round trip of its own. Statements after it (earlier uses of the keys) run with them held.
 */
const GROUP_CONTEXTS_SQL = `
  WITH wanted AS (
    SELECT DISTINCT organization_id, feature_key FROM unnest($1::uuid[], $2::text[]) AS w(organization_id, feature_key)
  ),
  terms AS (
    SELECT o.organization_id, t.*
    FROM (SELECT DISTINCT organization_id FROM wanted) o
    CROSS JOIN LATERAL (${termsOf('o.organization_id')}
    ) t
  ),
  contexts AS (
    SELECT w.organization_id, w.feature_key, f.kind, e.id IS NOT NULL AS entitled, e.limit_value, e.overage, win.window_start, win.window_end
    FROM wanted w
    JOIN features f ON f.key = w.feature_key
    LEFT JOIN terms t ON t.organization_id = w.organization_id
    LEFT JOIN plan_entitlements e ON e.plan_version_id = t.plan_version_id AND e.feature_key = f.key AND e.enabled
    LEFT JOIN LATERAL tollgate_usage_window(COALESCE(e.reset_period, 'never'), $3::timestamptz, t.period_start, t.period_end) win
      ON e.id IS NOT NULL AND f.kind = 'metered'
  ),
  locked AS (
    INSERT INTO usage_counters AS c (organization_id, feature_key, window_start, used)
    SELECT organization_id, feature_key, window_start, 0 FROM contexts
    WHERE entitled AND kind = 'metered' AND window_start IS NOT NULL
    ORDER BY organization_id, feature_key, window_start
    ON CONFLICT (organization_id, feature_key, window_start) DO UPDATE SET used = c.used
    RETURNING c.organization_id, c.feature_key, c.window_start, c.used
  )
  SELECT x.*, l.used
  FROM contexts x
  LEFT JOIN locked l ON l.organization_id = x.organization_id AND l.feature_key = x.feature_key AND l.window_start = x.window_start`;

/** $2 feature keys: what a batch needs to place each event in its window (computed per event, in SQL). */
const FEATURES_CONTEXT_SQL = `
  WITH ${TERMS}
  SELECT f.key, f.kind, e.id IS NOT NULL AS entitled, e.limit_value, COALESCE(e.reset_period, 'never') AS reset_period,
         e.overage, t.period_start, t.period_end
  FROM features f
  LEFT JOIN terms t ON true
  LEFT JOIN plan_entitlements e ON e.plan_version_id = t.plan_version_id AND e.feature_key = f.key AND e.enabled
  WHERE f.key = ANY($2::text[])`;

/** $2 now: every entitlement of the plan with the current window's usage (the console's usage bars). */
const PLAN_ENTITLEMENTS_SQL = `
  WITH ${TERMS}
  SELECT p.key AS plan_key, p.name AS plan_name, v.version AS plan_version, v.hourly_request_limit,
         f.key AS feature_key, f.name AS feature_name, f.unit, f.kind, e.enabled, e.limit_value, e.reset_period, e.overage,
         w.window_end, COALESCE(c.used, 0) AS used
  FROM terms t
  JOIN plan_versions v ON v.id = t.plan_version_id
  JOIN plans p ON p.id = v.plan_id
  LEFT JOIN plan_entitlements e ON e.plan_version_id = v.id
  LEFT JOIN features f ON f.key = e.feature_key
  LEFT JOIN LATERAL tollgate_usage_window(COALESCE(e.reset_period, 'never'), $2::timestamptz, t.period_start, t.period_end) w
    ON e.enabled AND f.kind = 'metered'
  LEFT JOIN usage_counters c ON c.organization_id = $1 AND c.feature_key = f.key AND c.window_start = w.window_start
  ORDER BY f.key`;

const REQUEST_LIMIT_SQL = `
  WITH ${TERMS}
  SELECT v.hourly_request_limit FROM terms t JOIN plan_versions v ON v.id = t.plan_version_id`;

/** A stored answer for an idempotency key, with the request it is bound to. */
export interface StoredAnswer {
  requestHash: string;
  answer: EntitlementAnswer;
}

export interface FeatureContext {
  kind: FeatureKind;
  /** The plan grants the feature (metered: with the terms below; boolean: it is on). */
  entitled: boolean;
  limit: number | null;
  overage: boolean;
  windowStart: Date | null;
  windowEnd: Date | null;
  used: number;
  replay: StoredAnswer | null;
}

export interface BatchFeatureContext {
  key: string;
  kind: FeatureKind;
  entitled: boolean;
  limit: number | null;
  resetPeriod: ResetPeriod;
  overage: boolean;
  periodStart: Date | null;
  periodEnd: Date | null;
}

export interface PlanEntitlementRow {
  featureKey: string;
  featureName: string;
  unit: string | null;
  kind: FeatureKind;
  enabled: boolean;
  limit: number | null;
  resetPeriod: ResetPeriod | null;
  overage: OverageBehavior;
  used: number;
  resetsAt: Date | null;
}

export interface PlanEntitlements {
  planKey: string;
  planName: string;
  planVersion: number;
  hourlyRequestLimit: number | null;
  features: PlanEntitlementRow[];
}

const numberOrNull = (value: string | number | null): number | null => (value === null ? null : Number(value));

/** A row read with storedAnswerColumns (all null when the key was not used). */
export interface StoredAnswerRow {
  stored_hash: string | null;
  stored_feature_key: string;
  stored_used: string;
  stored_limit: string | null;
  stored_resets_at: Date | null;
  stored_overage: boolean;
}

export function storedAnswerOf(row: StoredAnswerRow): StoredAnswer | null {
  if (row.stored_hash === null) return null;
  const facts: RecordedFacts = {
    featureKey: row.stored_feature_key,
    used: Number(row.stored_used),
    limit: numberOrNull(row.stored_limit),
    resetsAt: row.stored_resets_at,
    overage: row.stored_overage,
  };
  return { requestHash: row.stored_hash, answer: answerFromRecorded(facts) };
}

/** One statement: the feature, the plan's terms for it, the current window's count and any earlier use of the key. */
export async function readFeatureContext(
  manager: EntityManager,
  organizationId: string,
  featureKey: string,
  now: Date,
  idempotencyKey: string | null,
): Promise<FeatureContext | null> {
  const [row] = await queryPrepared(manager, 'tg_feature_context', FEATURE_CONTEXT_SQL, [organizationId, featureKey, now, idempotencyKey]);
  if (!row) return null;
  return contextOf(row, Number(row.used), storedAnswerOf(row));
}

/** A context row of FEATURE_CONTEXT_SQL or GROUP_CONTEXTS_SQL. */
function contextOf(row: any, used: number, replay: StoredAnswer | null): FeatureContext {
  return {
    kind: row.kind,
    entitled: row.entitled,
    limit: numberOrNull(row.limit_value),
    overage: row.overage === OverageBehavior.OVERAGE,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    used,
    replay,
  };
}

/** Key of a group context: the organization and the feature. */
export const groupContextKey = (organizationId: string, featureKey: string) => `${organizationId}\u0000${featureKey}`;

/**
 * One statement for a whole metering group, which also locks its counters: `used` is the locked count of each
 * metered window granted (0 for anything else). The map has no entry for an unknown feature.
 */
export async function readGroupContextsLockingCounters(
  manager: EntityManager,
  pairs: Array<{ organizationId: string; featureKey: string }>,
  now: Date,
): Promise<Map<string, FeatureContext>> {
  const rows = await queryPrepared(manager, 'tg_usage_group_contexts_locking', GROUP_CONTEXTS_SQL, [
    pairs.map((p) => p.organizationId),
    pairs.map((p) => p.featureKey),
    now,
  ]);
  // Earlier answers are not read here (read per key).
  return new Map(rows.map((row) => [groupContextKey(row.organization_id, row.feature_key), contextOf(row, Number(row.used ?? 0), null)]));
}

export async function readFeatureContexts(manager: EntityManager, organizationId: string, featureKeys: string[]): Promise<Map<string, BatchFeatureContext>> {
  const rows: any[] = await queryPrepared(manager, 'tg_usage_batch_features', FEATURES_CONTEXT_SQL, [organizationId, featureKeys]);
  return new Map(
    rows.map((row) => [
      row.key,
      {
        key: row.key,
        kind: row.kind,
        entitled: row.entitled,
        limit: numberOrNull(row.limit_value),
        resetPeriod: row.reset_period,
        overage: row.overage === OverageBehavior.OVERAGE,
        periodStart: row.period_start,
        periodEnd: row.period_end,
      },
    ]),
  );
}

export async function readPlanEntitlements(manager: EntityManager, organizationId: string, now: Date): Promise<PlanEntitlements | null> {
  const rows: any[] = await manager.query(PLAN_ENTITLEMENTS_SQL, [organizationId, now]);
  if (rows.length === 0) return null;
  const [first] = rows;
  return {
    planKey: first.plan_key,
    planName: first.plan_name,
    planVersion: first.plan_version,
    hourlyRequestLimit: first.hourly_request_limit,
    features: rows
      .filter((row) => row.feature_key !== null)
      .map((row) => ({
        featureKey: row.feature_key,
        featureName: row.feature_name,
        unit: row.unit,
        kind: row.kind,
        enabled: row.enabled,
        limit: numberOrNull(row.limit_value),
        resetPeriod: row.reset_period,
        overage: row.overage,
        used: Number(row.used),
        resetsAt: row.window_end,
      })),
  };
}

/** The plan's client-app requests per hour; null: unlimited (or no plan at all). */
export async function readHourlyRequestLimit(manager: EntityManager, organizationId: string): Promise<number | null> {
  const [row] = await manager.query(REQUEST_LIMIT_SQL, [organizationId]);
  return row?.hourly_request_limit ?? null;
}
