import 'reflect-metadata';
import { systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { createLogger } from '../logger';
import { createServices, type Services } from '../services';
import type { Logger } from 'pino';
import { liveStripeEnvironment, UNSTARTED_SANDBOX } from '../stripe/stripe-environment';

/** Runs a one-off command with config, database (migrated) and services, then closes everything. */
export async function runCommand(name: string, command: (services: Services, logger: Logger) => Promise<void>): Promise<void> {
  let exitCode = 0;
  try {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const database = await openDatabase(config, logger);
    try {
      await command(createServices(config, database.database, systemClock, logger, liveStripeEnvironment(config.stripe) ?? UNSTARTED_SANDBOX), logger);
    } finally {
      await database.close();
    }
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    exitCode = 1;
  }
  process.exit(exitCode);
}
