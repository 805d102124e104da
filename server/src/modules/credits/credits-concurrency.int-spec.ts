import { systemActor } from '../audit/actor';
import { CONSUME, expectLedgerConsistent, setBalance, storedBalance, LEDGER_TEST_SUBSCRIPTION } from '../../../test/support/credits';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';

const EVENTS = [
  { key: 'api_call_basic', cost: 1 },
  { key: 'api_call_premium', cost: 5 },
  { key: 'storage_gb_month', cost: 10 },
  { key: 'ai_inference', cost: 25 },
];

/** Request `i` of a run: 40 distinct keys, so with 64 requests many keys are sent two or three times at once. */
function requestFor(run: string, i: number) {
  const keyIndex = i % 40;
  const event = EVENTS[keyIndex % EVENTS.length]!;
  return { eventKey: event.key, quantity: 1 + (keyIndex % 3), idempotencyKey: `${run}-${keyIndex}`, metadata: { keyIndex } };
}

describe('credit ledger under concurrency', () => {
  let app: TestApp;
  let owner: SignedUpUser;
  let apiKeys: string[];

  beforeAll(async () => {
    // Embedded PGlite accepts 32 connections (and runs one transaction at a time anyway).
    const embedded = process.env.TOLLGATE_TEST_DATABASE?.startsWith('embedded:');
    app = await startTestApp({ env: { DB_POOL_MAX: embedded ? '24' : '40' } });
    owner = await signUpOwner(app, 'Busy Co');
    apiKeys = await Promise.all([1, 2, 3, 4].map(async () => (await createApiKey(app, owner, ['USAGE_WRITE'])).secret));
  });
  afterAll(() => app?.close());

  /** Each successful answer per key, asserting that every answer for one key is the same transaction. */
  async function expectOneEntryPerKey(answers: Array<{ key: string; transactionId: string; charged: number }>, run: string): Promise<number> {
    const byKey = new Map<string, Set<string>>();
    for (const answer of answers) byKey.set(answer.key, (byKey.get(answer.key) ?? new Set()).add(answer.transactionId));
    for (const ids of byKey.values()) expect(ids.size).toBe(1);
    const stored: Array<{ idempotency_key: string; id: string; charged: number }> = await app.dataSource.query(
      `SELECT idempotency_key, id, -(purchased_delta + subscription_delta) AS charged FROM credit_transactions
       WHERE organization_id = $1 AND kind = 'consumption' AND idempotency_key LIKE $2`,
      [owner.organizationId, `${run}-%`],
    );
    // Each key appears once in the ledger, and exactly the keys that were answered with success.
    expect(new Set(stored.map((s) => s.idempotency_key)).size).toBe(stored.length);
    expect(new Map(stored.map((s) => [s.idempotency_key, s.id]))).toEqual(new Map([...byKey].map(([key, ids]) => [key, [...ids][0]])));
    const charged = new Map(answers.map((a) => [a.transactionId, a.charged]));
    const totalAnswered = [...charged.values()].reduce((sum, c) => sum + c, 0);
    expect(stored.reduce((sum, s) => sum + s.charged, 0)).toBe(totalAnswered);
    return totalAnswered;
  }

  it('64 concurrent API calls never overdraw, apply each key once, and charge exactly what they answered', async () => {
    await setBalance(app, owner.organizationId, { purchased: 300, subscription: 250 });
    const run = 'http';

    const responses = await Promise.all(
      Array.from({ length: 64 }, (_, i) => {
        const input = requestFor(run, i);
        return app.gql(CONSUME, { input }, { apiKey: apiKeys[i % apiKeys.length]! }).then((response) => ({ input, response }));
      }),
    );

    const answers = [];
    let refused = 0;
    for (const { input, response } of responses) {
      if (response.errors) {
        // Short of credits is the only acceptable failure; a replay of a key is never a conflict here.
        expect(errorCode(response)).toBe('INSUFFICIENT_CREDITS');
        refused += 1;
        continue;
      }
      const consumption = response.data!.consumeCredits;
      expect(consumption.creditsCharged).toBe(EVENTS.find((e) => e.key === input.eventKey)!.cost * input.quantity);
      answers.push({ key: input.idempotencyKey, transactionId: consumption.transaction.id, charged: consumption.creditsCharged });
    }
    const consumed = await expectOneEntryPerKey(answers, run);
    const stored = await expectLedgerConsistent(app, owner.organizationId);
    expect(stored.purchased + stored.subscription).toBe(550 - consumed);
    // The demand (40 distinct keys) is about 1,000 credits: the balance ran out and some were refused.
    expect(refused).toBeGreaterThan(0);
    expect(consumed).toBeLessThanOrEqual(550);
    // They really ran as groups (set-based, credit-consumption-group.ts), and no group fell back to lone runs.
    expect(app.services.hotPathBatcher!.stats.sharedOperations).toBeGreaterThan(10);
    expect(app.services.hotPathBatcher!.stats.fallbacks).toBe(0);
  });

  it('consumptions, purchases and a period grant racing on one organization keep the balance equal to the ledger', async () => {
    await setBalance(app, owner.organizationId, { purchased: 100, subscription: 100 });
    const ledger = app.services.creditLedger;
    const organizationId = owner.organizationId;
    const run = 'mixed';
    app.clock.advance(1_000);
    const periodStart = app.clock.now();

    const consumptions = Array.from({ length: 48 }, (_, i) =>
      ledger
        .consumeCredits({ organizationId, ...requestFor(run, i), actor: systemActor('load') })
        .then((o) => ({ key: o.transaction.idempotencyKey!, transactionId: o.transaction.id, charged: -(o.transaction.purchasedDelta + o.transaction.subscriptionDelta) }))
        .catch((error: { code?: string }) => {
          expect(error.code).toBe('INSUFFICIENT_CREDITS');
          return null;
        }),
    );
    const purchases = Array.from({ length: 8 }, (_, i) =>
      ledger.purchaseCredits({ organizationId, credits: 50, idempotencyKey: `${run}-purchase-${i % 4}`, actor: systemActor('load') }),
    );
    const grants = Array.from({ length: 4 }, () =>
      app.services.database.inTenant(organizationId, (m) =>
        ledger.grantSubscriptionCredits(m, { organizationId, subscriptionId: LEDGER_TEST_SUBSCRIPTION, periodStart, periodEnd: new Date(periodStart.getTime() + 86_400_000), amount: 400, actor: systemActor('renewal') }),
      ),
    );
    const [consumed, purchased, granted] = await Promise.all([Promise.all(consumptions), Promise.all(purchases), Promise.all(grants)]);

    expect(granted.filter(Boolean)).toHaveLength(1);
    expect(new Set(purchased.map((p) => p.transaction.id)).size).toBe(4);
    const answers = consumed.filter((a): a is NonNullable<typeof a> => a !== null);
    await expectOneEntryPerKey(answers, run);
    const stored = await expectLedgerConsistent(app, organizationId);
    expect(stored.purchased).toBeGreaterThanOrEqual(0);
    expect((await storedBalance(app, organizationId)).subscription).toBeLessThanOrEqual(400);
  });
});
