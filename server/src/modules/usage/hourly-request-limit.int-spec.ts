import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { createApiKey, signUpOwner } from '../../../test/support/factories';
import { createTestPlan, putOnPlan } from '../../../test/support/usage-fixtures';

const CHECK = `query { entitlementCheck(featureKey: "messages") { allowed } }`;
const CHECK_FOR = `query($o: ID!) { entitlementCheck(organizationId: $o, featureKey: "messages") { allowed } }`;

describe("the plan's hourly request limit for client apps", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await createTestPlan(app, 'tiny', { hourlyRequestLimit: 3, entitlements: { messages: { limit: 100, resetPeriod: 'day' } } });
    await createTestPlan(app, 'roomy', { hourlyRequestLimit: 10, entitlements: { messages: { limit: 100, resetPeriod: 'day' } } });
  });
  afterAll(() => app.close());

  it('answers RATE_LIMITED with HTTP 429 and Retry-After past the limit, per organization, and only for API keys', async () => {
    const owner = await signUpOwner(app);
    await putOnPlan(app, owner.organizationId, 'tiny');
    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    for (let i = 0; i < 3; i += 1) {
      const response = await app.gql(CHECK, {}, { apiKey: key.secret });
      expect(response.status).toBe(200);
      expect(response.data!.entitlementCheck.allowed).toBe(true);
    }
    const limited = await app.gql(CHECK, {}, { apiKey: key.secret });
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.data).toBeUndefined();
    const retryAfter = limited.errors![0]!.extensions!.details.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(limited.headers['retry-after']).toBe(String(retryAfter));

    // Another key of the same organization shares its budget; another organization has its own.
    const secondKey = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    expect(errorCode(await app.gql(CHECK, {}, { apiKey: secondKey.secret }))).toBe('RATE_LIMITED');
    const other = await signUpOwner(app);
    const otherKey = await createApiKey(app, other, ['ENTITLEMENTS_READ']);
    expect((await app.gql(CHECK, {}, { apiKey: otherKey.secret })).status).toBe(200);
    // Console sessions are not client apps.
    expect((await app.gql(CHECK_FOR, { o: owner.organizationId }, { cookie: owner.cookie })).data!.entitlementCheck.allowed).toBe(true);
  });

  /** A client app that used 4 operations on 'tiny' (limit 3, the 4th refused) before its plan became 'roomy' (10). */
  async function keyMovedFromTinyToRoomy() {
    const owner = await signUpOwner(app);
    await putOnPlan(app, owner.organizationId, 'tiny');
    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    for (let i = 0; i < 4; i += 1) await app.gql(CHECK, {}, { apiKey: key.secret });
    await putOnPlan(app, owner.organizationId, 'roomy');
    return key;
  }

  it('reads a changed plan limit within a minute', async () => {
    const key = await keyMovedFromTinyToRoomy();
    expect(errorCode(await app.gql(CHECK, {}, { apiKey: key.secret }))).toBe('RATE_LIMITED'); // limit still cached

    app.clock.advance(61_000);
    // Five operations were counted this hour (rejected ones too); the new limit allows ten.
    for (let i = 0; i < 5; i += 1) expect((await app.gql(CHECK, {}, { apiKey: key.secret })).status).toBe(200);
    expect(errorCode(await app.gql(CHECK, {}, { apiKey: key.secret }))).toBe('RATE_LIMITED');
  });

  it("reads an active organization's limit again in the background before it expires", async () => {
    const key = await keyMovedFromTinyToRoomy();

    app.clock.advance(46_000);
    // This request is answered with the cached limit (so it waits for no read) and starts the read.
    expect(errorCode(await app.gql(CHECK, {}, { apiKey: key.secret }))).toBe('RATE_LIMITED');
    // Within the minute, and without a request waiting for it, the new limit (10) applies: counted so far 5.
    let status = 429;
    for (let attempt = 0; attempt < 4 && status === 429; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await app.gql(CHECK, {}, { apiKey: key.secret })).status;
    }
    expect(status).toBe(200);
  });

  it('does not count organizations whose plan is unlimited', async () => {
    const owner = await signUpOwner(app);
    await putOnPlan(app, owner.organizationId, 'enterprise');
    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    const statuses = await Promise.all(Array.from({ length: 120 }, () => app.gql(CHECK, {}, { apiKey: key.secret }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
