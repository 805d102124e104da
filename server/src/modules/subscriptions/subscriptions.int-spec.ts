import { createLogger } from '../../logger';
import { startJobQueue } from '../../jobs/job-queue';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { addMember, createApiKey, signInPlatformAdmin, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { systemActor } from '../audit/actor';
import { BillingInterval } from '../catalog/catalog.enums';

const SUBSCRIPTION = `query($o: ID) { subscription(organizationId: $o) {
  status planKey planName planVersion billingInterval currentPeriodStart currentPeriodEnd trialEnd trialDaysLeft cancelAtPeriodEnd billedThroughStripe
  scheduledChange { planKey billingInterval effectiveAt } } }`;
const CHANGE = `mutation($o: ID!, $i: ChangePlanInput!) { changePlan(organizationId: $o, input: $i) { outcome subscription { planKey scheduledChange { planKey effectiveAt } } } }`;
const ADMIN_CHANGE = `mutation($o: ID!, $i: AdminChangePlanInput!) { adminChangePlan(organizationId: $o, input: $i) { outcome subscription { planKey billingInterval status } } }`;
const CANCEL = `mutation($o: ID!, $end: Boolean!) { cancelSubscription(organizationId: $o, atPeriodEnd: $end) { planKey status cancelAtPeriodEnd } }`;
const RESUME = `mutation($o: ID!) { resumeSubscription(organizationId: $o) { cancelAtPeriodEnd } }`;
const UNDO = `mutation($o: ID!) { undoScheduledPlanChange(organizationId: $o) { scheduledChange { planKey } } }`;

const DAY = 86_400_000;

describe('subscriptions', () => {
  let app: TestApp;
  let admin: { cookie: string };

  beforeAll(async () => {
    // The clock moves months ahead here; sessions must outlive that.
    app = await startTestApp({ env: { SESSION_TTL_HOURS: '8760' } });
    admin = { cookie: (await signInPlatformAdmin(app)).cookie };
  });
  afterAll(() => app.close());

  const subscriptionOf = async (owner: SignedUpUser) => {
    const response = await app.gql(SUBSCRIPTION, { o: owner.organizationId }, { cookie: owner.cookie });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.subscription;
  };
  const rows = (sql: string, params: unknown[]) => app.dataSource.query(sql, params);
  const subscriptionCredits = async (organizationId: string) =>
    Number((await rows(`SELECT subscription FROM credit_balances WHERE organization_id = $1`, [organizationId]))[0]?.subscription ?? 0);
  const upgrade = (owner: SignedUpUser, planKey: string, interval = 'MONTH', force = false) =>
    app.gql(ADMIN_CHANGE, { o: owner.organizationId, i: { planKey, interval, force } }, admin);
  const renew = () => app.services.subscriptionRenewal.advanceDue();

  it('starts a new organization on the free plan with its first period and credits', async () => {
    const owner = await signUpOwner(app);
    const subscription = await subscriptionOf(owner);
    expect(subscription).toMatchObject({ status: 'ACTIVE', planKey: 'free', billingInterval: 'MONTH', cancelAtPeriodEnd: false, scheduledChange: null, trialEnd: null });
    expect(new Date(subscription.currentPeriodEnd).getTime() - new Date(subscription.currentPeriodStart).getTime()).toBeGreaterThanOrEqual(28 * DAY);
    const periods = await rows(`SELECT count(*)::int AS n FROM subscription_periods WHERE organization_id = $1`, [owner.organizationId]);
    expect(periods[0].n).toBe(1);
    const free = await app.services.catalog.currentVersionOf('free');
    expect(await subscriptionCredits(owner.organizationId)).toBe(free.creditsPerPeriod);
  });

  it('lets an API key with ENTITLEMENTS_READ read its subscription, and refuses members who try to change it', async () => {
    const owner = await signUpOwner(app);
    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    expect((await app.gql(SUBSCRIPTION, {}, { apiKey: key.secret })).data!.subscription.planKey).toBe('free');
    const member = await addMember(app, owner, 'MEMBER');
    expect(errorCode(await app.gql(CANCEL, { o: owner.organizationId, end: true }, { cookie: member.cookie }))).toBe('FORBIDDEN');
  });

  it('applies an upgrade now and writes the audit entry; tenants cannot upgrade without checkout', async () => {
    const owner = await signUpOwner(app);
    expect(errorCode(await app.gql(CHANGE, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    const upgraded = await upgrade(owner, 'pro');
    expect(upgraded.data!.adminChangePlan).toEqual({ outcome: 'UPGRADED', subscription: { planKey: 'pro', billingInterval: 'MONTH', status: 'ACTIVE' } });
    const audit = await rows(`SELECT actor_type, action, before->>'planVersionId' AS before FROM audit_entries WHERE organization_id = $1 AND action = 'subscription.upgraded'`, [owner.organizationId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_type).toBe('user');
    // An admin-assigned plan is not a Stripe subscription: the console offers Checkout for the next paid plan.
    expect(await subscriptionOf(owner)).toMatchObject({ planKey: 'pro', billedThroughStripe: false });
  });

  it('gives an upgrade the bigger plan’s extra credits for the rest of the period, once', async () => {
    const owner = await signUpOwner(app);
    const free = await app.services.catalog.currentVersionOf('free');
    const pro = await app.services.catalog.currentVersionOf('pro');
    expect(pro.creditsPerPeriod).toBeGreaterThan(free.creditsPerPeriod);
    await upgrade(owner, 'pro');
    expect(await subscriptionCredits(owner.organizationId)).toBe(pro.creditsPerPeriod);
    const { currentPeriodEnd } = await subscriptionOf(owner);
    const topUps = await rows(`SELECT subscription_delta, expires_at FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant' AND idempotency_key IS NOT NULL`, [owner.organizationId]);
    expect(topUps).toEqual([{ subscription_delta: pro.creditsPerPeriod - free.creditsPerPeriod, expires_at: new Date(currentPeriodEnd) }]);
    // Down and up again in the same period: the extra for pro is not granted twice.
    await upgrade(owner, 'free', 'MONTH', true);
    await upgrade(owner, 'pro');
    expect(await subscriptionCredits(owner.organizationId)).toBe(pro.creditsPerPeriod);
  });

  it('schedules a downgrade for the period end, lets the owner undo it, and applies it at renewal', async () => {
    const owner = await signUpOwner(app);
    await upgrade(owner, 'business');
    const before = await subscriptionOf(owner);
    const scheduled = await app.gql(CHANGE, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie });
    expect(scheduled.data!.changePlan.outcome).toBe('DOWNGRADE_SCHEDULED');
    expect(scheduled.data!.changePlan.subscription).toEqual({ planKey: 'business', scheduledChange: { planKey: 'pro', effectiveAt: before.currentPeriodEnd } });

    expect((await app.gql(UNDO, { o: owner.organizationId }, { cookie: owner.cookie })).data!.undoScheduledPlanChange.scheduledChange).toBeNull();
    expect(errorCode(await app.gql(UNDO, { o: owner.organizationId }, { cookie: owner.cookie }))).toBe('CONFLICT');
    await app.gql(CHANGE, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie });

    app.clock.set(new Date(new Date(before.currentPeriodEnd).getTime() + 1_000));
    await renew();
    const after = await subscriptionOf(owner);
    expect(after).toMatchObject({ planKey: 'pro', scheduledChange: null, currentPeriodStart: before.currentPeriodEnd });
    const pro = await app.services.catalog.currentVersionOf('pro');
    expect(await subscriptionCredits(owner.organizationId)).toBe(pro.creditsPerPeriod);
  });

  it('lets an admin force a downgrade now', async () => {
    const owner = await signUpOwner(app);
    await upgrade(owner, 'business');
    const forced = await upgrade(owner, 'pro', 'MONTH', true);
    expect(forced.data!.adminChangePlan).toMatchObject({ outcome: 'DOWNGRADED', subscription: { planKey: 'pro' } });
  });

  it('cancels at period end, resumes, and on a second cancel ends at renewal and drops to free (keeping history)', async () => {
    const owner = await signUpOwner(app);
    await upgrade(owner, 'pro');
    expect((await app.gql(CANCEL, { o: owner.organizationId, end: true }, { cookie: owner.cookie })).data!.cancelSubscription).toEqual({ planKey: 'pro', status: 'ACTIVE', cancelAtPeriodEnd: true });
    expect(errorCode(await app.gql(CANCEL, { o: owner.organizationId, end: true }, { cookie: owner.cookie }))).toBe('CONFLICT');
    expect((await app.gql(RESUME, { o: owner.organizationId }, { cookie: owner.cookie })).data!.resumeSubscription.cancelAtPeriodEnd).toBe(false);
    expect(errorCode(await app.gql(RESUME, { o: owner.organizationId }, { cookie: owner.cookie }))).toBe('CONFLICT');

    await app.gql(CANCEL, { o: owner.organizationId, end: true }, { cookie: owner.cookie });
    const { currentPeriodEnd } = await subscriptionOf(owner);
    app.clock.set(new Date(new Date(currentPeriodEnd).getTime() + 60_000));
    await renew();
    expect(await subscriptionOf(owner)).toMatchObject({ planKey: 'free', status: 'ACTIVE', currentPeriodStart: currentPeriodEnd });
    const history = await rows(`SELECT s.status, p.key FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.organization_id = $1 ORDER BY s.created_at`, [owner.organizationId]);
    expect(history.map((h: { key: string; status: string }) => `${h.key}:${h.status}`)).toEqual(['pro:canceled', 'free:active']);
  });

  it('cancels now: the organization is on the free plan at once and its subscription credits are written off', async () => {
    const owner = await signUpOwner(app);
    await upgrade(owner, 'pro');
    const canceled = await app.gql(CANCEL, { o: owner.organizationId, end: false }, { cookie: owner.cookie });
    expect(canceled.data!.cancelSubscription).toEqual({ planKey: 'free', status: 'ACTIVE', cancelAtPeriodEnd: false });
    expect(errorCode(await app.gql(CANCEL, { o: owner.organizationId, end: false }, { cookie: owner.cookie }))).toBe('CONFLICT');
  });

  it('runs a trial that becomes active at its end (locally renewed subscriptions need no payment)', async () => {
    const owner = await signUpOwner(app);
    await app.services.subscriptions.subscribe(owner.organizationId, { planKey: 'pro', interval: BillingInterval.MONTH, trial: true, actor: systemActor('test') });
    const trialing = await subscriptionOf(owner);
    expect(trialing).toMatchObject({ status: 'TRIALING', planKey: 'pro', trialDaysLeft: 14 });
    app.clock.set(new Date(new Date(trialing.trialEnd).getTime() + 1));
    await renew();
    expect(await subscriptionOf(owner)).toMatchObject({ status: 'ACTIVE', planKey: 'pro', trialDaysLeft: null, currentPeriodStart: trialing.trialEnd });
  });

  it('goes past due on a failed payment and back to active on recovery; refuses illegal transitions', async () => {
    const owner = await signUpOwner(app);
    await upgrade(owner, 'pro');
    const stripe = { type: 'stripe' as const, id: 'evt_test' };
    expect((await app.services.subscriptions.recordPaymentFailed(owner.organizationId, stripe)).subscription.status).toBe('past_due');
    expect((await app.services.subscriptions.recordPaymentSucceeded(owner.organizationId, stripe)).subscription.status).toBe('active');
    const current = await app.services.subscriptions.current(owner.organizationId);
    current.subscription.status = 'expired' as never;
    expect(() => app.services.subscriptions.transition(current.subscription, 'active' as never)).toThrow(/cannot become active/);
  });

  it('expires a subscription (e.g. deleted in Stripe) back to the free plan', async () => {
    const owner = await signUpOwner(app);
    await upgrade(owner, 'business');
    const expired = await app.services.subscriptions.expire(owner.organizationId, { type: 'stripe', id: 'evt_deleted' });
    expect(expired.plan.key).toBe('free');
    const statuses = await rows(`SELECT status FROM subscriptions WHERE organization_id = $1 ORDER BY created_at`, [owner.organizationId]);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(['expired', 'active']);
  });

  it('renews each period exactly once even when renewal runs twice at the same time', async () => {
    const owner = await signUpOwner(app);
    const { currentPeriodEnd } = await subscriptionOf(owner);
    app.clock.set(new Date(new Date(currentPeriodEnd).getTime() + 1));
    await Promise.all([renew(), renew(), renew()]);
    const periods = await rows(`SELECT count(*)::int AS n FROM subscription_periods WHERE organization_id = $1`, [owner.organizationId]);
    expect(periods[0].n).toBe(2);
    const grants = await rows(`SELECT count(*)::int AS n FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant'`, [owner.organizationId]);
    expect(grants[0].n).toBe(2);
    await renew();
    expect((await rows(`SELECT count(*)::int AS n FROM subscription_periods WHERE organization_id = $1`, [owner.organizationId]))[0].n).toBe(2);
  });

  it('refuses unknown plans, custom-priced intervals and no-op changes with BAD_USER_INPUT/NOT_FOUND naming the field', async () => {
    const owner = await signUpOwner(app);
    const unknown = await upgrade(owner, 'platinum');
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0]!.extensions!.details.fields[0].field).toBe('planKey');
    const custom = await upgrade(owner, 'enterprise');
    expect(errorCode(custom)).toBe('BAD_USER_INPUT');
    expect(custom.errors![0]!.extensions!.details.fields[0].field).toBe('interval');
    expect(errorCode(await upgrade(owner, 'free'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await upgrade(owner, 'Not A Key'))).toBe('BAD_USER_INPUT');
  });

  it('runs renewal from the durable job queue (pg-boss)', async () => {
    const owner = await signUpOwner(app);
    const { currentPeriodEnd } = await subscriptionOf(owner);
    app.clock.set(new Date(new Date(currentPeriodEnd).getTime() + 1));
    const jobs = await startJobQueue({ url: app.testDatabase.url, services: app.services, logger: createLogger('silent') });
    try {
      await jobs.runNow('subscription-renewal');
    } finally {
      await jobs.stop();
    }
    expect((await subscriptionOf(owner)).currentPeriodStart).toBe(currentPeriodEnd);
  });
});

describe('renewal dates', () => {
  it('keeps a month-end anchor: Jan 31 → Feb 28 → Mar 31', async () => {
    const app = await startTestApp({ env: { SESSION_TTL_HOURS: '8760' } });
    try {
      app.clock.set(new Date('2027-01-31T09:00:00.000Z'));
      const owner = await signUpOwner(app);
      const periodOf = async () => (await app.services.subscriptions.current(owner.organizationId)).subscription;
      expect((await periodOf()).currentPeriodEnd.toISOString()).toBe('2027-02-28T09:00:00.000Z');
      app.clock.set(new Date('2027-02-28T09:00:01.000Z'));
      await app.services.subscriptionRenewal.advanceDue();
      expect((await periodOf()).currentPeriodEnd.toISOString()).toBe('2027-03-31T09:00:00.000Z');
    } finally {
      await app.close();
    }
  });
});
