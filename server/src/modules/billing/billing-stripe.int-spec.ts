import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { createStripeClient } from '../../stripe/stripe-client';
import { createApiKey, signInPlatformAdmin, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { completeSandboxCheckout, linkStripeSubscription } from '../../../test/support/stripe-billing';

const CHECKOUT = `mutation($o: ID!, $i: CreateCheckoutSessionInput!) { createCheckoutSession(organizationId: $o, input: $i) { url stripeSessionId } }`;
const CREDITS = `mutation($o: ID!, $i: PurchaseCreditsInput!) { purchaseCredits(organizationId: $o, input: $i) { url stripeSessionId } }`;
const PORTAL = `mutation($o: ID!) { createPortalSession(organizationId: $o) { url stripeSessionId } }`;
const SYNC = `mutation { syncCatalogToStripe { changedCount created { kind key stripeId } updated { key } unchanged { kind key stripeId } } }`;
const SUBSCRIPTION_FIELDS = `planKey billingInterval status cancelAtPeriodEnd currentPeriodEnd scheduledChange { planKey billingInterval effectiveAt }`;
const CHANGE = `mutation($o: ID!, $i: ChangePlanInput!) { changePlan(organizationId: $o, input: $i) { outcome subscription { ${SUBSCRIPTION_FIELDS} } } }`;
const UNDO = `mutation($o: ID!) { undoScheduledPlanChange(organizationId: $o) { ${SUBSCRIPTION_FIELDS} } }`;
const CANCEL = `mutation($o: ID!, $end: Boolean!) { cancelSubscription(organizationId: $o, atPeriodEnd: $end) { ${SUBSCRIPTION_FIELDS} } }`;
const RESUME = `mutation($o: ID!) { resumeSubscription(organizationId: $o) { ${SUBSCRIPTION_FIELDS} } }`;

describe('billing through Stripe (sandbox)', () => {
  let app: TestApp;
  let stripe: Stripe;
  let admin: { cookie: string };
  let firstSync: Record<string, any>;

  const customerOf = async (organizationId: string): Promise<string | null> =>
    (await app.dataSource.query(`SELECT stripe_customer_id FROM organizations WHERE id = $1`, [organizationId]))[0].stripe_customer_id;

  /** An organization paying for `planKey` through a completed sandbox Checkout, linked as the webhook would. */
  async function subscribedOwner(planKey: string, interval: 'MONTH' | 'YEAR' = 'MONTH'): Promise<SignedUpUser & { subscriptionId: string }> {
    const owner = await signUpOwner(app, `Subscriber ${planKey}`);
    const checkout = await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey, interval } }, { cookie: owner.cookie });
    expect(checkout.errors).toBeUndefined();
    const subscriptionId = await completeSandboxCheckout(stripe, checkout.data!.createCheckoutSession.stripeSessionId);
    await linkStripeSubscription(app, stripe, subscriptionId);
    return { ...owner, subscriptionId };
  }

  beforeAll(async () => {
    app = await startTestApp({ stripeSandbox: true });
    stripe = createStripeClient(app.stripeSandbox!.environment);
    admin = await signInPlatformAdmin(app);
    firstSync = (await app.gql(SYNC, {}, { cookie: admin.cookie })).data!.syncCatalogToStripe;
  });
  afterAll(() => app?.close());

  describe('catalog sync', () => {
    it('creates products, prices with lookup keys and meters, and stores their ids', async () => {
      const created = firstSync.created.map((i: { kind: string; key: string }) => `${i.kind.toLowerCase()}:${i.key}`);
      expect(created).toEqual(
        expect.arrayContaining([
          'product:plan:pro',
          'price:plan:pro:v1:month',
          'price:plan:pro:v1:year',
          'price:plan:business:v1:month',
          'meter:meter:api_calls',
          'meter:meter:storage_gb',
          'price:overage:pro:v1:api_calls:month',
          'product:credits:credits_1000',
          'price:credits:credits_1000',
        ]),
      );
      expect(created.some((k: string) => k.includes(':free') || k.includes(':enterprise'))).toBe(false);

      const [pro] = await app.dataSource.query(
        `SELECT p.stripe_product_id, v.stripe_monthly_price_id, v.stripe_yearly_price_id FROM plans p JOIN plan_versions v ON v.id = p.current_version_id WHERE p.key = 'pro'`,
      );
      const byLookup = await stripe.prices.list({ lookup_keys: ['tollgate_plan_pro_month'] });
      expect(byLookup.data).toHaveLength(1);
      expect(byLookup.data[0]).toMatchObject({
        id: pro.stripe_monthly_price_id,
        product: pro.stripe_product_id,
        unit_amount: 1500,
        currency: 'usd',
        recurring: expect.objectContaining({ interval: 'month', usage_type: 'licensed' }),
        metadata: expect.objectContaining({ tollgate_plan_key: 'pro', tollgate_interval: 'month' }),
      });
      const [pack] = await app.dataSource.query(`SELECT stripe_price_id FROM credit_products WHERE key = 'credits_5000'`);
      expect((await stripe.prices.list({ lookup_keys: ['tollgate_credits_credits_5000'] })).data[0]).toMatchObject({ id: pack.stripe_price_id, unit_amount: 4500 });
      const [calls] = await app.dataSource.query(`SELECT stripe_meter_id FROM features WHERE key = 'api_calls'`);
      expect((await stripe.billing.meters.retrieve(calls.stripe_meter_id)).event_name).toBe('tollgate_api_calls');
    });

    it('changes nothing on a second run', async () => {
      const second = (await app.gql(SYNC, {}, { cookie: admin.cookie })).data!.syncCatalogToStripe;
      expect(second.created).toEqual([]);
      expect(second.updated).toEqual([]);
      expect(second.changedCount).toBe(0);
      expect(second.unchanged.length).toBe(firstSync.created.length);
      const audit = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'billing.catalog_synced'`);
      expect(audit[0].n).toBeGreaterThanOrEqual(2);
    });
    it('gives a new plan version’s price the lookup key (transferred from the old price) and stores it on the version', async () => {
      await app.dataSource.query(`UPDATE plans SET name = 'Pro (renamed)' WHERE key = 'pro'`);
      await app.dataSource.transaction(async (m) => {
        const [plan] = await m.query(`INSERT INTO plans (key, name, sort_order) VALUES ('synced', 'Synced', 50) RETURNING id`);
        const [v1] = await m.query(`INSERT INTO plan_versions (plan_id, version, currency, monthly_price_minor) VALUES ($1, 1, 'usd', 1000) RETURNING id`, [plan.id]);
        await m.query(`UPDATE plans SET current_version_id = $1 WHERE id = $2`, [v1.id, plan.id]);
      });
      const first = (await app.gql(SYNC, {}, { cookie: admin.cookie })).data!.syncCatalogToStripe;
      expect(first.updated).toEqual([{ key: 'plan:pro' }]);
      const oldPrice = first.created.find((i: { key: string }) => i.key === 'plan:synced:v1:month').stripeId;
      const [v2] = await app.dataSource.query(
        `INSERT INTO plan_versions (plan_id, version, currency, monthly_price_minor) SELECT id, 2, 'usd', 1200 FROM plans WHERE key = 'synced' RETURNING id`,
      );
      await app.dataSource.query(`UPDATE plans SET current_version_id = $1 WHERE key = 'synced'`, [v2.id]);

      const second = (await app.gql(SYNC, {}, { cookie: admin.cookie })).data!.syncCatalogToStripe;
      expect(second.created.map((i: { key: string }) => i.key)).toEqual(['plan:synced:v2:month']);
      const [stored] = await app.dataSource.query(`SELECT stripe_monthly_price_id FROM plan_versions WHERE id = $1`, [v2.id]);
      const byLookup = await stripe.prices.list({ lookup_keys: ['tollgate_plan_synced_month'] });
      expect(byLookup.data.map((p) => [p.id, p.unit_amount])).toEqual([[stored.stripe_monthly_price_id, 1200]]);
      expect((await stripe.prices.retrieve(oldPrice)).lookup_key).toBeNull();
      expect((await stripe.products.retrieve((await stripe.prices.retrieve(oldPrice)).product as string)).name).toBe('Synced');
    });
  });

  describe('archived plans and packs', () => {
    const ARCHIVE_PLAN = `mutation($id: ID!) { archivePlan(planId: $id) { key } }`;
    const UNARCHIVE_PLAN = `mutation($id: ID!) { unarchivePlan(planId: $id) { key } }`;
    const ARCHIVE_PACK = `mutation($id: ID!) { archiveCreditProduct(creditProductId: $id) { key } }`;

    it('takes their Stripe products off sale at the next sync, and puts them back on sale when unarchived (twice over)', async () => {
      const [plan] = await app.dataSource.transaction(async (m) => {
        const created = await m.query(`INSERT INTO plans (key, name, sort_order) VALUES ('retiring', 'Retiring', 60) RETURNING id`);
        const [v1] = await m.query(`INSERT INTO plan_versions (plan_id, version, currency, monthly_price_minor) VALUES ($1, 1, 'usd', 900) RETURNING id`, [created[0].id]);
        await m.query(`UPDATE plans SET current_version_id = $1 WHERE id = $2`, [v1.id, created[0].id]);
        return created;
      });
      const [pack] = await app.dataSource.query(`INSERT INTO credit_products (key, name, credits, price_minor, currency) VALUES ('retiring_pack', 'Retiring pack', 50, 300, 'usd') RETURNING id`);
      const sync = async () => (await app.gql(SYNC, {}, { cookie: admin.cookie })).data!.syncCatalogToStripe;
      const productOf = async (table: string, id: string) => (await app.dataSource.query(`SELECT stripe_product_id FROM ${table} WHERE id = $1`, [id]))[0].stripe_product_id;
      const active = async (productId: string) => (await stripe.products.retrieve(productId)).active;
      const admin$ = (query: string, id: string) => app.gql(query, { id }, { cookie: admin.cookie });

      await sync();
      const planProduct = await productOf('plans', plan.id);
      const packProduct = await productOf('credit_products', pack.id);
      const [price] = await app.dataSource.query(`SELECT stripe_monthly_price_id FROM plan_versions WHERE plan_id = $1`, [plan.id]);
      expect([await active(planProduct), await active(packProduct)]).toEqual([true, true]);

      expect((await admin$(ARCHIVE_PLAN, plan.id)).errors).toBeUndefined();
      expect((await admin$(ARCHIVE_PACK, pack.id)).errors).toBeUndefined();
      const archived = await sync();
      expect(archived.updated).toEqual(expect.arrayContaining([{ key: 'plan:retiring' }, { key: 'credits:retiring_pack' }]));
      expect([await active(planProduct), await active(packProduct)]).toEqual([false, false]);
      // The price stays as it was: subscriptions on it renew; only new purchases are refused by Stripe.
      expect((await stripe.prices.retrieve(price.stripe_monthly_price_id)).active).toBe(true);
      expect((await sync()).updated).toEqual([]);

      // Back on sale and off again: each is a new request to Stripe, not a replay of the first under its key.
      expect((await admin$(UNARCHIVE_PLAN, plan.id)).errors).toBeUndefined();
      expect((await sync()).updated).toEqual([{ key: 'plan:retiring' }]);
      expect(await active(planProduct)).toBe(true);
      expect((await admin$(ARCHIVE_PLAN, plan.id)).errors).toBeUndefined();
      expect((await sync()).updated).toEqual([{ key: 'plan:retiring' }]);
      expect(await active(planProduct)).toBe(false);
      expect((await admin$(UNARCHIVE_PLAN, plan.id)).errors).toBeUndefined();
      await sync();
      expect(await active(planProduct)).toBe(true);
    });
  });

  describe('customers, checkout and portal', () => {
    it('creates a subscription Checkout with the plan’s price, trial and the organization in its metadata', async () => {
      const owner = await signUpOwner(app, 'Checkout Co');
      const response = await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie });
      expect(response.errors).toBeUndefined();
      const { url, stripeSessionId } = response.data!.createCheckoutSession;
      const session = await stripe.checkout.sessions.retrieve(stripeSessionId);
      expect(url).toBe(session.url);
      expect(session).toMatchObject({
        mode: 'subscription',
        customer: await customerOf(owner.organizationId),
        metadata: { organization_id: owner.organizationId, tollgate_plan_key: 'pro', tollgate_interval: 'month' },
      });
      expect(session.success_url).toBe(`${app.services.config.publicUrl}/billing/checkout/return?session_id={CHECKOUT_SESSION_ID}`);

      const subscription = await stripe.subscriptions.retrieve(await completeSandboxCheckout(stripe, stripeSessionId));
      const [version] = await app.dataSource.query(`SELECT v.stripe_monthly_price_id FROM plans p JOIN plan_versions v ON v.id = p.current_version_id WHERE p.key = 'pro'`);
      expect(subscription.items.data.map((item) => item.price.id)).toContain(version.stripe_monthly_price_id);
      expect(subscription.items.data.some((item) => item.price.recurring?.usage_type === 'metered')).toBe(true);
      expect(subscription.status).toBe('trialing');
      expect(subscription.trial_end! - subscription.items.data[0]!.current_period_start).toBe(14 * 86_400);
      expect(subscription.metadata.organization_id).toBe(owner.organizationId);
      const audit = await app.dataSource.query(`SELECT target_id FROM audit_entries WHERE organization_id = $1 AND action = 'billing.checkout_created'`, [owner.organizationId]);
      expect(audit).toEqual([{ target_id: stripeSessionId }]);
    });

    it('creates the Stripe customer once under 10 concurrent calls', async () => {
      const owner = await signUpOwner(app, 'Concurrent Co');
      const responses = await Promise.all(Array.from({ length: 10 }, () => app.gql(PORTAL, { o: owner.organizationId }, { cookie: owner.cookie })));
      expect(responses.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
      const customerId = await customerOf(owner.organizationId);
      expect(customerId).toMatch(/^cus_/);
      const customers = await stripe.customers.list({ limit: 100 });
      expect(customers.data.filter((c) => c.metadata.organization_id === owner.organizationId).map((c) => c.id)).toEqual([customerId]);
      const audit = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1 AND action = 'billing.customer_created'`, [owner.organizationId]);
      expect(audit[0].n).toBe(1);
    });

    it('returns a portal URL for the organization’s customer', async () => {
      const owner = await signUpOwner(app, 'Portal Co');
      const response = await app.gql(PORTAL, { o: owner.organizationId }, { cookie: owner.cookie });
      expect(response.data!.createPortalSession.url).toMatch(/^https?:\/\//);
      expect(response.data!.createPortalSession.stripeSessionId).toMatch(/^bps_/);
    });

    it('creates a payment-mode Checkout for a credit pack with what the webhook needs to grant it', async () => {
      const owner = await signUpOwner(app, 'Credits Co');
      const response = await app.gql(CREDITS, { o: owner.organizationId, i: { productKey: 'credits_5000' } }, { cookie: owner.cookie });
      expect(response.errors).toBeUndefined();
      const session = await stripe.checkout.sessions.retrieve(response.data!.purchaseCredits.stripeSessionId);
      expect(session).toMatchObject({
        mode: 'payment',
        metadata: { organization_id: owner.organizationId, tollgate_credit_product_key: 'credits_5000', tollgate_credits: '5000' },
      });
    });

    it('refuses a second checkout while a Stripe subscription is paid for', async () => {
      const owner = await subscribedOwner('pro');
      expect(errorCode(await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey: 'business', interval: 'MONTH' } }, { cookie: owner.cookie }))).toBe('CONFLICT');
    });

    it('turns a Stripe error into PAYMENT_PROVIDER_ERROR and changes nothing', async () => {
      const owner = await signUpOwner(app, 'Broken Price Co');
      await app.dataSource.query(`UPDATE credit_products SET stripe_price_id = 'price_does_not_exist' WHERE key = 'credits_20000'`);
      try {
        const response = await app.gql(CREDITS, { o: owner.organizationId, i: { productKey: 'credits_20000' } }, { cookie: owner.cookie });
        expect(errorCode(response)).toBe('PAYMENT_PROVIDER_ERROR');
        expect(response.errors![0]!.extensions!.details.stripeRequestId).toMatch(/^req_/);
        const audit = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1 AND action = 'billing.credit_checkout_created'`, [owner.organizationId]);
        expect(audit[0].n).toBe(0);
      } finally {
        await app.dataSource.query(`UPDATE credit_products SET stripe_price_id = NULL WHERE key = 'credits_20000'`);
      }
    });
  });

  describe('plan changes on a Stripe subscription', () => {
    // Paid from the first day, so the upgrade's proration is money, not a trial's zero.
    beforeAll(() => app.dataSource.query(`UPDATE plan_versions SET trial_days = 0`));

    it('upgrades now with a prorated invoice, the API answering with the new plan at once', async () => {
      const owner = await subscribedOwner('pro');
      const response = await app.gql(CHANGE, { o: owner.organizationId, i: { planKey: 'business', interval: 'MONTH' } }, { cookie: owner.cookie });
      expect(response.errors).toBeUndefined();
      expect(response.data!.changePlan).toMatchObject({ outcome: 'UPGRADED', subscription: { planKey: 'business', scheduledChange: null } });
      const subscription = await stripe.subscriptions.retrieve(owner.subscriptionId);
      const [business] = await app.dataSource.query(`SELECT v.stripe_monthly_price_id FROM plans p JOIN plan_versions v ON v.id = p.current_version_id WHERE p.key = 'business'`);
      expect(subscription.items.data.map((i) => i.price.id)).toContain(business.stripe_monthly_price_id);
      const invoices = await stripe.invoices.list({ subscription: owner.subscriptionId, limit: 10 });
      const prorated = invoices.data.flatMap((invoice) => invoice.lines.data).filter((line) => line.parent?.subscription_item_details?.proration);
      expect(prorated.length).toBeGreaterThan(0);
      const audit = await app.dataSource.query(`SELECT actor_type FROM audit_entries WHERE organization_id = $1 AND action = 'billing.stripe_upgraded'`, [owner.organizationId]);
      expect(audit).toEqual([{ actor_type: 'user' }]);
    });

    it('schedules a downgrade for the period end (shown as Tollgate’s scheduled change), and undo releases it', async () => {
      const owner = await subscribedOwner('business');
      const response = await app.gql(CHANGE, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie });
      expect(response.errors).toBeUndefined();
      const { outcome, subscription } = response.data!.changePlan;
      expect(outcome).toBe('DOWNGRADE_SCHEDULED');
      expect(subscription.planKey).toBe('business');
      expect(subscription.scheduledChange).toEqual({ planKey: 'pro', billingInterval: 'MONTH', effectiveAt: subscription.currentPeriodEnd });
      const scheduled = await stripe.subscriptions.retrieve(owner.subscriptionId);
      expect(scheduled.schedule).toEqual(expect.any(String));
      const scheduleId = scheduled.schedule as string;

      const undone = await app.gql(UNDO, { o: owner.organizationId }, { cookie: owner.cookie });
      expect(undone.data!.undoScheduledPlanChange).toMatchObject({ planKey: 'business', scheduledChange: null });
      expect((await stripe.subscriptionSchedules.retrieve(scheduleId)).status).toBe('released');
      expect((await stripe.subscriptions.retrieve(owner.subscriptionId)).schedule).toBeNull();
    });

    it('cancels at the period end, resumes, then cancels now (back on the free plan)', async () => {
      const owner = await subscribedOwner('pro');
      const canceling = await app.gql(CANCEL, { o: owner.organizationId, end: true }, { cookie: owner.cookie });
      expect(canceling.data!.cancelSubscription).toMatchObject({ planKey: 'pro', cancelAtPeriodEnd: true });
      expect((await stripe.subscriptions.retrieve(owner.subscriptionId)).cancel_at_period_end).toBe(true);
      expect(errorCode(await app.gql(CANCEL, { o: owner.organizationId, end: true }, { cookie: owner.cookie }))).toBe('CONFLICT');

      const resumed = await app.gql(RESUME, { o: owner.organizationId }, { cookie: owner.cookie });
      expect(resumed.data!.resumeSubscription).toMatchObject({ planKey: 'pro', cancelAtPeriodEnd: false });
      expect((await stripe.subscriptions.retrieve(owner.subscriptionId)).cancel_at_period_end).toBe(false);

      const ended = await app.gql(CANCEL, { o: owner.organizationId, end: false }, { cookie: owner.cookie });
      expect(ended.data!.cancelSubscription).toMatchObject({ planKey: 'free', cancelAtPeriodEnd: false });
      expect((await stripe.subscriptions.retrieve(owner.subscriptionId)).status).toBe('canceled');
      const actions = await app.dataSource.query(`SELECT action FROM audit_entries WHERE organization_id = $1 AND action LIKE 'billing.stripe_%' ORDER BY created_at, id`, [owner.organizationId]);
      expect(actions.map((a: { action: string }) => a.action).sort()).toEqual(['billing.stripe_cancel_scheduled', 'billing.stripe_canceled', 'billing.stripe_resumed']);
    });
  });

  describe('overage', () => {
    beforeAll(() => app.dataSource.query(`UPDATE plan_versions SET trial_days = 0`));

    it('reports overage to the meter once, even when the job runs twice (and twice at once), and Stripe bills it at renewal', async () => {
      const owner = await subscribedOwner('pro');
      const apiKey = (await createApiKey(app, owner)).secret;
      const track = (quantity: number) =>
        app.gql(`mutation($i: TrackUsageInput!) { trackUsage(input: $i) { allowed } }`, { i: { featureKey: 'api_calls', quantity, idempotencyKey: randomUUID() } }, { apiKey });
      expect((await track(50_000)).errors).toBeUndefined();
      expect((await track(30)).errors).toBeUndefined();
      const [event] = await app.dataSource.query(`SELECT idempotency_key, overage_quantity FROM usage_events WHERE organization_id = $1 AND overage_quantity > 0`, [owner.organizationId]);
      expect(Number(event.overage_quantity)).toBe(30);

      const runs = await Promise.all([app.services.overageReporter.reportDue(), app.services.overageReporter.reportDue()]);
      const again = await app.services.overageReporter.reportDue();
      expect(runs[0].failed + runs[1].failed + again.failed).toBe(0);
      expect(again.reported).toBe(0);
      const [stored] = await app.dataSource.query(`SELECT stripe_meter_reported_at FROM usage_events WHERE organization_id = $1 AND idempotency_key = $2`, [
        owner.organizationId,
        event.idempotency_key,
      ]);
      expect(stored.stripe_meter_reported_at).not.toBeNull();

      // The period ends: Stripe's renewal invoice bills the meter's total for it, which is the 30 once.
      await app.stripeSandbox!.advanceClock({ seconds: 32 * 86_400 });
      const [overagePrice] = await app.dataSource.query(
        `SELECT e.stripe_overage_monthly_price_id AS id FROM plans p JOIN plan_entitlements e ON e.plan_version_id = p.current_version_id WHERE p.key = 'pro' AND e.feature_key = 'api_calls'`,
      );
      const invoices = await stripe.invoices.list({ subscription: owner.subscriptionId, limit: 10 });
      const usageLines = invoices.data.flatMap((invoice) => invoice.lines.data).filter((line) => line.pricing?.price_details?.price === overagePrice.id && (line.quantity ?? 0) > 0);
      expect(usageLines.map((line) => line.quantity)).toEqual([30]);
    });
  });
});
