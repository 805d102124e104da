-- checkAndTrackUsage, one call: the statements UsageService.checkAndTrack sends (server/src/modules/usage), one for
-- one and in order, as a run captures them from the real services. `fp=` names the fingerprint of the gateway
-- statement each one mirrors (bench/statement-capture.cjs): a run warns when the server's statements change.
--
-- Variables: :org the organization (-D for the hot one; bench/pgbench.cjs swaps in a per-transaction lookup for
-- the 1,000-organization run), :now the time (fixed for the run), :ws/:we the current UTC month (api_calls resets
-- monthly), :limit the bench plan's block limit (enforced, as for a customer), :hash the request hash of
-- {api_calls, 1, {}}, :key a fresh idempotency key per transaction.
-- Left out on purpose: the API-key authentication the gateway does per request (ApiKeyService.authenticate,
-- answered from its cache) and the hourly request limit (cached per organization): gateway cost, not the operation's.
\set key random(1, 9223372036854775806)
\set qty 1

-- fp=31af9d39b4  Database.inTenant -> TypeORM DataSource.transaction (server/src/db/database.ts)
START TRANSACTION;

-- fp=ee13cf3ec9  Database.inTenant: the tenant role and the organization setting in one round trip
SELECT set_config('role', 'tollgate_tenant', true), set_config('app.current_org', :org, true);

-- fp=28d13cceca  readFeatureContext, FEATURE_CONTEXT_SQL (usage/entitlement-context.ts): $1 org, $2 feature, $3 now, $4 key
WITH
  terms AS (
    SELECT plan_version_id, period_start, period_end FROM (
      SELECT s.plan_version_id, s.current_period_start AS period_start, s.current_period_end AS period_end, 0 AS preference
      FROM subscriptions s
      WHERE s.organization_id = :org AND s.status IN ('trialing', 'active', 'past_due')
      UNION ALL
      SELECT p.current_version_id, NULL, NULL, 1 FROM plans p WHERE p.key = 'free'
    ) candidates
    ORDER BY preference
    LIMIT 1
  )
  SELECT f.kind, e.id IS NOT NULL AS entitled, e.limit_value, e.overage, w.window_start, w.window_end,
         COALESCE(c.used, 0) AS used, ev.request_hash AS stored_hash, ev.feature_key AS stored_feature_key, ev.answer_used AS stored_used,
         ev.answer_limit AS stored_limit, ev.answer_resets_at AS stored_resets_at, ev.answer_overage AS stored_overage
  FROM features f
  LEFT JOIN terms t ON true
  LEFT JOIN plan_entitlements e ON e.plan_version_id = t.plan_version_id AND e.feature_key = f.key AND e.enabled
  LEFT JOIN LATERAL tollgate_usage_window(COALESCE(e.reset_period, 'never'), :now::timestamptz, t.period_start, t.period_end) w
    ON e.id IS NOT NULL AND f.kind = 'metered'
  LEFT JOIN usage_counters c ON c.organization_id = :org AND c.feature_key = f.key AND c.window_start = w.window_start
  LEFT JOIN usage_events ev ON ev.organization_id = :org AND ev.idempotency_key = :key::text
  WHERE f.key = :feature::text;

-- fp=e6bcc89d21  UsageService.recordOnce, RECORD_ONE_SQL (usage/usage-sql.ts): $1 org, $2 feature, $3 window start,
-- $4 quantity, $5 enforced limit, $6 limit, $7 bills overage, $8 now, $9 key, $10 hash, $11 metadata, $12 window end
WITH bump AS (
    INSERT INTO usage_counters AS c (organization_id, feature_key, window_start, used)
    SELECT :org::uuid, :feature::text, :ws::timestamptz, :qty::bigint
    WHERE :limit::bigint IS NULL OR :qty::bigint <= :limit::bigint
    ON CONFLICT (organization_id, feature_key, window_start) DO UPDATE SET used = c.used + EXCLUDED.used
    WHERE :limit::bigint IS NULL OR c.used + EXCLUDED.used <= :limit::bigint
    RETURNING c.used
  ),
  event AS (
    INSERT INTO usage_events (organization_id, feature_key, quantity, overage_quantity, occurred_at, window_start,
                              idempotency_key, request_hash, metadata, answer_used, answer_limit, answer_resets_at, answer_overage, created_at)
    SELECT :org::uuid, :feature::text, :qty::bigint,
           CASE WHEN :overage::boolean AND :limit::bigint IS NOT NULL THEN LEAST(:qty::bigint, GREATEST(bump.used - :limit::bigint, 0)) ELSE 0 END,
           :now::timestamptz, :ws::timestamptz, :key::text, :hash::text, :metadata::jsonb,
           bump.used, :limit::bigint, :we::timestamptz, :overage::boolean,
           :now::timestamptz
    FROM bump
    ON CONFLICT (organization_id, idempotency_key) DO NOTHING
    RETURNING 1
  )
  SELECT bump.used, EXISTS (SELECT 1 FROM event) AS recorded FROM bump;

-- fp=17e4d77388  TypeORM DataSource.transaction
COMMIT;
