import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrations as allMigrations } from '../../src/db/migrations';
import { EMBEDDED_PER_WORKER } from './embedded-slots';

export interface TestDatabase {
  url: string;
  /** Whether this is the embedded PGlite (one shared database per worker, reset per file). */
  embedded: boolean;
  drop(): Promise<void>;
}

/** Embedded instances this worker's open test databases occupy. */
const embeddedInUse = new Set<string>();

function target(): { kind: 'server' | 'embedded'; urls: string[] } {
  const value = process.env.TOLLGATE_TEST_DATABASE;
  if (!value) throw new Error('TOLLGATE_TEST_DATABASE is unset: run tests through jest (global-setup.ts)');
  const [kind, rest] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  return { kind: kind as 'server' | 'embedded', urls: rest.split(',') };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of this test file's own. On a PostgreSQL server: CREATE DATABASE with a random name, dropped
 * afterwards. On embedded PGlite (single database): the worker's instance, emptied first.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { kind, urls } = target();
  if (kind === 'embedded') {
    const worker = Number(process.env.JEST_WORKER_ID ?? '1');
    const mine = urls.slice(((worker - 1) * EMBEDDED_PER_WORKER) % urls.length).slice(0, EMBEDDED_PER_WORKER);
    const url = mine.find((candidate) => !embeddedInUse.has(candidate));
    if (!url) throw new Error(`a test file may use at most ${EMBEDDED_PER_WORKER} embedded databases at once`);
    embeddedInUse.add(url);
    const reset = async () =>
      withClient(url, (c) => c.query('DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO public'));
    await reset();
    return {
      url,
      embedded: true,
      drop: async () => {
        await reset();
        embeddedInUse.delete(url);
      },
    };
  }
  const adminUrl = urls[0]!;
  const name = `tollgate_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    drop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A bare DataSource on a test database that runs the server's migrations (or the first few, to test one of them). */
export function migrationDataSource(url: string, migrations: typeof allMigrations = allMigrations): DataSource {
  return new DataSource({ type: 'postgres', url, migrations, migrationsTableName: 'schema_migrations', migrationsTransactionMode: 'each' });
}
