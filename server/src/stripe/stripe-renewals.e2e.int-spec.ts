import { randomUUID } from 'node:crypto';
import { createApiKey } from '../../test/support/factories';
import { postPortal } from '../../test/support/stripe-sandbox-kit';
import { CARDS, DAY_SECONDS, GQL, type E2eOwner, advanceClocks, checkoutAndPay, gqlData, newOwner, read, settle, startBillingE2e, subscribedOwner } from '../../test/support/stripe-e2e';
import { postSignedEvent } from '../../test/support/stripe-objects';
import type { TestApp } from '../../test/support/test-app';

const CONSUME = `mutation($i: ConsumeCreditsInput!) { consumeCredits(input: $i) { balanceAfter } }`;

/**
 * Billing cycles end to end: the sandbox's clock runs trial ends, renewals, failed renewals and Stripe's dunning;
 * Tollgate's clock moves with it (as a server's wall time would with Stripe's test clocks); what the console reads
 * follows through the webhooks alone.
 */
describe('Stripe end to end: trials, renewals, failed payments and dunning through the sandbox clock', () => {
  let app: TestApp;

  beforeAll(async () => {
    ({ app } = await startBillingE2e());
  });
  afterAll(() => app?.close());

  const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);
  const grantsFrom = (owner: E2eOwner, periodStart: string) =>
    app.dataSource.query(`SELECT subscription_delta FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant' AND period_start = $2`, [owner.organizationId, periodStart]);
  const noFailedEvents = async () => expect(await app.dataSource.query(`SELECT id, type, last_error FROM stripe_events WHERE status = 'failed'`)).toEqual([]);
  const feature = async (owner: E2eOwner, key: string) => (await read.entitlements(app, owner)).features.find((f: { featureKey: string }) => f.featureKey === key);

  it('a trial (the catalog’s 14 days) starts with the plan’s credits; its end is billed and starts a paid period, credits once', async () => {
    const owner = await subscribedOwner(app, 'Trial E2E', 'pro');
    const trial = await read.subscription(app, owner);
    expect(trial).toMatchObject({ status: 'TRIALING', planKey: 'pro' });
    expect(trial.trialEnd).toBe(trial.currentPeriodEnd);
    expect(await read.credits(app, owner)).toMatchObject({ subscription: 2000 });
    expect(await read.invoices(app, owner)).toEqual([expect.objectContaining({ status: 'PAID', amountPaid: { amountMinor: 0, currency: 'usd' } })]);

    await advanceClocks(app, at(trial.trialEnd, 60));
    const paid = await read.subscription(app, owner);
    expect(paid).toMatchObject({ status: 'ACTIVE', planKey: 'pro', currentPeriodStart: trial.trialEnd, trialEnd: trial.trialEnd });
    expect(await grantsFrom(owner, trial.trialEnd)).toEqual([{ subscription_delta: 2000 }]);
    expect((await read.invoices(app, owner))[0]).toMatchObject({ status: 'PAID', amountPaid: { amountMinor: 1500, currency: 'usd' }, periodStart: trial.trialEnd });
    const reminder = await app.dataSource.query(`SELECT actor_type FROM audit_entries WHERE organization_id = $1 AND action = 'subscription.trial_will_end'`, [owner.organizationId]);
    expect(reminder).toEqual([{ actor_type: 'stripe' }]);
    await noFailedEvents();
  });

  describe('paid from the first day', () => {
    beforeAll(async () => {
      await app.dataSource.query(`UPDATE plan_versions SET trial_days = 0`);
      // A limit that resets with the billing period (the catalog's limits reset daily, monthly or never).
      await app.dataSource.query(
        `UPDATE plan_entitlements SET reset_period = 'billing_period' WHERE feature_key = 'api_calls' AND plan_version_id = (SELECT current_version_id FROM plans WHERE key = 'pro')`,
      );
    });

    it('renews: a new period, its credits granted once (also when the webhooks come again), the billing-period usage window reset, the invoice recorded', async () => {
      const owner = await subscribedOwner(app, 'Renewal E2E', 'pro');
      const apiKey = (await createApiKey(app, owner)).secret;
      const first = await read.subscription(app, owner);
      await gqlData(app, GQL.trackUsage, { i: { featureKey: 'api_calls', quantity: 300, idempotencyKey: randomUUID() } }, { apiKey });
      await gqlData(app, CONSUME, { i: { eventKey: 'api_call_premium', quantity: 140, idempotencyKey: randomUUID() } }, { apiKey });
      expect(await feature(owner, 'api_calls')).toMatchObject({ used: 300, limit: 50_000, resetsAt: first.currentPeriodEnd });
      expect(await read.credits(app, owner)).toMatchObject({ subscription: 1300 });

      await advanceClocks(app, at(first.currentPeriodEnd, 60));
      const renewed = await read.subscription(app, owner);
      expect(renewed).toMatchObject({ status: 'ACTIVE', planKey: 'pro', currentPeriodStart: first.currentPeriodEnd });
      expect(Date.parse(renewed.currentPeriodEnd)).toBe(Date.parse('2027-01-23T12:00:00Z') + (Date.parse(first.currentPeriodEnd) - Date.parse('2026-12-23T12:00:00Z')));
      expect(await read.credits(app, owner)).toMatchObject({ subscription: 2000 });
      expect(await feature(owner, 'api_calls')).toMatchObject({ used: 0, resetsAt: renewed.currentPeriodEnd });
      const invoices = await read.invoices(app, owner);
      expect(invoices[0]).toMatchObject({
        billingReason: 'subscription_cycle',
        status: 'PAID',
        amountPaid: { amountMinor: 1500, currency: 'usd' },
        periodStart: renewed.currentPeriodStart,
        periodEnd: renewed.currentPeriodEnd,
        number: expect.any(String),
        hostedInvoiceUrl: expect.stringMatching(/^http/),
        invoicePdf: expect.stringMatching(/^http/),
      });
      expect(invoices.map((invoice) => invoice.billingReason)).toEqual(['subscription_cycle', 'subscription_create']);

      // Credits used in the new period stay used when Stripe sends the renewal's events again.
      await gqlData(app, CONSUME, { i: { eventKey: 'api_call_basic', quantity: 25, idempotencyKey: randomUUID() } }, { apiKey });
      const renewalEvents = await app.dataSource.query(
        `SELECT payload::text AS payload FROM stripe_events WHERE organization_id = $1 AND type IN ('customer.subscription.updated', 'invoice.paid') AND created >= $2`,
        [owner.organizationId, first.currentPeriodEnd],
      );
      expect(renewalEvents.length).toBeGreaterThanOrEqual(2);
      for (const event of renewalEvents) {
        for (let i = 0; i < 5; i += 1) expect((await postSignedEvent(app, event.payload)).body).toMatchObject({ duplicate: true });
        const copy = { ...JSON.parse(event.payload), id: `evt_copy_${randomUUID().replaceAll('-', '')}` };
        expect((await postSignedEvent(app, JSON.stringify(copy))).status).toBe(200);
      }
      await settle(app);
      expect(await read.credits(app, owner)).toMatchObject({ subscription: 1975 });
      expect(await grantsFrom(owner, renewed.currentPeriodStart)).toEqual([{ subscription_delta: 2000 }]);
      expect(await read.invoices(app, owner)).toHaveLength(2);
      await noFailedEvents();
    });

    it('a renewal the card declines (4000 0000 0000 0341) → PAST_DUE; a new card in the portal pays it → ACTIVE', async () => {
      const owner = await subscribedOwner(app, 'Past Due E2E', 'pro', CARDS.failsOnRenewal);
      const first = await read.subscription(app, owner);
      expect(first.status).toBe('ACTIVE');

      await advanceClocks(app, at(first.currentPeriodEnd, 60));
      expect(await read.subscription(app, owner)).toMatchObject({ status: 'PAST_DUE', planKey: 'pro', currentPeriodStart: first.currentPeriodEnd });
      const open = (await read.invoices(app, owner))[0];
      expect(open).toMatchObject({ billingReason: 'subscription_cycle', status: 'OPEN', amountDue: { amountMinor: 1500, currency: 'usd' }, amountPaid: { amountMinor: 0, currency: 'usd' } });

      // A day later the owner replaces the card in Stripe's portal (before Stripe's first retry, 3 days after).
      await advanceClocks(app, at(first.currentPeriodEnd, DAY_SECONDS));
      const portal = (await gqlData(app, GQL.portal, { o: owner.organizationId }, owner.caller)).createPortalSession;
      const replaced = await postPortal(portal.url, 'card', { card_number: CARDS.success });
      expect(replaced.status).toBe(303);
      expect(decodeURIComponent(replaced.location!)).toContain('Paid');
      await settle(app);
      expect(await read.subscription(app, owner)).toMatchObject({ status: 'ACTIVE', planKey: 'pro', currentPeriodStart: first.currentPeriodEnd });
      expect((await read.invoices(app, owner)).find((invoice) => invoice.stripeInvoiceId === open.stripeInvoiceId)).toMatchObject({
        status: 'PAID',
        amountPaid: { amountMinor: 1500, currency: 'usd' },
      });
      expect(await grantsFrom(owner, first.currentPeriodEnd)).toEqual([{ subscription_delta: 2000 }]);
      // Both payments are in the audit trail. Which entry moved the status (the invoice event or the subscription
      // update that follows it) depends on the order the two are applied in, so that is not asserted here.
      const applied = await app.dataSource.query(
        `SELECT after->>'type' AS type FROM audit_entries WHERE organization_id = $1 AND action = 'stripe.event_applied'`,
        [owner.organizationId],
      );
      const types = applied.map((a: { type: string }) => a.type);
      expect(types).toContain('invoice.payment_failed');
      // invoice.paid and invoice.payment_succeeded carry the same invoice state: whichever is applied first records it.
      expect(types.filter((type: string) => type === 'invoice.paid' || type === 'invoice.payment_succeeded').length).toBeGreaterThan(0);
      await noFailedEvents();
    });

    it('when Stripe’s retries of a declined renewal run out, it ends the subscription and the organization is on free', async () => {
      const owner = await newOwner(app, 'Dunning E2E');
      const paid = await checkoutAndPay(app, owner, 'pro', CARDS.failsOnRenewal);
      expect(paid.status).toBe(303);
      await settle(app);
      const first = await read.subscription(app, owner);
      expect(first).toMatchObject({ status: 'ACTIVE', planKey: 'pro' });

      await advanceClocks(app, at(first.currentPeriodEnd, 60));
      expect((await read.subscription(app, owner)).status).toBe('PAST_DUE');
      expect((await feature(owner, 'api_calls')).limit).toBe(50_000); // past due keeps the plan while Stripe retries

      await advanceClocks(app, at(first.currentPeriodEnd, 30 * DAY_SECONDS));
      expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'free', status: 'ACTIVE' });
      expect((await read.entitlements(app, owner)).planKey).toBe('free');
      expect(await read.credits(app, owner)).toMatchObject({ subscription: 100 });
      const [ended] = await app.dataSource.query(`SELECT status FROM subscriptions WHERE organization_id = $1 AND stripe_subscription_id IS NOT NULL`, [owner.organizationId]);
      expect(ended.status).toBe('expired');
      const attempts = (await read.invoices(app, owner)).filter((invoice) => invoice.billingReason === 'subscription_cycle');
      expect(attempts.map((invoice) => invoice.status)).not.toContain('PAID');
      await noFailedEvents();
    });
  });
});
