import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { createTestDatabase, migrationDataSource, type TestDatabase } from '../../test/support/test-database';
import { GROUP_EXISTING_ENTRIES_SQL } from '../modules/credits/credit-consumption-group';
import { EXISTING_KEYS_SQL, GROUP_EXISTING_KEYS_SQL } from '../modules/usage/usage-sql';
import { METERING_ROLE, TENANT_ROLE } from './database';

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * The hot paths look up earlier uses of idempotency keys before every group and batch. Those lookups must stay one
 * index probe per key however the organization's rows have grown since PostgreSQL last took statistics: with
 * `idempotency_key = ANY(...)` the planner came to read every event of a busy organization and filter it, and a
 * hot organization's group cycle grew with its history (bench: 4.6 → 7.9 ms in 8 s). Group probes run as the
 * metering role, whose policy once tipped the consumption probe onto the (organization_id, seq) index (see
 * migration 1764400000000).
 */
describe('idempotency key lookups', () => {
  const EVENTS = 20_000;
  let database: TestDatabase;
  let dataSource: DataSource;
  const organizationId = randomUUID();
  const otherOrganizationId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = migrationDataSource(database.url);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query(`ALTER TABLE usage_events SET (autovacuum_enabled = false)`);
    await dataSource.query(`ALTER TABLE credit_transactions SET (autovacuum_enabled = false)`);
    await dataSource.query(`INSERT INTO organizations (id, name, slug) VALUES ($1, 'Busy', $3), ($2, 'Other', $4)`, [
      organizationId,
      otherOrganizationId,
      `busy-${organizationId}`,
      `other-${otherOrganizationId}`,
    ]);
    // Statistics taken while every organization had a few rows (a hundred others, three each); then one grows, as a
    // hot organization does between two ANALYZEs.
    await dataSource.query(
      `INSERT INTO organizations (id, name, slug) SELECT gen_random_uuid(), 'Quiet ' || g, 'quiet-' || g || '-' || $1 FROM generate_series(1, 100) g`,
      [organizationId],
    );
    const quiet = (await dataSource.query(`SELECT id FROM organizations WHERE slug LIKE 'quiet-%'`)).map((row: { id: string }) => row.id);
    for (const id of [organizationId, ...quiet]) {
      await insertEvents(id, 3, 'early');
      await insertPurchases(id, 3, 'early');
    }
    await dataSource.query(`ANALYZE usage_events; ANALYZE credit_transactions`);
    await insertEvents(organizationId, EVENTS, 'k');
    await insertPurchases(organizationId, EVENTS, 'k');
    // Consumptions began only after the statistics were taken: 'consumption' is not among the kinds they know.
    await insertConsumptions(organizationId, EVENTS, 'k');
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const insertEvents = (organization: string, count: number, prefix: string) =>
    dataSource.query(
      `INSERT INTO usage_events (organization_id, feature_key, quantity, occurred_at, window_start, idempotency_key, request_hash,
                                 answer_used, answer_limit, answer_resets_at, answer_overage)
       SELECT $1, 'api_calls', 1, now(), date_trunc('month', now()), $2 || g, 'h', g, NULL, NULL, false FROM generate_series(1, $3) g`,
      [organization, prefix, count],
    );
  const insertPurchases = (organization: string, count: number, prefix: string) =>
    dataSource.query(
      `INSERT INTO credit_transactions (organization_id, kind, purchased_delta, purchased_balance_after, subscription_balance_after, idempotency_key, request_hash, actor_type)
       SELECT $1, 'purchase', 10, 10 * g, 0, $2 || g, 'h', 'system' FROM generate_series(1, $3) g`,
      [organization, prefix, count],
    );

  const insertConsumptions = (organization: string, count: number, prefix: string) =>
    dataSource.query(
      `INSERT INTO credit_transactions (organization_id, kind, purchased_delta, purchased_balance_after, subscription_balance_after,
                                        event_key, quantity, unit_cost, idempotency_key, request_hash, actor_type)
       SELECT $1, 'consumption', -1, 0, 0, 'api_call_basic', 1, 1, $2 || g, 'h', 'system' FROM generate_series(1, $3) g`,
      [organization, prefix, count],
    );

  /** The nodes of the plan PostgreSQL runs for `sql` as the tenant, under a custom and under a generic plan. */
  async function plansOf(sql: string, parameters: unknown[], scope: 'tenant' | 'metering' = 'tenant'): Promise<Array<{ mode: string; nodes: PlanNode[] }>> {
    const runner: QueryRunner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      if (scope === 'tenant') await runner.query(`SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.current_org', $1, true)`, [organizationId]);
      // A metering group runs as its own role, which sees the rows of the group's organizations (see Database.inOrganizations).
      else await runner.query(`SELECT set_config('role', '${METERING_ROLE}', true), set_config('app.current_orgs', $1, true)`, [`${organizationId},${otherOrganizationId}`]);
      const plans = [];
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        await runner.query(`SET LOCAL plan_cache_mode = ${mode}`);
        const name = `probe_${mode}`;
        await runner.query(`PREPARE ${name} AS ${sql}`);
        const literals = parameters.map((value) => `'${Array.isArray(value) ? `{${value.join(',')}}` : String(value)}'`);
        const [{ 'QUERY PLAN': [plan] }] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}(${literals.join(', ')})`);
        await runner.query(`DEALLOCATE ${name}`); // a prepared statement outlives the transaction
        plans.push({ mode, nodes: nodesOf(plan.Plan) });
      }
      return plans;
    } finally {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** Rows of `table` the plan touched: at most one per key probed, none read and thrown away. */
  function expectProbes(plans: Array<{ mode: string; nodes: PlanNode[] }>, table: string, keys: number): void {
    for (const { mode, nodes } of plans) {
      const scans = nodes.filter((node) => node['Relation Name'] === table);
      expect({ mode, scans: scans.length }).toEqual({ mode, scans: 1 });
      const [scan] = scans;
      expect({ mode, removed: (scan!['Rows Removed by Filter'] ?? 0) + (scan!['Rows Removed by Index Recheck'] ?? 0) }).toEqual({ mode, removed: 0 });
      expect(scan!['Actual Rows'] * scan!['Actual Loops']).toBeLessThanOrEqual(keys);
    }
  }

  const keys = ['k17', 'k9001', 'absent-1', 'absent-2', `k${EVENTS}`];

  it('a metering group probes usage_events once per (organization, key) pair', async () => {
    const organizations = [organizationId, organizationId, organizationId, otherOrganizationId, organizationId];
    const plans = await plansOf(GROUP_EXISTING_KEYS_SQL, [organizations, keys], 'metering');
    expectProbes(plans, 'usage_events', keys.length);
  });

  it('a batch probes usage_events once per key', async () => {
    expectProbes(await plansOf(EXISTING_KEYS_SQL, [organizationId, keys]), 'usage_events', keys.length);
  });

  it('a consumption group probes credit_transactions once per (organization, key) pair', async () => {
    const organizations = keys.map(() => organizationId);
    expectProbes(await plansOf(GROUP_EXISTING_ENTRIES_SQL, [organizations, 'purchase', keys]), 'credit_transactions', keys.length);
  });

  it('a consumption group probes credit_transactions once per pair when no consumption was in the statistics', async () => {
    const organizations = keys.map(() => organizationId);
    expectProbes(await plansOf(GROUP_EXISTING_ENTRIES_SQL, [organizations, 'consumption', keys], 'metering'), 'credit_transactions', keys.length);
  });

  it('finds what was recorded and nothing else', async () => {
    const rows = await dataSource.query(GROUP_EXISTING_KEYS_SQL, [keys.map(() => organizationId), keys]);
    expect(rows.map((row: { idempotency_key: string }) => row.idempotency_key).sort()).toEqual(['k17', `k${EVENTS}`, 'k9001']);
    const other = await dataSource.query(GROUP_EXISTING_KEYS_SQL, [[otherOrganizationId], ['k17']]);
    expect(other).toEqual([]);
  });
});
