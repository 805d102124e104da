import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the platform-admin metrics (modules/platform-metrics), each for a read that would otherwise scan a
 * large table:
 * - a subscription's history in the audit trail (revenue series, trial conversions, "past due since"), by target,
 *   and which subscriptions were ever on a given plan version (the revenue history reads only paid subscriptions');
 * - the credit ledger by time (consumption per event over a range): BRIN, since the ledger is append-only in time
 *   order. It is a few pages and, by design, almost free to keep up on the hot consumption path, where a B-tree
 *   would add an index write per entry (not measured with the benchmark);
 * - invoices by creation time (payment success over a range), and the unsettled ones (failed payments);
 * - Stripe's failed-payment events by the invoice they name (has this open invoice's payment failed?).
 */
export class PlatformMetrics1764100000000 implements MigrationInterface {
  name = 'PlatformMetrics1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_audit_entries_subscription_history ON audit_entries (target_id, created_at)
      WHERE target_type = 'subscription'`);
    await q.query(`
      CREATE INDEX ix_audit_entries_subscription_version ON audit_entries ((after ->> 'planVersionId'))
      WHERE target_type = 'subscription'`);
    // Summarized as each range of pages fills; unsummarized ranges would always have to be read.
    await q.query(`CREATE INDEX ix_credit_transactions_created_at ON credit_transactions USING brin (created_at) WITH (autosummarize = on)`);
    await q.query(`CREATE INDEX ix_invoices_stripe_created ON invoices (stripe_created_at)`);
    await q.query(`CREATE INDEX ix_invoices_unsettled ON invoices (stripe_created_at) WHERE status IN ('open', 'uncollectible')`);
    await q.query(`
      CREATE INDEX ix_stripe_events_failed_invoice ON stripe_events ((payload #>> '{data,object,id}'))
      WHERE type = 'invoice.payment_failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_stripe_events_failed_invoice, ix_invoices_unsettled, ix_invoices_stripe_created,
      ix_credit_transactions_created_at, ix_audit_entries_subscription_version, ix_audit_entries_subscription_history`);
  }
}
