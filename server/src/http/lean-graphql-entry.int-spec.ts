import type { RequestListener } from 'node:http';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { setBalance } from '../../test/support/credits';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../test/support/factories';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { createTestPlan, putOnPlan } from '../../test/support/usage-fixtures';

const ANSWER = 'featureKey allowed kind used limit remaining resetsAt warningLevel overage';
const CHECK_AND_TRACK = `mutation($i: TrackUsageInput!) { checkAndTrackUsage(input: $i) { ${ANSWER} } }`;
const TRACK = `mutation($i: TrackUsageInput!) { trackUsage(input: $i) { ${ANSWER} } }`;
const CONSUME = `mutation($i: ConsumeCreditsInput!) { consumeCredits(input: $i) { creditsCharged balanceAfter replayed transaction { kind eventKey quantity } } }`;

interface Sent {
  method?: 'POST' | 'GET';
  body?: string;
  headers?: Record<string, string>;
}

/**
 * The lean entry in front of Express must be invisible to clients: each call is sent to the real listener (lean
 * entry first) and to Express alone, and the answers compared; the fast path's counter says who answered.
 */
describe('lean GraphQL entry', () => {
  let app: TestApp;
  let owner: SignedUpUser;
  let apiKey: string;
  let logs: Array<Record<string, any>>;

  beforeAll(async () => {
    const stream = new PassThrough();
    logs = [];
    stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))));
    app = await startTestApp({ logStream: stream });
    owner = await signUpOwner(app, 'Lean Co');
    apiKey = (await createApiKey(app, owner)).secret;
  });
  afterAll(() => app.close());

  async function send(target: RequestListener, sent: Sent) {
    let call = sent.method === 'GET' ? request(target).get('/graphql?query=%7B__typename%7D') : request(target).post('/graphql');
    for (const [name, value] of Object.entries({ 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...sent.headers })) {
      call = value === '' ? call.unset(name) : call.set(name, value);
    }
    const response = await (sent.body === undefined ? call : call.send(sent.body));
    return { status: response.status, contentType: response.headers['content-type'], retryAfter: response.headers['retry-after'], text: response.text, requestId: response.headers['x-request-id'] };
  }

  /** Request ids differ; so do the stack frames Express prints in development error pages (one frame more behind the lean entry). */
  const comparable = ({ requestId: _id, text, ...rest }: Awaited<ReturnType<typeof send>>) => ({ ...rest, text: text.replace(/<br> &nbsp; &nbsp;at [^<]*/g, '') });

  /** Sends through the listener, then to Express alone; same status, content type and bytes. Returns the lean answer. */
  async function bothPaths(sent: Sent, expectLean: boolean) {
    const before = app.fastPathStats.executed;
    const lean = await send(app.app, sent);
    expect(app.fastPathStats.executed - before).toBe(expectLean ? 1 : 0);
    const viaExpress = await send(app.express, sent);
    expect(app.fastPathStats.executed - before).toBe(expectLean ? 1 : 0);
    expect(comparable(lean)).toEqual(comparable(viaExpress));
    return lean;
  }

  const graphql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

  it('answers checkAndTrackUsage, trackUsage and consumeCredits with the bytes Express sends, and stores each once', async () => {
    await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
    // Idempotent replays give the same answer on both paths; the first call of each records the event.
    const calls = [
      graphql(CHECK_AND_TRACK, { i: { featureKey: 'api_calls', quantity: 2, idempotencyKey: 'lean-1' } }),
      graphql(TRACK, { i: { featureKey: 'api_calls', quantity: 3, idempotencyKey: 'lean-2' } }),
      graphql(CONSUME, { i: { eventKey: 'api_call_basic', quantity: 4, idempotencyKey: 'lean-3' } }),
    ];
    for (const body of calls) {
      const first = await send(app.app, { body });
      expect(first).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8' });
      expect(JSON.parse(first.text).errors).toBeUndefined();
      expect((await bothPaths({ body }, true)).text).toBe(first.text.replace('"replayed":false', '"replayed":true'));
    }
    const [{ count }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM usage_events WHERE organization_id = $1`, [owner.organizationId]);
    expect(count).toBe(2);
    const { data } = await app.gql(`{ creditBalance { purchased } }`, {}, { apiKey });
    expect(data!.creditBalance.purchased).toBe(96);
    // Errors are formatted the same way too.
    const overdraft = await bothPaths({ body: graphql(CONSUME, { i: { eventKey: 'api_call_basic', quantity: 1_000, idempotencyKey: 'lean-4' } }) }, true);
    expect(JSON.parse(overdraft.text).errors[0].extensions.code).toBe('INSUFFICIENT_CREDITS');
  });

  it('hands everything else to Express unchanged', async () => {
    const check = graphql(CHECK_AND_TRACK, { i: { featureKey: 'api_calls', quantity: 1, idempotencyKey: 'lean-5' } });
    // A console session (cookie, no Bearer key) and an unauthenticated call.
    expect((await bothPaths({ body: `{"query":"{ me { user { email } } }"}`, headers: { authorization: '', cookie: owner.cookie } }, false)).text).toContain(owner.email);
    expect((await bothPaths({ body: check, headers: { authorization: '' } }, false)).text).toContain('UNAUTHENTICATED');
    // Another operation, an unknown key.
    expect(JSON.parse((await bothPaths({ body: `{"query":"{ creditBalance { total } }"}` }, false)).text).data.creditBalance).toBeDefined();
    expect((await bothPaths({ body: check, headers: { authorization: 'Bearer tg_bogus' } }, false)).text).toContain('UNAUTHENTICATED');
    // Bodies that are not a JSON object are parsed again by express.json, which words the refusal as before.
    const malformed = await bothPaths({ body: '{"query": ' }, false);
    expect(malformed.status).toBe(400);
    expect(malformed.text).toMatch(/SyntaxError/);
    expect((await bothPaths({ body: '"just a string"' }, false)).status).toBe(400);
    expect((await bothPaths({ body: '' }, false)).status).toBe(400);
    // With a byte order mark express.json (iconv) parses it; JSON.parse alone would not.
    expect((await bothPaths({ body: `\ufeff${check}` }, false)).text).toContain('checkAndTrackUsage');
    // A JSON array reaches Apollo Server, which refuses batches.
    expect((await bothPaths({ body: `[${check}]` }, false)).status).toBe(400);
    // Other framings: the body is left for Express to read.
    expect((await bothPaths({ body: check, headers: { 'content-type': 'text/plain' } }, false)).status).toBe(400);
    expect((await bothPaths({ body: check, headers: { 'content-type': 'application/graphql+json' } }, false)).status).toBe(400);
    expect((await bothPaths({ body: JSON.stringify({ query: CHECK_AND_TRACK, variables: { i: { featureKey: 'x'.repeat(1024 * 1024) } } }) }, false)).status).toBe(413);
    expect((await bothPaths({ method: 'GET' }, false)).status).toBe(200);
    // Still taken with an explicit UTF-8 charset.
    await bothPaths({ body: check, headers: { 'content-type': 'Application/JSON; charset=UTF-8' } }, true);
  });

  it('keeps a well-formed x-request-id, otherwise makes one, and logs one line per call with the organization', async () => {
    const body = graphql(CHECK_AND_TRACK, { i: { featureKey: 'api_calls', quantity: 1, idempotencyKey: 'lean-6' } });
    const before = app.fastPathStats.executed;
    const traced = await send(app.app, { body, headers: { 'x-request-id': 'trace-lean-42' } });
    const untraced = await send(app.app, { body, headers: { 'x-request-id': 'not valid!' } });
    expect(app.fastPathStats.executed - before).toBe(2);
    expect(traced.requestId).toBe('trace-lean-42');
    expect(untraced.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const entries = logs.filter((entry) => entry.req?.id === 'trace-lean-42');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: 30,
      service: 'tollgate',
      msg: 'request completed',
      req: { id: 'trace-lean-42', method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
      organizationId: owner.organizationId,
    });
    expect(entries[0]!.responseTime).toEqual(expect.any(Number));
    expect(logs.some((entry) => entry.req?.id === untraced.requestId)).toBe(true);
    expect(JSON.stringify(logs)).not.toContain(apiKey);
  });

  it('leaves a failure before any answer to Express, which answers and logs it as it always has', async () => {
    const body = graphql(CHECK_AND_TRACK, { i: { featureKey: 'api_calls', quantity: 1, idempotencyKey: 'lean-8' } });
    const failing = jest.spyOn(app.services.apiKeys, 'authenticate').mockRejectedValueOnce(new Error('api key lookup failed'));
    try {
      const before = app.fastPathStats.executed;
      const failed = await send(app.app, { body, headers: { 'x-request-id': 'trace-lean-failure' } });
      expect(failed.status).toBe(500);
      expect(failed.requestId).toBe('trace-lean-failure');
      expect(app.fastPathStats.executed).toBe(before);
    } finally {
      failing.mockRestore();
    }
    expect(logs.find((entry) => entry.req?.id === 'trace-lean-failure')).toMatchObject({ msg: 'request errored', res: { statusCode: 500 } });
    // Nothing ran: the same call afterwards is recorded once.
    expect(JSON.parse((await send(app.app, { body })).text).data.checkAndTrackUsage.allowed).toBe(true);
  });

  it('answers the hourly limit with 429 and Retry-After, as Express does', async () => {
    await createTestPlan(app, 'lean-tiny', { hourlyRequestLimit: 2, entitlements: { messages: { limit: 100, resetPeriod: 'day' } } });
    const limitedOwner = await signUpOwner(app, 'Limited Co');
    await putOnPlan(app, limitedOwner.organizationId, 'lean-tiny');
    const headers = { authorization: `Bearer ${(await createApiKey(app, limitedOwner)).secret}` };
    const body = graphql(CHECK_AND_TRACK, { i: { featureKey: 'messages', quantity: 1, idempotencyKey: 'lean-7' } });
    for (let i = 0; i < 2; i += 1) expect((await send(app.app, { body, headers })).status).toBe(200);
    const lean = await send(app.app, { body, headers });
    const viaExpress = await send(app.express, { body, headers });
    expect(lean).toMatchObject({ status: 429, contentType: 'application/json; charset=utf-8' });
    expect(Number(lean.retryAfter)).toBeGreaterThan(3000);
    expect(Math.abs(Number(lean.retryAfter) - Number(viaExpress.retryAfter))).toBeLessThanOrEqual(1);
    expect([viaExpress.status, viaExpress.contentType]).toEqual([lean.status, lean.contentType]);
    expect(JSON.parse(lean.text)).toEqual(JSON.parse(viaExpress.text));
    expect(JSON.parse(lean.text).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
