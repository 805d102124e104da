import { systemActor } from '../modules/audit/actor';
import { ConfigError, loadConfig } from '../config';
import { runCommand } from './cli';

/** Exit code for "refused on purpose": distinct from a failure (1), so scripts can tell them apart. */
const REFUSED = 2;

/**
 * npm run stripe:sync — creates or updates Stripe products, prices and meters from the catalog; idempotent.
 * Only against real Stripe: the sandbox lives inside the running server (synced there at start), so a sandbox
 * started here would be a throwaway one whose ids would then be stored in the database.
 */
function refusal(): string | undefined {
  try {
    if (loadConfig().stripe.mode === 'sandbox') {
      return 'stripe:sync: no STRIPE_SECRET_KEY: the sandbox is synced automatically when the server starts; set STRIPE_SECRET_KEY/STRIPE_WEBHOOK_SECRET to sync real Stripe';
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error; // runCommand reports configuration errors
  }
  return undefined;
}

const refused = refusal();
if (refused) {
  process.stderr.write(`${refused}\n`);
  process.exit(REFUSED);
} else {
  void runCommand('stripe:sync', async (services, logger) => {
    const items = await services.stripeCatalogSync.sync(systemActor('stripe-sync'));
    for (const item of items) process.stdout.write(`${item.result.padEnd(9)} ${item.kind.padEnd(7)} ${item.key} → ${item.stripeId}\n`);
    const changed = items.filter((i) => i.result !== 'unchanged').length;
    logger.info({ total: items.length, changed, mode: services.stripeEnvironment.mode }, 'Stripe catalog synced');
  });
}
