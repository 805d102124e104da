import type { DataSource } from 'typeorm';
import { createTestDatabase, migrationDataSource, type TestDatabase } from '../../../test/support/test-database';
import { METERING_ROLE } from '../database';
import { MeteringPolicyOnce1764500000000 } from './1764500000000-metering-policy-once';
import { migrations } from './index';

interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
const ORGANIZATIONS = 300;
/** How PostgreSQL prints the scalar subquery of the policy (an InitPlan when planned). */
const ONCE = /= ANY \(\(\s*SELECT tollgate_current_orgs\(\) AS tollgate_current_orgs\)::uuid\[\]\)/;

/**
 * 1764500000000-metering-policy-once: the metering role's fence parses the group's organizations once per
 * statement (an InitPlan), not once per row a scan looks at, and still fences exactly as before.
 */
describe('migration: metering policy evaluated once', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let organizations: string[];
  const onceAt = migrations.indexOf(MeteringPolicyOnce1764500000000);

  const policies = async (): Promise<Array<{ qual: string; with_check: string }>> =>
    dataSource.query(`SELECT qual, with_check FROM pg_policies WHERE policyname = 'metering_group' ORDER BY tablename`);

  /** Runs `work` as a metering group of `orgs` (as Database.inOrganizations does), then rolls back. */
  async function asGroup<T>(orgs: string[], work: (query: (sql: string, parameters?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('role', '${METERING_ROLE}', true), set_config('app.current_orgs', $1, true)`, [orgs.join(',')]);
      return await work((sql, parameters) => runner.query(sql, parameters));
    } finally {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = migrationDataSource(database.url, migrations.slice(0, onceAt + 1));
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query(`INSERT INTO features (key, name, kind) VALUES ('api_calls', 'API calls', 'metered')`);
    organizations = (
      await dataSource.query(
        `INSERT INTO organizations (id, name, slug) SELECT gen_random_uuid(), 'Org ' || g, 'org-' || g FROM generate_series(1, $1) g RETURNING id`,
        [ORGANIZATIONS],
      )
    ).map((row: { id: string }) => row.id);
    await dataSource.query(
      `INSERT INTO usage_counters (organization_id, feature_key, window_start, used) SELECT id, 'api_calls', '2026-12-01', 5 FROM organizations`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('reads the organizations in an InitPlan, once, however many rows a scan filters', async () => {
    const group = organizations.slice(0, 2);
    const nodes = await asGroup(group, async (query) => {
      await query(`SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off`);
      const [{ 'QUERY PLAN': [plan] }] = await query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT organization_id FROM usage_counters`);
      return nodesOf(plan.Plan);
    });
    const scan = nodes.find((node) => node['Relation Name'] === 'usage_counters')!;
    expect(scan['Node Type']).toBe('Seq Scan');
    expect(scan['Actual Rows']).toBe(2);
    const initPlans = nodes.filter((node) => node['Parent Relationship'] === 'InitPlan');
    expect(initPlans).toHaveLength(1);
    expect(initPlans[0]!['Actual Loops']).toBe(1);
  });

  it("still fences: a group sees and writes only its organizations' rows, and no list means no rows", async () => {
    const group = organizations.slice(0, 3);
    const seen = await asGroup(group, (query) => query(`SELECT organization_id FROM usage_counters ORDER BY organization_id`));
    expect(seen.map((row: { organization_id: string }) => row.organization_id)).toEqual([...group].sort());
    const [updated] = await asGroup(group, (query) => query(`UPDATE usage_counters SET used = used + 1 RETURNING organization_id`));
    expect(updated).toHaveLength(3);
    await expect(
      asGroup(group, (query) =>
        query(`INSERT INTO usage_counters (organization_id, feature_key, window_start, used) VALUES ($1, 'api_calls', '2026-11-01', 1)`, [organizations[10]]),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await asGroup([], (query) => query(`SELECT 1 FROM usage_counters`))).toHaveLength(0);
  });

  it('goes back down to the per-row filter and up again', async () => {
    for (const { qual, with_check } of await policies()) {
      expect(qual).toMatch(ONCE);
      expect(with_check).toMatch(ONCE);
    }
    await dataSource.undoLastMigration();
    const down = await policies();
    expect(down).toHaveLength(7);
    for (const { qual, with_check } of down) {
      expect(qual).toBe('((organization_id = ANY (tollgate_current_orgs())) IS TRUE)');
      expect(with_check).toBe('(organization_id = ANY (tollgate_current_orgs()))');
    }
    await dataSource.runMigrations();
    for (const { qual } of await policies()) expect(qual).toMatch(ONCE);
  });
});
