import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A period grant belongs to a subscription period, not just to an organization and a start time: a new
 * subscription whose first period starts no later than the previous subscription's last grant (checkout in the
 * second of sign-up; "cancel now" in the second a subscription started) must still get its credits. Grants now
 * carry their subscription, and "once per period" is per (organization, subscription, period start).
 */
export class GrantsPerSubscription1764000000300 implements MigrationInterface {
  name = 'GrantsPerSubscription1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_transactions ADD COLUMN subscription_id uuid`);
    // The ledger is append-only; this one backfill of a new column is the exception, made here and nowhere else.
    await q.query(`ALTER TABLE credit_transactions DISABLE TRIGGER credit_transactions_append_only`);
    await q.query(`
      UPDATE credit_transactions t SET subscription_id = p.subscription_id
      FROM subscription_periods p
      WHERE t.kind = 'grant' AND t.idempotency_key IS NULL AND p.organization_id = t.organization_id AND p.period_start = t.period_start`);
    await q.query(`ALTER TABLE credit_transactions ENABLE TRIGGER credit_transactions_append_only`);
    await q.query(`DROP INDEX uq_credit_transactions_period_grant`);
    await q.query(`
      CREATE UNIQUE INDEX uq_credit_transactions_subscription_period_grant ON credit_transactions (organization_id, subscription_id, period_start)
      WHERE kind = 'grant' AND idempotency_key IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_credit_transactions_subscription_period_grant`);
    await q.query(`
      CREATE UNIQUE INDEX uq_credit_transactions_period_grant ON credit_transactions (organization_id, period_start)
      WHERE kind = 'grant' AND idempotency_key IS NULL`);
    await q.query(`ALTER TABLE credit_transactions DROP COLUMN subscription_id`);
  }
}
