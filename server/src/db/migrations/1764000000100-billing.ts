import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing through Stripe: which overage usage has been reported to Stripe's meters, and what overage costs per
 * plan version (a metered Stripe price per interval, attached to the subscription at checkout).
 */
export class Billing1764000000100 implements MigrationInterface {
  name = 'Billing1764000000100';

  async up(q: QueryRunner): Promise<void> {
    // Set only after Stripe accepted the meter event (its identifier is the usage event's id, so a resend is harmless).
    await q.query(`ALTER TABLE usage_events ADD COLUMN stripe_meter_reported_at timestamptz(3)`);
    await q.query(`ALTER TABLE usage_events ADD COLUMN stripe_meter_attempts integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE INDEX ix_usage_events_overage_unreported ON usage_events (created_at)
      WHERE overage_quantity > 0 AND stripe_meter_reported_at IS NULL`);
    // Overage price: `overage_price_minor` per `overage_price_units` units past the limit (e.g. 1 cent per 100 calls).
    await q.query(`ALTER TABLE plan_entitlements ADD COLUMN overage_price_minor integer CHECK (overage_price_minor >= 0)`);
    await q.query(`ALTER TABLE plan_entitlements ADD COLUMN overage_price_units integer NOT NULL DEFAULT 1 CHECK (overage_price_units > 0)`);
    await q.query(`ALTER TABLE plan_entitlements ADD COLUMN stripe_overage_monthly_price_id text CONSTRAINT uq_plan_entitlements_stripe_overage_monthly UNIQUE`);
    await q.query(`ALTER TABLE plan_entitlements ADD COLUMN stripe_overage_yearly_price_id text CONSTRAINT uq_plan_entitlements_stripe_overage_yearly UNIQUE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_entitlements DROP COLUMN stripe_overage_yearly_price_id, DROP COLUMN stripe_overage_monthly_price_id,
      DROP COLUMN overage_price_units, DROP COLUMN overage_price_minor`);
    await q.query(`DROP INDEX ix_usage_events_overage_unreported`);
    await q.query(`ALTER TABLE usage_events DROP COLUMN stripe_meter_attempts, DROP COLUMN stripe_meter_reported_at`);
  }
}
