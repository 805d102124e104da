import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLATFORM_ROLE, TENANT_ROLE } from '../database';
import { enableTenantRowSecurity } from './rls-sql';

/**
 * Stripe → Tollgate: every verified webhook event (the id is Stripe's, so a duplicate delivery cannot be stored
 * twice), the invoices Stripe reports (billing history), and on subscriptions the time and raw status of the last
 * Stripe observation applied, so an older event never overwrites newer state.
 */
export class StripeWebhooks1764000000200 implements MigrationInterface {
  name = 'StripeWebhooks1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
        type text NOT NULL,
        api_version text,
        livemode boolean NOT NULL,
        created timestamptz(3) NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processing', 'applied', 'ignored', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        received_at timestamptz(3) NOT NULL DEFAULT now(),
        applied_at timestamptz(3),
        next_attempt_at timestamptz(3)
      )`);
    // The retry job's scan: events waiting for an attempt (or whose processing lease ran out).
    await q.query(`CREATE INDEX ix_stripe_events_due ON stripe_events (next_attempt_at) WHERE status IN ('received', 'processing', 'failed')`);
    await q.query(`CREATE INDEX ix_stripe_events_received ON stripe_events (received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_stripe_events_type ON stripe_events (type, received_at DESC)`);
    // Platform data (Stripe's view of every tenant): only the platform role reads or writes it.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON stripe_events TO ${PLATFORM_ROLE}`);
    // It names organizations, so it is guarded like every such table (the tenant role has no grant on it anyway).
    for (const sql of enableTenantRowSecurity('stripe_events')) await q.query(sql);

    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        stripe_invoice_id text NOT NULL CONSTRAINT uq_invoices_stripe_invoice UNIQUE,
        stripe_customer_id text,
        stripe_subscription_id text,
        number text,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'uncollectible', 'void')),
        billing_reason text,
        amount_due_minor bigint NOT NULL CHECK (amount_due_minor >= 0),
        amount_paid_minor bigint NOT NULL CHECK (amount_paid_minor >= 0),
        amount_remaining_minor bigint NOT NULL CHECK (amount_remaining_minor >= 0),
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        hosted_invoice_url text,
        invoice_pdf text,
        period_start timestamptz(3),
        period_end timestamptz(3),
        stripe_created_at timestamptz(3) NOT NULL,
        stripe_observed_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_invoices_organization ON invoices (organization_id, stripe_created_at DESC, id DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON invoices TO ${TENANT_ROLE}, ${PLATFORM_ROLE}`);
    for (const statement of enableTenantRowSecurity('invoices')) await q.query(statement);

    await q.query(`ALTER TABLE subscriptions ADD COLUMN stripe_observed_at timestamptz(3), ADD COLUMN stripe_status text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscriptions DROP COLUMN stripe_status, DROP COLUMN stripe_observed_at`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE stripe_events`);
  }
}
