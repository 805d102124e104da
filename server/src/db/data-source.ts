import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DataSourceOptions {
  url: string;
  poolMax: number;
  /** How long an idle connection stays in the pool (0: until the pool ends); pg's own default is 10 s. */
  poolIdleSeconds?: number;
  applicationName?: string;
  /**
   * pg's pipeline mode: a query is written at once, not after the previous one answered. Sequential code behaves
   * the same; a metering group sends the statements that do not depend on each other in one flight
   * (Database.inOrganizations). Off for the embedded PGlite (one backend behind a socket shim).
   */
  pipeline?: boolean;
}

/** One code path for every PostgreSQL: the embedded one is reached over the same `pg` driver. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needs installing (PGlite has no uuid-ossp).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: options.applicationName ?? 'tollgate',
    poolSize: options.poolMax,
    extra: {
      max: options.poolMax,
      idleTimeoutMillis: (options.poolIdleSeconds ?? 300) * 1000,
      connectionTimeoutMillis: 10_000,
      pipeline: options.pipeline ?? false,
    },
  });
}

const MIGRATION_LOCK_KEY = 7_301_551; // arbitrary, constant: serialises migrations across instances

/** Runs pending migrations under an advisory lock so two instances starting together do not race. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** True when every migration the code knows is recorded as applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  // Not DataSource.showMigrations(): it leaves a pooled connection checked out, which stalls shutdown.
  const rows: Array<{ name: string }> = await dataSource.query(
    `SELECT name FROM schema_migrations WHERE to_regclass('schema_migrations') IS NOT NULL`,
  ).catch((error: unknown) => {
    if ((error as { driverError?: { code?: string } }).driverError?.code === '42P01') return [];
    throw error;
  });
  const applied = new Set(rows.map((row) => row.name));
  return dataSource.migrations.every((migration) => applied.has(migration.name ?? migration.constructor.name));
}
