import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { usageTotals } from '../../../test/support/usage-fixtures';

const CHECK_AND_TRACK = `mutation($o: ID, $i: TrackUsageInput!) { checkAndTrackUsage(organizationId: $o, input: $i) {
  allowed used remaining warningLevel resetsAt } }`;
const TRACK = `mutation($o: ID, $i: TrackUsageInput!) { trackUsage(organizationId: $o, input: $i) { allowed used } }`;
const BATCH = `mutation($o: ID, $e: [UsageEventInput!]!) { trackUsageBatch(organizationId: $o, events: $e) {
  results { idempotencyKey status entitlement { used } error { code } } } }`;

const CLIENTS = 40;
const CALLS_PER_CLIENT = 6;
const LIMIT = 50; // the free plan's messages per day, blocking

/** A deterministic spread of keys: clients share keys, so replays race their first use. */
const keyFor = (client: number, call: number) => (client * 7 + call * 13) % 90;
const quantityOf = (key: number) => 1 + (key % 2);

describe('usage under concurrency', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Embedded PGlite (the fallback without a PostgreSQL server) accepts at most 32 connections; clients then queue on the pool.
    const embedded = process.env.TOLLGATE_TEST_DATABASE?.startsWith('embedded:');
    app = await startTestApp({ env: { DB_POOL_MAX: embedded ? '30' : '40' } });
  });
  afterAll(() => app.close());

  const counterRows = (organizationId: string) =>
    app.dataSource.query(`SELECT idempotency_key, quantity::int FROM usage_events WHERE organization_id = $1`, [organizationId]);

  it(`never grants more than a block limit to ${CLIENTS} concurrent clients, and applies each key once`, async () => {
    const owner: SignedUpUser = await signUpOwner(app);
    const answers = new Map<number, Array<Record<string, unknown>>>();
    const errors: unknown[] = [];

    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let call = 0; call < CALLS_PER_CLIENT; call += 1) {
          const key = keyFor(client, call);
          const input = { featureKey: 'messages', quantity: quantityOf(key), idempotencyKey: `k-${key}` };
          const response = await app.gql(CHECK_AND_TRACK, { o: owner.organizationId, i: input }, { cookie: owner.cookie });
          if (response.errors) errors.push(response.errors);
          else answers.set(key, [...(answers.get(key) ?? []), response.data!.checkAndTrackUsage]);
        }
      }),
    );

    expect(errors).toEqual([]);
    // They really ran as groups (set-based, usage-group.ts), and no group had to fall back to lone runs.
    expect(app.services.hotPathBatcher!.stats.sharedOperations).toBeGreaterThan(CLIENTS);
    expect(app.services.hotPathBatcher!.stats.fallbacks).toBe(0);
    const granted = [...answers.entries()].filter(([, list]) => list[0]!.allowed);
    const grantedUnits = granted.reduce((sum, [key]) => sum + quantityOf(key), 0);
    // Demand (90 keys, 135 units) far exceeds the limit: it is filled, never passed (a 2-unit request may leave 1).
    expect(grantedUnits).toBeLessThanOrEqual(LIMIT);
    expect(grantedUnits).toBeGreaterThanOrEqual(LIMIT - 1);
    // A key is granted for every caller or refused for every caller; replays give the first answer exactly.
    for (const [, list] of answers) {
      expect(new Set(list.map((a) => a.allowed)).size).toBe(1);
      if (list[0]!.allowed) for (const answer of list) expect(answer).toEqual(list[0]);
    }
    const events = await counterRows(owner.organizationId);
    expect(events).toHaveLength(granted.length);
    expect(new Set(events.map((e: { idempotency_key: string }) => e.idempotency_key)).size).toBe(granted.length);
    expect(await usageTotals(app, owner.organizationId, 'messages')).toEqual({ counted: grantedUnits, recorded: grantedUnits, events: granted.length });
  });

  it('keeps the counter equal to its events when batches and single calls race on the same keys', async () => {
    const owner: SignedUpUser = await signUpOwner(app);
    const failures: unknown[] = [];
    const keyPool = 120;
    const event = (key: number) => ({ featureKey: 'api_calls', quantity: 1 + (key % 3), idempotencyKey: `r-${key}` });

    await Promise.all(
      Array.from({ length: 32 }, async (_, client) => {
        if (client % 2 === 0) {
          const events = Array.from({ length: 25 }, (__, i) => event((client * 11 + i * 5) % keyPool));
          const response = await app.gql(BATCH, { o: owner.organizationId, e: events }, { cookie: owner.cookie });
          if (response.errors) failures.push(response.errors);
          else failures.push(...response.data!.trackUsageBatch.results.filter((r: { status: string }) => r.status === 'REJECTED'));
        } else {
          for (let call = 0; call < 5; call += 1) {
            const response = await app.gql(TRACK, { o: owner.organizationId, i: event((client * 17 + call * 29) % keyPool) }, { cookie: owner.cookie });
            if (response.errors) failures.push(response.errors);
          }
        }
      }),
    );

    expect(failures).toEqual([]);
    const events = await counterRows(owner.organizationId);
    const keys = new Set<string>(events.map((e: { idempotency_key: string }) => e.idempotency_key));
    expect(keys.size).toBe(events.length);
    const expectedUnits = [...keys].reduce((sum, key) => sum + event(Number(key.slice(2))).quantity, 0);
    expect(await usageTotals(app, owner.organizationId, 'api_calls')).toEqual({ counted: expectedUnits, recorded: expectedUnits, events: keys.size });
  });
});
