import { systemActor } from '../modules/audit/actor';
import { runCommand } from './cli';

/** npm run stripe:sync — creates or updates Stripe products, prices and meters from the catalog; idempotent. */
void runCommand('stripe:sync', async (services, logger) => {
  const items = await services.stripeCatalogSync.sync(systemActor('stripe-sync'));
  for (const item of items) process.stdout.write(`${item.result.padEnd(9)} ${item.kind.padEnd(7)} ${item.key} → ${item.stripeId}\n`);
  const changed = items.filter((i) => i.result !== 'unchanged').length;
  logger.info({ total: items.length, changed, mode: services.stripeEnvironment.mode }, 'Stripe catalog synced');
});
