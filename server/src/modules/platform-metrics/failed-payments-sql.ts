const PAYMENT_FAILED = `'past_due', 'unpaid'`;

/**
 * Payments that need a platform admin's attention, most recent first; $1 rows. `total` counts all of them.
 *
 * - A current subscription that is past_due or unpaid, since the audited change that made it so (else its last Stripe
 *   observation). Its amount is its latest open invoice's remaining amount when Stripe sent one, else its plan's price
 *   for one interval (custom price: 0).
 * - An invoice Stripe marked uncollectible, or one still open after Stripe reported a failed payment attempt (an
 *   invoice.payment_failed event in stripe_events), since the first failed attempt (else since Stripe last updated
 *   it). An invoice already shown with its past-due subscription is not listed twice.
 *
 * Open invoices without a failed attempt are still being collected and are not listed.
 */
export const FAILED_PAYMENTS_SQL = `
  WITH stuck AS (
    SELECT s.id, s.organization_id, s.status, s.stripe_subscription_id, p.key AS plan_key, v.currency,
           CASE s.billing_interval WHEN 'year' THEN v.yearly_price_minor ELSE v.monthly_price_minor END AS price,
           COALESCE((
             SELECT max(a.created_at) FROM audit_entries a
             WHERE a.target_type = 'subscription' AND a.target_id = s.id::text AND a.after ->> 'status' IN (${PAYMENT_FAILED})
               AND (a.before ->> 'status') IS DISTINCT FROM 'past_due' AND (a.before ->> 'status') IS DISTINCT FROM 'unpaid'
           ), s.stripe_observed_at, s.updated_at) AS since
    FROM subscriptions s
    JOIN plan_versions v ON v.id = s.plan_version_id
    JOIN plans p ON p.id = v.plan_id
    WHERE s.status IN (${PAYMENT_FAILED})
  ),
  stuck_with_invoice AS (
    SELECT st.*, inv.id AS invoice_id, inv.stripe_invoice_id, inv.number, inv.hosted_invoice_url, inv.amount_remaining_minor,
           inv.currency AS invoice_currency
    FROM stuck st
    LEFT JOIN LATERAL (
      SELECT i.* FROM invoices i
      WHERE i.organization_id = st.organization_id AND i.stripe_subscription_id = st.stripe_subscription_id AND i.status = 'open'
      ORDER BY i.stripe_created_at DESC, i.id DESC
      LIMIT 1
    ) inv ON true
  ),
  unsettled AS (
    SELECT i.*, (
      SELECT min(e.created) FROM stripe_events e
      WHERE e.type = 'invoice.payment_failed' AND (e.payload #>> '{data,object,id}') = i.stripe_invoice_id
    ) AS first_failed_at
    FROM invoices i
    WHERE i.status IN ('open', 'uncollectible')
  ),
  problems AS (
    SELECT CASE status WHEN 'unpaid' THEN 'subscription_unpaid' ELSE 'subscription_past_due' END AS kind, organization_id,
           COALESCE(amount_remaining_minor, price, 0) AS amount_minor, COALESCE(invoice_currency, currency) AS currency, since,
           status AS subscription_status, plan_key, stripe_invoice_id, number AS invoice_number, hosted_invoice_url
    FROM stuck_with_invoice
    UNION ALL
    SELECT CASE u.status WHEN 'uncollectible' THEN 'invoice_uncollectible' ELSE 'invoice_payment_failed' END, u.organization_id,
           u.amount_remaining_minor, u.currency, COALESCE(u.first_failed_at, u.stripe_observed_at),
           NULL, NULL, u.stripe_invoice_id, u.number, u.hosted_invoice_url
    FROM unsettled u
    WHERE (u.status = 'uncollectible' OR u.first_failed_at IS NOT NULL)
      AND u.id NOT IN (SELECT invoice_id FROM stuck_with_invoice WHERE invoice_id IS NOT NULL)
  )
  SELECT pr.*, o.name, o.slug, o.created_at, count(*) OVER () AS total
  FROM problems pr
  JOIN organizations o ON o.id = pr.organization_id
  ORDER BY pr.since DESC, o.id, pr.kind, pr.stripe_invoice_id
  LIMIT $1`;
