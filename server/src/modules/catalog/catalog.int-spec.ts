import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { PLAN_FIELDS, PLAN_VERSION_FRAGMENT } from '../../../test/support/catalog';

const PLANS = `query { plans { ${PLAN_FIELDS} } } ${PLAN_VERSION_FRAGMENT}`;
const CREDIT_EVENTS = `query { creditEvents { id key name description category creditCost active } }`;
const CREDIT_PRODUCTS = `query { creditProducts { id key name description credits price { amountMinor currency } archivedAt } }`;

describe('catalog: what customers see', () => {
  let app: TestApp;
  let owner: SignedUpUser;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signUpOwner(app, 'Shopper');
  });
  afterAll(() => app.close());

  it('lists the public plans in order with prices as Money, yearly discount, trial, credits, rate limit and entitlements', async () => {
    const response = await app.gql(PLANS, {}, { cookie: owner.cookie });
    expect(response.errors).toBeUndefined();
    const plans = response.data!.plans;
    expect(plans.map((p: { key: string }) => p.key)).toEqual(['free', 'pro', 'business', 'enterprise']);

    const [free, pro, business, enterprise] = plans;
    expect(free.currentVersion).toMatchObject({
      version: 1,
      monthlyPrice: { amountMinor: 0, currency: 'usd' },
      yearlyPrice: { amountMinor: 0, currency: 'usd' },
      yearlyDiscountPercent: null,
      trialDays: 0,
      creditsPerPeriod: 100,
      hourlyRequestLimit: 100,
    });
    expect(pro.currentVersion).toMatchObject({
      monthlyPrice: { amountMinor: 1500, currency: 'usd' },
      yearlyPrice: { amountMinor: 15000, currency: 'usd' },
      // 12 × $15 = $180 against $150 a year: 16.7 % saved, shown as 17.
      yearlyDiscountPercent: 17,
      trialDays: 14,
      creditsPerPeriod: 2000,
    });
    expect(business.currentVersion.monthlyPrice).toEqual({ amountMinor: 4900, currency: 'usd' });
    expect(business.currentVersion.yearlyDiscountPercent).toBe(17);
    expect(enterprise).toMatchObject({ name: 'Enterprise', isPublic: true, archivedAt: null });
    expect(enterprise.currentVersion).toMatchObject({ monthlyPrice: null, yearlyPrice: null, yearlyDiscountPercent: null, hourlyRequestLimit: null });

    const grants = Object.fromEntries(free.currentVersion.entitlements.map((e: any) => [e.feature.key, e]));
    expect(grants.messages).toEqual({
      feature: { key: 'messages', name: 'Messages', kind: 'METERED', unit: 'messages' },
      enabled: true,
      limit: 50,
      resetPeriod: 'DAY',
      overage: 'BLOCK',
    });
    expect(grants.priority_support).toEqual({
      feature: { key: 'priority_support', name: 'Priority support', kind: 'BOOLEAN', unit: null },
      enabled: false,
      limit: null,
      resetPeriod: null,
      overage: 'BLOCK',
    });
    const proApiCalls = pro.currentVersion.entitlements.find((e: any) => e.feature.key === 'api_calls');
    expect(proApiCalls).toMatchObject({ limit: 50000, resetPeriod: 'MONTH', overage: 'OVERAGE' });
    const enterpriseLimits = enterprise.currentVersion.entitlements.filter((e: any) => e.feature.kind === 'METERED').map((e: any) => e.limit);
    expect(enterpriseLimits).toEqual([null, null, null, null, null]);
  });

  it('hides private and archived plans', async () => {
    await app.dataSource.query(`UPDATE plans SET is_public = false WHERE key = 'business'`);
    await app.dataSource.query(`UPDATE plans SET archived_at = now() WHERE key = 'enterprise'`);
    try {
      const response = await app.gql(PLANS, {}, { cookie: owner.cookie });
      expect(response.data!.plans.map((p: { key: string }) => p.key)).toEqual(['free', 'pro']);
    } finally {
      await app.dataSource.query(`UPDATE plans SET is_public = true, archived_at = NULL`);
    }
  });

  it('lists active credit events and credit products on sale', async () => {
    await app.dataSource.query(`UPDATE credit_events SET active = false WHERE key = 'storage_gb_month'`);
    await app.dataSource.query(`UPDATE credit_products SET archived_at = now() WHERE key = 'credits_20000'`);
    try {
      const events = await app.gql(CREDIT_EVENTS, {}, { cookie: owner.cookie });
      expect(events.errors).toBeUndefined();
      expect(events.data!.creditEvents.map((e: any) => [e.key, e.creditCost, e.category])).toEqual([
        ['ai_inference', 25, 'ai'],
        ['api_call_basic', 1, 'api'],
        ['api_call_premium', 5, 'api'],
      ]);
      const products = await app.gql(CREDIT_PRODUCTS, {}, { cookie: owner.cookie });
      expect(products.data!.creditProducts).toEqual([
        expect.objectContaining({ key: 'credits_1000', credits: 1000, price: { amountMinor: 1000, currency: 'usd' }, archivedAt: null }),
        expect.objectContaining({ key: 'credits_5000', credits: 5000, price: { amountMinor: 4500, currency: 'usd' } }),
      ]);
    } finally {
      await app.dataSource.query(`UPDATE credit_events SET active = true`);
      await app.dataSource.query(`UPDATE credit_products SET archived_at = NULL`);
    }
  });

  it('answers API keys too, without an organizationId', async () => {
    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    const response = await app.gql(`{ plans { key } creditEvents { key } creditProducts { key } }`, {}, { apiKey: key.secret });
    expect(response.errors).toBeUndefined();
    expect(response.data!.plans).toHaveLength(4);
    expect(response.data!.creditEvents).toHaveLength(4);
    expect(response.data!.creditProducts).toHaveLength(3);
  });

  it('refuses anonymous callers', async () => {
    const response = await app.gql(`{ plans { key } }`);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });
});
