import type { Logger } from 'pino';
import type { Config } from '../config';
import { createDataSource, runMigrations } from './data-source';
import { Database } from './database';
import { usePreparedStatements } from './prepared-statements';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  database: Database;
  /** Where the database is, for other clients of it (the job queue). */
  url: string;
  close(): Promise<void>;
}

/** Connects (starting the embedded PostgreSQL first when DATABASE_URL is unset) and applies migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.database.embeddedDataDir);
    url = embedded.url;
    logger.info({ dataDir: config.database.embeddedDataDir }, 'embedded PostgreSQL (PGlite) started; set DATABASE_URL to use your own server');
  }
  const dataSource = createDataSource({ url, poolMax: config.database.poolMax, poolIdleSeconds: config.database.poolIdleSeconds, pipeline: !embedded });
  usePreparedStatements(dataSource, !embedded);
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    database: new Database(dataSource),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      logger.debug('connection pool closed');
      await embedded?.stop();
    },
  };
}
