import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLATFORM_ROLE, TENANT_ROLE } from '../database';
import { enableTenantRowSecurity } from './rls-sql';

/**
 * The credit ledger: an append-only list of signed changes to two buckets per organization (purchased credits,
 * which never expire, and the subscription period's grant, which does), the per-organization balance that is
 * their running sum, and low-balance alerts.
 */
export class CreditLedger1763900000300 implements MigrationInterface {
  name = 'CreditLedger1763900000300';

  async up(q: QueryRunner): Promise<void> {
    // `seq` orders one organization's entries exactly as they were applied (writers hold the balance row lock),
    // which created_at cannot when several entries share a timestamp.
    await q.query(`
      CREATE TABLE credit_transactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        kind text NOT NULL CHECK (kind IN ('grant', 'purchase', 'consumption', 'expiry', 'adjustment')),
        purchased_delta integer NOT NULL DEFAULT 0,
        subscription_delta integer NOT NULL DEFAULT 0,
        purchased_balance_after integer NOT NULL CHECK (purchased_balance_after >= 0),
        subscription_balance_after integer NOT NULL CHECK (subscription_balance_after >= 0),
        expires_at timestamptz(3),
        period_start timestamptz(3),
        event_key text,
        quantity integer CHECK (quantity > 0),
        unit_cost integer CHECK (unit_cost > 0),
        idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        request_hash text,
        reason text,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'stripe')),
        actor_id text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_credit_transactions_idempotency CHECK ((idempotency_key IS NULL) = (request_hash IS NULL)),
        CONSTRAINT ck_credit_transactions_kind_shape CHECK (CASE kind
          WHEN 'consumption' THEN purchased_delta <= 0 AND subscription_delta <= 0 AND event_key IS NOT NULL
            AND quantity IS NOT NULL AND unit_cost IS NOT NULL
            AND -(purchased_delta::bigint + subscription_delta) = quantity::bigint * unit_cost
          WHEN 'grant' THEN purchased_delta = 0 AND subscription_delta >= 0 AND period_start IS NOT NULL AND expires_at IS NOT NULL
          WHEN 'purchase' THEN purchased_delta > 0 AND subscription_delta = 0 AND idempotency_key IS NOT NULL
          WHEN 'expiry' THEN purchased_delta = 0 AND subscription_delta < 0
          WHEN 'adjustment' THEN purchased_delta <> 0 AND subscription_delta = 0 AND btrim(coalesce(reason, '')) <> ''
        END)
      )`);
    await q.query(`CREATE INDEX ix_credit_transactions_organization_id ON credit_transactions (organization_id, seq)`);
    // Keys are per kind: a client's consumption key can never block (or replay as) a Stripe purchase.
    await q.query(`
      CREATE UNIQUE INDEX uq_credit_transactions_idempotency ON credit_transactions (organization_id, kind, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    // Each subscription period is granted exactly once, whoever calls and however often. (Mid-period top-ups
    // after an upgrade carry an idempotency key instead.)
    await q.query(`
      CREATE UNIQUE INDEX uq_credit_transactions_period_grant ON credit_transactions (organization_id, period_start)
      WHERE kind = 'grant' AND idempotency_key IS NULL`);
    await q.query(`
      CREATE TRIGGER credit_transactions_append_only BEFORE UPDATE OR DELETE ON credit_transactions
      FOR EACH ROW EXECUTE FUNCTION tollgate_append_only()`);
    await q.query(`
      CREATE TRIGGER credit_transactions_no_truncate BEFORE TRUNCATE ON credit_transactions
      FOR EACH STATEMENT EXECUTE FUNCTION tollgate_append_only()`);

    await q.query(`
      CREATE TABLE credit_balances (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id),
        purchased integer NOT NULL DEFAULT 0 CHECK (purchased >= 0),
        subscription integer NOT NULL DEFAULT 0 CHECK (subscription >= 0),
        subscription_expires_at timestamptz(3),
        low_balance_threshold integer NOT NULL DEFAULT 1000 CHECK (low_balance_threshold >= 0),
        below_threshold boolean NOT NULL DEFAULT true,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // The expiry job's worklist: organizations holding subscription credits, by when they lapse.
    await q.query(`
      CREATE INDEX ix_credit_balances_subscription_expiry ON credit_balances (subscription_expires_at)
      WHERE subscription > 0`);

    await q.query(`
      CREATE TABLE credit_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        threshold integer NOT NULL,
        balance integer NOT NULL,
        transaction_id uuid REFERENCES credit_transactions(id),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_credit_alerts_organization_id ON credit_alerts (organization_id, created_at)`);

    // No UPDATE or DELETE on the ledger or the alerts for anyone; balances change only alongside a ledger row.
    await q.query(`GRANT SELECT, INSERT ON credit_transactions, credit_alerts TO ${TENANT_ROLE}, ${PLATFORM_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON credit_balances TO ${TENANT_ROLE}, ${PLATFORM_ROLE}`);
    for (const table of ['credit_transactions', 'credit_balances', 'credit_alerts']) {
      for (const statement of enableTenantRowSecurity(table)) await q.query(statement);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_alerts, credit_balances, credit_transactions`);
  }
}
