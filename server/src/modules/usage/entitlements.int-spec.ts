import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { createTestPlan, platformAdminCookie, putOnPlan, usageTotals } from '../../../test/support/usage-fixtures';

const CHECK = `query($o: ID, $f: String!, $q: Int) { entitlementCheck(organizationId: $o, featureKey: $f, quantity: $q) {
  featureKey allowed kind used limit remaining resetsAt warningLevel overage } }`;
const ANSWER = 'featureKey allowed kind used limit remaining resetsAt warningLevel overage';
const TRACK = `mutation($o: ID, $i: TrackUsageInput!) { trackUsage(organizationId: $o, input: $i) { ${ANSWER} } }`;
const CHECK_AND_TRACK = `mutation($o: ID, $i: TrackUsageInput!) { checkAndTrackUsage(organizationId: $o, input: $i) { ${ANSWER} } }`;
const ENTITLEMENTS = `query($o: ID) { entitlements(organizationId: $o) { planKey planName planVersion hourlyRequestLimit
  features { featureKey name unit kind enabled limit resetPeriod overageBehavior used remaining resetsAt warningLevel } } }`;
const ADMIN_ENTITLEMENTS = `query($o: ID!) { adminEntitlements(organizationId: $o) { planKey features { featureKey used } } }`;

describe('entitlements: checks, limits and windows', () => {
  let app: TestApp;
  let keyCounter = 0;
  const nextKey = () => `key-${(keyCounter += 1)}`;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => app.clock.set(new Date('2026-11-23T12:00:00.000Z')));

  /** Sessions expire after 7 days; tests that move the clock further act with an API key (`apiKey`). */
  type Caller = SignedUpUser & { apiKey?: string };
  const as = (owner: Caller) => (owner.apiKey ? { apiKey: owner.apiKey } : { cookie: owner.cookie });
  const check = (owner: Caller, featureKey: string, quantity = 1) => app.gql(CHECK, { o: owner.organizationId, f: featureKey, q: quantity }, as(owner));
  const checked = async (owner: Caller, featureKey: string, quantity = 1) => {
    const response = await check(owner, featureKey, quantity);
    expect(response.errors).toBeUndefined();
    return response.data!.entitlementCheck;
  };
  const track = async (owner: Caller, featureKey: string, quantity: number, mutation = TRACK) => {
    const response = await app.gql(mutation, { o: owner.organizationId, i: { featureKey, quantity, idempotencyKey: nextKey() } }, as(owner));
    expect(response.errors).toBeUndefined();
    return Object.values(response.data!)[0] as Record<string, any>;
  };

  it('answers a check on the free plan with the limit, the day window and no usage', async () => {
    const owner = await signUpOwner(app);
    expect(await checked(owner, 'messages')).toEqual({
      featureKey: 'messages',
      allowed: true,
      kind: 'METERED',
      used: 0,
      limit: 50,
      remaining: 50,
      resetsAt: '2026-11-24T00:00:00.000Z',
      warningLevel: 'NONE',
      overage: false,
    });
    expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 0, recorded: 0, events: 0 });
  });

  it('raises WARNING at 80%, CRITICAL at 95% and EXCEEDED past 100%, counting the quantity asked about', async () => {
    const owner = await signUpOwner(app);
    expect(await track(owner, 'messages', 39)).toMatchObject({ used: 39, remaining: 11, warningLevel: 'NONE', allowed: true });
    expect(await checked(owner, 'messages', 1)).toMatchObject({ used: 39, warningLevel: 'WARNING', allowed: true });
    expect(await checked(owner, 'messages', 8)).toMatchObject({ warningLevel: 'WARNING' }); // 47 of 50 = 94%
    expect(await checked(owner, 'messages', 9)).toMatchObject({ warningLevel: 'CRITICAL', allowed: true }); // 48 = 96%
    expect(await checked(owner, 'messages', 11)).toMatchObject({ warningLevel: 'CRITICAL', allowed: true }); // exactly 100%
    expect(await checked(owner, 'messages', 12)).toMatchObject({ warningLevel: 'EXCEEDED', allowed: false, remaining: 11 });
    expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 39, recorded: 39, events: 1 });
  });

  it('under a block limit, checkAndTrack records only what fits and track records even past it', async () => {
    const owner = await signUpOwner(app);
    await track(owner, 'messages', 45);
    expect(await track(owner, 'messages', 6, CHECK_AND_TRACK)).toMatchObject({ allowed: false, used: 45, remaining: 5, warningLevel: 'EXCEEDED' });
    expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 45, recorded: 45, events: 1 });

    expect(await track(owner, 'messages', 5, CHECK_AND_TRACK)).toMatchObject({ allowed: true, used: 50, remaining: 0, warningLevel: 'CRITICAL' });
    expect(await track(owner, 'messages', 1, CHECK_AND_TRACK)).toMatchObject({ allowed: false, used: 50 });

    // Work already done is recorded anyway, and said to be over the limit.
    expect(await track(owner, 'messages', 3)).toMatchObject({ allowed: false, used: 53, remaining: 0, warningLevel: 'EXCEEDED', overage: false });
    expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 53, recorded: 53, events: 3 });
    const [{ overage }] = await app.dataSource.query(`SELECT sum(overage_quantity)::int AS overage FROM usage_events WHERE organization_id = $1`, [owner.organizationId]);
    expect(overage).toBe(0);
  });

  it('under an overage limit records past the limit and keeps the part past it as overage', async () => {
    const owner = await signUpOwner(app);
    await putOnPlan(app, owner.organizationId, 'pro');
    expect(await track(owner, 'api_calls', 49_000, CHECK_AND_TRACK)).toMatchObject({ allowed: true, used: 49_000, limit: 50_000, warningLevel: 'CRITICAL', overage: true });
    expect(await checked(owner, 'api_calls', 2_000)).toMatchObject({ allowed: true, warningLevel: 'EXCEEDED', overage: true });
    expect(await track(owner, 'api_calls', 2_000, CHECK_AND_TRACK)).toMatchObject({ allowed: true, used: 51_000, remaining: 0, warningLevel: 'EXCEEDED' });
    expect(await track(owner, 'api_calls', 500)).toMatchObject({ allowed: true, used: 51_500 });
    const rows = await app.dataSource.query(
      `SELECT quantity::int, overage_quantity::int FROM usage_events WHERE organization_id = $1 ORDER BY created_at, quantity DESC`,
      [owner.organizationId],
    );
    expect(rows).toEqual([
      { quantity: 49_000, overage_quantity: 0 },
      { quantity: 2_000, overage_quantity: 1_000 },
      { quantity: 500, overage_quantity: 500 },
    ]);
  });

  it('answers on/off features, refuses to meter them, and refuses unknown features naming featureKey', async () => {
    const owner = await signUpOwner(app);
    expect(await checked(owner, 'priority_support')).toEqual({
      featureKey: 'priority_support', allowed: false, kind: 'BOOLEAN', used: 0, limit: null, remaining: null, resetsAt: null, warningLevel: 'NONE', overage: false,
    });
    await putOnPlan(app, owner.organizationId, 'business');
    expect(await checked(owner, 'priority_support')).toMatchObject({ allowed: true, kind: 'BOOLEAN' });

    const metered = await app.gql(TRACK, { o: owner.organizationId, i: { featureKey: 'priority_support', quantity: 1, idempotencyKey: nextKey() } }, { cookie: owner.cookie });
    expect(errorCode(metered)).toBe('BAD_USER_INPUT');
    expect(metered.errors![0]!.extensions!.details.fields[0].field).toBe('featureKey');

    for (const response of [
      await check(owner, 'teleportation'),
      await app.gql(CHECK_AND_TRACK, { o: owner.organizationId, i: { featureKey: 'teleportation', quantity: 1, idempotencyKey: nextKey() } }, { cookie: owner.cookie }),
    ]) {
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.details.fields[0].field).toBe('featureKey');
    }
  });

  it('validates quantity and idempotencyKey, naming the field', async () => {
    const owner = await signUpOwner(app);
    const zero = await check(owner, 'messages', 0);
    expect(errorCode(zero)).toBe('BAD_USER_INPUT');
    expect(zero.errors![0]!.extensions!.details.fields[0].field).toBe('quantity');
    for (const [input, field] of [
      [{ featureKey: 'messages', quantity: -2, idempotencyKey: 'a' }, 'quantity'],
      [{ featureKey: 'messages', quantity: 1, idempotencyKey: '' }, 'idempotencyKey'],
      [{ featureKey: 'messages', quantity: 1, idempotencyKey: 'x'.repeat(201) }, 'idempotencyKey'],
    ] as const) {
      const response = await app.gql(TRACK, { o: owner.organizationId, i: input }, { cookie: owner.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 0, recorded: 0, events: 0 });
  });

  it('refuses a feature the plan lacks: check and checkAndTrack say allowed=false, track is FORBIDDEN', async () => {
    const owner = await signUpOwner(app);
    await createTestPlan(app, 'messages_only', { entitlements: { messages: { limit: 10, resetPeriod: 'day' }, agents: { limit: 5, resetPeriod: 'never', enabled: false } } });
    await putOnPlan(app, owner.organizationId, 'messages_only');
    for (const feature of ['workflows', 'agents']) {
      expect(await checked(owner, feature)).toMatchObject({ allowed: false, limit: 0, remaining: 0, warningLevel: 'EXCEEDED' });
      expect(await track(owner, feature, 1, CHECK_AND_TRACK)).toMatchObject({ allowed: false });
      const tracked = await app.gql(TRACK, { o: owner.organizationId, i: { featureKey: feature, quantity: 1, idempotencyKey: nextKey() } }, { cookie: owner.cookie });
      expect(errorCode(tracked)).toBe('FORBIDDEN');
      expect(await usageTotals(app, owner.organizationId, feature)).toEqual({ counted: 0, recorded: 0, events: 0 });
    }
  });

  it('starts a day window again at UTC midnight and a month window on the 1st; never-windows keep counting', async () => {
    app.clock.set(new Date('2026-11-30T23:59:00.000Z'));
    const owner = await signUpOwner(app);
    await track(owner, 'messages', 30);
    await track(owner, 'api_calls', 700);
    await track(owner, 'agents', 1);
    expect(await checked(owner, 'messages')).toMatchObject({ used: 30, resetsAt: '2026-12-01T00:00:00.000Z' });
    expect(await checked(owner, 'api_calls')).toMatchObject({ used: 700, resetsAt: '2026-12-01T00:00:00.000Z' });

    app.clock.advance(2 * 60_000); // 2026-12-01T00:01Z
    expect(await checked(owner, 'messages')).toMatchObject({ used: 0, remaining: 50, resetsAt: '2026-12-02T00:00:00.000Z' });
    expect(await checked(owner, 'api_calls')).toMatchObject({ used: 0, remaining: 1000, resetsAt: '2027-01-01T00:00:00.000Z' });
    expect(await checked(owner, 'agents')).toMatchObject({ used: 1, allowed: false, resetsAt: null, warningLevel: 'EXCEEDED' });
    expect(await track(owner, 'messages', 2)).toMatchObject({ used: 2 });

    const windows = await app.dataSource.query(
      `SELECT feature_key, window_start, used::int FROM usage_counters WHERE organization_id = $1 ORDER BY feature_key, window_start`,
      [owner.organizationId],
    );
    expect(windows.map((w: any) => [w.feature_key, w.window_start.toISOString(), w.used])).toEqual([
      ['agents', '1970-01-01T00:00:00.000Z', 1],
      ['api_calls', '2026-11-01T00:00:00.000Z', 700],
      ['messages', '2026-11-30T00:00:00.000Z', 30],
      ['messages', '2026-12-01T00:00:00.000Z', 2],
    ]);
  });

  it('counts a billing-period limit over the subscription period, continuing seamlessly into the renewed period', async () => {
    const signedUp = await signUpOwner(app);
    const owner = { ...signedUp, apiKey: (await createApiKey(app, signedUp)).secret };
    await createTestPlan(app, 'periodic', { entitlements: { workflows: { limit: 20, resetPeriod: 'billing_period' } } });
    await putOnPlan(app, owner.organizationId, 'periodic', { start: new Date('2026-11-10T08:00:00.000Z'), end: new Date('2026-12-10T08:00:00.000Z') });
    await track(owner, 'workflows', 4);
    expect(await checked(owner, 'workflows')).toMatchObject({ used: 4, resetsAt: '2026-12-10T08:00:00.000Z' });

    // Past the period end before the renewal ran: a new window starts where the period ended.
    app.clock.set(new Date('2026-12-10T09:00:00.000Z'));
    expect(await checked(owner, 'workflows')).toMatchObject({ used: 0, resetsAt: '2027-01-09T08:00:00.000Z' });
    await track(owner, 'workflows', 3);
    // The renewal then moves the period; usage recorded meanwhile stays in it.
    await app.dataSource.query(
      `UPDATE subscriptions SET current_period_start = '2026-12-10T08:00:00Z', current_period_end = '2027-01-10T08:00:00Z' WHERE organization_id = $1 AND status = 'active'`,
      [owner.organizationId],
    );
    expect(await checked(owner, 'workflows')).toMatchObject({ used: 3, resetsAt: '2027-01-10T08:00:00.000Z' });
  });

  it('places usage in windows with one SQL definition (tollgate_usage_window)', async () => {
    const window = async (reset: string, at: string, start: string | null = null, end: string | null = null) => {
      const [row] = await app.dataSource.query(`SELECT window_start, window_end FROM tollgate_usage_window($1, $2, $3, $4)`, [reset, at, start, end]);
      return [row.window_start.toISOString(), row.window_end?.toISOString() ?? null];
    };
    expect(await window('day', '2026-03-29T01:30:00+02:00')).toEqual(['2026-03-28T00:00:00.000Z', '2026-03-29T00:00:00.000Z']);
    expect(await window('month', '2028-02-29T23:59:59.999Z')).toEqual(['2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z']);
    expect(await window('month', '2026-12-31T23:00:00-05:00')).toEqual(['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
    expect(await window('never', '2026-11-23T12:00:00Z')).toEqual(['1970-01-01T00:00:00.000Z', null]);
    // No subscription: the calendar month.
    expect(await window('billing_period', '2026-11-23T12:00:00Z')).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    const period = ['2026-11-10T08:00:00Z', '2026-12-10T08:00:00Z'] as const;
    expect(await window('billing_period', '2026-11-23T12:00:00Z', ...period)).toEqual(['2026-11-10T08:00:00.000Z', '2026-12-10T08:00:00.000Z']);
    // A late report counts in the current period; a closed period is never reopened.
    expect(await window('billing_period', '2026-11-01T12:00:00Z', ...period)).toEqual(['2026-11-10T08:00:00.000Z', '2026-12-10T08:00:00.000Z']);
  });

  it('lists every entitlement of the plan with current usage, for members and API keys', async () => {
    const owner = await signUpOwner(app);
    await track(owner, 'messages', 45);
    const response = await app.gql(ENTITLEMENTS, { o: owner.organizationId }, { cookie: owner.cookie });
    expect(response.errors).toBeUndefined();
    const list = response.data!.entitlements;
    expect(list).toMatchObject({ planKey: 'free', planName: 'Free', planVersion: 1, hourlyRequestLimit: 100 });
    expect(list.features.map((f: any) => f.featureKey)).toEqual([
      'agents', 'analytics_advanced', 'api_calls', 'custom_integrations', 'messages', 'priority_support', 'storage_gb', 'workflows',
    ]);
    expect(list.features.find((f: any) => f.featureKey === 'messages')).toEqual({
      featureKey: 'messages', name: 'Messages', unit: 'messages', kind: 'METERED', enabled: true, limit: 50, resetPeriod: 'DAY',
      overageBehavior: 'BLOCK', used: 45, remaining: 5, resetsAt: '2026-11-24T00:00:00.000Z', warningLevel: 'WARNING',
    });
    expect(list.features.find((f: any) => f.featureKey === 'priority_support')).toMatchObject({ kind: 'BOOLEAN', enabled: false, used: 0, remaining: null });

    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    const byKey = await app.gql(ENTITLEMENTS, {}, { apiKey: key.secret });
    expect(byKey.data!.entitlements.features).toEqual(list.features);
  });

  it('shows platform admins any organization’s entitlements, and nobody else', async () => {
    const owner = await signUpOwner(app);
    await track(owner, 'messages', 7);
    const admin = await platformAdminCookie(app);
    const response = await app.gql(ADMIN_ENTITLEMENTS, { o: owner.organizationId }, { cookie: admin });
    expect(response.data!.adminEntitlements.planKey).toBe('free');
    expect(response.data!.adminEntitlements.features.find((f: any) => f.featureKey === 'messages').used).toBe(7);
    expect(errorCode(await app.gql(ADMIN_ENTITLEMENTS, { o: '00000000-0000-4000-8000-000000000000' }, { cookie: admin }))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(ADMIN_ENTITLEMENTS, { o: owner.organizationId }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
  });
});
