import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeSandbox, type StripeSandbox } from '../stripe-sandbox';
import { signUpOwner, type SignedUpUser } from '../../test/support/factories';
import { payCheckout } from '../../test/support/stripe-sandbox-kit';
import { startTestApp, type TestApp } from '../../test/support/test-app';

const SUBSCRIPTION = `query($o: ID) { subscription(organizationId: $o) { status planKey billingInterval currentPeriodStart currentPeriodEnd } }`;
const INVOICES = `query($o: ID!) { invoices(organizationId: $o, first: 10) { nodes { status billingReason amountPaid { amountMinor currency } hostedInvoiceUrl periodStart } } }`;
const DAY = 86_400;

/**
 * Sandbox → webhook → Tollgate, end to end: the real SDK sets up what billing's checkout would (customer, price with
 * Tollgate's lookup_key, a subscription-mode session), a person pays with 4242 on the sandbox's Checkout page, and
 * the sandbox's signed webhooks move Tollgate. Until test-app starts the sandbox itself, this spec starts both and
 * points the app's StripeEnvironment at the sandbox.
 */
describe('Stripe sandbox → webhooks → Tollgate', () => {
  let app: TestApp;
  let sandbox: StripeSandbox;
  let stripe: Stripe;
  let server: http.Server;

  beforeAll(async () => {
    app = await startTestApp({ env: { SESSION_TTL_HOURS: '8760' } });
    server = http.createServer(app.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sandbox = await startStripeSandbox({ now: app.clock.now(), webhookUrl: `${url}/webhooks/stripe` });
    app.services.stripeEnvironment = sandbox.environment;
    const { secretKey, host, port, protocol } = sandbox.environment;
    stripe = new Stripe(secretKey, { host, port, protocol, maxNetworkRetries: 0 });
  });
  afterAll(async () => {
    await sandbox?.stop();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await app?.close();
  });

  /** Everything the sandbox sent has been answered, and Tollgate has applied it. */
  const settle = async () => {
    await sandbox.waitForWebhooks();
    await app.services.stripeWebhooks.whenIdle();
  };
  /** Both clocks move together, as they would against Stripe's test clocks. */
  const advance = async (seconds: number) => {
    await sandbox.advanceClock({ seconds });
    app.clock.set(sandbox.now());
    await settle();
  };
  const subscriptionOf = async (owner: SignedUpUser) => (await app.gql(SUBSCRIPTION, { o: owner.organizationId }, { cookie: owner.cookie })).data!.subscription;
  const subscriptionCredits = async (organizationId: string) =>
    Number((await app.dataSource.query(`SELECT subscription FROM credit_balances WHERE organization_id = $1`, [organizationId]))[0].subscription);

  /** What billing's checkout does: a customer for the organization, the plan's price, a subscription-mode session. */
  const checkoutFor = async (owner: SignedUpUser) => {
    const customer = await stripe.customers.create({ email: owner.email, metadata: { organization_id: owner.organizationId } });
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customer.id, owner.organizationId]);
    const [existing] = (await stripe.prices.list({ lookup_keys: ['tollgate_plan_pro_month'] })).data;
    const product = existing ? null : await stripe.products.create({ name: 'Pro', metadata: { tollgate_plan_key: 'pro' } });
    const price = existing ?? (await stripe.prices.create({ product: product!.id, currency: 'usd', unit_amount: 1500, recurring: { interval: 'month' }, lookup_key: 'tollgate_plan_pro_month' }));
    return stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://localhost:5173/billing?checkout=success',
      cancel_url: 'http://localhost:5173/billing?checkout=canceled',
      client_reference_id: owner.organizationId,
      metadata: { organization_id: owner.organizationId },
      subscription_data: { metadata: { organization_id: owner.organizationId } },
    });
  };

  it('checkout with 4242 → the paid plan with its credits; a renewal through the clock → a new period, new credits, an invoice', async () => {
    const owner = await signUpOwner(app);
    await advance(60);
    const session = await checkoutFor(owner);
    const paid = await payCheckout(session.url!, '4242424242424242');
    expect(paid.location).toContain('checkout=success');
    await settle();

    const started = await subscriptionOf(owner);
    expect(started).toMatchObject({ status: 'ACTIVE', planKey: 'pro', billingInterval: 'MONTH' });
    expect(await subscriptionCredits(owner.organizationId)).toBe(2000);
    const failed = await app.dataSource.query(`SELECT id, type, last_error FROM stripe_events WHERE status = 'failed'`);
    expect(failed).toEqual([]);

    // Use some credits, then run the clock through the renewal.
    await app.dataSource.query(`UPDATE credit_balances SET subscription = subscription - 700 WHERE organization_id = $1`, [owner.organizationId]);
    const periodEnd = new Date(started.currentPeriodEnd);
    await advance(Math.ceil((periodEnd.getTime() - sandbox.now().getTime()) / 1000) + DAY);

    const renewed = await subscriptionOf(owner);
    expect(renewed).toMatchObject({ status: 'ACTIVE', planKey: 'pro', currentPeriodStart: periodEnd.toISOString() });
    expect(await subscriptionCredits(owner.organizationId)).toBe(2000);
    const invoices = (await app.gql(INVOICES, { o: owner.organizationId }, { cookie: owner.cookie })).data!.invoices.nodes;
    expect(invoices[0]).toMatchObject({ status: 'PAID', amountPaid: { amountMinor: 1500, currency: 'usd' }, periodStart: periodEnd.toISOString() });
    expect(invoices.length).toBeGreaterThanOrEqual(2);
    expect(await app.dataSource.query(`SELECT id, type, last_error FROM stripe_events WHERE status = 'failed'`)).toEqual([]);
  });

  it('a renewal the card declines makes the subscription past due; when Stripe gives up, the organization is back on free', async () => {
    const owner = await signUpOwner(app);
    await advance(60);
    const session = await checkoutFor(owner);
    await payCheckout(session.url!, '4000000000000341');
    await settle();
    const started = await subscriptionOf(owner);
    expect(started).toMatchObject({ status: 'ACTIVE', planKey: 'pro' });

    await advance(Math.ceil((new Date(started.currentPeriodEnd).getTime() - sandbox.now().getTime()) / 1000) + 60);
    expect(await subscriptionOf(owner)).toMatchObject({ status: 'PAST_DUE', planKey: 'pro' });
    const failedInvoices = await app.dataSource.query(`SELECT status FROM invoices WHERE organization_id = $1 AND billing_reason = 'subscription_cycle'`, [owner.organizationId]);
    expect(failedInvoices).toEqual([{ status: 'open' }]);

    // Stripe's retries fail too; at the end of its schedule it cancels the subscription.
    await advance(40 * DAY);
    expect((await subscriptionOf(owner)).planKey).toBe('free');
    expect(await app.dataSource.query(`SELECT id, type, last_error FROM stripe_events WHERE status = 'failed'`)).toEqual([]);
  });
});
