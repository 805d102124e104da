import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLATFORM_ROLE, TENANT_ROLE } from '../database';
import { enableTenantRowSecurity } from './rls-sql';

/**
 * Usage metering (events, plus per-window counters that make entitlement checks one indexed read) and feature
 * flags with per-organization overrides.
 */
export class UsageAndFlags1763900000400 implements MigrationInterface {
  name = 'UsageAndFlags1763900000400';

  async up(q: QueryRunner): Promise<void> {
    // The window a usage event counts in: UTC day or month, the subscription period, or one window for ever.
    // One definition used by every statement (single checks and set-based batches), so counts always agree; a
    // set-returning SQL function so the planner inlines it.
    // Without a subscription a billing period is the calendar month. Late reports (before the current period)
    // count in the current period: a closed, possibly invoiced, period is never reopened. After a period ended but
    // before the renewal moved it, the next period starts where the last one ended (the renewal agrees).
    await q.query(`
      CREATE FUNCTION tollgate_usage_window(reset_period text, at timestamptz, period_start timestamptz, period_end timestamptz)
      RETURNS TABLE (window_start timestamptz, window_end timestamptz)
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT
          CASE reset_period
            WHEN 'day' THEN date_trunc('day', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            WHEN 'month' THEN date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            WHEN 'billing_period' THEN CASE
              WHEN period_start IS NULL THEN date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
              WHEN at < period_end THEN period_start
              ELSE period_end END
            ELSE timestamptz '1970-01-01 00:00:00+00'
          END,
          CASE reset_period
            WHEN 'day' THEN (date_trunc('day', at AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC'
            WHEN 'month' THEN (date_trunc('month', at AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'
            WHEN 'billing_period' THEN CASE
              WHEN period_start IS NULL THEN (date_trunc('month', at AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'
              WHEN at < period_end THEN period_end
              ELSE period_end + (extract(epoch FROM period_end - period_start) * interval '1 second') END
            ELSE NULL
          END
      $$`);

    await q.query(`
      CREATE TABLE usage_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        feature_key text NOT NULL REFERENCES features(key),
        quantity bigint NOT NULL CHECK (quantity > 0),
        -- The part past the limit of an entitlement that bills overage: what is reported to Stripe meters.
        overage_quantity bigint NOT NULL DEFAULT 0 CHECK (overage_quantity >= 0 AND overage_quantity <= quantity),
        occurred_at timestamptz(3) NOT NULL,
        window_start timestamptz(3) NOT NULL,
        idempotency_key text NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        -- The answer given when the event was recorded, returned again for a replay of the same key.
        result jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_usage_events_idempotency UNIQUE (organization_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX ix_usage_events_organization_occurred ON usage_events (organization_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_usage_events_overage ON usage_events (organization_id, created_at) WHERE overage_quantity > 0`);

    // The sum of usage_events.quantity per window, changed in the same statement as the event it counts.
    await q.query(`
      CREATE TABLE usage_counters (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        feature_key text NOT NULL REFERENCES features(key),
        window_start timestamptz(3) NOT NULL,
        used bigint NOT NULL CHECK (used >= 0),
        CONSTRAINT pk_usage_counters PRIMARY KEY (organization_id, feature_key, window_start)
      )`);

    await q.query(`
      CREATE TABLE feature_flags (
        key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.-]{0,62}$'),
        description text NOT NULL DEFAULT '',
        enabled boolean NOT NULL DEFAULT false,
        rollout_percentage integer NOT NULL DEFAULT 100 CHECK (rollout_percentage BETWEEN 0 AND 100),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE feature_flag_overrides (
        flag_key text NOT NULL REFERENCES feature_flags(key) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enabled boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_feature_flag_overrides PRIMARY KEY (flag_key, organization_id)
      )`);
    await q.query(`CREATE INDEX ix_feature_flag_overrides_organization_id ON feature_flag_overrides (organization_id)`);

    await q.query(`GRANT SELECT, INSERT ON usage_events TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON usage_counters TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON usage_events, usage_counters TO ${PLATFORM_ROLE}`);
    await q.query(`GRANT SELECT ON feature_flags, feature_flag_overrides TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON feature_flags, feature_flag_overrides TO ${PLATFORM_ROLE}`);
    for (const table of ['usage_events', 'usage_counters', 'feature_flag_overrides']) {
      for (const statement of enableTenantRowSecurity(table)) await q.query(statement);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feature_flag_overrides, feature_flags, usage_counters, usage_events`);
    await q.query(`DROP FUNCTION tollgate_usage_window(text, timestamptz, timestamptz, timestamptz)`);
  }
}
