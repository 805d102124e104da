import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { addMember, createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { usageTotals } from '../../../test/support/usage-fixtures';
import { requestHashOf } from './usage-request';

const ANSWER = 'featureKey allowed kind used limit remaining resetsAt warningLevel overage';
const TRACK = `mutation($o: ID, $i: TrackUsageInput!) { trackUsage(organizationId: $o, input: $i) { ${ANSWER} } }`;
const CHECK_AND_TRACK = `mutation($o: ID, $i: TrackUsageInput!) { checkAndTrackUsage(organizationId: $o, input: $i) { ${ANSWER} } }`;
const BATCH = `mutation($o: ID, $e: [UsageEventInput!]!) { trackUsageBatch(organizationId: $o, events: $e) {
  recorded duplicates rejected results { index idempotencyKey status entitlement { used allowed warningLevel } error { code message field } } } }`;
const SUMMARY = `query($o: ID, $from: DateTimeISO!, $to: DateTimeISO!) { usageSummary(organizationId: $o, from: $from, to: $to) {
  from to features { featureKey total overage days { date quantity overage } } } }`;
const CHECK = `query($o: ID, $f: String!) { entitlementCheck(organizationId: $o, featureKey: $f) { used } }`;

describe('usage tracking: idempotency, batches, summaries and tenancy', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => app.clock.set(new Date('2026-11-23T12:00:00.000Z')));

  const trackAs = (owner: SignedUpUser, input: Record<string, unknown>, mutation = TRACK) =>
    app.gql(mutation, { o: owner.organizationId, i: input }, { cookie: owner.cookie });

  describe('idempotency', () => {
    it('answers a replayed key with the first answer and records it once', async () => {
      const owner = await signUpOwner(app);
      const input = { featureKey: 'messages', quantity: 3, idempotencyKey: 'msg-1', metadata: { agent: 'a1', channel: 'web' } };
      const first = await trackAs(owner, input);
      expect(first.data!.trackUsage).toMatchObject({ used: 3, allowed: true });
      await trackAs(owner, { featureKey: 'messages', quantity: 4, idempotencyKey: 'msg-2' });

      // Same request (metadata keys in another order): the first answer, used 3, not 7 or 10.
      const replay = await trackAs(owner, { ...input, metadata: { channel: 'web', agent: 'a1' } });
      expect(replay.data!.trackUsage).toEqual(first.data!.trackUsage);
      const viaCheckAndTrack = await trackAs(owner, input, CHECK_AND_TRACK);
      expect(viaCheckAndTrack.data!.checkAndTrackUsage).toEqual(first.data!.trackUsage);
      expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 7, recorded: 7, events: 2 });
      const [event] = await app.dataSource.query(
        `SELECT metadata, feature_key, answer_used::int AS used, answer_limit::int AS limit FROM usage_events WHERE idempotency_key = 'msg-1'`,
      );
      expect(event.metadata).toEqual({ agent: 'a1', channel: 'web' });
      expect(event).toMatchObject({ feature_key: 'messages', used: 3, limit: 50 });
    });

    it('refuses the same key for a different feature, quantity or metadata with CONFLICT, changing nothing', async () => {
      const owner = await signUpOwner(app);
      const input = { featureKey: 'messages', quantity: 2, idempotencyKey: 'once', metadata: { a: 1 } };
      await trackAs(owner, input);
      for (const changed of [{ quantity: 3 }, { featureKey: 'api_calls' }, { metadata: { a: 2 } }, { metadata: null }]) {
        const response = await trackAs(owner, { ...input, ...changed }, CHECK_AND_TRACK);
        expect(errorCode(response)).toBe('CONFLICT');
        expect(response.errors![0]!.extensions!.details.fields[0].field).toBe('idempotencyKey');
      }
      expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 2, recorded: 2, events: 1 });
      expect(await usageTotals(app, owner.organizationId, 'api_calls')).toEqual({ counted: 0, recorded: 0, events: 0 });
    });

    it('does not store a refusal: the same key succeeds once the window has room again', async () => {
      const owner = await signUpOwner(app);
      await trackAs(owner, { featureKey: 'messages', quantity: 50, idempotencyKey: 'fill' });
      const refused = await trackAs(owner, { featureKey: 'messages', quantity: 1, idempotencyKey: 'later' }, CHECK_AND_TRACK);
      expect(refused.data!.checkAndTrackUsage).toMatchObject({ allowed: false, used: 50 });
      app.clock.advance(86_400_000);
      const retried = await trackAs(owner, { featureKey: 'messages', quantity: 1, idempotencyKey: 'later' }, CHECK_AND_TRACK);
      expect(retried.data!.checkAndTrackUsage).toMatchObject({ allowed: true, used: 1 });
    });
  });

  describe('batches', () => {
    it('gives every event its own outcome: recorded, duplicate, or rejected with a code', async () => {
      const owner = await signUpOwner(app);
      await trackAs(owner, { featureKey: 'messages', quantity: 5, idempotencyKey: 'earlier' });
      const yesterday = '2026-11-22T18:00:00.000Z';
      const events = [
        { featureKey: 'messages', quantity: 2, idempotencyKey: 'b-1' },
        { featureKey: 'messages', quantity: 2, idempotencyKey: 'b-1' },
        { featureKey: 'messages', quantity: 9, idempotencyKey: 'b-1' },
        { featureKey: 'teleportation', quantity: 1, idempotencyKey: 'b-2' },
        { featureKey: 'priority_support', quantity: 1, idempotencyKey: 'b-3' },
        { featureKey: 'messages', quantity: 5, idempotencyKey: 'earlier' },
        { featureKey: 'messages', quantity: 3, idempotencyKey: 'b-4', metadata: { n: 4 } },
        { featureKey: 'api_calls', quantity: 40, idempotencyKey: 'b-5' },
        { featureKey: 'messages', quantity: 7, idempotencyKey: 'b-6', occurredAt: yesterday },
        { featureKey: 'messages', quantity: 1, idempotencyKey: 'b-7', occurredAt: '2026-09-01T00:00:00.000Z' },
        { featureKey: 'messages', quantity: 41, idempotencyKey: 'b-8' },
      ];
      const response = await app.gql(BATCH, { o: owner.organizationId, e: events }, { cookie: owner.cookie });
      expect(response.errors).toBeUndefined();
      const batch = response.data!.trackUsageBatch;
      expect(batch).toMatchObject({ recorded: 5, duplicates: 2, rejected: 4 });
      const outcome = (r: any) => [r.index, r.status, r.entitlement?.used ?? null, r.error?.code ?? null, r.error?.field ?? null];
      expect(batch.results.map(outcome)).toEqual([
        [0, 'RECORDED', 7, null, null],
        [1, 'DUPLICATE', 7, null, null],
        [2, 'REJECTED', null, 'CONFLICT', 'idempotencyKey'],
        [3, 'REJECTED', null, 'BAD_USER_INPUT', 'featureKey'],
        [4, 'REJECTED', null, 'BAD_USER_INPUT', 'featureKey'],
        [5, 'DUPLICATE', 5, null, null],
        [6, 'RECORDED', 10, null, null],
        [7, 'RECORDED', 40, null, null],
        [8, 'RECORDED', 7, null, null],
        [9, 'REJECTED', null, 'BAD_USER_INPUT', 'events.9.occurredAt'],
        [10, 'RECORDED', 51, null, null],
      ]);
      expect(batch.results[10].entitlement).toMatchObject({ allowed: false, warningLevel: 'EXCEEDED' });

      // Yesterday's event counts in yesterday's window; counters are the sums of their events.
      const counters = await app.dataSource.query(
        `SELECT c.feature_key, c.window_start, c.used::int,
                (SELECT sum(quantity)::int FROM usage_events e WHERE e.organization_id = c.organization_id AND e.feature_key = c.feature_key AND e.window_start = c.window_start) AS events
         FROM usage_counters c WHERE c.organization_id = $1 ORDER BY c.feature_key, c.window_start`,
        [owner.organizationId],
      );
      expect(counters.map((c: any) => [c.feature_key, c.window_start.toISOString(), c.used, c.events])).toEqual([
        ['api_calls', '2026-11-01T00:00:00.000Z', 40, 40],
        ['messages', '2026-11-22T00:00:00.000Z', 7, 7],
        ['messages', '2026-11-23T00:00:00.000Z', 51, 51],
      ]);
      const [b4] = await app.dataSource.query(`SELECT metadata, occurred_at FROM usage_events WHERE idempotency_key = 'b-4'`);
      expect(b4.metadata).toEqual({ n: 4 });

      // Sending the same batch again records nothing more.
      const again = await app.gql(BATCH, { o: owner.organizationId, e: events }, { cookie: owner.cookie });
      expect(again.data!.trackUsageBatch).toMatchObject({ recorded: 0, duplicates: 7, rejected: 4 });
      expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 58, recorded: 58, events: 5 });
    });

    it('stores each event with its own feature, quantity, metadata and time when events share payloads', async () => {
      const owner = await signUpOwner(app);
      const yesterday = '2026-11-22T18:00:00.000Z';
      const events = [
        { featureKey: 'messages', quantity: 1, idempotencyKey: 'p-1' },
        { featureKey: 'messages', quantity: 1, idempotencyKey: 'p-2', metadata: { a: 1, b: [2, 3] } },
        { featureKey: 'messages', quantity: 1, idempotencyKey: 'p-3', metadata: { b: [2, 3], a: 1 } },
        { featureKey: 'messages', quantity: 2, idempotencyKey: 'p-4' },
        { featureKey: 'api_calls', quantity: 1, idempotencyKey: 'p-5' },
        { featureKey: 'messages', quantity: 1, idempotencyKey: 'p-6', occurredAt: yesterday },
        { featureKey: 'messages', quantity: 1, idempotencyKey: 'p-7', metadata: { a: 2 } },
      ];
      const response = await app.gql(BATCH, { o: owner.organizationId, e: events }, { cookie: owner.cookie });
      expect(response.data!.trackUsageBatch).toMatchObject({ recorded: 7, duplicates: 0, rejected: 0 });
      expect(response.data!.trackUsageBatch.results.map((r: any) => r.entitlement.used)).toEqual([1, 2, 3, 5, 1, 1, 6]);

      const rows = await app.dataSource.query(
        `SELECT idempotency_key, feature_key, quantity::int, metadata, request_hash, occurred_at FROM usage_events
         WHERE organization_id = $1 ORDER BY idempotency_key`,
        [owner.organizationId],
      );
      const now = new Date('2026-11-23T12:00:00.000Z');
      expect(rows.map((r: any) => [r.idempotency_key, r.feature_key, r.quantity, r.metadata, r.occurred_at.toISOString()])).toEqual([
        ['p-1', 'messages', 1, {}, now.toISOString()],
        ['p-2', 'messages', 1, { a: 1, b: [2, 3] }, now.toISOString()],
        ['p-3', 'messages', 1, { a: 1, b: [2, 3] }, now.toISOString()],
        ['p-4', 'messages', 2, {}, now.toISOString()],
        ['p-5', 'api_calls', 1, {}, now.toISOString()],
        ['p-6', 'messages', 1, {}, yesterday],
        ['p-7', 'messages', 1, { a: 2 }, now.toISOString()],
      ]);
      rows.forEach((row: any, i: number) => {
        const { featureKey, quantity, metadata } = events[i]!;
        expect(row.request_hash).toBe(requestHashOf(featureKey, quantity, metadata ?? {}));
      });
      expect(new Set(rows.map((r: any) => r.request_hash)).size).toBe(5);

      // Each key is bound to its own payload: replaying one event alone is a replay, changing it a CONFLICT.
      const replay = await trackAs(owner, { featureKey: 'messages', quantity: 1, idempotencyKey: 'p-3', metadata: { a: 1, b: [2, 3] } });
      expect(replay.data!.trackUsage).toMatchObject({ used: 3 });
      expect(errorCode(await trackAs(owner, { featureKey: 'messages', quantity: 1, idempotencyKey: 'p-7' }))).toBe('CONFLICT');
      expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 7, recorded: 7, events: 6 });
    });

    it('records 1,000 events in one call and refuses 1,001 naming events', async () => {
      const owner = await signUpOwner(app);
      const events = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ featureKey: 'api_calls', quantity: 1, idempotencyKey: `${prefix}-${i}` }));
      const tooMany = await app.gql(BATCH, { o: owner.organizationId, e: events(1001, 'x') }, { cookie: owner.cookie });
      expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
      expect(tooMany.errors![0]!.extensions!.details.fields[0].field).toBe('events');
      expect(await usageTotals(app, owner.organizationId, 'api_calls')).toEqual({ counted: 0, recorded: 0, events: 0 });

      const full = await app.gql(BATCH, { o: owner.organizationId, e: events(1000, 'y') }, { cookie: owner.cookie });
      expect(full.data!.trackUsageBatch).toMatchObject({ recorded: 1000, duplicates: 0, rejected: 0 });
      expect(full.data!.trackUsageBatch.results[999].entitlement).toMatchObject({ used: 1000, warningLevel: 'CRITICAL', allowed: true });
      expect(await usageTotals(app, owner.organizationId, 'api_calls')).toEqual({ counted: 1000, recorded: 1000, events: 1000 });
    });
  });

  it('sums usage per feature and UTC day over [from, to)', async () => {
    const key = await (async () => {
      const owner = await signUpOwner(app);
      return { owner, secret: (await createApiKey(app, owner)).secret };
    })();
    const track = (featureKey: string, quantity: number, idempotencyKey: string) =>
      app.gql(TRACK, { i: { featureKey, quantity, idempotencyKey } }, { apiKey: key.secret });
    app.clock.set(new Date('2026-11-20T23:59:59.000Z'));
    await track('messages', 2, 's-1');
    app.clock.set(new Date('2026-11-21T00:00:00.000Z'));
    await track('messages', 3, 's-2');
    await track('api_calls', 10, 's-3');
    app.clock.set(new Date('2026-11-22T10:00:00.000Z'));
    await track('messages', 4, 's-4');
    await track('messages', 1, 's-5');

    const summary = await app.gql(SUMMARY, { from: '2026-11-21T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' }, { apiKey: key.secret });
    expect(summary.errors).toBeUndefined();
    expect(summary.data!.usageSummary).toEqual({
      from: '2026-11-21T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
      features: [
        { featureKey: 'api_calls', total: 10, overage: 0, days: [{ date: '2026-11-21', quantity: 10, overage: 0 }] },
        { featureKey: 'messages', total: 8, overage: 0, days: [{ date: '2026-11-21', quantity: 3, overage: 0 }, { date: '2026-11-22', quantity: 5, overage: 0 }] },
      ],
    });
    const backwards = await app.gql(SUMMARY, { from: '2026-11-23T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' }, { apiKey: key.secret });
    expect(errorCode(backwards)).toBe('BAD_USER_INPUT');
    expect(backwards.errors![0]!.extensions!.details.fields[0].field).toBe('to');
  });

  describe('tenancy and access', () => {
    it('keeps each organization’s usage to itself and refuses callers from elsewhere', async () => {
      const alice = await signUpOwner(app, 'Alice Co');
      const bob = await signUpOwner(app, 'Bob Co');
      const aliceKey = await createApiKey(app, alice);
      await trackAs(alice, { featureKey: 'messages', quantity: 9, idempotencyKey: 'shared-key' });
      // The same key in another organization is another request.
      expect((await trackAs(bob, { featureKey: 'messages', quantity: 1, idempotencyKey: 'shared-key' })).data!.trackUsage.used).toBe(1);

      const intoBob = { featureKey: 'messages', quantity: 1, idempotencyKey: 'intrusion' };
      expect(errorCode(await app.gql(TRACK, { o: bob.organizationId, i: intoBob }, { apiKey: aliceKey.secret }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(TRACK, { o: bob.organizationId, i: intoBob }, { cookie: alice.cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(CHECK, { o: bob.organizationId, f: 'messages' }, { cookie: alice.cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(BATCH, { o: bob.organizationId, e: [intoBob] }, { apiKey: aliceKey.secret }))).toBe('FORBIDDEN');
      const summaryOfBob = await app.gql(SUMMARY, { o: bob.organizationId, from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, { apiKey: aliceKey.secret });
      expect(errorCode(summaryOfBob)).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(CHECK, { f: 'messages' }))).toBe('UNAUTHENTICATED');

      expect((await app.gql(CHECK, { o: bob.organizationId, f: 'messages' }, { cookie: bob.cookie })).data!.entitlementCheck.used).toBe(1);
      expect((await app.gql(CHECK, { f: 'messages' }, { apiKey: aliceKey.secret })).data!.entitlementCheck.used).toBe(9);
      expect(await usageTotals(app, bob.organizationId, 'messages')).toEqual({ counted: 1, recorded: 1, events: 1 });
    });

    it('needs USAGE_WRITE to record and ENTITLEMENTS_READ to read; members may only read', async () => {
      const owner = await signUpOwner(app);
      const reader = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
      const writer = await createApiKey(app, owner, ['USAGE_WRITE']);
      const input = { featureKey: 'messages', quantity: 1, idempotencyKey: 'scoped' };
      expect(errorCode(await app.gql(TRACK, { i: input }, { apiKey: reader.secret }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(CHECK, { f: 'messages' }, { apiKey: writer.secret }))).toBe('FORBIDDEN');
      expect((await app.gql(CHECK_AND_TRACK, { i: input }, { apiKey: writer.secret })).data!.checkAndTrackUsage.used).toBe(1);
      // Members read; from the console only owners and admins record usage.
      const member = await addMember(app, owner, 'MEMBER');
      expect(errorCode(await app.gql(TRACK, { o: owner.organizationId, i: { ...input, idempotencyKey: 'member' } }, { cookie: member.cookie }))).toBe('FORBIDDEN');
      const admin = await addMember(app, owner, 'ADMIN');
      expect((await app.gql(TRACK, { o: owner.organizationId, i: { ...input, idempotencyKey: 'admin' } }, { cookie: admin.cookie })).data!.trackUsage.used).toBe(2);
      expect((await app.gql(CHECK, { o: owner.organizationId, f: 'messages' }, { cookie: member.cookie })).data!.entitlementCheck.used).toBe(2);
    });
  });
});

describe('usage batches with malformed events', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('refuses each malformed event on its own and records the rest', async () => {
    const owner = await signUpOwner(app);
    const events = [
      { featureKey: 'messages', quantity: 1, idempotencyKey: 'ok-1' },
      { featureKey: 'messages', quantity: 0, idempotencyKey: 'zero' },
      { featureKey: 'Not A Key', quantity: 1, idempotencyKey: 'bad-key' },
      { featureKey: 'messages', quantity: 1, idempotencyKey: '' },
      { featureKey: 'messages', quantity: 2, idempotencyKey: 'ok-2' },
    ];
    const response = await app.gql(BATCH, { o: owner.organizationId, e: events }, { cookie: owner.cookie });
    expect(response.errors).toBeUndefined();
    const batch = response.data!.trackUsageBatch;
    expect(batch).toMatchObject({ recorded: 2, duplicates: 0, rejected: 3 });
    expect(batch.results.map((r: any) => [r.status, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['RECORDED', null, null],
      ['REJECTED', 'BAD_USER_INPUT', expect.stringContaining('quantity')],
      ['REJECTED', 'BAD_USER_INPUT', expect.stringContaining('featureKey')],
      ['REJECTED', 'BAD_USER_INPUT', expect.stringContaining('idempotencyKey')],
      ['RECORDED', null, null],
    ]);
    expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: 3, recorded: 3, events: 2 });
  });
});
