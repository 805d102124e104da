import request from 'supertest';
import { errorCode, startTestApp, type TestApp } from '../../test/support/test-app';
import { uniqueEmail } from '../../test/support/factories';

describe('GraphQL request limits and error masking', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_MAX_TOKENS: '200', GRAPHQL_MAX_COST: '400' } });
  });
  afterAll(() => app.close());

  // Signed up through the service: the factory's own queries are deeper than this app allows.
  async function signedIn(): Promise<{ cookie: string }> {
    const signedUp = await app.services.identity.signUp({ email: uniqueEmail(), password: 'long-enough-pw', organizationName: 'Limits' });
    return { cookie: `tollgate_session=${signedUp.sessionToken}` };
  }

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH', async () => {
    const owner = await signedIn();
    const shallow = await app.gql(`{ me { user { id } memberships { role } } }`, {}, { cookie: owner.cookie });
    expect(shallow.errors).toBeUndefined();
    const deep = await app.gql(`{ me { memberships { organization { id } } } }`, {}, { cookie: owner.cookie });
    expect(deep.errors?.[0]?.message).toMatch(/depth/i);
    expect(deep.data ?? null).toBeNull();
  });

  it('refuses too many aliases', async () => {
    const response = await app.gql(`{ a: me { user { id } } b: me { user { id } } c: me { user { id } } d: me { user { id } } }`);
    expect(response.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses documents with too many tokens before parsing them fully', async () => {
    const fields = Array.from({ length: 250 }, () => '__typename').join(' ');
    const response = await app.gql(`{ ${fields} }`);
    expect(response.errors?.[0]?.message).toMatch(/token/i);
  });

  it('refuses batched (array) request bodies', async () => {
    const response = await request(app.app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
  });

  it('hides field suggestions that would reveal the schema', async () => {
    const response = await app.gql(`{ mee { user { id } } }`);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('refuses requests without a JSON content type or preflight header (CSRF prevention)', async () => {
    const response = await request(app.app).get('/graphql').query({ query: '{ __typename }' });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/CSRF/i);
  });

  it('masks unexpected errors and keeps typed ones', async () => {
    const owner = await signedIn();
    // Drop a table under the running app: the resolver fails with a database error nobody planned for.
    await app.dataSource.query(`ALTER TABLE memberships RENAME TO memberships_gone`);
    try {
      const response = await app.gql(`{ me { memberships { role } } }`, {}, { cookie: owner.cookie });
      expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
      expect(response.errors![0]!.message).toBe('Internal server error');
      expect(JSON.stringify(response.errors)).not.toMatch(/memberships|relation|stack/i);
    } finally {
      await app.dataSource.query(`ALTER TABLE memberships_gone RENAME TO memberships`);
    }
  });
});

describe('introspection', () => {
  it('is off in production and on in development', async () => {
    const production = await startTestApp({ env: { NODE_ENV: 'production' } });
    const development = await startTestApp({ env: { NODE_ENV: 'development' } });
    try {
      const query = `{ __schema { queryType { name } } }`;
      expect(errorCode(await production.gql(query))).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await development.gql(query)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await production.close();
      await development.close();
    }
  });
});
