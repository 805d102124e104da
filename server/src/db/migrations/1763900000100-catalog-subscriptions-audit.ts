import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLATFORM_ROLE, TENANT_ROLE } from '../database';
import { enableTenantRowSecurity } from './rls-sql';

/**
 * The catalog (plans with immutable versions, features, credit events and products), one current subscription
 * per organization with its period history, and the audit log.
 */
export class CatalogSubscriptionsAudit1763900000100 implements MigrationInterface {
  name = 'CatalogSubscriptionsAudit1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE features (
        key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('boolean', 'metered')),
        unit text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_-]{0,62}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        is_public boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        current_version_id uuid,
        archived_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_plans_key UNIQUE (key)
      )`);
    // A version is never edited: a change to prices, trial, credits, rate limit or entitlements makes a new one,
    // and subscribers stay on the version they bought until they change plan.
    await q.query(`
      CREATE TABLE plan_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id),
        version integer NOT NULL CHECK (version > 0),
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        monthly_price_minor bigint CHECK (monthly_price_minor >= 0),
        yearly_price_minor bigint CHECK (yearly_price_minor >= 0),
        trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 365),
        credits_per_period integer NOT NULL DEFAULT 0 CHECK (credits_per_period >= 0),
        hourly_request_limit integer CHECK (hourly_request_limit > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_plan_versions_plan_version UNIQUE (plan_id, version)
      )`);
    await q.query(`ALTER TABLE plans ADD CONSTRAINT fk_plans_current_version FOREIGN KEY (current_version_id) REFERENCES plan_versions(id)`);
    await q.query(`
      CREATE TABLE plan_entitlements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_version_id uuid NOT NULL REFERENCES plan_versions(id),
        feature_key text NOT NULL REFERENCES features(key),
        enabled boolean NOT NULL DEFAULT true,
        limit_value bigint CHECK (limit_value >= 0),
        reset_period text CHECK (reset_period IN ('day', 'month', 'billing_period', 'never')),
        overage text NOT NULL DEFAULT 'block' CHECK (overage IN ('block', 'overage')),
        CONSTRAINT uq_plan_entitlements_version_feature UNIQUE (plan_version_id, feature_key)
      )`);
    await q.query(`
      CREATE TABLE credit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        category text NOT NULL DEFAULT 'general',
        credit_cost integer NOT NULL CHECK (credit_cost > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_credit_events_key UNIQUE (key)
      )`);
    await q.query(`
      CREATE TABLE credit_products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_-]{0,62}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        credits integer NOT NULL CHECK (credits > 0),
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        archived_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_credit_products_key UNIQUE (key)
      )`);
    await q.query(`
      CREATE TABLE platform_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES plans(id),
        plan_version_id uuid NOT NULL REFERENCES plan_versions(id),
        status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'expired', 'incomplete', 'unpaid')),
        billing_interval text NOT NULL CHECK (billing_interval IN ('month', 'year')),
        current_period_start timestamptz(3) NOT NULL,
        current_period_end timestamptz(3) NOT NULL CHECK (current_period_end > current_period_start),
        billing_anchor_day smallint NOT NULL CHECK (billing_anchor_day BETWEEN 1 AND 31),
        trial_end timestamptz(3),
        cancel_at_period_end boolean NOT NULL DEFAULT false,
        canceled_at timestamptz(3),
        ended_at timestamptz(3),
        scheduled_plan_version_id uuid REFERENCES plan_versions(id),
        scheduled_billing_interval text CHECK (scheduled_billing_interval IN ('month', 'year')),
        scheduled_change_at timestamptz(3),
        stripe_customer_id text,
        stripe_subscription_id text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_subscriptions_stripe_subscription UNIQUE (stripe_subscription_id)
      )`);
    // Ended subscriptions stay as history; exactly one per organization is current.
    await q.query(`
      CREATE UNIQUE INDEX uq_subscriptions_current ON subscriptions (organization_id)
      WHERE status NOT IN ('canceled', 'expired')`);
    await q.query(`CREATE INDEX ix_subscriptions_organization_id ON subscriptions (organization_id)`);
    await q.query(`CREATE INDEX ix_subscriptions_due ON subscriptions (current_period_end) WHERE status NOT IN ('canceled', 'expired')`);
    // One row per period an organization entered: the exactly-once guard for period-start work (credit grants).
    await q.query(`
      CREATE TABLE subscription_periods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        plan_version_id uuid NOT NULL REFERENCES plan_versions(id),
        period_start timestamptz(3) NOT NULL,
        period_end timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_subscription_periods_start UNIQUE (subscription_id, period_start)
      )`);
    await q.query(`CREATE INDEX ix_subscription_periods_organization_id ON subscription_periods (organization_id)`);

    await q.query(`
      CREATE TABLE audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'stripe')),
        actor_id text,
        action text NOT NULL,
        target_type text,
        target_id text,
        before jsonb,
        after jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_audit_entries_organization_id ON audit_entries (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_audit_entries_created_at ON audit_entries (created_at, id)`);
    // Audit entries are evidence: nobody updates or deletes them, whatever role they hold.
    await q.query(`
      CREATE FUNCTION tollgate_append_only() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION tollgate_append_only()`);

    const catalog = 'features, plans, plan_versions, plan_entitlements, credit_events, credit_products, platform_settings';
    await q.query(`GRANT SELECT ON ${catalog} TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${catalog} TO ${PLATFORM_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON subscriptions, subscription_periods TO ${TENANT_ROLE}, ${PLATFORM_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON audit_entries TO ${TENANT_ROLE}, ${PLATFORM_ROLE}`);
    for (const table of ['subscriptions', 'subscription_periods', 'audit_entries']) {
      for (const statement of enableTenantRowSecurity(table)) await q.query(statement);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entries, subscription_periods, subscriptions, platform_settings, credit_products,
      credit_events, plan_entitlements`);
    await q.query(`ALTER TABLE plans DROP CONSTRAINT fk_plans_current_version`);
    await q.query(`DROP TABLE plan_versions, plans, features`);
    await q.query(`DROP FUNCTION tollgate_append_only()`);
  }
}
