import request from 'supertest';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { createApiKey, signUpOwner } from '../../test/support/factories';
import { bareOrganization } from '../../test/support/credits';

const ANSWER = 'featureKey allowed kind used limit remaining resetsAt warningLevel overage';
const CHECK_AND_TRACK = `mutation CheckAndTrack($o: ID, $i: TrackUsageInput!) { checkAndTrackUsage(organizationId: $o, input: $i) { ${ANSWER} } }`;
const TRACK = `mutation($i: TrackUsageInput!) { trackUsage(input: $i) { ${ANSWER} } }`;
const CONSUME = `mutation($i: ConsumeCreditsInput!) { consumeCredits(input: $i) { creditsCharged balanceAfter replayed transaction { kind eventKey quantity } } }`;
const CHECK = `query($f: String!, $q: Int) { entitlementCheck(featureKey: $f, quantity: $q) { ${ANSWER} } }`;
const BATCH = `mutation($e: [UsageEventInput!]!) { trackUsageBatch(events: $e) { recorded duplicates rejected results { index status error { code field } entitlement { ${ANSWER} } } } }`;

/**
 * The fast path must answer exactly what Apollo Server answers. A request body with `extensions` always goes to
 * Apollo, so each case is sent both ways and the raw responses (status and body text) compared.
 */
describe('client-app fast path', () => {
  let app: TestApp;
  let apiKey: string;
  let readOnlyKey: string;
  let otherOrganizationId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const owner = await signUpOwner(app, 'Fast Path Co');
    apiKey = (await createApiKey(app, owner)).secret;
    readOnlyKey = (await createApiKey(app, owner, ['ENTITLEMENTS_READ'])).secret;
    otherOrganizationId = await bareOrganization(app, 'Someone Else');
  });
  afterAll(() => app.close());

  async function send(body: Record<string, unknown>, key: string, viaApollo: boolean) {
    const response = await request(app.app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${key}`)
      .send(viaApollo ? { ...body, extensions: {} } : body);
    return { status: response.status, contentType: response.headers['content-type'], text: response.text };
  }

  /** Sends the request the fast way and then through Apollo; both answers must be identical, and the fast one fast. */
  async function bothWays(body: Record<string, unknown>, key = apiKey, expectFast = true) {
    const before = app.fastPathStats.executed;
    const fast = await send(body, key, false);
    expect(app.fastPathStats.executed - before).toBe(expectFast ? 1 : 0);
    const apollo = await send(body, key, true);
    expect(fast).toEqual(apollo);
    return JSON.parse(fast.text) as { data?: any; errors?: Array<{ extensions: { code: string } }> };
  }

  it('answers replays, conflicts and domain errors exactly as Apollo Server does', async () => {
    const input = { featureKey: 'api_calls', quantity: 2, idempotencyKey: 'fp-1', metadata: { route: '/x' } };
    const first = await send({ query: CHECK_AND_TRACK, variables: { i: input } }, apiKey, false);
    expect(JSON.parse(first.text).data.checkAndTrackUsage).toMatchObject({ allowed: true, used: 2 });

    expect((await bothWays({ query: CHECK_AND_TRACK, variables: { i: input } })).data.checkAndTrackUsage.used).toBe(2);
    expect((await bothWays({ query: CHECK_AND_TRACK, variables: { i: { ...input, quantity: 3 } } })).errors![0]!.extensions.code).toBe('CONFLICT');
    expect((await bothWays({ query: CHECK_AND_TRACK, variables: { i: { ...input, featureKey: 'nope', idempotencyKey: 'fp-2' } } })).errors![0]!.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await bothWays({ query: TRACK, variables: { i: { ...input, featureKey: 'priority_support', idempotencyKey: 'fp-3' } } })).errors).toHaveLength(1);
    expect((await bothWays({ query: CONSUME, variables: { i: { eventKey: 'ai_inference', quantity: 1_000_000, idempotencyKey: 'fp-4' } } })).errors![0]!.extensions.code).toBe(
      'INSUFFICIENT_CREDITS',
    );
    expect((await bothWays({ query: CHECK, variables: { f: 'api_calls', q: 1 } })).data.entitlementCheck.used).toBe(2);
  });

  it('leaves input, authorization and validation failures to Apollo Server, with the same answer', async () => {
    const input = { featureKey: 'api_calls', quantity: 1, idempotencyKey: 'fp-5' };
    // class-validator (quantity 0) and the authorization checks run inside execution: same schema, same answers.
    expect((await bothWays({ query: CHECK_AND_TRACK, variables: { i: { ...input, quantity: 0 } } })).errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect((await bothWays({ query: CHECK_AND_TRACK, variables: { o: otherOrganizationId, i: input } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await bothWays({ query: CHECK_AND_TRACK, variables: { i: input } }, readOnlyKey)).errors![0]!.extensions.code).toBe('FORBIDDEN');
    // Variables that do not coerce, documents that do not validate, other operations, unknown keys: not taken.
    expect((await bothWays({ query: CHECK_AND_TRACK, variables: { i: { ...input, quantity: 'one' } } }, apiKey, false)).errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect((await bothWays({ query: `mutation { checkAndTrackUsage(input: 1) { used } }` }, apiKey, false)).errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await bothWays({ query: `{ creditBalance { total } }` }, apiKey, false)).data.creditBalance).toBeDefined();
    expect((await bothWays({ query: CHECK, variables: { f: 'api_calls' } }, 'tg_bogus_key', false)).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers batches with per-event outcomes like Apollo Server', async () => {
    // Every input scalar (a DateTime, a JSON object, a defaulted quantity) and the answers' fields, both ways.
    const events = [
      { featureKey: 'api_calls', quantity: 1, idempotencyKey: 'fp-b1', occurredAt: new Date(app.clock.now().getTime() - 3_600_000).toISOString(), metadata: { route: '/b', n: [1, 2] } },
      { featureKey: 'api_calls', quantity: -1, idempotencyKey: 'fp-b2' },
      { featureKey: 'api_calls', idempotencyKey: 'fp-b3', metadata: null },
    ];
    await send({ query: BATCH, variables: { e: events } }, apiKey, false);
    const replay = await bothWays({ query: BATCH, variables: { e: events } });
    expect(replay.data.trackUsageBatch).toMatchObject({ recorded: 0, duplicates: 2, rejected: 1 });
    expect(replay.data.trackUsageBatch.results[2].entitlement.resetsAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // A DateTime that does not parse: the variables do not coerce, and Apollo Server answers.
    const badDate = await bothWays({ query: BATCH, variables: { e: [{ ...events[0], occurredAt: 'yesterday' }] } }, apiKey, false);
    expect(badDate.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});
