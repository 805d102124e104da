import fc from 'fast-check';
import { systemActor } from '../audit/actor';
import { DAY_MS, bareOrganization, expectLedgerConsistent, setConsumptionOrder, storedBalance, transactionCount, LEDGER_TEST_SUBSCRIPTION } from '../../../test/support/credits';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

const EVENTS = [
  { key: 'api_call_basic', cost: 1 },
  { key: 'api_call_premium', cost: 5 },
  { key: 'storage_gb_month', cost: 10 },
  { key: 'ai_inference', cost: 25 },
] as const;
const PERIOD_MS = 30 * DAY_MS;
const actor = systemActor('property');

type Step =
  | { kind: 'grant'; amount: number }
  | { kind: 'purchase'; key: number; credits: number }
  | { kind: 'consume'; key: number; event: number; quantity: number; tag: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'expire' }
  | { kind: 'periodEnd'; amount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('grant' as const), amount: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ kind: fc.constant('purchase' as const), key: fc.integer({ min: 0, max: 2 }), credits: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant('consume' as const),
    key: fc.integer({ min: 0, max: 4 }),
    event: fc.integer({ min: 0, max: EVENTS.length - 1 }),
    quantity: fc.integer({ min: 1, max: 4 }),
    tag: fc.integer({ min: 0, max: 1 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40 * DAY_MS }) }),
  fc.record({ kind: fc.constant('expire' as const) }),
  fc.record({ kind: fc.constant('periodEnd' as const), amount: fc.integer({ min: 0, max: 300 }) }),
);

/** What the ledger should hold, computed independently of the service. */
interface Model {
  purchased: number;
  subscription: number;
  expiresAt: number | null;
  consumeKeys: Map<string, { payload: string; transactionId: string }>;
  purchaseKeys: Map<string, { credits: number; transactionId: string }>;
}

describe('credit ledger properties', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('random grants, purchases, consumptions, expiries and period ends keep every ledger invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('purchased_first' as const, 'subscription_first' as const), fc.array(step, { minLength: 1, maxLength: 14 }), async (order, steps) => {
        await setConsumptionOrder(app, order);
        const organizationId = await bareOrganization(app);
        const ledger = app.services.creditLedger;
        const model: Model = { purchased: 0, subscription: 0, expiresAt: null, consumeKeys: new Map(), purchaseKeys: new Map() };
        const now = () => app.clock.now().getTime();
        const lapsed = () => model.subscription > 0 && model.expiresAt !== null && model.expiresAt <= now();
        const grant = (periodStart: Date, amount: number) =>
          app.services.database.inTenant(organizationId, (m) =>
            ledger.grantSubscriptionCredits(m, { organizationId, subscriptionId: LEDGER_TEST_SUBSCRIPTION, periodStart, periodEnd: new Date(periodStart.getTime() + PERIOD_MS), amount, actor }),
          );
        const expireNow = async () => {
          const expected = lapsed() ? model.subscription : 0;
          expect(await ledger.expireSubscriptionCredits(undefined, { organizationId, at: app.clock.now(), actor })).toBe(expected);
          if (expected > 0) model.subscription = 0;
        };
        const grantNewPeriod = async (amount: number) => {
          app.clock.advance(1);
          const periodStart = app.clock.now();
          expect(await grant(periodStart, amount)).toBe(true);
          Object.assign(model, { subscription: amount, expiresAt: periodStart.getTime() + PERIOD_MS });
          const entries = await transactionCount(app, organizationId);
          expect(await grant(periodStart, amount)).toBe(false); // the period's grant is exactly once
          expect(await transactionCount(app, organizationId)).toBe(entries);
        };

        for (const s of steps) {
          const entriesBefore = await transactionCount(app, organizationId);
          let replay = false;
          switch (s.kind) {
            case 'grant':
              await grantNewPeriod(s.amount);
              break;
            case 'advance':
              app.clock.advance(s.ms);
              break;
            case 'expire':
              await expireNow();
              break;
            case 'periodEnd':
              if (model.expiresAt !== null && model.expiresAt > now()) app.clock.set(new Date(model.expiresAt));
              await expireNow();
              expect((await storedBalance(app, organizationId)).subscription).toBe(0);
              await grantNewPeriod(s.amount);
              break;
            case 'purchase': {
              const key = `p${s.key}`;
              const request = () => ledger.purchaseCredits({ organizationId, credits: s.credits, idempotencyKey: key, actor });
              const earlier = model.purchaseKeys.get(key);
              if (earlier && earlier.credits !== s.credits) {
                await expect(request()).rejects.toMatchObject({ code: 'CONFLICT' });
              } else if (earlier) {
                replay = true;
                expect(await request()).toMatchObject({ replayed: true, transaction: { id: earlier.transactionId } });
              } else {
                const outcome = await request();
                model.purchaseKeys.set(key, { credits: s.credits, transactionId: outcome.transaction.id });
                if (lapsed()) model.subscription = 0;
                model.purchased += s.credits;
              }
              break;
            }
            case 'consume': {
              const key = `c${s.key}`;
              const event = EVENTS[s.event]!;
              const payload = JSON.stringify([event.key, s.quantity, s.tag]);
              const request = () =>
                ledger.consumeCredits({ organizationId, eventKey: event.key, quantity: s.quantity, idempotencyKey: key, metadata: { tag: s.tag }, actor });
              const earlier = model.consumeKeys.get(key);
              const cost = event.cost * s.quantity;
              const subscription = lapsed() ? 0 : model.subscription;
              if (earlier && earlier.payload !== payload) {
                await expect(request()).rejects.toMatchObject({ code: 'CONFLICT' });
              } else if (earlier) {
                replay = true;
                expect(await request()).toMatchObject({ replayed: true, transaction: { id: earlier.transactionId } });
              } else if (cost > model.purchased + subscription) {
                await expect(request()).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
              } else {
                const outcome = await request();
                model.consumeKeys.set(key, { payload, transactionId: outcome.transaction.id });
                const first = order === 'purchased_first' ? 'purchased' : 'subscription';
                const buckets = { purchased: model.purchased, subscription };
                const fromFirst = Math.min(cost, buckets[first]);
                buckets[first] -= fromFirst;
                buckets[first === 'purchased' ? 'subscription' : 'purchased'] -= cost - fromFirst;
                Object.assign(model, buckets);
                expect(outcome.transaction.purchasedBalanceAfter + outcome.transaction.subscriptionBalanceAfter).toBe(model.purchased + model.subscription);
              }
              break;
            }
          }

          const stored = await expectLedgerConsistent(app, organizationId); // never negative; balance == SUM(deltas)
          expect({ purchased: stored.purchased, subscription: stored.subscription }).toEqual({ purchased: model.purchased, subscription: model.subscription });
          if (replay) expect(await transactionCount(app, organizationId)).toBe(entriesBefore);
        }
      }),
      { numRuns: 25 },
    );
  });
});
