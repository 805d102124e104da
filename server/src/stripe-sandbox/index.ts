import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { StripeEnvironment } from '../stripe/stripe-environment';
import { CheckoutFlow } from './checkout-flow';
import { checkoutPages } from './pages/checkout-page';
import { invoicePages } from './pages/invoice-page';
import { portalPages } from './pages/portal-page';
import { catalogRoutes } from './routes/catalog.routes';
import { checkoutRoutes } from './routes/checkout.routes';
import { customerRoutes } from './routes/customer.routes';
import { invoiceRoutes } from './routes/invoice.routes';
import { meterRoutes } from './routes/meter.routes';
import { subscriptionRoutes } from './routes/subscription.routes';
import { SandboxClock } from './sandbox-clock';
import { SandboxApiError } from './sandbox-errors';
import { createSandboxHttpServer, type StoredResponse } from './sandbox-http';
import { randomToken } from './sandbox-ids';
import { captureState, readStateFile, rebaseState, restoreState, SandboxStateWriter, savedPort } from './sandbox-state-file';
import { SandboxStore, SandboxTime } from './sandbox-store';
import { SubscriptionBilling } from './subscription-billing';
import { SubscriptionSchedules } from './subscription-schedules';
import { WebhookDispatcher } from './webhook-dispatcher';

export interface StripeSandboxOptions {
  /** 0 or unset: any free port. Always bound to 127.0.0.1. */
  port?: number;
  webhookUrl?: string;
  logger?: Logger;
  /** Freezes the sandbox clock at this instant (tests); unset, it follows wall time plus what was advanced. */
  now?: Date;
  /**
   * Where the sandbox keeps its state between runs (loaded at start, saved shortly after each change and on stop),
   * so the Stripe ids Tollgate stored keep pointing at objects. Unset: in memory only (tests).
   */
  stateFile?: string;
}

export interface StripeSandbox {
  environment: StripeEnvironment;
  setWebhookUrl(url: string): void;
  now(): Date;
  /** Moves the clock forward, running trial ends, renewals, retries and cancellations due on the way. */
  advanceClock(to: Date | { seconds: number }): Promise<void>;
  /** Resolves when every queued webhook has been delivered (2xx) or given up. */
  waitForWebhooks(): Promise<void>;
  /** Sends no more webhooks (the app is shutting down); those queued are saved and sent after the next start. */
  holdWebhooks(): void;
  stop(): Promise<void>;
}

/** In development the clock follows wall time, so renewals that fall due are run this often. */
const WALL_CLOCK_TICK_MS = 30_000;

/**
 * Starts the offline Stripe stand-in: a stateful local implementation of the part of Stripe's API Tollgate uses,
 * with Checkout and portal pages, signed webhooks and a test clock. The real `stripe` SDK reaches it through
 * `environment` (host/port/protocol). A development and test tool: never started when real keys are configured.
 */
export async function startStripeSandbox(options: StripeSandboxOptions = {}): Promise<StripeSandbox> {
  const secretKey = `sk_test_sandbox_${randomToken(24)}`;
  const webhookSecret = `whsec_${randomToken(32)}`;
  const logger = options.logger?.child({ component: 'stripe-sandbox' });
  let persisted: SandboxStateWriter | undefined;
  const dispatcher = new WebhookDispatcher({ secret: webhookSecret, logger, onSettled: () => persisted?.markDirty() });
  let baseUrl = '';
  const store = new SandboxStore(new SandboxTime(options.now), () => baseUrl, (event) => {
    dispatcher.enqueue(event);
    persisted?.markDirty();
  });
  const idempotency = new Map<string, StoredResponse>();
  const saved = options.stateFile ? await readStateFile(options.stateFile, logger) : undefined;
  const billing = new SubscriptionBilling(store);
  const schedules = new SubscriptionSchedules(store, billing);
  const checkout = new CheckoutFlow(store, billing);
  const clock = new SandboxClock(store, billing, checkout);

  async function advanceClock(to: Date | { seconds: number }): Promise<void> {
    const target = 'seconds' in to ? store.now() + Math.floor(to.seconds) : Math.floor(to.getTime() / 1000);
    if (!Number.isFinite(target)) throw new SandboxApiError(400, 'invalid_request_error', 'Invalid clock target.', 'parameter_invalid', 'to');
    if (target < store.now()) throw new SandboxApiError(400, 'invalid_request_error', 'The sandbox clock cannot move backwards.', 'parameter_invalid', 'to');
    clock.runUntil(target);
    persisted?.markDirty();
  }

  const clockObject = () => ({ object: 'sandbox.clock', now: store.now(), now_iso: new Date(store.now() * 1000).toISOString() });

  const server = createSandboxHttpServer({
    store,
    secretKey,
    logger,
    idempotency,
    onChange: () => persisted?.markDirty(),
    apiRoutes: [
      ...customerRoutes(store),
      ...catalogRoutes(store),
      ...checkoutRoutes(store, checkout),
      ...subscriptionRoutes(store, billing, schedules),
      ...invoiceRoutes(store, billing),
      ...meterRoutes(store),
    ],
    pageRoutes: [...checkoutPages(store, checkout), ...portalPages(store, billing), ...invoicePages(store)],
    controlRoutes: [
      {
        method: 'POST',
        pattern: '/sandbox/clock/advance',
        handle: async (body) => {
          if (body.to !== undefined) {
            const to = new Date(typeof body.to === 'number' ? body.to * 1000 : String(body.to));
            if (Number.isNaN(to.getTime())) throw new SandboxApiError(400, 'invalid_request_error', 'Invalid `to`: an ISO date or unix seconds.', 'parameter_invalid', 'to');
            await advanceClock(to);
          } else if (body.seconds !== undefined && Number.isFinite(Number(body.seconds)) && Number(body.seconds) >= 0) {
            await advanceClock({ seconds: Number(body.seconds) });
          } else {
            throw new SandboxApiError(400, 'invalid_request_error', 'Give `seconds` (a non-negative number) or `to`.', 'parameter_missing', 'seconds');
          }
          return clockObject();
        },
      },
      { method: 'GET', pattern: '/sandbox/clock', handle: async () => clockObject() },
    ],
  });

  // Back on the saved port when it is free, so the checkout, portal and invoice links already handed out still work.
  const port = await listen(server, options.port || savedPort(saved) || 0).catch((error: NodeJS.ErrnoException) => {
    if (options.port || error.code !== 'EADDRINUSE') throw error;
    return listen(server, 0);
  });
  baseUrl = `http://127.0.0.1:${port}`;
  if (saved) {
    restoreState(store, rebaseState(saved, baseUrl), idempotency);
    // Never backwards: frozen at the later of the given start and the saved time; else wall time plus the saved advance.
    store.time.set(Math.max(options.now ? store.time.nowMs() : Date.now() + saved.offsetMs, saved.nowMs));
    for (const id of saved.pendingWebhooks) if (store.events.has(id)) dispatcher.enqueue(store.events.get(id)!);
    logger?.info({ file: options.stateFile, customers: store.customers.size, subscriptions: store.subscriptions.size, pendingWebhooks: saved.pendingWebhooks.length }, 'stripe sandbox: state restored');
  }
  if (options.stateFile) {
    persisted = new SandboxStateWriter(options.stateFile, () => captureState(store, { pendingWebhooks: dispatcher.pendingEventIds(), idempotency }), logger);
    if (!saved) persisted.markDirty();
  }
  // Renewals and retries that fell due while the sandbox was stopped run now (their webhooks wait for the URL).
  if (saved && !options.now) clock.runUntil(store.now());
  if (options.webhookUrl) dispatcher.setUrl(options.webhookUrl);
  const tick = options.now ? undefined : setInterval(() => clock.runUntil(store.now()), WALL_CLOCK_TICK_MS);
  tick?.unref();
  logger?.debug({ url: baseUrl }, 'stripe sandbox listening');

  return {
    environment: { mode: 'sandbox', secretKey, webhookSecret, host: '127.0.0.1', port, protocol: 'http', sandboxUrl: baseUrl },
    setWebhookUrl: (url) => dispatcher.setUrl(url),
    now: () => new Date(store.time.nowMs()),
    advanceClock,
    waitForWebhooks: () => dispatcher.idle(),
    holdWebhooks: () => {
      dispatcher.hold();
      persisted?.markDirty();
    },
    async stop() {
      if (tick) clearInterval(tick);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Saved before the dispatcher stops, so webhooks still queued (or in flight) are sent after the next start.
      await persisted?.close();
      await dispatcher.stop();
    },
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
