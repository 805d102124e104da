import { randomUUID } from 'node:crypto';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from '../../../test/support/test-app';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { PLAN_FIELDS, PLAN_VERSION_FRAGMENT, auditEntries, signInPlatformAdmin } from '../../../test/support/catalog';

const PLATFORM_PLAN = `${PLAN_FIELDS} versions { ...PlanVersionFields }`;
const CREATE = `mutation($input: CreatePlanInput!) { createPlan(input: $input) { ${PLATFORM_PLAN} } } ${PLAN_VERSION_FRAGMENT}`;
const UPDATE = `mutation($planId: ID!, $input: UpdatePlanInput!) { updatePlan(planId: $planId, input: $input) { ${PLATFORM_PLAN} } } ${PLAN_VERSION_FRAGMENT}`;
const CHANGE_TERMS = `mutation($planId: ID!, $input: PlanTermsInput!) { changePlanTerms(planId: $planId, input: $input) { ${PLATFORM_PLAN} } } ${PLAN_VERSION_FRAGMENT}`;
const ARCHIVE = `mutation($planId: ID!) { archivePlan(planId: $planId) { id archivedAt } }`;
const UNARCHIVE = `mutation($planId: ID!) { unarchivePlan(planId: $planId) { id archivedAt } }`;
const PLATFORM_PLANS = `query { platformPlans { ${PLATFORM_PLAN} } } ${PLAN_VERSION_FRAGMENT}`;
const PLANS = `query { plans { key currentVersion { version monthlyPrice { amountMinor } } } }`;

const starterInput = (key = 'starter') => ({
  key,
  name: 'Starter',
  description: 'Between free and pro.',
  isPublic: true,
  sortOrder: 5,
  currency: 'usd',
  monthlyPriceMinor: 900,
  yearlyPriceMinor: 9000,
  trialDays: 7,
  creditsPerPeriod: 500,
  hourlyRequestLimit: 300,
  entitlements: [
    { featureKey: 'messages', limit: 200, resetPeriod: 'DAY' },
    { featureKey: 'api_calls', limit: 10000, resetPeriod: 'MONTH', overage: 'OVERAGE' },
    { featureKey: 'priority_support', enabled: false },
  ],
});

function fields(response: GraphQLResponse): string[] {
  return (response.errors?.[0]?.extensions?.details?.fields ?? []).map((f: { field: string }) => f.field);
}

describe('plans: platform admin editing and versioning', () => {
  let app: TestApp;
  let admin: { cookie: string; userId: string };
  let owner: SignedUpUser;

  const planCount = async () => (await app.dataSource.query(`SELECT count(*)::int AS n FROM plans`))[0].n as number;
  const planIdOf = async (key: string): Promise<string> => (await app.dataSource.query(`SELECT id FROM plans WHERE key = $1`, [key]))[0].id;
  const versionRows = (planId: string) =>
    app.dataSource.query(`SELECT * FROM plan_versions WHERE plan_id = $1 ORDER BY version`, [planId]) as Promise<Array<Record<string, any>>>;
  const entitlementRows = (versionId: string) =>
    app.dataSource.query(`SELECT * FROM plan_entitlements WHERE plan_version_id = $1 ORDER BY feature_key`, [versionId]) as Promise<Array<Record<string, any>>>;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signInPlatformAdmin(app);
    owner = await signUpOwner(app, 'Customer');
  });
  afterAll(() => app.close());

  describe('createPlan', () => {
    it('creates the plan at version 1 with its entitlements, shows it in `plans`, and audits it', async () => {
      const response = await app.gql(CREATE, { input: starterInput() }, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      const plan = response.data!.createPlan;
      expect(plan).toMatchObject({ key: 'starter', name: 'Starter', isPublic: true, sortOrder: 5, archivedAt: null });
      expect(plan.currentVersion).toMatchObject({
        version: 1,
        monthlyPrice: { amountMinor: 900, currency: 'usd' },
        yearlyPrice: { amountMinor: 9000, currency: 'usd' },
        yearlyDiscountPercent: 17,
        trialDays: 7,
        creditsPerPeriod: 500,
        hourlyRequestLimit: 300,
        createdAt: app.clock.now().toISOString(),
      });
      expect(plan.versions.map((v: { id: string }) => v.id)).toEqual([plan.currentVersion.id]);
      expect(plan.currentVersion.entitlements.map((e: any) => [e.feature.key, e.enabled, e.limit, e.resetPeriod, e.overage])).toEqual([
        ['api_calls', true, 10000, 'MONTH', 'OVERAGE'],
        ['messages', true, 200, 'DAY', 'BLOCK'],
        ['priority_support', false, null, null, 'BLOCK'],
      ]);

      const [stored] = await app.dataSource.query(`SELECT * FROM plans WHERE id = $1`, [plan.id]);
      expect(stored).toMatchObject({ key: 'starter', current_version_id: plan.currentVersion.id, archived_at: null });
      const versions = await versionRows(plan.id);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ version: 1, monthly_price_minor: '900', yearly_price_minor: '9000', trial_days: 7 });
      expect(await entitlementRows(plan.currentVersion.id)).toHaveLength(3);

      const listed = await app.gql(PLANS, {}, { cookie: owner.cookie });
      expect(listed.data!.plans.map((p: { key: string }) => p.key)).toEqual(['free', 'starter', 'pro', 'business', 'enterprise']);

      const [audit] = await auditEntries(app, 'plan.created');
      expect(audit).toMatchObject({ organization_id: null, actor_type: 'user', actor_id: admin.userId, target_type: 'plan', target_id: plan.id });
      expect(audit.after.plan.key).toBe('starter');
      expect(audit.after.version.entitlements).toHaveLength(3);
    });

    it.each([
      ['a key the database would refuse', { key: 'Starter Plan' }, 'key'],
      ['a negative monthly price', { key: 'neg', monthlyPriceMinor: -1 }, 'monthlyPriceMinor'],
      ['a negative yearly price', { key: 'neg', yearlyPriceMinor: -100 }, 'yearlyPriceMinor'],
      ['a trial over a year', { key: 'long', trialDays: 400 }, 'trialDays'],
      ['a zero hourly request limit', { key: 'zero', hourlyRequestLimit: 0 }, 'hourlyRequestLimit'],
      ['a bad currency', { key: 'eur', currency: 'EUR' }, 'currency'],
      ['an unknown feature', { key: 'x1', entitlements: [{ featureKey: 'teleportation', enabled: true }] }, 'entitlements.0.featureKey'],
      ['a limit on a boolean feature', { key: 'x2', entitlements: [{ featureKey: 'analytics_advanced', enabled: true, limit: 5 }] }, 'entitlements.0.limit'],
      ['a reset period on a boolean feature', { key: 'x3', entitlements: [{ featureKey: 'analytics_advanced', resetPeriod: 'DAY' }] }, 'entitlements.0.resetPeriod'],
      ['a metered limit without a reset period', { key: 'x4', entitlements: [{ featureKey: 'agents', resetPeriod: 'NEVER' }, { featureKey: 'messages', limit: 5 }] }, 'entitlements.1.resetPeriod'],
      ['a negative limit', { key: 'x5', entitlements: [{ featureKey: 'messages', limit: -5, resetPeriod: 'DAY' }] }, 'entitlements.0.limit'],
      ['the same feature twice', { key: 'x6', entitlements: [{ featureKey: 'agents', resetPeriod: 'NEVER' }, { featureKey: 'agents', resetPeriod: 'NEVER' }] }, 'entitlements.1.featureKey'],
    ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_case, override, field) => {
      const before = await planCount();
      const response = await app.gql(CREATE, { input: { ...starterInput(), ...override } }, { cookie: admin.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fields(response)).toContain(field);
      expect(await planCount()).toBe(before);
    });

    it('refuses a key that exists with CONFLICT', async () => {
      const auditsBefore = (await auditEntries(app, 'plan.created')).length;
      const response = await app.gql(CREATE, { input: starterInput('pro') }, { cookie: admin.cookie });
      expect(errorCode(response)).toBe('CONFLICT');
      expect(fields(response)).toEqual(['key']);
      const [pro] = await app.dataSource.query(`SELECT name FROM plans WHERE key = 'pro'`);
      expect(pro.name).toBe('Pro');
      expect(await auditEntries(app, 'plan.created')).toHaveLength(auditsBefore);
    });
  });

  describe('updatePlan', () => {
    it('changes metadata in place without a new version, and audits before and after', async () => {
      const planId = await planIdOf('business');
      const versionsBefore = await versionRows(planId);
      const response = await app.gql(UPDATE, { planId, input: { name: 'Team', description: 'For teams.', sortOrder: 25 } }, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      expect(response.data!.updatePlan).toMatchObject({ name: 'Team', description: 'For teams.', sortOrder: 25, isPublic: true });
      expect(response.data!.updatePlan.versions).toHaveLength(1);
      expect(await versionRows(planId)).toEqual(versionsBefore);
      const [stored] = await app.dataSource.query(`SELECT name, description, sort_order FROM plans WHERE id = $1`, [planId]);
      expect(stored).toEqual({ name: 'Team', description: 'For teams.', sort_order: 25 });
      const [audit] = await auditEntries(app, 'plan.updated');
      expect(audit).toMatchObject({ actor_id: admin.userId, target_id: planId, organization_id: null });
      expect(audit.before).toMatchObject({ name: 'Business', sortOrder: 20 });
      expect(audit.after).toMatchObject({ name: 'Team', sortOrder: 25 });
    });

    it('answers NOT_FOUND for an unknown or malformed plan id', async () => {
      for (const planId of [randomUUID(), 'nope']) {
        const response = await app.gql(UPDATE, { planId, input: { name: 'X' } }, { cookie: admin.cookie });
        expect(errorCode(response)).toBe('NOT_FOUND');
      }
    });

    it('refuses a blank name', async () => {
      const response = await app.gql(UPDATE, { planId: await planIdOf('pro'), input: { name: '   ' } }, { cookie: admin.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fields(response)).toEqual(['name']);
    });
  });

  describe('changePlanTerms', () => {
    it('makes version 2 the current one, leaves version 1 and its subscribers untouched, and audits it', async () => {
      const planId = await planIdOf('pro');
      const [v1Before] = await versionRows(planId);
      const v1Grants = await entitlementRows(v1Before!.id);
      // A subscriber on version 1 (their current subscription moved there, or a new one).
      await app.dataSource.query(
        `WITH moved AS (
           UPDATE subscriptions SET plan_id = $2, plan_version_id = $3
           WHERE organization_id = $1 AND status NOT IN ('canceled', 'expired') RETURNING id)
         INSERT INTO subscriptions (organization_id, plan_id, plan_version_id, status, billing_interval, current_period_start, current_period_end, billing_anchor_day)
         SELECT $1, $2, $3, 'active', 'month', now(), now() + interval '1 month', extract(day FROM now())::int WHERE NOT EXISTS (SELECT 1 FROM moved)`,
        [owner.organizationId, planId, v1Before!.id],
      );
      app.clock.advance(60_000);

      const response = await app.gql(
        CHANGE_TERMS,
        {
          planId,
          input: {
            monthlyPriceMinor: 1900,
            yearlyPriceMinor: 18000,
            trialDays: 7,
            creditsPerPeriod: 3000,
            hourlyRequestLimit: 2000,
            entitlements: [
              { featureKey: 'messages', limit: 2000, resetPeriod: 'DAY' },
              { featureKey: 'api_calls', limit: null, resetPeriod: 'MONTH' },
              { featureKey: 'priority_support', enabled: true },
            ],
          },
        },
        { cookie: admin.cookie },
      );
      expect(response.errors).toBeUndefined();
      const plan = response.data!.changePlanTerms;
      expect(plan.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(plan.currentVersion).toMatchObject({
        version: 2,
        monthlyPrice: { amountMinor: 1900, currency: 'usd' },
        yearlyDiscountPercent: 21,
        creditsPerPeriod: 3000,
        createdAt: app.clock.now().toISOString(),
      });
      expect(plan.currentVersion.entitlements.map((e: any) => [e.feature.key, e.limit])).toEqual([
        ['api_calls', null],
        ['messages', 2000],
        ['priority_support', null],
      ]);
      expect(plan.versions[0].monthlyPrice.amountMinor).toBe(1500);

      const versions = await versionRows(planId);
      expect(versions[0]).toEqual(v1Before);
      expect(await entitlementRows(v1Before!.id)).toEqual(v1Grants);
      const [stored] = await app.dataSource.query(`SELECT current_version_id FROM plans WHERE id = $1`, [planId]);
      expect(stored.current_version_id).toBe(versions[1]!.id);
      const [subscription] = await app.dataSource.query(
        `SELECT plan_version_id FROM subscriptions WHERE organization_id = $1 AND status NOT IN ('canceled', 'expired')`,
        [owner.organizationId],
      );
      expect(subscription.plan_version_id).toBe(v1Before!.id);
      expect((await app.services.catalog.currentVersionOf('pro')).version).toBe(2);

      const listed = await app.gql(PLANS, {}, { cookie: owner.cookie });
      expect(listed.data!.plans.find((p: { key: string }) => p.key === 'pro').currentVersion).toEqual({ version: 2, monthlyPrice: { amountMinor: 1900 } });

      const [audit] = await auditEntries(app, 'plan.terms_changed');
      expect(audit).toMatchObject({ actor_type: 'user', actor_id: admin.userId, target_id: planId, organization_id: null });
      expect(audit.before).toMatchObject({ version: 1, monthlyPriceMinor: 1500 });
      expect(audit.after).toMatchObject({ version: 2, monthlyPriceMinor: 1900 });
      expect(audit.after.entitlements).toHaveLength(3);
    });

    it('keeps admin changes when the pricing file is loaded again', async () => {
      const summary = await app.services.catalog.loadFromFile();
      expect(summary.plans).toEqual([]);
      const pro = await app.services.catalog.currentVersionOf('pro');
      expect(pro).toMatchObject({ version: 2, monthlyPriceMinor: 1900 });
      expect((await app.services.catalog.getPlanByKey('business'))?.name).toBe('Team');
    });

    it('makes no version for terms identical to the current ones', async () => {
      const planId = await planIdOf('starter');
      const audits = (await auditEntries(app, 'plan.terms_changed')).length;
      const { key: _k, name: _n, description: _d, isPublic: _p, sortOrder: _s, ...terms } = starterInput();
      const response = await app.gql(CHANGE_TERMS, { planId, input: terms }, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      expect(response.data!.changePlanTerms.versions).toHaveLength(1);
      expect(await versionRows(planId)).toHaveLength(1);
      expect(await auditEntries(app, 'plan.terms_changed')).toHaveLength(audits);
    });

    it('refuses bad terms with the field named and leaves the plan on its version', async () => {
      const planId = await planIdOf('starter');
      const response = await app.gql(
        CHANGE_TERMS,
        { planId, input: { monthlyPriceMinor: 100, entitlements: [{ featureKey: 'custom_integrations', enabled: true, limit: 3 }] } },
        { cookie: admin.cookie },
      );
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fields(response)).toEqual(['entitlements.0.limit']);
      expect(await versionRows(planId)).toHaveLength(1);
    });

    it('answers NOT_FOUND for an unknown plan', async () => {
      const response = await app.gql(CHANGE_TERMS, { planId: randomUUID(), input: { entitlements: [] } }, { cookie: admin.cookie });
      expect(errorCode(response)).toBe('NOT_FOUND');
    });
  });

  describe('archivePlan', () => {
    it('takes the plan out of `plans` but keeps its rows and lists it for admins; unarchive brings it back', async () => {
      const planId = await planIdOf('starter');
      const [version] = await versionRows(planId);
      const archived = await app.gql(ARCHIVE, { planId }, { cookie: admin.cookie });
      expect(archived.errors).toBeUndefined();
      expect(archived.data!.archivePlan.archivedAt).toBe(app.clock.now().toISOString());

      const listed = await app.gql(PLANS, {}, { cookie: owner.cookie });
      expect(listed.data!.plans.map((p: { key: string }) => p.key)).not.toContain('starter');
      const all = await app.gql(PLATFORM_PLANS, {}, { cookie: admin.cookie });
      const starter = all.data!.platformPlans.find((p: { key: string }) => p.key === 'starter');
      expect(starter).toMatchObject({ archivedAt: app.clock.now().toISOString(), currentVersion: { id: version!.id } });
      expect(await versionRows(planId)).toHaveLength(1);
      expect(await entitlementRows(version!.id)).toHaveLength(3);
      const [audit] = await auditEntries(app, 'plan.archived');
      expect(audit).toMatchObject({ actor_id: admin.userId, target_id: planId });

      // Archiving again changes nothing.
      await app.gql(ARCHIVE, { planId }, { cookie: admin.cookie });
      expect(await auditEntries(app, 'plan.archived')).toHaveLength(1);

      const restored = await app.gql(UNARCHIVE, { planId }, { cookie: admin.cookie });
      expect(restored.data!.unarchivePlan.archivedAt).toBeNull();
      expect(await auditEntries(app, 'plan.unarchived')).toHaveLength(1);
      const relisted = await app.gql(PLANS, {}, { cookie: owner.cookie });
      expect(relisted.data!.plans.map((p: { key: string }) => p.key)).toContain('starter');
    });

    it('refuses to archive the free plan, everyone\'s fallback', async () => {
      const response = await app.gql(ARCHIVE, { planId: await planIdOf('free') }, { cookie: admin.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      const [free] = await app.dataSource.query(`SELECT archived_at FROM plans WHERE key = 'free'`);
      expect(free.archived_at).toBeNull();
    });
  });

  describe('platformPlans', () => {
    it('lists every plan, private and archived included, each with all its versions', async () => {
      await app.dataSource.query(`UPDATE plans SET is_public = false WHERE key = 'enterprise'`);
      const response = await app.gql(PLATFORM_PLANS, {}, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      const byKey = Object.fromEntries(response.data!.platformPlans.map((p: any) => [p.key, p]));
      expect(Object.keys(byKey)).toEqual(['free', 'starter', 'pro', 'business', 'enterprise']);
      expect(byKey.enterprise.isPublic).toBe(false);
      expect(byKey.pro.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    });
  });

  describe('who may edit', () => {
    const attempts = (planId: string): Array<[string, string, Record<string, unknown>]> => [
      ['createPlan', CREATE, { input: starterInput('sneaky') }],
      ['updatePlan', UPDATE, { planId, input: { name: 'Mine' } }],
      ['changePlanTerms', CHANGE_TERMS, { planId, input: { monthlyPriceMinor: 0, entitlements: [] } }],
      ['archivePlan', ARCHIVE, { planId }],
      ['unarchivePlan', UNARCHIVE, { planId }],
      ['platformPlans', PLATFORM_PLANS, {}],
    ];

    it('refuses organization owners and API keys with FORBIDDEN, changing nothing', async () => {
      const planId = await planIdOf('pro');
      const key = await createApiKey(app, owner);
      const before = await app.dataSource.query(`SELECT * FROM plans ORDER BY key`);
      for (const [name, query, variables] of attempts(planId)) {
        for (const caller of [{ cookie: owner.cookie }, { apiKey: key.secret }]) {
          const response = await app.gql(query, variables, caller);
          expect([name, errorCode(response)]).toEqual([name, 'FORBIDDEN']);
        }
      }
      expect(await app.dataSource.query(`SELECT * FROM plans ORDER BY key`)).toEqual(before);
    });

    it('refuses anonymous callers with UNAUTHENTICATED', async () => {
      const response = await app.gql(ARCHIVE, { planId: await planIdOf('pro') });
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    });
  });
  describe('overage prices', () => {
    const CREATE_PRICED = `mutation($input: CreatePlanInput!) { createPlan(input: $input) {
      currentVersion { entitlements { feature { key } overage overagePriceMinor overagePriceUnits } } } }`;

    it('keeps an overage price (minor units per block of units) on the version, which Stripe sync bills by meter', async () => {
      const input: Record<string, any> = starterInput('metered-starter');
      input.entitlements[1] = { ...input.entitlements[1], overagePriceMinor: 1, overagePriceUnits: 100 };
      const created = await app.gql(CREATE_PRICED, { input }, { cookie: admin.cookie });
      expect(created.errors).toBeUndefined();
      const apiCalls = created.data!.createPlan.currentVersion.entitlements.find((e: { feature: { key: string } }) => e.feature.key === 'api_calls');
      expect(apiCalls).toEqual({ feature: { key: 'api_calls' }, overage: 'OVERAGE', overagePriceMinor: 1, overagePriceUnits: 100 });
      const [version] = await versionRows(await planIdOf('metered-starter'));
      expect((await entitlementRows(version!.id)).find((row) => row.feature_key === 'api_calls')).toMatchObject({ overage_price_minor: 1, overage_price_units: 100 });
    });

    it('refuses a price on an entitlement that blocks, or on an on/off feature, naming the field', async () => {
      const blocking: Record<string, any> = starterInput('priced-block');
      blocking.entitlements[0] = { ...blocking.entitlements[0], overagePriceMinor: 5 };
      const refused = await app.gql(CREATE, { input: blocking }, { cookie: admin.cookie });
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(fields(refused)).toEqual(['entitlements.0.overagePriceMinor']);
      const onOff: Record<string, any> = starterInput('priced-flag');
      onOff.entitlements[2] = { ...onOff.entitlements[2], overagePriceUnits: 10 };
      expect(fields(await app.gql(CREATE, { input: onOff }, { cookie: admin.cookie }))).toEqual(['entitlements.2.overagePriceUnits']);
    });
  });
});
