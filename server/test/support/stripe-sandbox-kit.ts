import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeSandbox, type StripeSandbox } from '../../src/stripe-sandbox';

/** A webhook endpoint for tests: records every delivery; `failNext(n)` answers the next n with 500. */
export interface WebhookReceiver {
  url: string;
  deliveries: Array<{ body: string; signature: string }>;
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: WebhookReceiver['deliveries'] = [];
  let failures = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500).end('try again');
        return;
      }
      deliveries.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature'] ?? '') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    deliveries,
    failNext: (count) => (failures = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SandboxKit {
  sandbox: StripeSandbox;
  stripe: Stripe;
  receiver: WebhookReceiver;
  /** Every delivered webhook so far, verified with the SDK's constructEvent (throws on a bad signature). */
  events(): Promise<Stripe.Event[]>;
  /** Types of the delivered events, in delivery order, from the `from`th on. */
  eventTypes(from?: number): Promise<string[]>;
  close(): Promise<void>;
}

export const SANDBOX_START = new Date('2026-11-23T12:00:00.000Z');

/** A sandbox frozen at SANDBOX_START, the real SDK pointed at it, and a webhook receiver. */
export async function startSandboxKit(): Promise<SandboxKit> {
  const receiver = await startWebhookReceiver();
  const sandbox = await startStripeSandbox({ now: SANDBOX_START, webhookUrl: receiver.url });
  const { secretKey, host, port, protocol, webhookSecret } = sandbox.environment;
  const stripe = new Stripe(secretKey, { host, port, protocol, maxNetworkRetries: 0 });
  const events = async () => {
    await sandbox.waitForWebhooks();
    return receiver.deliveries.map((d) => stripe.webhooks.constructEvent(d.body, d.signature, webhookSecret));
  };
  return {
    sandbox,
    stripe,
    receiver,
    events,
    eventTypes: async (from = 0) => (await events()).slice(from).map((e) => e.type),
    async close() {
      await sandbox.stop();
      await receiver.close();
    },
  };
}

/** Submits the sandbox's checkout page like a browser would; `location` is the redirect on success. */
export async function payCheckout(url: string, cardNumber: string, email = 'payer@example.com') {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: cardNumber, email }).toString(),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Posts one of the portal page's forms. */
export async function postPortal(portalUrl: string, action: string, fields: Record<string, string>) {
  const response = await fetch(`${portalUrl}/${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

export const DAY_SECONDS = 86_400;
