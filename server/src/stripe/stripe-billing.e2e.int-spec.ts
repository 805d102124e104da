import { payCheckout } from '../../test/support/stripe-sandbox-kit';
import { CARDS, GQL, type E2eOwner, checkoutAndPay, gqlData, newOwner, read, settle, startBillingE2e, storedEventsOf, waitFor } from '../../test/support/stripe-e2e';
import { postSignedEvent, stripeId } from '../../test/support/stripe-objects';
import type { TestApp } from '../../test/support/test-app';

const REPLAY = `mutation($id: ID!) { replayStripeEvent(id: $id) { id status attempts } }`;

/**
 * Proof, end to end: Tollgate's GraphQL API (what the console calls) + the Stripe sandbox (its Checkout page, its
 * signed webhooks). Nothing here creates Stripe objects through the SDK: Tollgate does, as it would against Stripe.
 */
describe('Stripe end to end: checkout and credit packs through GraphQL + the sandbox', () => {
  let app: TestApp;
  let admin: { cookie: string };

  beforeAll(async () => {
    ({ app, admin } = await startBillingE2e());
    // Paid from the first day: the catalog gives Pro a 14-day trial, which stripe-renewals.e2e covers.
    await app.dataSource.query(`UPDATE plan_versions SET trial_days = 0`);
  });
  afterAll(() => app?.close());

  const failedEvents = () => app.dataSource.query(`SELECT id, type, last_error FROM stripe_events WHERE status = 'failed'`);
  const auditCount = async (organizationId: string) =>
    Number((await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1`, [organizationId]))[0].n);
  const storedPayload = async (organizationId: string, type: string): Promise<{ id: string; payload: string }> => {
    const [row] = await app.dataSource.query(`SELECT id, payload::text AS payload FROM stripe_events WHERE organization_id = $1 AND type = $2`, [organizationId, type]);
    if (!row) throw new Error(`no stored ${type} for ${organizationId}`);
    return row;
  };

  describe('subscription checkout', () => {
    let owner: E2eOwner;

    it('sign up → createCheckoutSession(pro) → pay with 4242 → ACTIVE on Pro with Pro’s entitlements and credits within 10 s', async () => {
      owner = await newOwner(app, 'Checkout E2E');
      expect(await read.subscription(app, owner)).toMatchObject({ planKey: 'free', status: 'ACTIVE', billedThroughStripe: false });

      const paid = await checkoutAndPay(app, owner, 'pro', CARDS.success);
      expect(paid.status).toBe(303);
      expect(paid.location).toBe(`${app.services.config.publicUrl}/billing/checkout/return?session_id=${paid.sessionId}`);
      const paidAt = Date.now();
      const shown = await waitFor(
        async () => ({ subscription: await read.subscription(app, owner), entitlements: await read.entitlements(app, owner), credits: await read.credits(app, owner) }),
        ({ subscription, entitlements, credits }) => subscription.status === 'ACTIVE' && subscription.planKey === 'pro' && entitlements.planKey === 'pro' && credits.subscription === 2000,
      );
      expect(Date.now() - paidAt).toBeLessThan(10_000);

      expect(shown.subscription).toMatchObject({ status: 'ACTIVE', planKey: 'pro', billingInterval: 'MONTH', cancelAtPeriodEnd: false, trialEnd: null, billedThroughStripe: true });
      const period = (Date.parse(shown.subscription.currentPeriodEnd) - Date.parse(shown.subscription.currentPeriodStart)) / 86_400_000;
      expect(period).toBe(30); // 2026-11-23 → 2026-12-23
      expect(shown.entitlements.hourlyRequestLimit).toBe(1000);
      const limits = Object.fromEntries(shown.entitlements.features.map((f: { featureKey: string; limit: number | null; enabled: boolean }) => [f.featureKey, f.limit ?? f.enabled]));
      expect(limits).toMatchObject({ messages: 1000, api_calls: 50_000, agents: 10, workflows: 25, storage_gb: 10, priority_support: false });
      expect(shown.credits).toEqual({ subscription: 2000, purchased: 0, total: 2000 });

      await settle(app);
      const invoices = await read.invoices(app, owner);
      expect(invoices).toEqual([
        expect.objectContaining({ status: 'PAID', billingReason: 'subscription_create', amountPaid: { amountMinor: 1500, currency: 'usd' }, number: expect.any(String), hostedInvoiceUrl: expect.stringMatching(/^http/) }),
      ]);
      const types = (await storedEventsOf(app, owner.organizationId)).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['checkout.session.completed', 'customer.subscription.created', 'invoice.paid']));
      expect(await failedEvents()).toEqual([]);
    });

    it('applies the same webhook delivered 5 times once (a stored event’s raw payload re-posted with a fresh signature)', async () => {
      await settle(app);
      const before = { audit: await auditCount(owner.organizationId), credits: await read.credits(app, owner), subscription: await read.subscription(app, owner) };
      for (const type of ['customer.subscription.created', 'checkout.session.completed', 'invoice.paid']) {
        const event = await storedPayload(owner.organizationId, type);
        const answers = [];
        for (let i = 0; i < 5; i += 1) answers.push(await postSignedEvent(app, event.payload));
        expect(answers.map((a) => [a.status, a.body.duplicate])).toEqual(Array(5).fill([200, true]));
        await app.services.stripeWebhooks.whenIdle();
        const [row] = await app.dataSource.query(`SELECT status, attempts FROM stripe_events WHERE id = $1`, [event.id]);
        expect(row.attempts).toBe(1);
      }
      expect(await auditCount(owner.organizationId)).toBe(before.audit);
      expect(await read.credits(app, owner)).toEqual(before.credits);
      expect(await read.subscription(app, owner)).toEqual(before.subscription);
      const grants = await app.dataSource.query(`SELECT count(*)::int AS n FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant'`, [owner.organizationId]);
      expect(grants[0].n).toBe(2); // the free plan's at sign-up, Pro's once
    });

    it('a declined card (4000 0000 0000 0002) leaves the organization on free; the same session then pays with 4242', async () => {
      const declined = await newOwner(app, 'Declined E2E');
      const attempt = await checkoutAndPay(app, declined, 'pro', CARDS.declined);
      expect(attempt.status).toBe(402);
      expect(attempt.html).toContain('declined');
      await settle(app);
      expect(await read.subscription(app, declined)).toMatchObject({ planKey: 'free', status: 'ACTIVE' });
      expect((await read.entitlements(app, declined)).planKey).toBe('free');
      expect(await read.credits(app, declined)).toMatchObject({ subscription: 100, purchased: 0 });
      expect(await read.invoices(app, declined)).toEqual([]);
      const failedPayment = await app.dataSource.query(`SELECT action FROM audit_entries WHERE organization_id = $1 AND action = 'payment.failed'`, [declined.organizationId]);
      expect(failedPayment).toHaveLength(1);

      const retry = await payCheckout(attempt.url, CARDS.success, declined.email);
      expect(retry.status).toBe(303);
      const paid = await waitFor(() => read.subscription(app, declined), (s) => s.planKey === 'pro');
      expect(paid).toMatchObject({ planKey: 'pro', status: 'ACTIVE' });
      expect(await failedEvents()).toEqual([]);
    });
  });

  describe('credit packs', () => {
    it('purchaseCredits → pay → the purchased credits appear once, whatever is re-delivered or replayed', async () => {
      const owner = await newOwner(app, 'Credits E2E');
      const session = (await gqlData(app, GQL.purchaseCredits, { o: owner.organizationId, i: { productKey: 'credits_5000' } }, owner.caller)).purchaseCredits;
      const paid = await payCheckout(session.url, CARDS.success, owner.email);
      expect(paid.status).toBe(303);
      const credits = await waitFor(() => read.credits(app, owner), (c) => c.purchased > 0);
      expect(credits).toEqual({ subscription: 100, purchased: 5000, total: 5100 });
      await settle(app);

      const completed = await storedPayload(owner.organizationId, 'checkout.session.completed');
      // Stripe re-delivers: the same event five times …
      for (let i = 0; i < 5; i += 1) expect((await postSignedEvent(app, completed.payload)).body).toMatchObject({ duplicate: true });
      // … an admin replays it …
      expect((await gqlData(app, REPLAY, { id: completed.id }, admin)).replayStripeEvent).toMatchObject({ id: completed.id, status: 'IGNORED' });
      // … and the session arrives again under another event id (async_payment_succeeded names the same session).
      const again = { ...JSON.parse(completed.payload), id: stripeId('evt'), type: 'checkout.session.async_payment_succeeded' };
      expect((await postSignedEvent(app, JSON.stringify(again))).body).toMatchObject({ duplicate: false });
      await app.services.stripeWebhooks.whenIdle();

      expect(await read.credits(app, owner)).toEqual({ subscription: 100, purchased: 5000, total: 5100 });
      const purchases = await app.dataSource.query(`SELECT purchased_delta FROM credit_transactions WHERE organization_id = $1 AND kind = 'purchase'`, [owner.organizationId]);
      expect(purchases).toEqual([{ purchased_delta: 5000 }]);
      const invoices = await read.invoices(app, owner);
      expect(invoices.every((invoice) => invoice.billingReason !== 'subscription_create')).toBe(true);
      expect(await failedEvents()).toEqual([]);
    });
  });
});
