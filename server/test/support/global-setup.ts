import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres';
import { EMBEDDED_PER_WORKER } from './embedded-slots';

/**
 * Chooses the PostgreSQL every integration test uses: DATABASE_URL when set, else the local server on
 * 127.0.0.1:5432 when it answers, else embedded PGlite servers (a few per Jest worker, started here, outside
 * Jest's sandbox; TOLLGATE_TEST_EMBEDDED=1 forces this). Test files then make their own database on it (see test-database.ts).
 */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

declare global {
  // eslint-disable-next-line no-var
  var __tollgateEmbedded: EmbeddedPostgres[] | undefined;
}

export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const forceEmbedded = process.env.TOLLGATE_TEST_EMBEDDED === '1';
  const configured = process.env.DATABASE_URL;
  if (configured && !forceEmbedded) {
    process.env.TOLLGATE_TEST_DATABASE = `server:${configured}`;
    return;
  }
  if (!forceEmbedded && (await answers(LOCAL_POSTGRES))) {
    process.env.TOLLGATE_TEST_DATABASE = `server:${LOCAL_POSTGRES}`;
    return;
  }
  // PGlite holds one database, so each worker gets a few instances: a test file may run apps side by side.
  const workers = Math.max(1, globalConfig.maxWorkers);
  globalThis.__tollgateEmbedded = await Promise.all(
    Array.from({ length: workers * EMBEDDED_PER_WORKER }, () => startEmbeddedPostgres(undefined)),
  );
  process.env.TOLLGATE_TEST_DATABASE = `embedded:${globalThis.__tollgateEmbedded.map((e) => e.url).join(',')}`;
  process.stdout.write(`\nIntegration tests use embedded PGlite (${forceEmbedded ? 'TOLLGATE_TEST_EMBEDDED=1' : `nothing answered at ${LOCAL_POSTGRES}`}).\n`);
}
