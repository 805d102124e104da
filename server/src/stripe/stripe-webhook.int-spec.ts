import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startJobQueue } from '../jobs/job-queue';
import { createLogger } from '../logger';
import { signInPlatformAdmin, signUpOwner } from '../../test/support/factories';
import { checkoutSession, deliver, postSignedEvent, seconds, storedEvent, stripeEvent, stripeId, stripePrice, stripeSubscription } from '../../test/support/stripe-objects';
import { errorCode, startTestApp, type TestApp } from '../../test/support/test-app';
import { MAX_ATTEMPTS, retryDelayMs } from './stripe-webhook.service';

const LOG = `query($f: StripeEventFilterInput, $after: String, $first: Int!) { adminStripeEvents(filter: $f, first: $first, after: $after) {
  nodes { id type status attempts lastError organizationId receivedAt appliedAt nextAttemptAt createdAt livemode apiVersion } pageInfo { endCursor hasNextPage } } }`;
const REPLAY = `mutation($id: ID!) { replayStripeEvent(id: $id) { id status attempts lastError appliedAt } }`;

describe('POST /webhooks/stripe', () => {
  let app: TestApp;
  let admin: { cookie: string };

  beforeAll(async () => {
    app = await startTestApp();
    admin = { cookie: (await signInPlatformAdmin(app)).cookie };
  });
  afterAll(() => app.close());

  const count = async (id: string) => Number((await app.dataSource.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = $1`, [id]))[0].n);
  const unknownEvent = () => stripeEvent('plan.created', { id: stripeId('price'), object: 'plan', amount: 2000, currency: 'usd', interval: 'month' }, app.clock.now());

  it('refuses an unsigned event with 400 and stores nothing', async () => {
    const event = unknownEvent();
    const response = await request(app.app).post('/webhooks/stripe').set('content-type', 'application/json').send(JSON.stringify(event));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/Stripe-Signature/);
    expect(await count(event.id)).toBe(0);
  });

  it('refuses a signature made with another secret, or over other bytes, with 400 and stores nothing', async () => {
    const event = unknownEvent();
    const wrongSecret = await postSignedEvent(app, event, { secret: 'whsec_someone_else' });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error).toMatch(/signature verification failed/);
    // Signed, then altered: the signature covers the raw bytes.
    const payload = JSON.stringify(event);
    const header = (await import('stripe')).default.webhooks.generateTestHeaderString({ payload, secret: app.services.stripeEnvironment.webhookSecret });
    const altered = await request(app.app).post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', header).send(payload.replace('"usd"', '"eur"'));
    expect(altered.status).toBe(400);
    expect(await count(event.id)).toBe(0);
  });

  it('refuses a correctly signed but stale event (older than 300 s) with 400 and stores nothing', async () => {
    const event = unknownEvent();
    const response = await postSignedEvent(app, event, { timestamp: seconds(new Date()) - 301 });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/tolerance/i);
    expect(await count(event.id)).toBe(0);
  });

  it('refuses a body over 512 kB with 413', async () => {
    const event = { ...unknownEvent(), data: { object: { id: 'x', padding: 'a'.repeat(600 * 1024) } } };
    const response = await postSignedEvent(app, event as never);
    expect(response.status).toBe(413);
    expect(await count(event.id)).toBe(0);
  });

  it('stores a verified event of a type Tollgate does not act on, answers 200 and marks it ignored', async () => {
    const event = unknownEvent();
    const response = await postSignedEvent(app, event);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true, duplicate: false });
    await app.services.stripeWebhooks.whenIdle();
    const [row] = await app.dataSource.query(`SELECT type, api_version, livemode, created, payload, status, attempts FROM stripe_events WHERE id = $1`, [event.id]);
    expect(row).toMatchObject({ type: 'plan.created', api_version: '2026-10-28.endive', livemode: false, status: 'ignored', attempts: 1 });
    expect(row.created.getTime()).toBe(event.created * 1000);
    expect(row.payload).toEqual(JSON.parse(JSON.stringify(event)));
  });

  it('acknowledges the same event delivered five times and applies it once', async () => {
    const owner = await signUpOwner(app);
    const customer = stripeId('cus');
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customer, owner.organizationId]);
    const event = stripeEvent('customer.subscription.trial_will_end', stripeSubscription({ customer, status: 'trialing', periodStart: app.clock.now(), periodEnd: new Date(app.clock.now().getTime() + 14 * 86_400_000), trialEnd: new Date(app.clock.now().getTime() + 14 * 86_400_000) }), app.clock.now());
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await postSignedEvent(app, event)).body);
    await app.services.stripeWebhooks.whenIdle();
    expect(answers.map((a) => a.duplicate)).toEqual([false, true, true, true, true]);
    expect(await storedEvent(app, event.id)).toMatchObject({ status: 'applied', attempts: 1 });
    const audits = await app.dataSource.query(`SELECT action, actor_type, actor_id FROM audit_entries WHERE organization_id = $1 AND actor_type = 'stripe' ORDER BY action`, [owner.organizationId]);
    expect(audits).toEqual([
      { action: 'stripe.event_applied', actor_type: 'stripe', actor_id: event.id },
      { action: 'subscription.trial_will_end', actor_type: 'stripe', actor_id: event.id },
    ]);
  });

  /** A subscription of the owner's organization billed at a price that names no Tollgate plan: applying fails until it is mapped. */
  const unmappedSubscriptionEvent = (organizationId: string) => {
    const price = stripePrice({ id: stripeId('price') });
    const subscription = stripeSubscription({ organizationId, price, periodStart: app.clock.now(), periodEnd: new Date(app.clock.now().getTime() + 30 * 86_400_000) });
    return { price, event: stripeEvent('customer.subscription.updated', subscription, app.clock.now()) };
  };
  /** The catalog learns the price (as a sync to Stripe would record it): Pro's monthly price. */
  const mapPriceToPro = (priceId: string) =>
    app.dataSource.query(`UPDATE plan_versions SET stripe_monthly_price_id = $1 WHERE id = (SELECT current_version_id FROM plans WHERE key = 'pro')`, [priceId]);

  it('keeps a failed event visible, retries it with backoff, and lets an admin replay it (audited)', async () => {
    const owner = await signUpOwner(app);
    const { price, event } = unmappedSubscriptionEvent(owner.organizationId);
    await deliver(app, event);
    const failed = await storedEvent(app, event.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining(`${price.id} names no Tollgate plan`) });
    expect(failed!.next_attempt_at!.getTime()).toBe(app.clock.now().getTime() + retryDelayMs(1));

    // Not due yet: the retry job leaves it alone.
    expect(await app.services.stripeWebhooks.retryDue()).toBe(0);
    app.clock.advance(retryDelayMs(1));
    expect(await app.services.stripeWebhooks.retryDue()).toBe(1);
    const second = await storedEvent(app, event.id);
    expect(second).toMatchObject({ status: 'failed', attempts: 2 });
    expect(second!.next_attempt_at!.getTime()).toBe(app.clock.now().getTime() + retryDelayMs(2));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    const log = await app.gql(LOG, { f: { status: 'FAILED', type: 'customer.subscription.updated' }, first: 50 }, admin);
    expect(log.data!.adminStripeEvents.nodes).toContainEqual(expect.objectContaining({ id: event.id, status: 'FAILED', attempts: 2, lastError: expect.stringContaining('names no Tollgate plan'), appliedAt: null }));

    // The price is mapped; the next retry applies it.
    await mapPriceToPro(price.id);
    app.clock.advance(retryDelayMs(2));
    expect(await app.services.stripeWebhooks.retryDue()).toBe(1);
    expect(await storedEvent(app, event.id)).toMatchObject({ status: 'applied', attempts: 3, last_error: null, next_attempt_at: null });

    const owner2 = await signUpOwner(app);
    expect(errorCode(await app.gql(REPLAY, { id: event.id }, { cookie: owner2.cookie }))).toBe('FORBIDDEN');
    const replayed = await app.gql(REPLAY, { id: event.id }, admin);
    expect(replayed.data!.replayStripeEvent).toMatchObject({ id: event.id, status: 'APPLIED', attempts: 4, lastError: null });
    const [audit] = await app.dataSource.query(`SELECT actor_type, organization_id, before FROM audit_entries WHERE action = 'stripe.event_replayed' AND target_id = $1`, [event.id]);
    expect(audit).toMatchObject({ actor_type: 'user', organization_id: owner.organizationId, before: { status: 'applied', attempts: 3 } });
    expect(errorCode(await app.gql(REPLAY, { id: 'evt_does_not_exist' }, admin))).toBe('NOT_FOUND');
  });

  it('gives up after the last attempt but still lets an admin replay', async () => {
    const { event } = unmappedSubscriptionEvent((await signUpOwner(app)).organizationId);
    await deliver(app, event);
    await app.dataSource.query(`UPDATE stripe_events SET attempts = $2 - 1, next_attempt_at = $3 WHERE id = $1`, [event.id, MAX_ATTEMPTS, app.clock.now()]);
    await app.services.stripeWebhooks.retryDue();
    expect(await storedEvent(app, event.id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null });
    app.clock.advance(7 * 3_600_000);
    expect(await app.services.stripeWebhooks.retryDue()).toBe(0);
    expect((await app.gql(REPLAY, { id: event.id }, admin)).data!.replayStripeEvent).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS + 1 });
  });

  it('lets only platform admins page through the log, newest first, filtered by type and status', async () => {
    const events = [unknownEvent(), unknownEvent(), unknownEvent()];
    for (const event of events) {
      await deliver(app, event);
      app.clock.advance(1000);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: any = await app.gql(LOG, { f: { type: 'plan.created', status: 'IGNORED' }, first: 2, after }, admin);
      expect(response.errors).toBeUndefined();
      seen.push(...response.data.adminStripeEvents.nodes.map((n: { id: string }) => n.id));
      if (!response.data.adminStripeEvents.pageInfo.hasNextPage) break;
      after = response.data.adminStripeEvents.pageInfo.endCursor;
    }
    expect(seen.slice(0, 3)).toEqual(events.map((e) => e.id).reverse());
    const owner = await signUpOwner(app);
    expect(errorCode(await app.gql(LOG, { first: 5 }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(LOG, { first: 5, f: { type: 'DROP TABLE' } }, admin))).toBe('BAD_USER_INPUT');
  });

  it('applies a stored event once when two instances race for it (claim by compare-and-set, retry job with SKIP LOCKED)', async () => {
    const owner = await signUpOwner(app);
    const session = checkoutSession({ mode: 'payment', customer: stripeId('cus'), organizationId: owner.organizationId, metadata: { tollgate_credit_product_key: 'credits_1000', tollgate_credits: '1000' } });
    const event = stripeEvent('checkout.session.completed', session, app.clock.now());
    expect(await app.services.stripeWebhooks.receive(event)).toEqual({ stored: true });
    expect(await app.services.stripeWebhooks.receive(event)).toEqual({ stored: false });
    app.clock.advance(2 * 60_000); // past the safety net: the retry job may take it too
    const webhooks = app.services.stripeWebhooks;
    await Promise.all([webhooks.process(event.id), webhooks.process(event.id), webhooks.retryDue(), webhooks.retryDue()]);
    expect(await storedEvent(app, event.id)).toMatchObject({ status: 'applied', attempts: 1 });
    const [balance] = await app.dataSource.query(`SELECT purchased FROM credit_balances WHERE organization_id = $1`, [owner.organizationId]);
    expect(balance.purchased).toBe(1000);
  });

  it('stores and ignores events about objects of no Tollgate organization (another product or deployment on the account)', async () => {
    const foreign = stripeEvent('customer.subscription.trial_will_end', stripeSubscription({ customer: stripeId('cus'), periodStart: app.clock.now(), periodEnd: new Date(app.clock.now().getTime() + 86_400_000) }), app.clock.now());
    await deliver(app, foreign);
    expect(await storedEvent(app, foreign.id)).toMatchObject({ status: 'ignored', attempts: 1, next_attempt_at: null });
    const otherDeployment = stripeEvent('customer.subscription.updated', stripeSubscription({ organizationId: randomUUID(), periodStart: app.clock.now(), periodEnd: new Date(app.clock.now().getTime() + 86_400_000) }), app.clock.now());
    await deliver(app, otherDeployment);
    expect(await storedEvent(app, otherDeployment.id)).toMatchObject({ status: 'ignored', next_attempt_at: null });
  });

  it('retries due events from the pg-boss job', async () => {
    const owner = await signUpOwner(app);
    const { price, event } = unmappedSubscriptionEvent(owner.organizationId);
    await deliver(app, event);
    expect(await storedEvent(app, event.id)).toMatchObject({ status: 'failed' });
    await mapPriceToPro(price.id);
    app.clock.advance(retryDelayMs(1));
    const jobs = await startJobQueue({ url: app.testDatabase.url, services: app.services, logger: createLogger('silent') });
    try {
      await jobs.runNow('stripe-webhook-retry');
    } finally {
      await jobs.stop();
    }
    expect(await storedEvent(app, event.id)).toMatchObject({ status: 'applied', attempts: 2 });
  });
});
