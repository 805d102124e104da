import { randomUUID } from 'node:crypto';
import { systemActor } from '../audit/actor';
import { auditEntries } from '../../../test/support/catalog';
import {
  BALANCE,
  CONSUME,
  DAY_MS,
  expectLedgerConsistent,
  setBalance,
  setConsumptionOrder,
  storedBalance,
  transactionCount,
  LEDGER_TEST_SUBSCRIPTION,
} from '../../../test/support/credits';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';

describe('credit ledger', () => {
  let app: TestApp;
  let owner: SignedUpUser;
  let apiKey: string;

  const consume = (input: Record<string, unknown>, caller: { apiKey?: string; cookie?: string } = { apiKey }) =>
    app.gql(CONSUME, { input: { idempotencyKey: randomUUID(), quantity: 1, ...input } }, caller);

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signUpOwner(app, 'Ledger Owner Co');
    apiKey = (await createApiKey(app, owner)).secret;
  });
  afterAll(() => app?.close());
  beforeEach(() => setConsumptionOrder(app, 'purchased_first'));
  afterEach(() => expectLedgerConsistent(app, owner.organizationId));

  describe('consumption', () => {
    it('charges credit_cost × quantity, purchased credits first by default', async () => {
      await setBalance(app, owner.organizationId, { purchased: 10, subscription: 100 });

      const response = await consume({ eventKey: 'api_call_premium', quantity: 3, metadata: { endpoint: '/search' } });

      expect(response.errors).toBeUndefined();
      expect(response.data!.consumeCredits).toMatchObject({
        creditsCharged: 15,
        balanceAfter: 95,
        replayed: false,
        transaction: { kind: 'CONSUMPTION', purchasedDelta: -10, subscriptionDelta: -5, unitCost: 5, quantity: 3, actorType: 'api_key', metadata: { endpoint: '/search' } },
      });
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 0, subscription: 95 });
      const balance = await app.gql(BALANCE, {}, { apiKey });
      expect(balance.data!.creditBalance).toMatchObject({ total: 95, purchased: 0, subscription: 95, organizationId: owner.organizationId });
    });

    it('draws the subscription grant first when the platform setting says so', async () => {
      await setBalance(app, owner.organizationId, { purchased: 50, subscription: 20 });
      await setConsumptionOrder(app, 'subscription_first');

      const response = await consume({ eventKey: 'ai_inference' });

      expect(response.data!.consumeCredits.transaction).toMatchObject({ subscriptionDelta: -20, purchasedDelta: -5, balanceAfter: 45 });
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 45, subscription: 0 });
    });

    it('refuses with INSUFFICIENT_CREDITS and changes nothing when the balance is short', async () => {
      await setBalance(app, owner.organizationId, { purchased: 3, subscription: 1 });
      const entriesBefore = await transactionCount(app, owner.organizationId);
      const idempotencyKey = `short-${randomUUID()}`;

      const refused = await consume({ eventKey: 'api_call_premium', idempotencyKey });

      expect(errorCode(refused)).toBe('INSUFFICIENT_CREDITS');
      expect(refused.errors![0]!.extensions!.details).toEqual({ required: 5, available: 4 });
      expect(await transactionCount(app, owner.organizationId)).toBe(entriesBefore);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 3, subscription: 1 });
      // The refused key was not used up: once credits are there, the same request goes through.
      await setBalance(app, owner.organizationId, { purchased: 3, subscription: 10 });
      const retried = await consume({ eventKey: 'api_call_premium', idempotencyKey });
      expect(retried.data!.consumeCredits).toMatchObject({ creditsCharged: 5, replayed: false });
    });

    it('refuses unknown and inactive events and bad quantities or keys with BAD_USER_INPUT, changing nothing', async () => {
      await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
      await app.dataSource.query(
        `INSERT INTO credit_events (key, name, credit_cost, active) VALUES ('retired_event', 'Retired', 1, false) ON CONFLICT (key) DO NOTHING`,
      );
      const entriesBefore = await transactionCount(app, owner.organizationId);

      const fieldsOf = (r: Awaited<ReturnType<typeof consume>>) => r.errors![0]!.extensions!.details.fields.map((f: { field: string }) => f.field);
      const unknown = await consume({ eventKey: 'no_such_event' });
      expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(unknown)).toEqual(['eventKey']);
      const inactive = await consume({ eventKey: 'retired_event' });
      expect(errorCode(inactive)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(inactive)).toEqual(['eventKey']);
      for (const quantity of [0, -2]) {
        const bad = await consume({ eventKey: 'api_call_basic', quantity });
        expect(errorCode(bad)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(bad)).toEqual(['quantity']);
      }
      expect(errorCode(await consume({ eventKey: 'api_call_basic', quantity: 1.5 }))).toBe('BAD_USER_INPUT');
      for (const idempotencyKey of ['', 'k'.repeat(201)]) {
        const bad = await consume({ eventKey: 'api_call_basic', idempotencyKey });
        expect(fieldsOf(bad)).toEqual(['idempotencyKey']);
      }
      await expect(
        app.services.creditLedger.consumeCredits({ organizationId: owner.organizationId, eventKey: 'api_call_basic', quantity: 2.5, idempotencyKey: 'x', actor: systemActor('test') }),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'quantity' }] } });

      expect(await transactionCount(app, owner.organizationId)).toBe(entriesBefore);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 100 });
    });
  });

  describe('idempotency', () => {
    it('answers a retried key with the first result and charges once', async () => {
      await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
      const input = { eventKey: 'storage_gb_month', quantity: 2, idempotencyKey: `retry-${randomUUID()}`, metadata: { bucket: 'a', region: 'eu' } };

      const first = await consume(input);
      await consume({ eventKey: 'api_call_basic' }); // the balance moves on in between
      const again = await consume({ ...input, metadata: { region: 'eu', bucket: 'a' } }); // same object, other key order

      expect(first.data!.consumeCredits).toMatchObject({ creditsCharged: 20, balanceAfter: 80, replayed: false });
      expect(again.data!.consumeCredits).toEqual({ ...first.data!.consumeCredits, replayed: true });
      const [stored] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM credit_transactions WHERE organization_id = $1 AND idempotency_key = $2`,
        [owner.organizationId, input.idempotencyKey],
      );
      expect(stored.n).toBe(1);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 79 });
    });

    it('refuses the same key for a different event, quantity or metadata with CONFLICT', async () => {
      await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
      const input = { eventKey: 'api_call_basic', quantity: 2, idempotencyKey: `conflict-${randomUUID()}`, metadata: { a: 1 } };
      await consume(input);
      const entriesBefore = await transactionCount(app, owner.organizationId);

      for (const changed of [{ quantity: 3 }, { eventKey: 'api_call_premium' }, { metadata: { a: 2 } }, { metadata: null }]) {
        const response = await consume({ ...input, ...changed });
        expect(errorCode(response)).toBe('CONFLICT');
        expect(response.errors![0]!.extensions!.details.fields[0].field).toBe('idempotencyKey');
      }
      expect(await transactionCount(app, owner.organizationId)).toBe(entriesBefore);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 98 });
    });
  });

  describe('subscription grants and expiry', () => {
    const ledger = () => app.services.creditLedger;
    const grant = (periodStart: Date, amount: number, organizationId = owner.organizationId) =>
      app.services.database.inTenant(organizationId, (m) =>
        ledger().grantSubscriptionCredits(m, { organizationId, subscriptionId: LEDGER_TEST_SUBSCRIPTION, periodStart, periodEnd: new Date(periodStart.getTime() + 30 * DAY_MS), amount, actor: systemActor('renewal') }),
      );
    const grantsFor = (periodStart: Date) =>
      app.dataSource.query(`SELECT * FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant' AND period_start = $2`, [owner.organizationId, periodStart]);

    it('grants each period exactly once, even when asked concurrently', async () => {
      await setBalance(app, owner.organizationId, { purchased: 0, subscription: 0 });
      app.clock.advance(DAY_MS);
      const periodStart = app.clock.now();

      const answers = await Promise.all(Array.from({ length: 6 }, () => grant(periodStart, 300)));

      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await grantsFor(periodStart)).toHaveLength(1);
      expect(await grant(periodStart, 300)).toBe(false);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ subscription: 300, subscriptionExpiresAt: new Date(periodStart.getTime() + 30 * DAY_MS) });
      const audits = await auditEntries(app, 'credits.granted');
      expect(audits.filter((a) => a.organization_id === owner.organizationId && a.after.periodStart === periodStart.toISOString())).toHaveLength(1);
    });

    it('grants a new subscription its first period even when it starts no later than the previous one', async () => {
      // Checkout completed in the second of sign-up: the paid subscription's period starts (Stripe counts seconds)
      // at or before the free subscription's grant. It is another subscription's period, so it is granted.
      await setBalance(app, owner.organizationId, { purchased: 0, subscription: 0 });
      app.clock.advance(DAY_MS);
      const freeStart = app.clock.now();
      expect(await grant(freeStart, 100)).toBe(true);
      const paidSubscription = randomUUID();
      const paidGrant = () =>
        app.services.database.inTenant(owner.organizationId, (m) =>
          ledger().grantSubscriptionCredits(m, {
            organizationId: owner.organizationId,
            subscriptionId: paidSubscription,
            periodStart: new Date(freeStart.getTime() - 500),
            periodEnd: new Date(freeStart.getTime() + 30 * DAY_MS),
            amount: 2_000,
            actor: systemActor('stripe'),
          }),
        );
      expect(await paidGrant()).toBe(true);
      expect(await paidGrant()).toBe(false);
      // The free period's 100 were written off, not added to.
      expect(await expectLedgerConsistent(app, owner.organizationId)).toMatchObject({ subscription: 2_000 });
    });

    it("writes off what is left at the next period's grant, and ignores a stale earlier period", async () => {
      await setBalance(app, owner.organizationId, { purchased: 7, subscription: 0 });
      app.clock.advance(DAY_MS);
      const first = app.clock.now();
      await grant(first, 200);
      await consume({ eventKey: 'ai_inference', quantity: 2 }); // 50: 7 purchased, 43 subscription
      app.clock.set(new Date(first.getTime() + 30 * DAY_MS));
      const second = app.clock.now();

      expect(await grant(second, 120)).toBe(true);

      const entries = await app.dataSource.query(
        `SELECT kind, purchased_delta, subscription_delta, expires_at FROM credit_transactions WHERE organization_id = $1 ORDER BY seq DESC LIMIT 2`,
        [owner.organizationId],
      );
      expect(entries).toEqual([
        { kind: 'grant', purchased_delta: 0, subscription_delta: 120, expires_at: new Date(second.getTime() + 30 * DAY_MS) },
        { kind: 'expiry', purchased_delta: 0, subscription_delta: -157, expires_at: new Date(first.getTime() + 30 * DAY_MS) },
      ]);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 0, subscription: 120 });
      expect(await grant(first, 200)).toBe(false); // a late retry of the previous period changes nothing
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ subscription: 120 });
      const expired = await auditEntries(app, 'credits.expired');
      expect(expired.at(-1)).toMatchObject({ organization_id: owner.organizationId, before: { subscription: 157 } });
    });

    it('expires the subscription bucket only once it has lapsed, and never spends lapsed credits', async () => {
      await setBalance(app, owner.organizationId, { purchased: 0, subscription: 0 });
      app.clock.advance(DAY_MS);
      const periodStart = app.clock.now();
      const periodEnd = new Date(periodStart.getTime() + 30 * DAY_MS);
      await grant(periodStart, 80);
      const expire = (at: Date) => ledger().expireSubscriptionCredits(undefined, { organizationId: owner.organizationId, at, actor: systemActor('expiry-test') });

      expect(await expire(new Date(periodEnd.getTime() - 1))).toBe(0);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ subscription: 80 });

      app.clock.set(periodEnd);
      // Lapsed but not yet written off: the balance already shows none, and consumption cannot use them.
      expect((await app.gql(BALANCE, {}, { apiKey })).data!.creditBalance).toMatchObject({ total: 0, subscription: 0, nextExpiry: null });
      expect(errorCode(await consume({ eventKey: 'api_call_basic' }))).toBe('INSUFFICIENT_CREDITS');

      expect(await expire(periodEnd)).toBe(80);
      expect(await expire(periodEnd)).toBe(0);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ subscription: 0 });
      const [expiry] = await app.dataSource.query(
        `SELECT subscription_delta, actor_id FROM credit_transactions WHERE organization_id = $1 AND kind = 'expiry' ORDER BY seq DESC LIMIT 1`,
        [owner.organizationId],
      );
      expect(expiry).toEqual({ subscription_delta: -80, actor_id: 'expiry-test' });
    });

    it('the expiry job writes off every organization whose credits lapsed, and no other', async () => {
      const other = await signUpOwner(app, 'Lapsing Co');
      await setBalance(app, other.organizationId, { purchased: 0, subscription: 40 });
      await setBalance(app, owner.organizationId, { purchased: 0, subscription: 60 }); // a second later: lapses later
      const otherExpiry = (await storedBalance(app, other.organizationId)).subscriptionExpiresAt!;

      app.clock.set(otherExpiry);
      expect(await ledger().expireDueSubscriptionCredits()).toBeGreaterThanOrEqual(1);

      expect(await storedBalance(app, other.organizationId)).toMatchObject({ subscription: 0 });
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ subscription: 60 });
      await expectLedgerConsistent(app, other.organizationId);
    });
  });

  describe('purchases', () => {
    it('credits a purchase exactly once per idempotency key', async () => {
      await setBalance(app, owner.organizationId, { purchased: 0, subscription: 0 });
      const organizationId = owner.organizationId;
      const sessionId = `cs_test_${randomUUID()}`;
      const purchase = (credits: number) =>
        app.services.creditLedger.purchaseCredits({ organizationId, credits, idempotencyKey: sessionId, productKey: 'credits_1000', actor: { type: 'stripe', id: 'evt_1' } });

      const outcomes = await Promise.all(Array.from({ length: 5 }, () => purchase(1000)));

      expect(new Set(outcomes.map((o) => o.transaction.id)).size).toBe(1);
      expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
      expect(await storedBalance(app, organizationId)).toMatchObject({ purchased: 1000 });
      await expect(purchase(5000)).rejects.toMatchObject({ code: 'CONFLICT' });
      const audits = await auditEntries(app, 'credits.purchased');
      expect(audits.filter((a) => a.after.idempotencyKey === sessionId)).toEqual([
        expect.objectContaining({ actor_type: 'stripe', actor_id: 'evt_1', after: expect.objectContaining({ credits: 1000, productKey: 'credits_1000' }) }),
      ]);
      // A consumption key equal to the session id is a different key: purchases and consumptions never collide.
      expect((await consume({ eventKey: 'api_call_basic', idempotencyKey: sessionId })).data!.consumeCredits.replayed).toBe(false);
    });
  });
});
