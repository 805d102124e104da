import type { MigrationInterface, QueryRunner } from 'typeorm';

// The tables of 1764200000000-metering-groups, as they were then.
const GROUP_TABLES = ['subscriptions', 'usage_counters', 'usage_events', 'credit_transactions', 'credit_balances', 'credit_alerts', 'audit_entries'];

const FILTER_PER_ROW = '(organization_id = ANY (tollgate_current_orgs())) IS TRUE';
const CHECK_PER_ROW = 'organization_id = ANY (tollgate_current_orgs())';
// A scalar subquery is an InitPlan: the organizations are parsed from app.current_orgs once per statement (the cast
// keeps `= ANY (SELECT …)` from meaning "any row of the subquery").
const FILTER_ONCE = '(organization_id = ANY ((SELECT tollgate_current_orgs())::uuid[])) IS TRUE';
const CHECK_ONCE = 'organization_id = ANY ((SELECT tollgate_current_orgs())::uuid[])';

/**
 * The metering role's fence reads the group's organizations once per statement instead of once per row. As a
 * filter (1764400000000) the inlined `string_to_array(current_setting(...))::uuid[]` ran for every row a scan
 * looked at: the usage group's counter update, planned as a scan of usage_counters, spent ~4 ms of a 6 ms write
 * flight parsing the same list a thousand times (bench, 1,000 organizations; the flight is ~2 ms now).
 */
export class MeteringPolicyOnce1764500000000 implements MigrationInterface {
  name = 'MeteringPolicyOnce1764500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of GROUP_TABLES) await q.query(`ALTER POLICY metering_group ON ${table} USING (${FILTER_ONCE}) WITH CHECK (${CHECK_ONCE})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of GROUP_TABLES) await q.query(`ALTER POLICY metering_group ON ${table} USING (${FILTER_PER_ROW}) WITH CHECK (${CHECK_PER_ROW})`);
  }
}
