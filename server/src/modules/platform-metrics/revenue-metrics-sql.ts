import { ENDED, PAYING, monthlyPriceSql } from './organization-state-sql';

/**
 * Revenue history, computed in SQL.
 *
 * Source: the audit trail. Every change a service makes to a subscription (started, upgraded, downgraded,
 * renewed, payment failed or succeeded, synced from Stripe, canceled, expired) writes an audit entry in the same
 * transaction whose `after` holds the subscription's status, plan version and billing interval (subscription.service
 * snapshot()). Ordered per subscription, those entries are its history: each state holds from its entry's time to
 * the next entry's, and ends at the row's `ended_at` at the latest. The last state of a subscription that has not
 * ended is what its row says now, so the present always matches the live rows.
 *
 * A subscription is paying while its status is active or past_due on a plan version with a price above 0 for its
 * interval in the requested currency; it then brings that price per month (yearly / 12, rounded). Only the history
 * of subscriptions that were ever on such a price is ordered (free subscriptions renew monthly: most of the trail).
 *
 * Limits:
 * - Prices are the plan version's list prices: Stripe coupons, proration and tax are not seen (invoices hold them).
 * - Times are when Tollgate applied a change (audit time): a Stripe event applied late moves the change late.
 * - A subscription row written without the services (no audit entry at all) counts with its current state from its
 *   first period's start while it has not ended; an ended one is not counted as ever paying.
 * - Two changes of one subscription within the same millisecond have no defined order.
 * - Subscriptions are counted per organization for new and churned: a paying organization that moves to another
 *   paid subscription within a minute (a checkout that replaces the current subscription) neither churns nor is new.
 */
const HISTORY = `
  priced_versions AS (
    SELECT v.id::text AS plan_version_id, 'month' AS billing_interval, v.monthly_price_minor::bigint AS mrr
    FROM plan_versions v WHERE v.currency = $5::text AND v.monthly_price_minor > 0
    UNION ALL
    SELECT v.id::text, 'year', round(v.yearly_price_minor / 12.0)::bigint
    FROM plan_versions v WHERE v.currency = $5::text AND round(v.yearly_price_minor / 12.0) > 0
  ),
  live_paid AS (
    SELECT s.* FROM subscriptions s
    JOIN priced_versions pv ON pv.plan_version_id = s.plan_version_id::text AND pv.billing_interval = s.billing_interval
    WHERE s.ended_at IS NULL
  ),
  -- Only subscriptions that were ever on a paid price have a history worth ordering (most of the trail is free
  -- subscriptions renewing): found by plan version (ix_audit_entries_subscription_version), then each one's entries
  -- read by subscription (ix_audit_entries_subscription_history). The LATERAL ... OFFSET 0 keeps that plan whatever
  -- the estimates: under row-level security the planner may not use statistics for jsonb operators, guesses one
  -- row, and would otherwise compare every audit entry with every subscription.
  ever_paid AS MATERIALIZED (
    SELECT a.target_id AS subscription_id FROM audit_entries a
    WHERE a.target_type = 'subscription' AND (a.after ->> 'planVersionId') IN (SELECT plan_version_id FROM priced_versions)
    UNION
    SELECT id::text FROM live_paid
  ),
  audited AS MATERIALIZED (
    SELECT ep.subscription_id, a.*
    FROM ever_paid ep
    CROSS JOIN LATERAL (
      SELECT a.created_at AS at, a.after ->> 'status' AS status, a.after ->> 'planVersionId' AS plan_version_id,
             a.after ->> 'billingInterval' AS billing_interval
      FROM audit_entries a
      WHERE a.target_type = 'subscription' AND a.target_id = ep.subscription_id
      OFFSET 0
    ) a
  ),
  states AS (
    SELECT * FROM audited WHERE status IS NOT NULL AND plan_version_id IS NOT NULL AND billing_interval IS NOT NULL
    UNION ALL
    SELECT s.id::text, COALESCE((SELECT min(p.period_start) FROM subscription_periods p WHERE p.subscription_id = s.id), s.current_period_start),
           s.status, s.plan_version_id::text, s.billing_interval
    FROM live_paid s
    WHERE NOT EXISTS (SELECT 1 FROM audited au WHERE au.subscription_id = s.id::text)
  ),
  timeline AS (
    SELECT st.*, lead(st.at) OVER (PARTITION BY st.subscription_id ORDER BY st.at) AS next_at
    FROM states st
  ),
  segments AS (
    SELECT s.organization_id, s.id AS subscription_id, t.at AS starts_at,
           LEAST(COALESCE(t.next_at, 'infinity'), COALESCE(s.ended_at, 'infinity')) AS ends_at,
           CASE WHEN t.next_at IS NULL AND s.ended_at IS NULL THEN s.status ELSE t.status END AS status,
           CASE WHEN t.next_at IS NULL AND s.ended_at IS NULL THEN s.plan_version_id::text ELSE t.plan_version_id END AS plan_version_id,
           CASE WHEN t.next_at IS NULL AND s.ended_at IS NULL THEN s.billing_interval ELSE t.billing_interval END AS billing_interval
    FROM timeline t
    JOIN subscriptions s ON s.id::text = t.subscription_id
  ),
  paying AS (
    SELECT g.organization_id, g.subscription_id, g.starts_at, g.ends_at, g.status, pv.mrr
    FROM segments g
    JOIN priced_versions pv USING (plan_version_id, billing_interval)
    WHERE g.ends_at > g.starts_at AND g.status IN (${PAYING})
  )`;

/**
 * One row per bucket of [$1 from, $2 to) by $4 ('day' | 'week' | 'month', UTC), with no gaps; $3 now, $5 currency.
 * mrr and active_subscriptions are the state at measured_at: the bucket's last millisecond, or now for a bucket that
 * has not ended yet (also every bucket after now), and never at or after `to`. new and churned count paying spells of
 * organizations that began or ended in the bucket's part of [from, to), up to now.
 *
 * MRR is a running sum of changes (+price when a paying state starts, -price when it ends) bucketed with date_trunc,
 * so the cost grows with the number of changes plus the number of buckets, not their product.
 */
export const REVENUE_SERIES_SQL = `
  WITH ${HISTORY},
  marked AS (
    SELECT p.*, CASE WHEN p.starts_at <= max(p.ends_at) OVER (PARTITION BY p.organization_id ORDER BY p.starts_at, p.ends_at
                                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + interval '1 minute'
                     THEN 0 ELSE 1 END AS opens
    FROM paying p
  ),
  numbered AS (
    SELECT m.*, sum(m.opens) OVER (PARTITION BY m.organization_id ORDER BY m.starts_at, m.ends_at ROWS UNBOUNDED PRECEDING) AS spell
    FROM marked m
  ),
  spells AS (
    SELECT organization_id, min(starts_at) AS began, max(ends_at) AS ended FROM numbered GROUP BY organization_id, spell
  ),
  buckets AS (
    SELECT b AT TIME ZONE 'UTC' AS period_start, (b + ('1 ' || $4::text)::interval) AT TIME ZONE 'UTC' AS period_end
    FROM generate_series(date_trunc($4::text, $1::timestamptz AT TIME ZONE 'UTC'),
                         ($2::timestamptz AT TIME ZONE 'UTC') - interval '1 millisecond',
                         ('1 ' || $4::text)::interval) b
  ),
  changes AS (
    SELECT starts_at AS at, mrr, 1 AS subscriptions FROM paying
    UNION ALL
    SELECT ends_at, -mrr, -1 FROM paying WHERE ends_at < 'infinity'
  ),
  visible AS (
    SELECT * FROM changes WHERE at <= LEAST($2::timestamptz - interval '1 millisecond', $3::timestamptz)
  ),
  opening AS (
    SELECT COALESCE(sum(mrr), 0) AS mrr, COALESCE(sum(subscriptions), 0) AS subscriptions
    FROM visible WHERE at < (SELECT min(period_start) FROM buckets)
  ),
  bucket_changes AS (
    SELECT date_trunc($4::text, at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS period_start, sum(mrr) AS mrr, sum(subscriptions) AS subscriptions
    FROM visible WHERE at >= (SELECT min(period_start) FROM buckets)
    GROUP BY 1
  ),
  began AS (
    SELECT date_trunc($4::text, began AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS period_start, count(*) AS n
    FROM spells WHERE began >= $1::timestamptz AND began < $2::timestamptz AND began <= $3::timestamptz
    GROUP BY 1
  ),
  churned AS (
    SELECT date_trunc($4::text, ended AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS period_start, count(*) AS n
    FROM spells WHERE ended >= $1::timestamptz AND ended < $2::timestamptz AND ended <= $3::timestamptz
    GROUP BY 1
  )
  SELECT bk.period_start, bk.period_end,
         LEAST(bk.period_end, $2::timestamptz, $3::timestamptz + interval '1 millisecond') - interval '1 millisecond' AS measured_at,
         opening.mrr + sum(COALESCE(c.mrr, 0)) OVER running AS mrr,
         opening.subscriptions + sum(COALESCE(c.subscriptions, 0)) OVER running AS active_subscriptions,
         COALESCE(nb.n, 0) AS new_subscriptions,
         COALESCE(nc.n, 0) AS churned_subscriptions
  FROM buckets bk
  CROSS JOIN opening
  LEFT JOIN bucket_changes c ON c.period_start = bk.period_start
  LEFT JOIN began nb ON nb.period_start = bk.period_start
  LEFT JOIN churned nc ON nc.period_start = bk.period_start
  WINDOW running AS (ORDER BY bk.period_start ROWS UNBOUNDED PRECEDING)
  ORDER BY bk.period_start`;

/**
 * The platform now, from the live rows: $1 currency. Paying subscriptions and their MRR, and trials running.
 */
export const CURRENT_REVENUE_SQL = `
  SELECT COALESCE(sum(price) FILTER (WHERE status IN (${PAYING}) AND price > 0), 0) AS mrr,
         count(*) FILTER (WHERE status IN (${PAYING}) AND price > 0) AS active_subscriptions,
         count(*) FILTER (WHERE status = 'trialing') AS trialing_subscriptions
  FROM (
    SELECT s.status, ${monthlyPriceSql('v', 's.billing_interval')} AS price
    FROM subscriptions s
    JOIN plan_versions v ON v.id = s.plan_version_id
    WHERE s.status NOT IN (${ENDED}) AND v.currency = $1::text
  ) current_subscriptions`;

/**
 * Trials that ended in [$1, $2) and up to $3 now (a trial ends at its trial end, or earlier when the subscription
 * ended first; one still marked trialing has not ended), in currency $4, and how many of them became paying: reached
 * status active on a paid price (audit trail, or the live row). A trial that went straight to past_due has not
 * converted until a payment succeeds.
 */
export const TRIAL_CONVERSION_SQL = `
  WITH trials AS (
    SELECT s.id, s.status, s.plan_version_id, s.billing_interval
    FROM subscriptions s
    JOIN plan_versions v ON v.id = s.plan_version_id
    WHERE s.trial_end IS NOT NULL AND s.status <> 'trialing' AND v.currency = $4::text
      AND LEAST(s.trial_end, COALESCE(s.ended_at, 'infinity')) >= $1::timestamptz
      AND LEAST(s.trial_end, COALESCE(s.ended_at, 'infinity')) < $2::timestamptz
      AND LEAST(s.trial_end, COALESCE(s.ended_at, 'infinity')) <= $3::timestamptz
  )
  SELECT count(*) AS ended,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM audit_entries a
           JOIN plan_versions v ON v.id::text = a.after ->> 'planVersionId'
           WHERE a.target_type = 'subscription' AND a.target_id = t.id::text AND a.after ->> 'status' = 'active'
             AND ${monthlyPriceSql('v', "a.after ->> 'billingInterval'")} > 0
         ) OR EXISTS (
           SELECT 1 FROM plan_versions v WHERE v.id = t.plan_version_id AND t.status = 'active' AND ${monthlyPriceSql('v', 't.billing_interval')} > 0
         )) AS converted
  FROM trials t`;

/**
 * Invoices Stripe created in [$1, $2), in currency $3, with something to pay: paid ones, and failed ones
 * (uncollectible, or still open after Stripe reported a failed payment attempt: an invoice.payment_failed event).
 * Open invoices without a failed attempt are still being collected and count as neither.
 */
export const PAYMENT_OUTCOMES_SQL = `
  SELECT count(*) FILTER (WHERE i.status = 'paid') AS paid,
         count(*) FILTER (WHERE i.status = 'uncollectible' OR (i.status = 'open' AND EXISTS (
           SELECT 1 FROM stripe_events e
           WHERE e.type = 'invoice.payment_failed' AND (e.payload #>> '{data,object,id}') = i.stripe_invoice_id
         ))) AS failed
  FROM invoices i
  WHERE i.stripe_created_at >= $1::timestamptz AND i.stripe_created_at < $2::timestamptz
    AND i.currency = $3::text AND i.amount_due_minor > 0`;

/** Credits consumed in [$1, $2) per credit event, largest first (the ledger's consumption rows). */
export const CREDIT_CONSUMPTION_SQL = `
  SELECT t.event_key, COALESCE(e.name, t.event_key) AS event_name,
         sum(-(t.purchased_delta::bigint + t.subscription_delta)) AS credits, count(*) AS transactions
  FROM credit_transactions t
  LEFT JOIN credit_events e ON e.key = t.event_key
  WHERE t.kind = 'consumption' AND t.created_at >= $1::timestamptz AND t.created_at < $2::timestamptz
  GROUP BY t.event_key, e.name
  ORDER BY credits DESC, t.event_key`;
