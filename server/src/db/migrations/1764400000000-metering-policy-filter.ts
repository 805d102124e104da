import type { MigrationInterface, QueryRunner } from 'typeorm';

// The tables of 1764200000000-metering-groups, as they were then.
const GROUP_TABLES = ['subscriptions', 'usage_counters', 'usage_events', 'credit_transactions', 'credit_balances', 'credit_alerts', 'audit_entries'];

/**
 * The metering role's policy becomes a plain filter instead of an index condition. As `organization_id = ANY (…)`
 * the planner costed it as one index descent per organization of the group and added it to every index scan,
 * which drowned the difference between indexes: the consumption group's idempotency probe took the
 * (organization_id, seq) index and read every ledger entry of a busy organization (bench: a group holding the
 * hot organization read ~50,000 rows). Every group statement names its organizations itself, so the policy only
 * has to fence, not to find; `IS TRUE` keeps its meaning (a NULL still hides the row).
 */
export class MeteringPolicyFilter1764400000000 implements MigrationInterface {
  name = 'MeteringPolicyFilter1764400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of GROUP_TABLES) {
      await q.query(`ALTER POLICY metering_group ON ${table} USING ((organization_id = ANY (tollgate_current_orgs())) IS TRUE)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of GROUP_TABLES) await q.query(`ALTER POLICY metering_group ON ${table} USING (organization_id = ANY (tollgate_current_orgs()))`);
  }
}
