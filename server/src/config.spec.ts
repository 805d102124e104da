import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { createDataSource } from './db/data-source';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 4000 with demo data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database.url).toBeUndefined();
    expect(config.seedDemoData).toBe(true);
    expect(config.graphql.introspection).toBe(true);
    expect(Object.isFrozen(config.graphql)).toBe(true);
  });

  it('uses DATABASE_URL and turns demo data off by default with it', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080' });
    expect(config.database.url).toBe('postgres://u@h:5432/db');
    expect(config.seedDemoData).toBe(false);
    expect(config.port).toBe(8080);
  });

  it('keeps the Stripe sandbox state beside the embedded data dir unless told otherwise, and has none with real keys', () => {
    expect(loadConfig({ EMBEDDED_PG_DATA_DIR: '/srv/tg/.tollgate/pgdata' }).stripe).toEqual({ mode: 'sandbox', sandboxPort: 0, sandboxStateFile: '/srv/tg/.tollgate/stripe-sandbox.json' });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).stripe).toMatchObject({ sandboxStateFile: path.resolve('.tollgate/stripe-sandbox.json') });
    expect(loadConfig({ STRIPE_SANDBOX_STATE_FILE: '/tmp/s.json' }).stripe).toMatchObject({ sandboxStateFile: '/tmp/s.json' });
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }).stripe).toEqual({ mode: 'live', secretKey: 'sk_test_abc', webhookSecret: 'whsec_abc' });
  });

  it('turns introspection and stack traces off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql).toMatchObject({ introspection: false, includeStacktrace: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT .*\(got "abc"\)$/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL$/],
    [{ NODE_ENV: 'staging' }, /^Invalid configuration: NODE_ENV /],
    [{ ADMIN_EMAIL: 'a@b.co' }, /^Invalid configuration: ADMIN_PASSWORD /],
    [{ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'short' }, /^Invalid configuration: ADMIN_PASSWORD must be at least 12 characters$/],
    [{ GRAPHQL_MAX_DEPTH: '0' }, /^Invalid configuration: GRAPHQL_MAX_DEPTH /],
    [{ TRUST_PROXY: 'maybe?' }, /^Invalid configuration: TRUST_PROXY /],
    [{ API_KEY_CACHE_SECONDS: '3601' }, /^Invalid configuration: API_KEY_CACHE_SECONDS /],
    [{ DB_POOL_IDLE_SECONDS: '-1' }, /^Invalid configuration: DB_POOL_IDLE_SECONDS /],
  ])('refuses %j with a one-line message naming the variable', (env, message) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('keeps idle pooled connections 5 minutes unless told otherwise, and hands that to the pg pool', () => {
    expect(loadConfig({}).database.poolIdleSeconds).toBe(300);
    expect(loadConfig({ DB_POOL_IDLE_SECONDS: '0' }).database.poolIdleSeconds).toBe(0);
    const extraOf = (poolIdleSeconds?: number) =>
      createDataSource({ url: 'postgres://u@h/db', poolMax: 4, poolIdleSeconds }).options.extra as { idleTimeoutMillis: number; max: number };
    expect(extraOf(0)).toMatchObject({ idleTimeoutMillis: 0, max: 4 });
    expect(extraOf(30).idleTimeoutMillis).toBe(30_000);
    expect(extraOf().idleTimeoutMillis).toBe(300_000);
  });

  it('reads TRUST_PROXY as a switch, a hop count or a list of addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('trusts a verified API key for five minutes by default (revocations arrive by notification), up to an hour', () => {
    expect(loadConfig({}).apiKeyCacheSeconds).toBe(300);
    expect(loadConfig({ API_KEY_CACHE_SECONDS: '3600' }).apiKeyCacheSeconds).toBe(3600);
    expect(loadConfig({ API_KEY_CACHE_SECONDS: '0' }).apiKeyCacheSeconds).toBe(0);
  });

  it('never echoes secret values in a refusal', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'hunter2' })).toThrow(/^(?!.*hunter2).*$/);
  });
});
