import type { MigrationInterface, QueryRunner } from 'typeorm';
import { METERING_ROLE } from '../database';
import { createRole, grantRoleToCurrentUser } from './rls-sql';

/** The tables a metering group reads or writes, each with the organization column its policy checks. */
const GROUP_TABLES = ['subscriptions', 'usage_counters', 'usage_events', 'credit_transactions', 'credit_balances', 'credit_alerts', 'audit_entries'];

/**
 * A role for metering groups: the concurrent hot-path calls of several organizations written in one transaction
 * (db/tenant-batcher.ts). It sees the rows of exactly the organizations named in `app.current_orgs` — those of the
 * callers in the group — and only on the metering tables, so row-level security still fences the group's
 * statements as it fences one tenant's. It has only the privileges those statements need.
 */
export class MeteringGroups1764200000000 implements MigrationInterface {
  name = 'MeteringGroups1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(createRole(METERING_ROLE));
    await q.query(grantRoleToCurrentUser(METERING_ROLE));
    await q.query(`GRANT USAGE ON SCHEMA public TO ${METERING_ROLE}`);
    await q.query(`
      CREATE FUNCTION tollgate_current_orgs() RETURNS uuid[] LANGUAGE sql STABLE AS
      $$ SELECT string_to_array(nullif(current_setting('app.current_orgs', true), ''), ',')::uuid[] $$`);
    await q.query(`GRANT SELECT ON features, plans, plan_versions, plan_entitlements, credit_events, platform_settings TO ${METERING_ROLE}`);
    await q.query(`GRANT SELECT ON subscriptions TO ${METERING_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON usage_counters, credit_balances TO ${METERING_ROLE}`);
    // audit_entries: a consumption first writes off lapsed subscription credits, and that write-off is audited.
    await q.query(`GRANT SELECT, INSERT ON usage_events, credit_transactions, credit_alerts, audit_entries TO ${METERING_ROLE}`);
    for (const table of GROUP_TABLES) {
      await q.query(`
        CREATE POLICY metering_group ON ${table} TO ${METERING_ROLE}
        USING (organization_id = ANY (tollgate_current_orgs())) WITH CHECK (organization_id = ANY (tollgate_current_orgs()))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of GROUP_TABLES) await q.query(`DROP POLICY metering_group ON ${table}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${METERING_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${METERING_ROLE}`);
    await q.query(`DROP FUNCTION tollgate_current_orgs()`);
  }
}
