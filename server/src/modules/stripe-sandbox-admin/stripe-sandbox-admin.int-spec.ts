import { Writable } from 'node:stream';
import { signInPlatformAdmin, signUpOwner } from '../../../test/support/factories';
import { completeSandboxCheckout } from '../../../test/support/stripe-billing';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { createLogger } from '../../logger';
import { createStripeClient } from '../../stripe/stripe-client';
import { StripeSandboxAdminService } from './stripe-sandbox-admin.service';

const MODE = `{ stripeMode }`;
const CLOCK = `{ stripeSandboxClock { now } }`;
const ADVANCE = `mutation($d: Int, $h: Int) { advanceStripeSandboxClock(days: $d, hours: $h) { now } }`;
const CHECKOUT = `mutation($o: ID!, $i: CreateCheckoutSessionInput!) { createCheckoutSession(organizationId: $o, input: $i) { stripeSessionId } }`;
const SUBSCRIPTION = `query($o: ID) { subscription(organizationId: $o) { status planKey currentPeriodStart currentPeriodEnd } }`;
const HOUR = 3_600_000;

function capturedLog() {
  const output: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (output.push(String(chunk)), done()) }));
  return { logger, read: () => output.map((line) => JSON.parse(line) as Record<string, any>) };
}

describe('Stripe sandbox admin: mode and clock', () => {
  let app: TestApp;
  let admin: { cookie: string; userId: string };

  beforeAll(async () => {
    app = await startTestApp({ stripeSandbox: true });
    admin = await signInPlatformAdmin(app);
  });
  afterAll(() => app?.close());

  const settle = async () => {
    await app.stripeSandbox!.waitForWebhooks();
    await app.services.stripeWebhooks.whenIdle();
  };

  it('syncs the catalog to the sandbox at start (what server.ts does), idempotently, with a one-line summary', async () => {
    const lines = capturedLog();
    await app.services.stripeSandboxAdmin.syncCatalogAtStart(lines.logger);
    await app.services.stripeSandboxAdmin.syncCatalogAtStart(lines.logger);
    const summaries = lines.read().filter((line) => line.msg === 'Stripe sandbox catalog synced');
    expect(summaries).toHaveLength(2);
    expect(summaries[0]!.created).toBeGreaterThan(0);
    expect(summaries[1]).toMatchObject({ created: 0, updated: 0, unchanged: summaries[0]!.created });
    const prices = await app.dataSource.query(`SELECT stripe_monthly_price_id FROM plan_versions v JOIN plans p ON p.current_version_id = v.id WHERE p.key = 'pro'`);
    expect(prices[0].stripe_monthly_price_id).toMatch(/^price_/);
  });

  it('tells any signed-in user the mode, and platform admins the sandbox time', async () => {
    const owner = await signUpOwner(app);
    expect((await app.gql(MODE, {}, { cookie: owner.cookie })).data).toEqual({ stripeMode: 'SANDBOX' });
    expect(errorCode(await app.gql(MODE))).toBe('UNAUTHENTICATED');
    expect((await app.gql(CLOCK, {}, { cookie: admin.cookie })).data!.stripeSandboxClock).toEqual({ now: app.stripeSandbox!.now().toISOString() });
    expect(errorCode(await app.gql(CLOCK, {}, { cookie: owner.cookie }))).toBe('FORBIDDEN');
  });

  it('a platform admin advances the clock through a renewal, and the renewal’s webhooks apply', async () => {
    const owner = await signUpOwner(app, 'Renewing');
    const checkout = await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie });
    expect(checkout.errors).toBeUndefined();
    await completeSandboxCheckout(createStripeClient(app.stripeSandbox!.environment), checkout.data!.createCheckoutSession.stripeSessionId);
    await settle();
    const started = (await app.gql(SUBSCRIPTION, { o: owner.organizationId }, { cookie: owner.cookie })).data!.subscription;
    expect(started).toMatchObject({ status: 'TRIALING', planKey: 'pro' }); // pro has a 14-day trial

    // Through the trial's end: the first paid cycle.
    const before = app.stripeSandbox!.now().getTime();
    const advanced = await app.gql(ADVANCE, { d: 14, h: 2 }, { cookie: admin.cookie });
    expect(advanced.errors).toBeUndefined();
    expect(advanced.data!.advanceStripeSandboxClock.now).toBe(new Date(before + (14 * 24 + 2) * HOUR).toISOString());
    await settle();
    const paying = (await app.gql(SUBSCRIPTION, { o: owner.organizationId }, { cookie: owner.cookie })).data!.subscription;
    expect(paying).toMatchObject({ status: 'ACTIVE', planKey: 'pro', currentPeriodStart: started.currentPeriodEnd });

    // Through the next period end: a renewal.
    expect((await app.gql(ADVANCE, { d: 31 }, { cookie: admin.cookie })).errors).toBeUndefined();
    await settle();
    const renewed = (await app.gql(SUBSCRIPTION, { o: owner.organizationId }, { cookie: owner.cookie })).data!.subscription;
    expect(renewed).toMatchObject({ status: 'ACTIVE', planKey: 'pro', currentPeriodStart: paying.currentPeriodEnd });
    const cycles = await app.dataSource.query(`SELECT status FROM invoices WHERE organization_id = $1 AND billing_reason = 'subscription_cycle'`, [owner.organizationId]);
    expect(cycles).toEqual([{ status: 'paid' }, { status: 'paid' }]);
    const audit = await app.dataSource.query(`SELECT actor_id, after FROM audit_entries WHERE action = 'stripe_sandbox.clock_advanced'`);
    expect(audit).toEqual(expect.arrayContaining([{ actor_id: admin.userId, after: { days: 14, hours: 2, now: advanced.data!.advanceStripeSandboxClock.now } }]));
  });

  it('refuses non-admins and an advance of nothing', async () => {
    const owner = await signUpOwner(app);
    expect(errorCode(await app.gql(ADVANCE, { d: 1 }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(ADVANCE, { d: 1 }))).toBe('UNAUTHENTICATED');
    const nothing = await app.gql(ADVANCE, {}, { cookie: admin.cookie });
    expect(errorCode(nothing)).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(ADVANCE, { d: -1 }, { cookie: admin.cookie }))).toBe('BAD_USER_INPUT');
  });

  it('with real Stripe configured: LIVE, no sandbox clock, and the advance is refused with SANDBOX_ONLY', async () => {
    const sandboxAdmin = app.services.stripeSandboxAdmin;
    const { database, stripeCatalogSync, audit } = app.services;
    app.services.stripeSandboxAdmin = new StripeSandboxAdminService({ mode: 'live', secretKey: 'sk_test_real', webhookSecret: 'whsec_real' }, database, stripeCatalogSync, audit);
    try {
      expect((await app.gql(MODE, {}, { cookie: admin.cookie })).data).toEqual({ stripeMode: 'LIVE' });
      expect((await app.gql(CLOCK, {}, { cookie: admin.cookie })).data).toEqual({ stripeSandboxClock: null });
      const refused = await app.gql(ADVANCE, { d: 1 }, { cookie: admin.cookie });
      expect(errorCode(refused)).toBe('SANDBOX_ONLY');
      expect(refused.errors![0]!.message).toMatch(/Real Stripe is configured/);
      // And nothing is synced to real Stripe at start: that is an admin's deliberate step.
      const lines = capturedLog();
      await app.services.stripeSandboxAdmin.syncCatalogAtStart(lines.logger);
      expect(lines.read()).toEqual([]);
    } finally {
      app.services.stripeSandboxAdmin = sandboxAdmin;
    }
  });
});
