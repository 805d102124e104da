import { runCommand } from './cli';

// Opening the database applies pending migrations; nothing else to do.
void runCommand('migrate', async (_services, logger) => {
  logger.info('database is migrated');
});
