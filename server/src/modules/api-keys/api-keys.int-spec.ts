import { createHash } from 'node:crypto';
import { ApiKeyService } from './api-key.service';
import { createLogger } from '../../logger';
import request from 'supertest';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { addMember, createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';

const CREATE = `mutation($organizationId: ID!, $input: CreateApiKeyInput!) {
  createApiKey(organizationId: $organizationId, input: $input) {
    secret
    apiKey { id name prefix scopes createdAt lastUsedAt revokedAt }
  }
}`;
const LIST = `query($organizationId: ID!, $first: Int, $after: String) {
  apiKeys(organizationId: $organizationId, first: $first, after: $after) {
    nodes { id name prefix scopes createdAt lastUsedAt revokedAt }
    pageInfo { endCursor hasNextPage }
  }
}`;
const REVOKE = `mutation($organizationId: ID!, $apiKeyId: ID!) {
  revokeApiKey(organizationId: $organizationId, apiKeyId: $apiKeyId) { id revokedAt }
}`;
const ORGANIZATION = `query($organizationId: ID) { organization(organizationId: $organizationId) { id name } }`;
const ME = `{ me { user { id } } }`;

const KEY_FORMAT = /^(tg_[a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

interface StoredKey {
  id: string;
  organization_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  created_by_user_id: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

describe('API keys: create, use, revoke, scopes', () => {
  let app: TestApp;
  let owner: SignedUpUser;

  const storedKey = async (id: string): Promise<StoredKey> => {
    const [row] = await app.dataSource.query(`SELECT * FROM api_keys WHERE id = $1`, [id]);
    return row;
  };
  const keyCount = async (organizationId: string): Promise<number> => {
    const [row] = await app.dataSource.query(`SELECT count(*)::int AS n FROM api_keys WHERE organization_id = $1`, [organizationId]);
    return row.n;
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signUpOwner(app, 'Keyholder');
  });
  afterAll(() => app.close());

  describe('creating a key', () => {
    it('shows the whole secret once, in the tg_<prefix>_<secret> format, and stores only its hash', async () => {
      const response = await app.gql(
        CREATE,
        { organizationId: owner.organizationId, input: { name: '  Production backend  ', scopes: ['USAGE_WRITE', 'ENTITLEMENTS_READ'] } },
        { cookie: owner.cookie },
      );
      expect(response.errors).toBeUndefined();
      const { secret, apiKey } = response.data!.createApiKey;
      const match = KEY_FORMAT.exec(secret);
      expect(match).not.toBeNull();
      expect(apiKey).toMatchObject({
        name: 'Production backend',
        prefix: match![1],
        scopes: ['ENTITLEMENTS_READ', 'USAGE_WRITE'],
        lastUsedAt: null,
        revokedAt: null,
      });

      const stored = await storedKey(apiKey.id);
      expect(stored).toMatchObject({
        organization_id: owner.organizationId,
        name: 'Production backend',
        prefix: match![1],
        created_by_user_id: owner.userId,
        last_used_at: null,
        revoked_at: null,
      });
      expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
      // Nothing in the row gives the secret back.
      const storedText = JSON.stringify(stored);
      expect(storedText).not.toContain(secret);
      expect(storedText).not.toContain(match![2]);
    });

    it('gives every key a different prefix and secret', async () => {
      const first = await createApiKey(app, owner);
      const second = await createApiKey(app, owner);
      expect(first.prefix).not.toBe(second.prefix);
      expect(first.secret).not.toBe(second.secret);
      expect(KEY_FORMAT.exec(first.secret)![2]).not.toBe(KEY_FORMAT.exec(second.secret)![2]);
    });

    it('never returns the secret again: the listing has no secret field and carries no part of it', async () => {
      const key = await createApiKey(app, owner);
      const listing = await app.gql(LIST, { organizationId: owner.organizationId, first: 100 }, { cookie: owner.cookie });
      expect(listing.errors).toBeUndefined();
      const listed = listing.data!.apiKeys.nodes.find((n: { id: string }) => n.id === key.id);
      expect(listed).toMatchObject({ id: key.id, prefix: key.prefix, revokedAt: null });
      expect(JSON.stringify(listing.data)).not.toContain(KEY_FORMAT.exec(key.secret)![2]);

      const askingForSecret = await app.gql(
        `query($organizationId: ID!) { apiKeys(organizationId: $organizationId) { nodes { id secret } } }`,
        { organizationId: owner.organizationId },
        { cookie: owner.cookie },
      );
      expect(errorCode(askingForSecret)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(askingForSecret.data).toBeUndefined();
    });

    it('pages through keys without repeating or skipping one', async () => {
      const org = await signUpOwner(app, 'Pager');
      const made = [];
      for (let i = 0; i < 3; i++) made.push((await createApiKey(app, org)).id);
      const page1 = await app.gql(LIST, { organizationId: org.organizationId, first: 2 }, { cookie: org.cookie });
      expect(page1.data!.apiKeys.pageInfo.hasNextPage).toBe(true);
      const page2 = await app.gql(LIST, { organizationId: org.organizationId, first: 2, after: page1.data!.apiKeys.pageInfo.endCursor }, { cookie: org.cookie });
      expect(page2.data!.apiKeys.pageInfo.hasNextPage).toBe(false);
      const ids = [...page1.data!.apiKeys.nodes, ...page2.data!.apiKeys.nodes].map((n: { id: string }) => n.id);
      expect(ids.sort()).toEqual([...made].sort());
    });

    it.each([
      ['no scopes', { name: 'ci', scopes: [] }, 'scopes'],
      ['an empty name', { name: '', scopes: ['USAGE_WRITE'] }, 'name'],
      // The service trims the name, so spaces alone would be stored as an empty name.
      ['a name of spaces only', { name: '   ', scopes: ['USAGE_WRITE'] }, 'name'],
      ['a name over 100 characters', { name: 'x'.repeat(101), scopes: ['USAGE_WRITE'] }, 'name'],
      ['a repeated scope', { name: 'ci', scopes: ['USAGE_WRITE', 'USAGE_WRITE'] }, 'scopes'],
    ])('refuses %s with BAD_USER_INPUT naming the field, and creates nothing', async (_label, input, field) => {
      const before = await keyCount(owner.organizationId);
      const response = await app.gql(CREATE, { organizationId: owner.organizationId, input }, { cookie: owner.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      const fields = response.errors![0]!.extensions!.details.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual([field]);
      expect(response.data?.createApiKey ?? null).toBeNull();
      expect(await keyCount(owner.organizationId)).toBe(before);
    });

    it('refuses a scope that does not exist before anything runs', async () => {
      const before = await keyCount(owner.organizationId);
      const response = await app.gql(CREATE, { organizationId: owner.organizationId, input: { name: 'ci', scopes: ['ADMIN'] } }, { cookie: owner.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(await keyCount(owner.organizationId)).toBe(before);
    });
  });

  describe('using a key', () => {
    it('reads its own organization with a Bearer key and no organizationId', async () => {
      const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
      const response = await app.gql(ORGANIZATION, {}, { apiKey: key.secret });
      expect(response.errors).toBeUndefined();
      expect(response.data!.organization).toEqual({ id: owner.organizationId, name: 'Keyholder' });
      // Passing its own id explicitly is also fine.
      const explicit = await app.gql(ORGANIZATION, { organizationId: owner.organizationId }, { apiKey: key.secret });
      expect(explicit.data!.organization.id).toBe(owner.organizationId);
    });

    it('records lastUsedAt on use, at most once a minute', async () => {
      const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
      // Uses are written in batches off the request path; flushing writes what is pending now.
      const storedLastUse = async () => {
        await app.services.apiKeys.flushLastUse();
        return (await storedKey(key.id)).last_used_at;
      };
      const firstUse = app.clock.now();
      expect((await app.gql(ORGANIZATION, {}, { apiKey: key.secret })).errors).toBeUndefined();
      expect(await storedLastUse()).toEqual(firstUse);

      app.clock.advance(30_000);
      expect((await app.gql(ORGANIZATION, {}, { apiKey: key.secret })).errors).toBeUndefined();
      expect(await storedLastUse()).toEqual(firstUse);

      app.clock.advance(31_000);
      const laterUse = app.clock.now();
      expect((await app.gql(ORGANIZATION, {}, { apiKey: key.secret })).errors).toBeUndefined();
      expect(await storedLastUse()).toEqual(laterUse);

      const listing = await app.gql(LIST, { organizationId: owner.organizationId, first: 100 }, { cookie: owner.cookie });
      const listed = listing.data!.apiKeys.nodes.find((n: { id: string }) => n.id === key.id);
      expect(listed.lastUsedAt).toBe(laterUse.toISOString());
    });

    it.each([
      ['garbage', 'not-a-key'],
      ['a key with the tg_ shape but an unknown prefix', `tg_${'a'.repeat(12)}_${'A'.repeat(43)}`],
      ['a truncated key', 'tg_abcdefghijkl_short'],
    ])('treats %s as not signed in (UNAUTHENTICATED)', async (_label, rawKey) => {
      const response = await app.gql(ORGANIZATION, {}, { apiKey: rawKey });
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.data?.organization ?? null).toBeNull();
    });

    it('refuses a forged key that reuses a real prefix with another secret, and does not mark the real key used', async () => {
      const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
      const realSecret = KEY_FORMAT.exec(key.secret)![2]!;
      const forgedSecret = (realSecret[0] === 'A' ? 'B' : 'A') + realSecret.slice(1);
      const response = await app.gql(ORGANIZATION, {}, { apiKey: `${key.prefix}_${forgedSecret}` });
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      await app.services.apiKeys.flushLastUse();
      expect((await storedKey(key.id)).last_used_at).toBeNull();
    });

    it('refuses a key without the scope an operation needs with FORBIDDEN', async () => {
      const key = await createApiKey(app, owner, ['USAGE_WRITE']);
      const response = await app.gql(ORGANIZATION, {}, { apiKey: key.secret });
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.errors![0]!.message).toMatch(/ENTITLEMENTS_READ/);
      expect(response.data?.organization ?? null).toBeNull();
    });

    it.each([
      ['me', ME, () => ({})],
      ['apiKeys', LIST, (o: SignedUpUser) => ({ organizationId: o.organizationId })],
      ['createApiKey', CREATE, (o: SignedUpUser) => ({ organizationId: o.organizationId, input: { name: 'from a key', scopes: ['USAGE_WRITE'] } })],
      ['organizationMembers', `query($organizationId: ID!) { organizationMembers(organizationId: $organizationId) { nodes { role } } }`, (o: SignedUpUser) => ({ organizationId: o.organizationId })],
      ['createOrganization', `mutation { createOrganization(input: { name: "Spawned by key" }) { id } }`, () => ({})],
    ])('refuses a key on the session-only operation %s with FORBIDDEN', async (_name, query, variables) => {
      const key = await createApiKey(app, owner);
      const keysBefore = await keyCount(owner.organizationId);
      const [orgsBefore] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
      const response = await app.gql(query, variables(owner), { apiKey: key.secret });
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(await keyCount(owner.organizationId)).toBe(keysBefore);
      const [orgsAfter] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
      expect(orgsAfter.n).toBe(orgsBefore.n);
    });

    it('refuses a key on revokeApiKey, even on itself, and the key keeps working', async () => {
      const key = await createApiKey(app, owner);
      const response = await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId: key.id }, { apiKey: key.secret });
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect((await storedKey(key.id)).revoked_at).toBeNull();
      expect((await app.gql(ORGANIZATION, {}, { apiKey: key.secret })).errors).toBeUndefined();
    });
  });

  describe('revoking a key', () => {
    it('stops the key on the next request; the owner sees when it was revoked', async () => {
      const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
      expect((await app.gql(ORGANIZATION, {}, { apiKey: key.secret })).errors).toBeUndefined();

      const revokedAt = app.clock.now();
      const revoked = await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId: key.id }, { cookie: owner.cookie });
      expect(revoked.errors).toBeUndefined();
      expect(revoked.data!.revokeApiKey).toEqual({ id: key.id, revokedAt: revokedAt.toISOString() });
      expect((await storedKey(key.id)).revoked_at).toEqual(revokedAt);

      const afterwards = await app.gql(ORGANIZATION, {}, { apiKey: key.secret });
      expect(errorCode(afterwards)).toBe('UNAUTHENTICATED');
      expect(afterwards.data?.organization ?? null).toBeNull();

      const listing = await app.gql(LIST, { organizationId: owner.organizationId, first: 100 }, { cookie: owner.cookie });
      expect(listing.data!.apiKeys.nodes.find((n: { id: string }) => n.id === key.id).revokedAt).toBe(revokedAt.toISOString());
    });

    it('is harmless to revoke twice: the first revocation time stands', async () => {
      const key = await createApiKey(app, owner);
      const first = await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId: key.id }, { cookie: owner.cookie });
      app.clock.advance(5 * 60_000);
      const second = await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId: key.id }, { cookie: owner.cookie });
      expect(second.errors).toBeUndefined();
      expect(second.data!.revokeApiKey.revokedAt).toBe(first.data!.revokeApiKey.revokedAt);
      expect((await storedKey(key.id)).revoked_at!.toISOString()).toBe(first.data!.revokeApiKey.revokedAt);
    });

    it('leaves the organization’s other keys working', async () => {
      const doomed = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
      const survivor = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
      await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId: doomed.id }, { cookie: owner.cookie });
      expect((await app.gql(ORGANIZATION, {}, { apiKey: survivor.secret })).data!.organization.id).toBe(owner.organizationId);
      expect((await storedKey(survivor.id)).revoked_at).toBeNull();
    });

    it.each([
      ['an unknown id', '00000000-0000-4000-8000-000000000000'],
      ['a malformed id', 'not-a-uuid'],
    ])('answers NOT_FOUND for %s', async (_label, apiKeyId) => {
      const response = await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId }, { cookie: owner.cookie });
      expect(errorCode(response)).toBe('NOT_FOUND');
    });
  });

  describe('who may manage keys', () => {
    it('lets an ADMIN create, list and revoke keys', async () => {
      const admin = await addMember(app, owner, 'ADMIN');
      const created = await app.gql(
        CREATE,
        { organizationId: owner.organizationId, input: { name: 'admin key', scopes: ['ENTITLEMENTS_READ'] } },
        { cookie: admin.cookie },
      );
      expect(created.errors).toBeUndefined();
      const id = created.data!.createApiKey.apiKey.id;
      expect(await storedKey(id)).toMatchObject({ organization_id: owner.organizationId, created_by_user_id: admin.userId });

      const listing = await app.gql(LIST, { organizationId: owner.organizationId, first: 100 }, { cookie: admin.cookie });
      expect(listing.data!.apiKeys.nodes.map((n: { id: string }) => n.id)).toContain(id);

      const revoked = await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId: id }, { cookie: admin.cookie });
      expect(revoked.errors).toBeUndefined();
      expect((await storedKey(id)).revoked_at).not.toBeNull();
    });

    it('refuses a MEMBER creating, listing or revoking keys with FORBIDDEN, and changes nothing', async () => {
      const member = await addMember(app, owner, 'MEMBER');
      const existing = await createApiKey(app, owner);
      const before = await keyCount(owner.organizationId);

      const created = await app.gql(CREATE, { organizationId: owner.organizationId, input: { name: 'sneaky', scopes: ['USAGE_WRITE'] } }, { cookie: member.cookie });
      expect(errorCode(created)).toBe('FORBIDDEN');
      expect(await keyCount(owner.organizationId)).toBe(before);

      const listing = await app.gql(LIST, { organizationId: owner.organizationId }, { cookie: member.cookie });
      expect(errorCode(listing)).toBe('FORBIDDEN');
      expect(listing.data?.apiKeys ?? null).toBeNull();

      const revoked = await app.gql(REVOKE, { organizationId: owner.organizationId, apiKeyId: existing.id }, { cookie: member.cookie });
      expect(errorCode(revoked)).toBe('FORBIDDEN');
      expect((await storedKey(existing.id)).revoked_at).toBeNull();
    });

    it('refuses anonymous callers with UNAUTHENTICATED', async () => {
      const before = await keyCount(owner.organizationId);
      const created = await app.gql(CREATE, { organizationId: owner.organizationId, input: { name: 'anon', scopes: ['USAGE_WRITE'] } });
      expect(errorCode(created)).toBe('UNAUTHENTICATED');
      expect(errorCode(await app.gql(LIST, { organizationId: owner.organizationId }))).toBe('UNAUTHENTICATED');
      expect(await keyCount(owner.organizationId)).toBe(before);
    });
  });
});

describe('API key authentication details', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('accepts the Bearer scheme in any case and tells a rejected key apart from no credentials', async () => {
    const owner = await signUpOwner(app);
    const key = await createApiKey(app, owner);
    const lowerCase = await request(app.app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `bearer ${key.secret}`)
      .send({ query: '{ organization { id } }' });
    expect(lowerCase.body.data.organization.id).toBe(owner.organizationId);

    const rejected = await app.gql('{ organization { id } }', {}, { apiKey: `${key.prefix}_${'x'.repeat(43)}` });
    expect(rejected.errors![0]).toMatchObject({ message: 'API key is invalid or revoked', extensions: { code: 'UNAUTHENTICATED' } });
    const none = await app.gql('{ organization { id } }');
    expect(none.errors![0]).toMatchObject({ message: 'Sign in to continue', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('never accepts a wrong secret for a cached prefix', async () => {
    const owner = await signUpOwner(app);
    const key = await createApiKey(app, owner);
    expect(await app.services.apiKeys.authenticate(key.secret)).not.toBeNull();
    expect(await app.services.apiKeys.authenticate(`${key.prefix}_${'A'.repeat(43)}`)).toBeNull();
  });
});

// Other instances exist only on a PostgreSQL server: the embedded PGlite belongs to one process.
const onPostgresServer = !process.env.TOLLGATE_TEST_DATABASE?.startsWith('embedded:');

(onPostgresServer ? describe : describe.skip)('API key verification cache across instances', () => {
  let app: TestApp;
  const others: ApiKeyService[] = [];
  const REVOKE_BY_ID = `mutation($o: ID!, $k: ID!) { revokeApiKey(organizationId: $o, apiKeyId: $k) { id } }`;

  /** A second instance of the service over the same database, with its own listener, as a second server process has. */
  const otherInstance = async (logger = createLogger('silent')): Promise<ApiKeyService> => {
    const other = new ApiKeyService(app.services.database, app.services.audit, app.clock, logger, 300_000);
    others.push(other);
    await other.start(app.testDatabase.url);
    return other;
  };
  const listenerBackends = async (): Promise<number[]> =>
    (
      await app.dataSource.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'tollgate-api-key-revocations' AND datname = current_database()`,
      )
    ).map((row: { pid: number }) => row.pid);

  beforeAll(async () => {
    app = await startTestApp({ env: { API_KEY_CACHE_SECONDS: '300' } });
  });
  afterEach(async () => {
    await Promise.all(others.splice(0).map((other) => other.stop()));
  });
  afterAll(() => app.close());

  it('refuses a key on another instance shortly after it is revoked here, long before the cache time is up', async () => {
    const owner = await signUpOwner(app);
    const key = await createApiKey(app, owner);
    const other = await otherInstance();
    expect(await other.authenticate(key.secret)).toMatchObject({ organizationId: owner.organizationId });
    expect(await app.services.apiKeys.authenticate(key.secret)).not.toBeNull();

    await app.gql(REVOKE_BY_ID, { o: owner.organizationId, k: key.id }, { cookie: owner.cookie });
    expect(await app.services.apiKeys.authenticate(key.secret)).toBeNull();
    // The clock does not move: only the notification can make the other instance look again.
    expect(await eventually(() => other.authenticate(key.secret), (answer) => answer === null)).toBeNull();
  });

  it('keeps trusting a cached key while it is not revoked, even when the row changes behind Tollgate', async () => {
    const owner = await signUpOwner(app);
    const key = await createApiKey(app, owner);
    const other = await otherInstance();
    expect(await other.authenticate(key.secret)).not.toBeNull();
    // Revoked in SQL, with no notification: the cache cannot know, and answers from memory until its time is up.
    await app.dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [key.id]);
    expect(await other.authenticate(key.secret)).not.toBeNull();
    app.clock.advance(300_000);
    expect(await other.authenticate(key.secret)).toBeNull();
  });

  it('verifies every key in the database while the listener is down, and caches again once it is back', async () => {
    const logLines: string[] = [];
    const other = await otherInstance(createLogger('info', { write: (line: string) => void logLines.push(line) }));
    const owner = await signUpOwner(app);
    const key = await createApiKey(app, owner);
    expect(await other.authenticate(key.secret)).not.toBeNull();

    const before = await listenerBackends();
    expect(before).toHaveLength(2); // the app's and the other instance's
    await app.dataSource.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [before]);
    // Revoked without a notification, as if it had been sent while nobody listened.
    await app.dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [key.id]);
    expect(await eventually(() => other.authenticate(key.secret), (answer) => answer === null)).toBeNull();

    // Back with a new connection: revocations are heard again.
    const after = await eventually(listenerBackends, (pids) => pids.length === 2 && pids.every((pid) => !before.includes(pid)));
    expect(after.every((pid) => !before.includes(pid))).toBe(true);
    const second = await createApiKey(app, owner);
    expect(await other.authenticate(second.secret)).not.toBeNull();
    await app.gql(REVOKE_BY_ID, { o: owner.organizationId, k: second.id }, { cookie: owner.cookie });
    expect(await eventually(() => other.authenticate(second.secret), (answer) => answer === null)).toBeNull();

    const warnings = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 40);
    expect(warnings.map((entry) => entry.msg)).toEqual(['API key revocation listener lost; every API key is verified in the database until it is back']);
  });

  it('writes last use off the request path: all pending keys at once, never moving a time backwards, and on stop', async () => {
    const owner = await signUpOwner(app);
    const [first, second] = [await createApiKey(app, owner), await createApiKey(app, owner)];
    const lastUsed = async (id: string): Promise<Date | null> =>
      (await app.dataSource.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id]))[0].last_used_at;
    const other = await otherInstance();

    const early = app.clock.now();
    await other.authenticate(first.secret);
    await other.authenticate(second.secret);
    expect(await lastUsed(first.id)).toBeNull(); // noted, not yet written

    app.clock.advance(120_000);
    const late = app.clock.now();
    await app.services.apiKeys.authenticate(first.secret);
    await app.services.apiKeys.flushLastUse();
    expect(await lastUsed(first.id)).toEqual(late);
    expect(await lastUsed(second.id)).toBeNull();

    // The other instance's older use of the first key does not undo the newer one.
    await other.flushLastUse();
    expect(await lastUsed(first.id)).toEqual(late);
    expect(await lastUsed(second.id)).toEqual(early);

    app.clock.advance(120_000);
    await other.authenticate(second.secret);
    await other.stop();
    expect(await lastUsed(second.id)).toEqual(app.clock.now());
  });
});

/** Polls `read` until `accept` holds, for at most two seconds; answers the last value read. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('API key audit trail', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('records who created and who revoked a key, never its secret', async () => {
    const owner = await signUpOwner(app);
    const key = await createApiKey(app, owner);
    await app.gql(`mutation($o: ID!, $k: ID!) { revokeApiKey(organizationId: $o, apiKeyId: $k) { id } }`, { o: owner.organizationId, k: key.id }, { cookie: owner.cookie });
    await app.gql(`mutation($o: ID!, $k: ID!) { revokeApiKey(organizationId: $o, apiKeyId: $k) { id } }`, { o: owner.organizationId, k: key.id }, { cookie: owner.cookie });
    const entries = await app.dataSource.query(
      `SELECT action, actor_type, actor_id, target_id, after::text AS after FROM audit_entries WHERE organization_id = $1 AND action LIKE 'api_key.%' ORDER BY created_at, action`,
      [owner.organizationId],
    );
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['api_key.created', 'api_key.revoked']);
    expect(entries.every((e: { actor_type: string; actor_id: string; target_id: string }) => e.actor_type === 'user' && e.actor_id === owner.userId && e.target_id === key.id)).toBe(true);
    expect(entries.map((e: { after: string }) => e.after).join()).not.toContain(key.secret.slice(key.prefix.length + 1));
  });
});
