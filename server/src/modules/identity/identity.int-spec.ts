import request from 'supertest';
import { errorCode, sessionCookieFrom, startTestApp, type TestApp } from '../../../test/support/test-app';
import { signUpOwner, uniqueEmail } from '../../../test/support/factories';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { user { id email isPlatformAdmin } sessionExpiresAt } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { user { email } } }`;
const ME = `{ me { user { email } memberships { role organization { name slug } } } }`;

describe('identity: sign-up, log-in, log-out, sessions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_EMAIL: '3', SESSION_TTL_HOURS: '2' } });
  });
  afterAll(() => app.close());

  it('signs up a user who owns a new organization and is signed in by an httpOnly cookie', async () => {
    const email = uniqueEmail();
    const response = await app.gql(SIGN_UP, { input: { email: ` ${email.toUpperCase()} `, password: 'long-enough-pw', organizationName: 'Acme AI' } });
    expect(response.errors).toBeUndefined();
    expect(response.data!.signUp.user).toMatchObject({ email, isPlatformAdmin: false });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/tollgate_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const me = await app.gql(ME, {}, { cookie: sessionCookieFrom(response) });
    expect(me.data!.me).toEqual({ user: { email }, memberships: [{ role: 'OWNER', organization: { name: 'Acme AI', slug: 'acme-ai' } }] });

    const [stored] = await app.dataSource.query(`SELECT password_hash FROM users WHERE email = $1`, [email]);
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const [session] = await app.dataSource.query(`SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`, [email]);
    expect(sessionCookieFrom(response)).not.toContain(session.token_hash);
  });

  it('refuses a duplicate email (any case) with CONFLICT naming the field, and creates nothing', async () => {
    const owner = await signUpOwner(app);
    const before = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
    const response = await app.gql(SIGN_UP, { input: { email: owner.email.toUpperCase(), password: 'another-password', organizationName: 'Dup' } });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors![0]!.extensions!.details.fields[0].field).toBe('email');
    const after = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('rejects invalid sign-up input with BAD_USER_INPUT and the fields named', async () => {
    const response = await app.gql(SIGN_UP, { input: { email: 'not-an-email', password: 'short', organizationName: '' } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    const fields = response.errors![0]!.extensions!.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['email', 'organizationName', 'password']);
  });

  it('logs in with the right password, refuses a wrong one, and logs out', async () => {
    const owner = await signUpOwner(app);
    const wrong = await app.gql(LOG_IN, { input: { email: owner.email, password: 'wrong-password' } });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const unknown = await app.gql(LOG_IN, { input: { email: uniqueEmail('nobody'), password: 'whatever-pw' } });
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);

    const right = await app.gql(LOG_IN, { input: { email: owner.email, password: owner.password } });
    expect(right.data!.logIn.user.email).toBe(owner.email);
    const cookie = sessionCookieFrom(right);
    expect((await app.gql(ME, {}, { cookie })).data!.me.user.email).toBe(owner.email);

    const logOut = await app.gql(`mutation { logOut }`, {}, { cookie });
    expect(logOut.data!.logOut).toBe(true);
    expect(String(logOut.headers['set-cookie'])).toMatch(/tollgate_session=;/);
    expect(errorCode(await app.gql(ME, {}, { cookie }))).toBe('UNAUTHENTICATED');
    // The other session (from sign-up) is untouched.
    expect((await app.gql(ME, {}, { cookie: owner.cookie })).data!.me.user.email).toBe(owner.email);
  });

  it('expires a session after SESSION_TTL_HOURS and removes it', async () => {
    const owner = await signUpOwner(app);
    app.clock.advance(2 * 3_600_000 - 1_000);
    expect((await app.gql(ME, {}, { cookie: owner.cookie })).data!.me.user.email).toBe(owner.email);
    app.clock.advance(2_000);
    expect(errorCode(await app.gql(ME, {}, { cookie: owner.cookie }))).toBe('UNAUTHENTICATED');
    const [row] = await app.dataSource.query(`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`, [owner.email]);
    expect(row.n).toBe(0);
  });

  it('rate limits failed log-ins per email, even for the right password, and says when to retry', async () => {
    const owner = await signUpOwner(app);
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await app.gql(LOG_IN, { input: { email: owner.email, password: `wrong-${i}-password` } }))).toBe('UNAUTHENTICATED');
    }
    const limited = await app.gql(LOG_IN, { input: { email: owner.email, password: owner.password } });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.details.retryAfterSeconds).toBeGreaterThan(0);
    // Another email from the same address is unaffected.
    const other = await signUpOwner(app);
    expect((await app.gql(LOG_IN, { input: { email: other.email, password: other.password } })).errors).toBeUndefined();
  });

  it('marks the cookie Secure behind an HTTPS proxy when TRUST_PROXY is on', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const owner = await signUpOwner(proxied);
      const call = (proto: string) =>
        request(proxied.app)
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('x-forwarded-proto', proto)
          .send({ query: LOG_IN, variables: { input: { email: owner.email, password: owner.password } } });
      expect(String((await call('https')).headers['set-cookie'])).toMatch(/;\s*Secure/i);
      expect(String((await call('http')).headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('rate limits all log-in attempts per IP address', async () => {
    const limited = await startTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '4' } });
    try {
      const owner = await signUpOwner(limited);
      const attempt = () => limited.gql(LOG_IN, { input: { email: uniqueEmail('spray'), password: 'guess-password' } });
      for (let i = 0; i < 4; i++) expect(errorCode(await attempt())).toBe('UNAUTHENTICATED');
      const blocked = await limited.gql(LOG_IN, { input: { email: owner.email, password: owner.password } });
      expect(errorCode(blocked)).toBe('RATE_LIMITED');
      expect(blocked.headers['set-cookie']).toBeUndefined();
    } finally {
      await limited.close();
    }
  });

  it('answers me with UNAUTHENTICATED when there is no session or a forged one', async () => {
    expect(errorCode(await app.gql(ME))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.gql(ME, {}, { cookie: 'tollgate_session=forged-token' }))).toBe('UNAUTHENTICATED');
  });
});
