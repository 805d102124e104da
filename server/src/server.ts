import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import { ensureBootstrapAdmin } from './bootstrap-admin';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { openDatabase } from './db/open-database';
import { buildSchema } from './graphql/build-schema';
import { type JobQueue, startJobQueue } from './jobs/job-queue';
import { createServices, type Services } from './services';
import { platformIsEmpty, seedDemoPlatform } from './seed/demo-platform';
import { liveStripeEnvironment } from './stripe/stripe-environment';
import { startStripeSandbox, type StripeSandbox } from './stripe-sandbox';

export interface RunningTollgate {
  url: string;
  stop(): Promise<void>;
}

/** Boot order: database (embedded when DATABASE_URL is unset) → migrations → services → catalog → jobs → app → listen. */
export async function startTollgate(config: Config, logger: Logger, clock: Clock = systemClock): Promise<RunningTollgate> {
  const database = await openDatabase(config, logger);
  let jobs: JobQueue | undefined;
  let sandbox: StripeSandbox | undefined;
  let services: Services | undefined;
  try {
    // No Stripe key configured: the built-in sandbox stands in for Stripe (never started when a key is set).
    if (config.stripe.mode === 'sandbox') sandbox = await startStripeSandbox({ port: config.stripe.sandboxPort, stateFile: config.stripe.sandboxStateFile, logger });
    services = createServices(config, database.database, clock, logger, liveStripeEnvironment(config.stripe) ?? sandbox!.environment);
    // Revocations on other instances arrive through PostgreSQL; the embedded database has no other instances.
    await services.apiKeys.start(config.database.url);
    await services.catalog.loadFromFile(undefined, logger);
    await ensureBootstrapAdmin(services, logger);
    if (config.seedDemoData && (await platformIsEmpty(services))) await seedDemoPlatform(services, logger);
    await services.stripeSandboxAdmin.syncCatalogAtStart(logger); // sandbox mode only; real Stripe is synced by an admin
    jobs = config.jobsEnabled ? await startJobQueue({ url: database.url, services, logger }) : undefined;
    const httpServer = http.createServer();
    const tollgate = await createApp({ services, schema: await buildSchema(), logger, httpServer });
    httpServer.on('request', tollgate.requestListener);
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
    const { port } = httpServer.address() as AddressInfo;
    const url = `http://localhost:${port}`;
    const ownHost = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
    sandbox?.setWebhookUrl(`http://${ownHost}:${port}/webhooks/stripe`);
    if (sandbox) logger.info({ stripeSandbox: sandbox.environment.sandboxUrl }, 'Stripe sandbox is standing in for Stripe (no STRIPE_SECRET_KEY set)');
    logger.info({ url, graphql: `${url}/graphql`, embeddedDatabase: !config.database.url }, 'Tollgate is listening');

    return {
      url,
      async stop() {
        sandbox?.holdWebhooks(); // kept for the next start rather than retried against a closing app
        // Apollo's drain plugin closes the listener and waits for in-flight requests.
        await tollgate.stop();
        logger.debug('http server drained');
        await jobs?.stop();
        await sandbox?.stop();
        httpServer.closeAllConnections();
        await services!.apiKeys.stop(); // writes pending API key last uses, so after the last request
        await database.close();
        logger.debug('database closed');
      },
    };
  } catch (error) {
    // A failed start (e.g. the port is taken) leaves nothing running behind it.
    await jobs?.stop().catch(() => undefined);
    await sandbox?.stop().catch(() => undefined);
    await services?.apiKeys.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
}
