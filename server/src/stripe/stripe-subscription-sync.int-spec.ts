import type Stripe from 'stripe';
import { signUpOwner, type SignedUpUser } from '../../test/support/factories';
import { type SubscriptionOptions, checkoutSession, deliver, storedEvent, stripeEvent, stripeId, stripeInvoice, stripeSubscription } from '../../test/support/stripe-objects';
import { startTestApp, type TestApp } from '../../test/support/test-app';

const SUBSCRIPTION = `query($o: ID) { subscription(organizationId: $o) {
  status planKey billingInterval currentPeriodStart currentPeriodEnd trialEnd cancelAtPeriodEnd } }`;
const DAY = 86_400_000;
const PRO_MONTHLY = { lookup_key: 'tollgate_plan_pro_month' };
const BUSINESS_MONTHLY = { lookup_key: 'tollgate_plan_business_month' };

describe('Stripe subscription events → Tollgate subscription', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { SESSION_TTL_HOURS: '8760' } });
  });
  afterAll(() => app.close());

  /** An organization with a Stripe customer, as billing's checkout leaves it. */
  const customerOrg = async (): Promise<SignedUpUser & { customer: string }> => {
    const owner = await signUpOwner(app);
    const customer = stripeId('cus');
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customer, owner.organizationId]);
    app.clock.advance(60_000);
    return { ...owner, customer };
  };
  const subscriptionOf = async (owner: SignedUpUser) => {
    const response = await app.gql(SUBSCRIPTION, { o: owner.organizationId }, { cookie: owner.cookie });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.subscription;
  };
  const credits = async (organizationId: string) =>
    (await app.dataSource.query(`SELECT subscription, purchased FROM credit_balances WHERE organization_id = $1`, [organizationId]))[0] as { subscription: number; purchased: number };
  const grants = async (organizationId: string) =>
    Number((await app.dataSource.query(`SELECT count(*)::int AS n FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant'`, [organizationId]))[0].n);
  const sub = (owner: { customer: string }, options: Partial<SubscriptionOptions> & { id: string }) => {
    const start = options.periodStart ?? app.clock.now();
    return stripeSubscription({ customer: owner.customer, price: PRO_MONTHLY, periodStart: start, periodEnd: new Date(start.getTime() + 30 * DAY), ...options });
  };
  const at = (offsetMs: number) => new Date(app.clock.now().getTime() + offsetMs);

  it('checkout without an expanded subscription, then customer.subscription.created: the paid plan with its credits', async () => {
    const owner = await customerOrg();
    const subscriptionId = stripeId('sub');
    const checkout = stripeEvent('checkout.session.completed', checkoutSession({ mode: 'subscription', customer: owner.customer, organizationId: owner.organizationId, subscription: subscriptionId }), app.clock.now());
    await deliver(app, checkout);
    expect((await subscriptionOf(owner)).planKey).toBe('free');
    expect(await storedEvent(app, checkout.id)).toMatchObject({ status: 'applied' });

    const stripeSub = sub(owner, { id: subscriptionId });
    await deliver(app, stripeEvent('customer.subscription.created', stripeSub, app.clock.now()));
    const current = await subscriptionOf(owner);
    expect(current).toMatchObject({ status: 'ACTIVE', planKey: 'pro', billingInterval: 'MONTH', cancelAtPeriodEnd: false });
    expect(new Date(current.currentPeriodStart).getTime()).toBe(stripeSub.items.data[0]!.current_period_start * 1000);
    expect(new Date(current.currentPeriodEnd).getTime()).toBe(stripeSub.items.data[0]!.current_period_end * 1000);
    expect((await credits(owner.organizationId)).subscription).toBe(2000);
    const [row] = await app.dataSource.query(`SELECT stripe_subscription_id, stripe_customer_id, stripe_status FROM subscriptions WHERE organization_id = $1 AND status = 'active'`, [owner.organizationId]);
    expect(row).toEqual({ stripe_subscription_id: subscriptionId, stripe_customer_id: owner.customer, stripe_status: 'active' });
  });

  it('checkout with the subscription expanded (found by metadata alone, customer linked) then the created event: one start', async () => {
    const owner = await signUpOwner(app);
    app.clock.advance(60_000);
    const customer = stripeId('cus');
    const stripeSub = stripeSubscription({ customer, organizationId: owner.organizationId, price: { lookup_key: 'tollgate_plan_business_year', recurring: { interval: 'year' } as never }, status: 'trialing', periodStart: app.clock.now(), periodEnd: at(14 * DAY), trialEnd: at(14 * DAY) });
    await deliver(app, stripeEvent('checkout.session.completed', checkoutSession({ mode: 'subscription', customer, organizationId: owner.organizationId, subscription: stripeSub }), app.clock.now()));
    await deliver(app, stripeEvent('customer.subscription.created', stripeSub, app.clock.now()));
    expect(await subscriptionOf(owner)).toMatchObject({ status: 'TRIALING', planKey: 'business', billingInterval: 'YEAR', trialEnd: at(14 * DAY).toISOString() });
    expect(await grants(owner.organizationId)).toBe(2); // free, then business: once
    const [org] = await app.dataSource.query(`SELECT stripe_customer_id FROM organizations WHERE id = $1`, [owner.organizationId]);
    expect(org.stripe_customer_id).toBe(customer);
  });

  it('follows Stripe through past_due, unpaid, paused and back to active', async () => {
    const owner = await customerOrg();
    const id = stripeId('sub');
    await deliver(app, stripeEvent('customer.subscription.created', sub(owner, { id, periodStart: app.clock.now() }), app.clock.now()));
    const start = app.clock.now();
    const expectations: Array<[Stripe.Subscription.Status, string]> = [['past_due', 'PAST_DUE'], ['unpaid', 'UNPAID'], ['active', 'ACTIVE'], ['paused', 'UNPAID'], ['active', 'ACTIVE']];
    for (const [index, [status, expected]] of expectations.entries()) {
      await deliver(app, stripeEvent('customer.subscription.updated', sub(owner, { id, status, periodStart: start }), at((index + 1) * 1000)));
      expect((await subscriptionOf(owner)).status).toBe(expected);
    }
    expect(await grants(owner.organizationId)).toBe(2);
  });

  it('never lets an older customer.subscription.updated overwrite a newer one', async () => {
    const owner = await customerOrg();
    const id = stripeId('sub');
    await deliver(app, stripeEvent('customer.subscription.created', sub(owner, { id }), app.clock.now()));
    const older = stripeEvent('customer.subscription.updated', sub(owner, { id, periodStart: app.clock.now(), cancelAtPeriodEnd: false, price: PRO_MONTHLY }), at(1000));
    const newer = stripeEvent('customer.subscription.updated', sub(owner, { id, periodStart: app.clock.now(), cancelAtPeriodEnd: true, price: BUSINESS_MONTHLY }), at(2000));
    await deliver(app, newer);
    await deliver(app, older);
    expect(await subscriptionOf(owner)).toMatchObject({ planKey: 'business', cancelAtPeriodEnd: true, status: 'ACTIVE' });
    expect(await storedEvent(app, older.id)).toMatchObject({ status: 'ignored' });
    // The upgrade mid-period topped up the difference once (business 10000 − pro 2000).
    expect((await credits(owner.organizationId)).subscription).toBe(10000);
  });

  it('a new period grants the plan credits once, even when Stripe sends it twice', async () => {
    const owner = await customerOrg();
    const id = stripeId('sub');
    const first = app.clock.now();
    await deliver(app, stripeEvent('customer.subscription.created', sub(owner, { id, periodStart: first }), first));
    const { subscription: before } = await credits(owner.organizationId);
    await app.dataSource.query(`UPDATE credit_balances SET subscription = subscription - 500 WHERE organization_id = $1`, [owner.organizationId]);
    app.clock.advance(30 * DAY);
    const renewal = sub(owner, { id, periodStart: app.clock.now() });
    const renewed = stripeEvent('customer.subscription.updated', renewal, app.clock.now());
    await deliver(app, renewed);
    await deliver(app, renewed); // same id: a duplicate delivery
    await deliver(app, stripeEvent('customer.subscription.updated', renewal, app.clock.now())); // same state, another event
    expect(await grants(owner.organizationId)).toBe(3); // free, first period, renewal
    expect(before).toBe(2000);
    expect((await credits(owner.organizationId)).subscription).toBe(2000);
    const periods = await app.dataSource.query(`SELECT count(*)::int AS n FROM subscription_periods WHERE organization_id = $1`, [owner.organizationId]);
    expect(periods[0].n).toBe(3);
  });

  it('deletion drops the organization to the free plan; a late update about it changes nothing', async () => {
    const owner = await customerOrg();
    const id = stripeId('sub');
    await deliver(app, stripeEvent('customer.subscription.created', sub(owner, { id }), app.clock.now()));
    app.clock.advance(60_000);
    const deleted = sub(owner, { id, status: 'canceled', periodStart: at(-60_000), canceledAt: app.clock.now(), endedAt: app.clock.now() });
    await deliver(app, stripeEvent('customer.subscription.deleted', deleted, app.clock.now()));
    expect(await subscriptionOf(owner)).toMatchObject({ planKey: 'free', status: 'ACTIVE' });
    expect((await credits(owner.organizationId)).subscription).toBe(100);
    const [ended] = await app.dataSource.query(`SELECT status, stripe_status FROM subscriptions WHERE stripe_subscription_id = $1`, [id]);
    expect(ended).toEqual({ status: 'canceled', stripe_status: 'canceled' });
    const late = stripeEvent('customer.subscription.updated', sub(owner, { id, status: 'active', periodStart: at(-60_000) }), at(-30_000));
    await deliver(app, late);
    expect((await subscriptionOf(owner)).planKey).toBe('free');
    expect(await storedEvent(app, late.id)).toMatchObject({ status: 'ignored' });
  });

  it('an incomplete subscription leaves the free plan in place until it becomes active', async () => {
    const owner = await customerOrg();
    const id = stripeId('sub');
    await deliver(app, stripeEvent('customer.subscription.created', sub(owner, { id, status: 'incomplete' }), app.clock.now()));
    expect((await subscriptionOf(owner)).planKey).toBe('free');
    await deliver(app, stripeEvent('customer.subscription.updated', sub(owner, { id, status: 'active' }), at(1000)));
    expect(await subscriptionOf(owner)).toMatchObject({ planKey: 'pro', status: 'ACTIVE' });
  });

  it('a failed invoice makes the subscription past due, a paid one recovers it, and both are billing history', async () => {
    const owner = await customerOrg();
    const id = stripeId('sub');
    await deliver(app, stripeEvent('customer.subscription.created', sub(owner, { id }), app.clock.now()));
    const invoice = stripeInvoice({ customer: owner.customer, subscription: id, status: 'open', amountDue: 1500, created: at(1000) });
    await deliver(app, stripeEvent('invoice.payment_failed', invoice, at(2000)));
    expect((await subscriptionOf(owner)).status).toBe('PAST_DUE');
    // An older "active" observation arriving late does not undo the failure.
    await deliver(app, stripeEvent('customer.subscription.updated', sub(owner, { id, status: 'active', periodStart: app.clock.now() }), at(1500)));
    expect((await subscriptionOf(owner)).status).toBe('PAST_DUE');
    await deliver(app, stripeEvent('invoice.paid', { ...invoice, status: 'paid', amount_paid: 1500, amount_remaining: 0 }, at(5000)));
    expect((await subscriptionOf(owner)).status).toBe('ACTIVE');
    // A stale invoice event does not reopen the paid invoice.
    await deliver(app, stripeEvent('invoice.payment_failed', invoice, at(3000)));
    expect((await subscriptionOf(owner)).status).toBe('ACTIVE');
    const rows = await app.dataSource.query(`SELECT status, amount_paid_minor FROM invoices WHERE stripe_invoice_id = $1`, [invoice.id]);
    expect(rows).toEqual([{ status: 'paid', amount_paid_minor: '1500' }]);
    const actions = (await app.dataSource.query(`SELECT action FROM audit_entries WHERE organization_id = $1 AND actor_type = 'stripe' ORDER BY created_at, action`, [owner.organizationId])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['subscription.payment_failed', 'subscription.payment_succeeded', 'stripe.event_applied']));
  });

  it('grants a credit pack once across duplicate deliveries, a re-sent event and an admin replay', async () => {
    const owner = await customerOrg();
    const session = checkoutSession({ mode: 'payment', customer: owner.customer, metadata: { tollgate_credit_product_key: 'credits_1000', tollgate_credits: '1000' } });
    const completed = stripeEvent('checkout.session.completed', session, app.clock.now());
    await deliver(app, completed);
    await deliver(app, completed);
    await deliver(app, stripeEvent('checkout.session.completed', session, app.clock.now()));
    await app.services.stripeWebhooks.replay(completed.id, { type: 'system', id: 'test' });
    expect((await credits(owner.organizationId)).purchased).toBe(1000);
    const purchases = await app.dataSource.query(`SELECT idempotency_key, purchased_delta FROM credit_transactions WHERE organization_id = $1 AND kind = 'purchase'`, [owner.organizationId]);
    expect(purchases).toEqual([{ idempotency_key: session.id, purchased_delta: 1000 }]);
  });

  it('refuses an illegal transition and keeps the event failed with the reason', async () => {
    const owner = await customerOrg();
    const id = stripeId('sub');
    await deliver(app, stripeEvent('customer.subscription.created', sub(owner, { id }), app.clock.now()));
    const illegal = stripeEvent('customer.subscription.updated', sub(owner, { id, status: 'incomplete' }), at(1000));
    await deliver(app, illegal);
    expect(await storedEvent(app, illegal.id)).toMatchObject({ status: 'failed', last_error: 'A active subscription cannot become incomplete' });
    expect((await subscriptionOf(owner)).status).toBe('ACTIVE');
  });
});
