import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { CreditConsumptionOrder } from './catalog.enums';
import { DEFAULT_PRICING_FILE } from './catalog-loader';

/** Row counts of every catalog table: what a load may change. */
async function catalogCounts(app: TestApp): Promise<Record<string, number>> {
  const [row] = await app.dataSource.query(`
    SELECT (SELECT count(*) FROM features)::int AS features, (SELECT count(*) FROM plans)::int AS plans,
           (SELECT count(*) FROM plan_versions)::int AS plan_versions, (SELECT count(*) FROM plan_entitlements)::int AS plan_entitlements,
           (SELECT count(*) FROM credit_events)::int AS credit_events, (SELECT count(*) FROM credit_products)::int AS credit_products,
           (SELECT count(*) FROM platform_settings)::int AS platform_settings`);
  return row;
}

describe('catalog loader: the pricing file on start', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('gives a fresh database the default catalog: 8 features, 4 plans at version 1, 4 credit events, 3 products, the setting', async () => {
    expect(await catalogCounts(app)).toEqual({
      features: 8,
      plans: 4,
      plan_versions: 4,
      plan_entitlements: 32,
      credit_events: 4,
      credit_products: 3,
      platform_settings: 1,
    });
    const plans = await app.dataSource.query(`
      SELECT p.key, v.version, v.currency, v.monthly_price_minor::int AS monthly, v.yearly_price_minor::int AS yearly,
             v.trial_days, v.credits_per_period, v.hourly_request_limit
      FROM plans p JOIN plan_versions v ON v.id = p.current_version_id ORDER BY p.sort_order`);
    expect(plans).toEqual([
      { key: 'free', version: 1, currency: 'usd', monthly: 0, yearly: 0, trial_days: 0, credits_per_period: 100, hourly_request_limit: 100 },
      { key: 'pro', version: 1, currency: 'usd', monthly: 1500, yearly: 15000, trial_days: 14, credits_per_period: 2000, hourly_request_limit: 1000 },
      { key: 'business', version: 1, currency: 'usd', monthly: 4900, yearly: 49000, trial_days: 14, credits_per_period: 10000, hourly_request_limit: 5000 },
      { key: 'enterprise', version: 1, currency: 'usd', monthly: null, yearly: null, trial_days: 0, credits_per_period: 100000, hourly_request_limit: null },
    ]);
    const freeMessages = await app.dataSource.query(`
      SELECT e.enabled, e.limit_value::int AS limit, e.reset_period, e.overage FROM plan_entitlements e
      JOIN plans p ON p.current_version_id = e.plan_version_id WHERE p.key = 'free' AND e.feature_key IN ('messages', 'storage_gb', 'priority_support')
      ORDER BY e.feature_key`);
    expect(freeMessages).toEqual([
      { enabled: true, limit: 50, reset_period: 'day', overage: 'block' },
      { enabled: false, limit: null, reset_period: null, overage: 'block' },
      { enabled: true, limit: 1, reset_period: 'never', overage: 'block' },
    ]);
    const [audit] = await app.dataSource.query(`SELECT actor_type, actor_id, organization_id, after FROM audit_entries WHERE action = 'catalog.loaded'`);
    expect(audit).toMatchObject({ actor_type: 'system', actor_id: 'catalog-loader', organization_id: null });
    expect(audit.after.plans).toEqual(['free', 'pro', 'business', 'enterprise']);
  });

  it('exposes the read methods other modules use', async () => {
    const { catalog } = app.services;
    const free = await catalog.freePlanVersion();
    expect(free).toMatchObject({ version: 1, monthlyPriceMinor: 0, creditsPerPeriod: 100, hourlyRequestLimit: 100 });
    expect((await catalog.getPlanByKey('pro'))?.name).toBe('Pro');
    expect(await catalog.getPlanByKey('nope')).toBeNull();
    const pro = await catalog.currentVersionOf('pro');
    expect(await catalog.getPlanVersion(pro.id)).toMatchObject({ id: pro.id, monthlyPriceMinor: 1500, yearlyPriceMinor: 15000 });
    expect(await catalog.getPlanVersion('not-a-uuid')).toBeNull();
    await expect(catalog.currentVersionOf('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const apiCalls = (await catalog.entitlementsOf(pro.id)).find((e) => e.featureKey === 'api_calls');
    expect(apiCalls).toMatchObject({ enabled: true, limitValue: 50000, resetPeriod: 'month', overage: 'overage' });
    expect(await catalog.creditEventByKey('ai_inference')).toMatchObject({ creditCost: 25, active: true, category: 'ai' });
    expect((await catalog.listCreditProducts()).map((p) => [p.key, p.credits, p.priceMinor])).toEqual([
      ['credits_1000', 1000, 1000],
      ['credits_5000', 5000, 4500],
      ['credits_20000', 20000, 16000],
    ]);
    expect(await catalog.consumptionOrder()).toBe(CreditConsumptionOrder.PURCHASED_FIRST);
  });

  it('changes nothing on a second load', async () => {
    const before = await catalogCounts(app);
    const summary = await app.services.catalog.loadFromFile();
    expect(summary).toEqual({ features: [], plans: [], creditEvents: [], creditProducts: [], settings: [] });
    expect(await catalogCounts(app)).toEqual(before);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'catalog.loaded'`);
    expect(n).toBe(1);
  });

  it('keeps what admins changed and adds only keys the database lacks', async () => {
    await app.dataSource.query(`UPDATE plans SET name = 'Hobby' WHERE key = 'free'`);
    await app.dataSource.query(`UPDATE credit_events SET credit_cost = 2 WHERE key = 'api_call_basic'`);
    await app.dataSource.query(`UPDATE platform_settings SET value = '"subscription_first"' WHERE key = 'credit_consumption_order'`);
    const pricing = JSON.parse(await readFile(DEFAULT_PRICING_FILE, 'utf8'));
    pricing.plans.push({ ...pricing.plans[1], key: 'pro-plus', name: 'Pro Plus', sortOrder: 15 });
    pricing.plans[0].name = 'Free from the file';
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'pricing-')), 'pricing.json');
    await writeFile(file, JSON.stringify(pricing));

    const summary = await app.services.catalog.loadFromFile(file);

    expect(summary.plans).toEqual(['pro-plus']);
    const names = await app.dataSource.query(`SELECT key, name FROM plans ORDER BY sort_order`);
    expect(names.map((p: { name: string }) => p.name)).toEqual(['Hobby', 'Pro', 'Pro Plus', 'Business', 'Enterprise']);
    const [basic] = await app.dataSource.query(`SELECT credit_cost FROM credit_events WHERE key = 'api_call_basic'`);
    expect(basic.credit_cost).toBe(2);
    expect(await app.services.catalog.consumptionOrder()).toBe(CreditConsumptionOrder.SUBSCRIPTION_FIRST);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM plan_entitlements e JOIN plans p ON p.current_version_id = e.plan_version_id WHERE p.key = 'pro-plus'`,
    );
    expect(n).toBe(8);
  });

  it('refuses a bad file with the path inside the JSON, and loads nothing from it', async () => {
    const pricing = JSON.parse(await readFile(DEFAULT_PRICING_FILE, 'utf8'));
    pricing.plans.push({ ...pricing.plans[1], key: 'broken', monthlyPriceMinor: -1 });
    pricing.creditEvents.push({ key: 'new_event', name: 'New', creditCost: 3 });
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'pricing-')), 'pricing.json');
    await writeFile(file, JSON.stringify(pricing));
    await expect(app.services.catalog.loadFromFile(file)).rejects.toThrow(/plans\[4\]\.monthlyPriceMinor/);
    expect(await app.services.catalog.creditEventByKey('new_event')).toBeNull();
  });
});
