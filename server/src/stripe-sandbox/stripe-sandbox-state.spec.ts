import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { payCheckout, SANDBOX_START, startWebhookReceiver, type WebhookReceiver } from '../../test/support/stripe-sandbox-kit';
import { startStripeSandbox, type StripeSandbox } from '.';

/** The sandbox keeps its objects in a state file, so the Stripe ids Tollgate stored survive a restart. */
describe('Stripe sandbox state across restarts', () => {
  let dir: string;
  let stateFile: string;
  const running: StripeSandbox[] = [];
  const receivers: WebhookReceiver[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-sandbox-state-'));
    stateFile = path.join(dir, '.tollgate', 'stripe-sandbox.json');
  });
  afterEach(async () => {
    for (const sandbox of running.splice(0)) await sandbox.stop();
    for (const receiver of receivers.splice(0)) await receiver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: { webhookUrl?: string; now?: Date } = {}) {
    const sandbox = await startStripeSandbox({ now: SANDBOX_START, stateFile, ...options });
    running.push(sandbox);
    const { secretKey, host, port, protocol } = sandbox.environment;
    return { sandbox, stripe: new Stripe(secretKey, { host, port, protocol, maxNetworkRetries: 0 }) };
  }

  async function restart(sandbox: StripeSandbox, options: { webhookUrl?: string; now?: Date } = {}) {
    await sandbox.stop();
    running.splice(running.indexOf(sandbox), 1);
    return start(options);
  }

  it('reads customers, catalog, a paid subscription and its invoice back through the SDK after a restart', async () => {
    const first = await start();
    const customer = await first.stripe.customers.create({ email: 'ada@example.com', metadata: { organization_id: 'org-1' } });
    const product = await first.stripe.products.create({ name: 'Pro', metadata: { tollgate_plan_key: 'pro' } });
    const price = await first.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' }, lookup_key: 'pro_month' });
    const session = await first.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://console.test/billing',
    });
    expect((await payCheckout(session.url!, '4242 4242 4242 4242')).status).toBe(303);
    const subscriptionId = (await first.stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    await first.sandbox.advanceClock({ seconds: 3600 });
    const openSession = await first.stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, line_items: [{ price: price.id }], success_url: 'http://console.test/billing' });

    const second = await restart(first.sandbox);
    expect(second.sandbox.now().toISOString()).toBe(new Date(SANDBOX_START.getTime() + 3600_000).toISOString());
    expect(await second.stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, email: 'ada@example.com', metadata: { organization_id: 'org-1' } });
    expect(await second.stripe.products.retrieve(product.id)).toMatchObject({ name: 'Pro', metadata: { tollgate_plan_key: 'pro' } });
    expect((await second.stripe.prices.list({ lookup_keys: ['pro_month'] })).data.map((p) => p.id)).toEqual([price.id]);
    const subscription = await second.stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription).toMatchObject({ status: 'active', customer: customer.id, items: { data: [expect.objectContaining({ price: expect.objectContaining({ id: price.id }) })] } });
    expect(await second.stripe.invoices.retrieve(subscription.latest_invoice as string)).toMatchObject({ status: 'paid', amount_paid: 2000 });

    // The open session made before the restart can still be paid on its saved URL (the sandbox took its port back).
    expect(openSession.url!.startsWith(second.sandbox.environment.sandboxUrl!)).toBe(true);
    expect((await payCheckout(openSession.url!, '4242 4242 4242 4242')).status).toBe(303);

    // The restored subscription renews when the clock passes its period end.
    await second.sandbox.advanceClock({ seconds: 31 * 86_400 });
    const invoices = await second.stripe.invoices.list({ subscription: subscriptionId });
    expect(invoices.data.map((invoice) => invoice.billing_reason).sort()).toEqual(['subscription_create', 'subscription_cycle']);
  });

  it('sends webhooks that were not delivered before the restart, with their original ids', async () => {
    const first = await start(); // no webhook URL yet: events wait in the queue
    const customer = await first.stripe.customers.create({ email: 'queued@example.com' });
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);

    const second = await restart(first.sandbox, { webhookUrl: receiver.url });
    await second.sandbox.waitForWebhooks();
    const events = receiver.deliveries.map((d) => second.stripe.webhooks.constructEvent(d.body, d.signature, second.sandbox.environment.webhookSecret));
    expect(events.map((e) => [e.type, (e.data.object as Stripe.Customer).id])).toEqual([['customer.created', customer.id]]);

    // Delivered ones are not sent again by a later start.
    const third = await restart(second.sandbox, { webhookUrl: receiver.url });
    await third.stripe.customers.create({ email: 'next@example.com' });
    await third.sandbox.waitForWebhooks();
    expect(receiver.deliveries.map((d) => JSON.parse(d.body).type)).toEqual(['customer.created', 'customer.created']);
    expect(new Set(receiver.deliveries.map((d) => JSON.parse(d.body).id)).size).toBe(2);
  });

  it('holds webhooks when the app shuts down instead of giving them up, and sends them after the next start', async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    receiver.failNext(1_000); // the app is going away: every delivery fails
    const first = await start({ webhookUrl: receiver.url });
    const customer = await first.stripe.customers.create({ email: 'held@example.com' });
    first.sandbox.holdWebhooks();
    await first.sandbox.waitForWebhooks(); // the delivery in flight is over (refused); nothing more is tried
    expect(receiver.deliveries).toEqual([]);

    receiver.failNext(0);
    const second = await restart(first.sandbox, { webhookUrl: receiver.url });
    await second.sandbox.waitForWebhooks();
    expect(receiver.deliveries.map((d) => [JSON.parse(d.body).type, JSON.parse(d.body).data.object.id])).toEqual([['customer.created', customer.id]]);
  });

  it('replays an idempotent request retried across a restart instead of doing it twice', async () => {
    const first = await start();
    const created = await first.stripe.customers.create({ email: 'once@example.com' }, { idempotencyKey: 'customer-create:org-1' });
    const second = await restart(first.sandbox);
    const retried = await second.stripe.customers.create({ email: 'once@example.com' }, { idempotencyKey: 'customer-create:org-1' });
    expect(retried.id).toBe(created.id);
    expect((await second.stripe.customers.list()).data).toHaveLength(1);
  });

  it('never moves its clock backwards on a restart, and saves advances', async () => {
    const first = await start();
    await first.sandbox.advanceClock({ seconds: 10 * 86_400 });
    const second = await restart(first.sandbox, { now: new Date(SANDBOX_START.getTime() + 86_400_000) });
    expect(second.sandbox.now().getTime()).toBe(SANDBOX_START.getTime() + 10 * 86_400_000);
  });

  it('writes the file atomically and sets an unreadable one aside instead of failing', async () => {
    const first = await start();
    await first.stripe.customers.create({ email: 'saved@example.com' });
    await first.sandbox.stop();
    running.splice(0);
    expect(fs.readdirSync(path.dirname(stateFile))).toEqual(['stripe-sandbox.json']);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).collections.customers).toHaveLength(1);

    fs.writeFileSync(stateFile, '{"version": 1, "collec');
    const fresh = await start();
    expect((await fresh.stripe.customers.list()).data).toEqual([]);
    expect(fs.readdirSync(path.dirname(stateFile)).some((name) => name.startsWith('stripe-sandbox.json.unreadable-'))).toBe(true);
  });
});
