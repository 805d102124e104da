import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where Tollgate's rows meet Stripe's objects: the customer of an organization, the product and prices of a
 * plan version and a credit pack, and the billing meter of a feature that bills overage. Unique, so one Stripe
 * object never backs two Tollgate rows.
 */
export class StripeLinks1764000000000 implements MigrationInterface {
  name = 'StripeLinks1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN stripe_customer_id text CONSTRAINT uq_organizations_stripe_customer UNIQUE`);
    await q.query(`ALTER TABLE plans ADD COLUMN stripe_product_id text CONSTRAINT uq_plans_stripe_product UNIQUE`);
    await q.query(`ALTER TABLE plan_versions ADD COLUMN stripe_monthly_price_id text CONSTRAINT uq_plan_versions_stripe_monthly_price UNIQUE`);
    await q.query(`ALTER TABLE plan_versions ADD COLUMN stripe_yearly_price_id text CONSTRAINT uq_plan_versions_stripe_yearly_price UNIQUE`);
    await q.query(`ALTER TABLE credit_products ADD COLUMN stripe_product_id text CONSTRAINT uq_credit_products_stripe_product UNIQUE`);
    await q.query(`ALTER TABLE credit_products ADD COLUMN stripe_price_id text CONSTRAINT uq_credit_products_stripe_price UNIQUE`);
    await q.query(`ALTER TABLE features ADD COLUMN stripe_meter_id text CONSTRAINT uq_features_stripe_meter UNIQUE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE features DROP COLUMN stripe_meter_id`);
    await q.query(`ALTER TABLE credit_products DROP COLUMN stripe_price_id, DROP COLUMN stripe_product_id`);
    await q.query(`ALTER TABLE plan_versions DROP COLUMN stripe_yearly_price_id, DROP COLUMN stripe_monthly_price_id`);
    await q.query(`ALTER TABLE plans DROP COLUMN stripe_product_id`);
    await q.query(`ALTER TABLE organizations DROP COLUMN stripe_customer_id`);
  }
}
