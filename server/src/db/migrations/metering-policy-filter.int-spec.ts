import type { DataSource } from 'typeorm';
import { createTestDatabase, migrationDataSource, type TestDatabase } from '../../../test/support/test-database';
import { MeteringPolicyFilter1764400000000 } from './1764400000000-metering-policy-filter';
import { migrations } from './index';

/** 1764400000000-metering-policy-filter turns the metering role's fence into a filter and back. */
describe('migration: metering policy filter', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const filterAt = migrations.indexOf(MeteringPolicyFilter1764400000000);

  const meteringQuals = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT qual FROM pg_policies WHERE policyname = 'metering_group' ORDER BY tablename`)).map((row: { qual: string }) => row.qual);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = migrationDataSource(database.url, migrations.slice(0, filterAt + 1));
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('fences every group table with an IS TRUE filter', async () => {
    const quals = await meteringQuals();
    expect(quals).toHaveLength(7);
    for (const qual of quals) expect(qual).toMatch(/^\(\(organization_id = ANY \(tollgate_current_orgs\(\)\)\) IS TRUE\)$/);
  });

  it('goes back down to the plain ANY condition and up again', async () => {
    await dataSource.undoLastMigration();
    for (const qual of await meteringQuals()) expect(qual).toBe('(organization_id = ANY (tollgate_current_orgs()))');
    await dataSource.runMigrations();
    for (const qual of await meteringQuals()) expect(qual).toMatch(/IS TRUE\)$/);
  });
});
