import Stripe from 'stripe';
import { DAY_SECONDS, GQL, type E2eOwner, advanceClocks, gqlData, read, settle, startBillingE2e, subscribedOwner } from '../../test/support/stripe-e2e';
import type { TestApp } from '../../test/support/test-app';

/**
 * Plan changes on a Stripe subscription, end to end: Tollgate's GraphQL mutations change the subscription in the
 * sandbox, the sandbox's webhooks come back, and what the console reads (subscription, entitlements, credits,
 * invoices) follows. The sandbox SDK is used only to look at what Stripe billed.
 */
describe('Stripe end to end: upgrade, scheduled downgrade, cancel and resume', () => {
  let app: TestApp;
  let stripe: Stripe;

  beforeAll(async () => {
    ({ app } = await startBillingE2e());
    const { secretKey, host, port, protocol } = app.stripeSandbox!.environment;
    stripe = new Stripe(secretKey, { host, port, protocol, maxNetworkRetries: 0 });
    // Paid from the first day, so a proration is money rather than a trial's zero.
    await app.dataSource.query(`UPDATE plan_versions SET trial_days = 0`);
  });
  afterAll(() => app?.close());

  const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);
  const change = (owner: E2eOwner, planKey: string) => gqlData(app, GQL.changePlan, { o: owner.organizationId, i: { planKey, interval: 'MONTH' } }, owner.caller);
  const stripeSubscriptionOf = async (owner: E2eOwner): Promise<string> =>
    (await app.dataSource.query(`SELECT stripe_subscription_id FROM subscriptions WHERE organization_id = $1 AND status NOT IN ('canceled', 'expired')`, [owner.organizationId]))[0]
      .stripe_subscription_id;
  const noFailedEvents = async () => expect(await app.dataSource.query(`SELECT id, type, last_error FROM stripe_events WHERE status = 'failed'`)).toEqual([]);

  it('upgrades Pro → Business now: Business entitlements, the extra credits, a prorated invoice; the next invoice bills Business in full', async () => {
    const owner = await subscribedOwner(app, 'Upgrade E2E', 'pro');
    const started = await read.subscription(app, owner);
    await advanceClocks(app, at(started.currentPeriodStart, 10 * DAY_SECONDS));

    const changed = (await change(owner, 'business')).changePlan;
    expect(changed).toMatchObject({ outcome: 'UPGRADED', subscription: { planKey: 'business', scheduledChange: null } });
    await settle(app);
    expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'business', status: 'ACTIVE', currentPeriodStart: started.currentPeriodStart });
    const entitlements = await read.entitlements(app, owner);
    expect(entitlements.planKey).toBe('business');
    expect(entitlements.features.find((f: { featureKey: string }) => f.featureKey === 'priority_support').enabled).toBe(true);
    // Pro's 2,000 for the period plus Business's extra 8,000 for the rest of it, once.
    expect(await read.credits(app, owner)).toMatchObject({ subscription: 10_000 });

    // Stripe prorates 20 of 30 days: Pro's unused time back, Business's remaining time charged, invoiced at once.
    const invoices = await stripe.invoices.list({ subscription: await stripeSubscriptionOf(owner), limit: 10 });
    const proration = invoices.data.find((invoice) => invoice.billing_reason === 'subscription_update')!;
    const lines = proration.lines.data.map((line) => [line.amount, line.parent?.subscription_item_details?.proration]);
    expect(lines).toEqual(expect.arrayContaining([[-1000, true], [3267, true]]));
    expect(proration).toMatchObject({ status: 'paid', amount_paid: 2267 });
    const recorded = await read.invoices(app, owner);
    expect(recorded).toContainEqual(
      expect.objectContaining({ stripeInvoiceId: proration.id, billingReason: 'subscription_update', status: 'PAID', amountPaid: { amountMinor: 2267, currency: 'usd' } }),
    );

    await advanceClocks(app, at(started.currentPeriodEnd, 60));
    const renewal = (await read.invoices(app, owner)).find((invoice) => invoice.billingReason === 'subscription_cycle');
    expect(renewal).toMatchObject({ status: 'PAID', amountPaid: { amountMinor: 4900, currency: 'usd' }, periodStart: started.currentPeriodEnd });
    expect(await read.credits(app, owner)).toMatchObject({ subscription: 10_000 });
    await noFailedEvents();
  });

  it('schedules a downgrade at the period end (visible, undo works), then the renewal moves to the lower plan once', async () => {
    const owner = await subscribedOwner(app, 'Downgrade E2E', 'business');
    const started = await read.subscription(app, owner);
    const scheduled = (await change(owner, 'pro')).changePlan;
    const expected = { planKey: 'pro', billingInterval: 'MONTH', effectiveAt: started.currentPeriodEnd };
    expect(scheduled).toMatchObject({ outcome: 'DOWNGRADE_SCHEDULED', subscription: { planKey: 'business', scheduledChange: expected } });
    // The webhooks that follow (the schedule named by id) keep showing it.
    await settle(app);
    expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'business', scheduledChange: expected });
    expect((await read.entitlements(app, owner)).planKey).toBe('business');

    const undone = (await gqlData(app, GQL.undoScheduled, { o: owner.organizationId }, owner.caller)).undoScheduledPlanChange;
    expect(undone).toEqual({ planKey: 'business', scheduledChange: null });
    await settle(app);
    expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'business', scheduledChange: null });
    expect((await stripe.subscriptions.retrieve(await stripeSubscriptionOf(owner))).schedule).toBeNull();

    // Scheduled again, and this time the period ends.
    expect((await change(owner, 'pro')).changePlan.outcome).toBe('DOWNGRADE_SCHEDULED');
    await advanceClocks(app, at(started.currentPeriodEnd, 60));
    const renewed = await read.subscription(app, owner);
    expect(renewed).toMatchObject({ planKey: 'pro', status: 'ACTIVE', currentPeriodStart: started.currentPeriodEnd, scheduledChange: null });
    expect((await read.entitlements(app, owner)).planKey).toBe('pro');
    expect(await read.credits(app, owner)).toMatchObject({ subscription: 2000 });
    const renewal = (await read.invoices(app, owner)).find((invoice) => invoice.billingReason === 'subscription_cycle');
    expect(renewal).toMatchObject({ status: 'PAID', amountPaid: { amountMinor: 1500, currency: 'usd' } });
    const grants = await app.dataSource.query(
      `SELECT subscription_delta FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant' AND period_start = $2`,
      [owner.organizationId, started.currentPeriodEnd],
    );
    expect(grants).toEqual([{ subscription_delta: 2000 }]);
    await noFailedEvents();
  });

  it('cancels at the period end and resumes; canceled again, the period end drops the organization to free', async () => {
    const owner = await subscribedOwner(app, 'Cancel E2E', 'pro');
    const started = await read.subscription(app, owner);
    const cancel = async () => (await gqlData(app, GQL.cancel, { o: owner.organizationId, end: true }, owner.caller)).cancelSubscription;

    expect(await cancel()).toEqual({ planKey: 'pro', status: 'ACTIVE', cancelAtPeriodEnd: true });
    await settle(app);
    expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'pro', cancelAtPeriodEnd: true });
    expect((await gqlData(app, GQL.resume, { o: owner.organizationId }, owner.caller)).resumeSubscription).toEqual({ planKey: 'pro', status: 'ACTIVE', cancelAtPeriodEnd: false });
    await settle(app);
    expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'pro', cancelAtPeriodEnd: false });

    expect(await cancel()).toMatchObject({ cancelAtPeriodEnd: true });
    await advanceClocks(app, at(started.currentPeriodEnd, 60));
    expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'free', status: 'ACTIVE', cancelAtPeriodEnd: false });
    expect((await read.entitlements(app, owner)).planKey).toBe('free');
    expect(await read.credits(app, owner)).toMatchObject({ subscription: 100 });
    expect((await read.invoices(app, owner)).filter((invoice) => invoice.billingReason === 'subscription_cycle')).toEqual([]);
    const [ended] = await app.dataSource.query(`SELECT status FROM subscriptions WHERE stripe_subscription_id IS NOT NULL AND organization_id = $1`, [owner.organizationId]);
    expect(ended.status).toBe('canceled');
    await noFailedEvents();
  });

  it('cancels now: the organization is on free at once, and the deletion webhook changes nothing more', async () => {
    const owner = await subscribedOwner(app, 'Cancel Now E2E', 'pro');
    // A day later (the fallback's free period must not start in the very second of Pro's: credits are granted once per period start).
    await advanceClocks(app, new Date(app.clock.now().getTime() + DAY_SECONDS * 1000));
    expect((await gqlData(app, GQL.cancel, { o: owner.organizationId, end: false }, owner.caller)).cancelSubscription).toEqual({
      planKey: 'free',
      status: 'ACTIVE',
      cancelAtPeriodEnd: false,
    });
    const before = await read.subscription(app, owner);
    await settle(app);
    expect(await read.subscription(app, owner)).toEqual(before);
    expect((await read.entitlements(app, owner)).planKey).toBe('free');
    expect(await read.credits(app, owner)).toMatchObject({ subscription: 100 });
    await noFailedEvents();
  });
});
