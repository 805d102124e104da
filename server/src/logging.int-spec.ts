import { PassThrough } from 'node:stream';
import request from 'supertest';
import { createApiKey, signUpOwner } from '../test/support/factories';
import { startTestApp, type TestApp } from '../test/support/test-app';

describe('structured logs', () => {
  let app: TestApp;
  let lines: string[];
  beforeAll(async () => {
    const stream = new PassThrough();
    lines = [];
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    app = await startTestApp({ logStream: stream });
  });
  afterAll(() => app.close());

  it('writes JSON lines with a request id that is also returned to the client', async () => {
    const response = await request(app.app).post('/graphql').set('content-type', 'application/json').set('x-request-id', 'trace-abc-123').send({ query: '{ __typename }' });
    expect(response.headers['x-request-id']).toBe('trace-abc-123');
    const entry = lines.map((line) => JSON.parse(line)).find((e) => e.req?.id === 'trace-abc-123');
    expect(entry).toMatchObject({ level: 30, service: 'tollgate', res: { statusCode: 200 } });
  });

  it('never contains passwords, password hashes, session tokens, cookies or API key secrets', async () => {
    const owner = await signUpOwner(app);
    await app.gql(`mutation($i: LogInInput!) { logIn(input: $i) { user { id } } }`, { i: { email: owner.email, password: 'a-wrong-password' } });
    const key = await createApiKey(app, owner);
    await app.gql(`{ organization { id } }`, {}, { apiKey: key.secret });
    const [{ password_hash: passwordHash }] = await app.dataSource.query(`SELECT password_hash FROM users WHERE email = $1`, [owner.email]);
    const sessionToken = owner.cookie.split('=')[1]!;

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of [owner.password, 'a-wrong-password', passwordHash, sessionToken, key.secret]) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('[redacted]');
  });
});
