import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { signUpOwner } from '../../test/support/factories';
import { deliver, seconds, storedEvent, stripeEvent, stripeId } from '../../test/support/stripe-objects';
import { startTestApp, type TestApp } from '../../test/support/test-app';

/**
 * Stripe's own example objects (its OpenAPI fixtures, kept outside the repository: ../shared/stripe/fixtures3.json
 * or STRIPE_FIXTURES), with only the fields Tollgate keys on pointed at a test organization: every other field keeps
 * Stripe's full shape. Skipped where the file is not present.
 */
const FIXTURES = process.env.STRIPE_FIXTURES ?? path.resolve(__dirname, '../../../../shared/stripe/fixtures3.json');
const describeWithFixtures = existsSync(FIXTURES) ? describe : describe.skip;

describeWithFixtures('Stripe fixture payloads', () => {
  let app: TestApp;
  let resources: Record<string, any>;

  beforeAll(async () => {
    resources = JSON.parse(readFileSync(FIXTURES, 'utf8')).resources;
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('accepts and applies subscription, invoice and checkout events built from Stripe’s example objects', async () => {
    const owner = await signUpOwner(app);
    const customer = stripeId('cus');
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customer, owner.organizationId]);
    app.clock.advance(60_000);
    const start = seconds(app.clock.now());
    const end = start + 30 * 86_400;

    const fixture = structuredClone(resources.subscription);
    const item = fixture.items.data[0];
    const subscription = {
      ...fixture,
      id: stripeId('sub'),
      customer,
      status: 'active',
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      cancel_at_period_end: false,
      trial_end: null,
      billing_cycle_anchor: start,
      items: { ...fixture.items, data: [{ ...item, current_period_start: start, current_period_end: end, price: { ...item.price, lookup_key: 'tollgate_plan_pro_month' } }] },
    };
    const created = stripeEvent('customer.subscription.created', subscription, app.clock.now());
    await deliver(app, created);
    expect(await storedEvent(app, created.id)).toMatchObject({ status: 'applied' });

    const invoice = {
      ...structuredClone(resources.invoice),
      id: stripeId('in'),
      customer,
      status: 'paid',
      amount_paid: 1000,
      amount_remaining: 0,
      created: start,
      parent: { ...resources.invoice.parent, type: 'subscription_details', subscription_details: { metadata: {}, subscription: subscription.id } },
    };
    const paid = stripeEvent('invoice.paid', invoice, app.clock.now());
    await deliver(app, paid);
    expect(await storedEvent(app, paid.id)).toMatchObject({ status: 'applied' });

    const session = {
      ...structuredClone(resources['checkout.session']),
      id: stripeId('cs_test'),
      customer,
      status: 'complete',
      payment_status: 'paid',
      metadata: { tollgate_credit_product_key: 'credits_1000', tollgate_credits: '1000' },
    };
    const completed = stripeEvent('checkout.session.completed', session, app.clock.now());
    await deliver(app, completed);
    expect(await storedEvent(app, completed.id)).toMatchObject({ status: 'applied' });

    const event = { ...structuredClone(resources.event), id: stripeId('evt'), created: start };
    await deliver(app, event);
    expect(await storedEvent(app, event.id)).toMatchObject({ status: 'ignored' });

    const [row] = await app.dataSource.query(
      `SELECT s.status, p.key, b.purchased, (SELECT count(*)::int FROM invoices WHERE organization_id = s.organization_id) AS invoices
       FROM subscriptions s JOIN plans p ON p.id = s.plan_id JOIN credit_balances b ON b.organization_id = s.organization_id
       WHERE s.organization_id = $1 AND s.status NOT IN ('canceled', 'expired')`,
      [owner.organizationId],
    );
    expect(row).toEqual({ status: 'active', key: 'pro', purchased: 1000, invoices: 1 });
  });
});
