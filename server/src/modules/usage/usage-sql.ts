/**
 * The statements that write usage. Each records events and moves their counters in ONE statement, so the
 * counter is always the sum of its events and a counter row lock is held for one statement only.
 */

/** Where usage_events keeps the answer given the first time (see RecordedFacts), written with each event. */
const ANSWER_COLUMNS = 'answer_used, answer_limit, answer_resets_at, answer_overage';

/** An earlier use of a key as replays read it (`ev` is the usage_events alias; see storedAnswerOf). */
export const storedAnswerColumns = (ev: string) =>
  `${ev}.request_hash AS stored_hash, ${ev}.feature_key AS stored_feature_key, ${ev}.answer_used AS stored_used, ` +
  `${ev}.answer_limit AS stored_limit, ${ev}.answer_resets_at AS stored_resets_at, ${ev}.answer_overage AS stored_overage`;

/**
 * One event. The counter moves only when `$5` (an enforced limit, null when none applies) still holds after
 * the quantity: a single conditional upsert, so concurrent callers queue on the counter row and the last unit
 * goes to exactly one of them. No row back: refused, nothing written. `recorded = false`: a concurrent request
 * took the idempotency key first, and the caller rolls back (the counter with it) and replays.
 *
 * $1 org, $2 feature, $3 window start, $4 quantity, $5 enforced limit, $6 limit, $7 bills overage, $8 now,
 * $9 idempotency key, $10 request hash, $11 metadata, $12 window end.
 */
export const RECORD_ONE_SQL = `
  WITH bump AS (
    INSERT INTO usage_counters AS c (organization_id, feature_key, window_start, used)
    SELECT $1::uuid, $2::text, $3::timestamptz, $4::bigint
    WHERE $5::bigint IS NULL OR $4::bigint <= $5::bigint
    ON CONFLICT (organization_id, feature_key, window_start) DO UPDATE SET used = c.used + EXCLUDED.used
    WHERE $5::bigint IS NULL OR c.used + EXCLUDED.used <= $5::bigint
    RETURNING c.used
  ),
  event AS (
    INSERT INTO usage_events (organization_id, feature_key, quantity, overage_quantity, occurred_at, window_start,
                              idempotency_key, request_hash, metadata, ${ANSWER_COLUMNS}, created_at)
    SELECT $1::uuid, $2::text, $4::bigint,
           CASE WHEN $7::boolean AND $6::bigint IS NOT NULL THEN LEAST($4::bigint, GREATEST(bump.used - $6::bigint, 0)) ELSE 0 END,
           $8::timestamptz, $3::timestamptz, $9::text, $10::text, $11::jsonb,
           bump.used, $6::bigint, $12::timestamptz, $7::boolean,
           $8::timestamptz
    FROM bump
    ON CONFLICT (organization_id, idempotency_key) DO NOTHING
    RETURNING 1
  )
  SELECT bump.used, EXISTS (SELECT 1 FROM event) AS recorded FROM bump`;

/** After a refusal: the count now (the row is locked by then, so this is current) and whether the key was taken meanwhile. */
export const CURRENT_STATE_SQL = `
  SELECT (SELECT used FROM usage_counters WHERE organization_id = $1::uuid AND feature_key = $2::text AND window_start = $3::timestamptz) AS used,
         ${storedAnswerColumns('ev')}
  FROM (SELECT 1) one
  LEFT JOIN usage_events ev ON ev.organization_id = $1 AND ev.idempotency_key = $4::text`;

/**
 * Earlier uses of keys, one primary-key probe per key: $1 organization, $2 keys (distinct). The LIMIT keeps the
 * subquery from being merged into a join, so no statistics can turn it into a scan of the organization's events:
 * `idempotency_key = ANY($2)` did become one (a bitmap scan filtering every event of an organization that had grown
 * since its statistics were taken: 23 ms for 1,000 keys over 22,901 events). db/idempotency-key-probes.int-spec.ts
 * holds these lookups to one probe per key.
 */
export const EXISTING_KEYS_SQL = `
  SELECT w.idempotency_key, found.* FROM unnest($2::text[]) AS w(idempotency_key)
  CROSS JOIN LATERAL (
    SELECT ${storedAnswerColumns('ev')} FROM usage_events ev
    WHERE ev.organization_id = $1 AND ev.idempotency_key = w.idempotency_key
    LIMIT 1
  ) found`;

/**
 * A batch of events that passed every rule: windows per event (from its occurredAt), one upsert per
 * (feature, window), then every event with the count as it stood after that event (batch order), so each
 * event's answer and overage are what single calls in that order would have given. Counters and then keys are
 * taken in sorted order, so concurrent batches wait for each other instead of deadlocking. The keys were read
 * just before and are new, so the events are a plain INSERT (ON CONFLICT's speculative insertion cost about a
 * third of this statement): a key taken meanwhile by a concurrent request violates the unique index, and the
 * caller rolls back and reads again.
 *
 * $1 org. Per event: $2 positions, $3 payload (1-based, into the payload arrays), $4 keys, $5 occurred at (null: now;
 * the whole array null when no event has one). Per distinct payload — what the request hash covers, so events of one
 * kind share one: $6 features, $7 quantities, $8 hashes, $9 metadata. Per feature: $10 features, $11 reset periods,
 * $12 limits, $13 bills overage. $14 subscription period start, $15 its end, $16 now.
 */
export const RECORD_BATCH_SQL = `
  WITH terms AS (
    SELECT * FROM unnest($10::text[], $11::text[], $12::bigint[], $13::boolean[]) AS f(feature_key, reset_period, limit_value, overage)
  ),
  payloads AS (
    SELECT * FROM unnest($6::text[], $7::bigint[], $8::text[], $9::jsonb[]) WITH ORDINALITY
      AS p(feature_key, quantity, request_hash, metadata, payload)
  ),
  events AS (
    SELECT e.position, p.feature_key, p.quantity, e.idempotency_key, p.request_hash, p.metadata,
           COALESCE(e.occurred_at, $16::timestamptz) AS occurred_at, f.reset_period, f.limit_value, f.overage
    FROM unnest($2::int[], $3::int[], $4::text[], $5::timestamptz[]) AS e(position, payload, idempotency_key, occurred_at)
    JOIN payloads p ON p.payload = e.payload
    JOIN terms f ON f.feature_key = p.feature_key
  ),
  input AS (
    SELECT t.*, w.window_start, w.window_end
    FROM events t
    CROSS JOIN LATERAL tollgate_usage_window(t.reset_period, t.occurred_at, $14::timestamptz, $15::timestamptz) w
  ),
  bump AS (
    INSERT INTO usage_counters AS c (organization_id, feature_key, window_start, used)
    SELECT $1::uuid, feature_key, window_start, sum(quantity) FROM input
    GROUP BY feature_key, window_start
    ORDER BY feature_key, window_start
    ON CONFLICT (organization_id, feature_key, window_start) DO UPDATE SET used = c.used + EXCLUDED.used
    RETURNING c.feature_key, c.window_start, c.used
  ),
  running AS (
    SELECT i.*, b.used - sum(i.quantity) OVER later + i.quantity AS used_after
    FROM input i
    JOIN bump b ON b.feature_key = i.feature_key AND b.window_start = i.window_start
    WINDOW later AS (PARTITION BY i.feature_key, i.window_start ORDER BY i.position DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ),
  event AS (
    INSERT INTO usage_events (organization_id, feature_key, quantity, overage_quantity, occurred_at, window_start,
                              idempotency_key, request_hash, metadata, ${ANSWER_COLUMNS}, created_at)
    SELECT $1::uuid, feature_key, quantity,
           CASE WHEN overage AND limit_value IS NOT NULL THEN LEAST(quantity, GREATEST(used_after - limit_value, 0)) ELSE 0 END,
           occurred_at, window_start, idempotency_key, request_hash, metadata,
           used_after, limit_value, window_end, overage,
           $16::timestamptz
    FROM running
    ORDER BY idempotency_key
  )
  SELECT r.position, r.feature_key, r.used_after, r.limit_value, (extract(epoch FROM r.window_end) * 1000)::float8 AS window_end_ms, r.overage
  FROM running r
  ORDER BY r.position`;

/** Usage per feature and UTC day; [from, to). */
export const USAGE_SUMMARY_SQL = `
  SELECT feature_key, to_char(date_trunc('day', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
         sum(quantity) AS quantity, sum(overage_quantity) AS overage_quantity
  FROM usage_events
  WHERE organization_id = $1 AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz
  GROUP BY feature_key, date_trunc('day', occurred_at AT TIME ZONE 'UTC')
  ORDER BY feature_key, date_trunc('day', occurred_at AT TIME ZONE 'UTC')`;

/**
 * A metering group's earlier uses of its keys: $1 organizations, $2 keys (distinct pairs), one primary-key probe
 * per pair (see EXISTING_KEYS_SQL for why a LATERAL … LIMIT 1 and not `= ANY`).
 */
export const GROUP_EXISTING_KEYS_SQL = `
  SELECT w.organization_id, w.idempotency_key, found.* FROM unnest($1::uuid[], $2::text[]) AS w(organization_id, idempotency_key)
  CROSS JOIN LATERAL (
    SELECT ${storedAnswerColumns('ev')} FROM usage_events ev
    WHERE ev.organization_id = w.organization_id AND ev.idempotency_key = w.idempotency_key
    LIMIT 1
  ) found`;

/**
 * A group's recorded events (answers decided by the service against the locked counts) and the counters moved
 * by their sums, in one statement. A key taken meanwhile violates the unique index and fails the whole group,
 * which then runs call by call.
 *
 * $1 now; $2–$13 per event: organization, feature, quantity, overage quantity, window start, key, hash, metadata,
 * and the answer (used, limit, resets at, bills overage); $14–$17 per counter: organization, feature, window start, delta.
 */
export const RECORD_GROUP_SQL = `
  WITH event AS (
    INSERT INTO usage_events (organization_id, feature_key, quantity, overage_quantity, occurred_at, window_start,
                              idempotency_key, request_hash, metadata, ${ANSWER_COLUMNS}, created_at)
    SELECT t.organization_id, t.feature_key, t.quantity, t.overage_quantity, $1::timestamptz, t.window_start,
           t.idempotency_key, t.request_hash, t.metadata::jsonb, t.answer_used, t.answer_limit, t.answer_resets_at, t.answer_overage, $1::timestamptz
    FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::timestamptz[], $7::text[], $8::text[], $9::text[],
                $10::bigint[], $11::bigint[], $12::timestamptz[], $13::boolean[])
      AS t(organization_id, feature_key, quantity, overage_quantity, window_start, idempotency_key, request_hash, metadata,
           answer_used, answer_limit, answer_resets_at, answer_overage)
  )
  UPDATE usage_counters c SET used = c.used + d.delta
  FROM unnest($14::uuid[], $15::text[], $16::timestamptz[], $17::bigint[]) AS d(organization_id, feature_key, window_start, delta)
  WHERE c.organization_id = d.organization_id AND c.feature_key = d.feature_key AND c.window_start = d.window_start`;
