import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureBootstrapAdmin } from './bootstrap-admin';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { createServices } from './services';
import { errorCode, startTestApp, type TestApp } from '../test/support/test-app';

const LOG_IN = `mutation($i: LogInInput!) { logIn(input: $i) { user { email isPlatformAdmin } } }`;

describe('the first platform admin', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('is created from ADMIN_EMAIL/ADMIN_PASSWORD once and never overwritten', async () => {
    const logger = createLogger('silent');
    const servicesWith = (password: string) =>
      createServices(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: app.testDatabase.url, ADMIN_EMAIL: 'Root@Example.test', ADMIN_PASSWORD: password }),
        app.services.database,
        app.clock,
        logger,
        app.services.stripeEnvironment,
      );
    await ensureBootstrapAdmin(servicesWith('first-admin-password'), logger);
    await ensureBootstrapAdmin(servicesWith('second-admin-password'), logger);

    const first = await app.gql(LOG_IN, { i: { email: 'root@example.test', password: 'first-admin-password' } });
    expect(first.data!.logIn.user).toEqual({ email: 'root@example.test', isPlatformAdmin: true });
    expect(errorCode(await app.gql(LOG_IN, { i: { email: 'root@example.test', password: 'second-admin-password' } }))).toBe('UNAUTHENTICATED');
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'root@example.test'`);
    expect(n).toBe(1);
  });

  it('can be created with the create-admin script, which refuses to touch an existing user', async () => {
    const script = path.resolve(__dirname, '../dist/scripts/create-admin.js');
    const env = { ...process.env, DATABASE_URL: app.testDatabase.url, LOG_LEVEL: 'silent' };
    const run = promisify(execFile);
    await run(process.execPath, [script, '--email', 'ops@example.test', '--password', 'ops-admin-password'], { env });
    const logIn = await app.gql(LOG_IN, { i: { email: 'ops@example.test', password: 'ops-admin-password' } });
    expect(logIn.data!.logIn.user.isPlatformAdmin).toBe(true);

    await expect(run(process.execPath, [script, '--email', 'ops@example.test', '--password', 'another-password'], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already exists'),
    });
  });
});
