import { startTestApp, type TestApp } from '../../test/support/test-app';
import { signUpOwner } from '../../test/support/factories';
import { expectLedgerConsistent, setBalance } from '../../test/support/credits';
import { usageTotals } from '../../test/support/usage-fixtures';
import { systemActor } from '../modules/audit/actor';
import { usageLane, type GroupedUsage } from '../modules/usage/usage-group';
import { normaliseUsage } from '../modules/usage/usage-request';
import { consumptionLane, type GroupedConsumption } from '../modules/credits/credit-consumption-group';
import { requestHashOf } from '../modules/credits/credit-rules';
import { CreditTransactionKind } from '../modules/credits/credits.enums';
import type { GroupOutcome } from './tenant-batcher';

/** What a caller sees of an outcome, without ids that differ between organizations. */
function seen(outcome: GroupOutcome<unknown> | PromiseSettledResult<unknown>): unknown {
  const error = 'error' in outcome ? outcome.error : 'reason' in outcome ? outcome.reason : undefined;
  if (error) return { error: (error as { code: string; message: string }).code + ' ' + (error as Error).message };
  const value = ('value' in outcome ? outcome.value : undefined) as Record<string, any>;
  if (!value?.transaction) return value;
  // seq is the ledger position, read back only when an entry is loaded; JSON turns -0 into 0 as clients see it.
  const { id: _id, organizationId: _org, seq: _seq, ...transaction } = value.transaction;
  return JSON.parse(JSON.stringify({ ...value, transaction }));
}

/**
 * A group must answer every call exactly as the same calls one after another would be answered: each group
 * below runs on one organization, the same calls run alone in order on a twin, and answers and totals compare.
 */
describe('grouped hot paths answer like calls one after another', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('usage: limits, replays and conflicts inside one group, several features, both modes', async () => {
    const [grouped, alone] = [(await signUpOwner(app)).organizationId, (await signUpOwner(app)).organizationId];
    // The free plan: messages 50 per day, blocking; api_calls metered; priority_support is on/off.
    const calls: Array<[GroupedUsage['mode'], string, number, string, Record<string, unknown>?]> = [
      ['checkAndTrack', 'messages', 20, 'k1'],
      ['checkAndTrack', 'messages', 20, 'k2'],
      ['checkAndTrack', 'messages', 20, 'k3'], // refused: 60 > 50
      ['checkAndTrack', 'messages', 20, 'k1'], // replay of the first answer
      ['checkAndTrack', 'messages', 5, 'k1'], // same key, another request: CONFLICT
      ['checkAndTrack', 'messages', 10, 'k4'], // exactly the limit
      ['checkAndTrack', 'messages', 20, 'k3'], // still refused, and still not stored
      ['track', 'messages', 5, 'k5', { why: 'past the limit' }], // recorded anyway, answered EXCEEDED
      ['checkAndTrack', 'no_such_feature', 1, 'k6'],
      ['checkAndTrack', 'priority_support', 1, 'k7'],
      ['track', 'api_calls', 3, 'k8'],
      ['checkAndTrack', 'api_calls', 2, 'k9'],
    ];
    const items = calls.map(([mode, featureKey, quantity, idempotencyKey, metadata]) => ({ mode, usage: normaliseUsage({ featureKey, quantity, idempotencyKey, metadata }) }));

    const groupOutcomes = await app.services.database.inTenant(grouped, (m) =>
      usageLane(app.clock).execute(m, items.map((item) => ({ organizationId: grouped, item }))),
    );
    const loneOutcomes: Array<PromiseSettledResult<unknown>> = [];
    for (const [mode, featureKey, quantity, idempotencyKey, metadata] of calls) {
      const request = { featureKey, quantity, idempotencyKey, metadata };
      const call = mode === 'track' ? app.services.usage.track(alone, request) : app.services.usage.checkAndTrack(alone, request);
      loneOutcomes.push((await Promise.allSettled([call]))[0]!);
    }

    expect(groupOutcomes.map(seen)).toEqual(loneOutcomes.map(seen));
    expect(groupOutcomes.map((o) => ('error' in o ? o.error.code : o.value.allowed))).toEqual([
      true, true, false, true, 'CONFLICT', true, false, false, 'BAD_USER_INPUT', 'BAD_USER_INPUT', true, true,
    ]);
    for (const feature of ['messages', 'api_calls']) {
      expect(await usageTotals(app, grouped, feature)).toEqual(await usageTotals(app, alone, feature));
    }
    expect(await usageTotals(app, grouped, 'messages')).toEqual({ counted: 55, recorded: 55, events: 4 });
    // A replay after the group answers what the group answered.
    expect(await app.services.usage.checkAndTrack(grouped, { featureKey: 'messages', quantity: 5, idempotencyKey: 'k5', metadata: { why: 'past the limit' } })).toEqual(
      (groupOutcomes[7] as { value: unknown }).value,
    );
  });

  it('usage across organizations: one group answers each organization as its calls alone would, and sees only its organizations', async () => {
    const [first, second, firstTwin, secondTwin, outsider] = await Promise.all([1, 2, 3, 4, 5].map(async () => (await signUpOwner(app)).organizationId));
    await app.services.usage.track(outsider, { featureKey: 'messages', quantity: 1, idempotencyKey: 'k1' });
    // The same keys in both organizations: an idempotency key belongs to its organization.
    const calls: Array<[GroupedUsage['mode'], string, number, string]> = [
      ['checkAndTrack', 'messages', 30, 'k1'],
      ['checkAndTrack', 'messages', 30, 'k2'], // refused in each: 60 > 50
      ['checkAndTrack', 'messages', 30, 'k1'], // replay
      ['track', 'api_calls', 4, 'k3'],
      ['checkAndTrack', 'messages', 20, 'k4'], // exactly the limit
    ];
    const items = calls.flatMap(([mode, featureKey, quantity, idempotencyKey], i) =>
      [first, second].map((organizationId) => ({
        organizationId,
        item: { mode, usage: normaliseUsage({ featureKey, quantity: quantity + (organizationId === second ? i % 2 : 0), idempotencyKey }) },
      })),
    );
    const groupOutcomes = await app.services.database.inOrganizations([first, second], (m) => usageLane(app.clock).execute(m, items));
    // The group's last flight carries its COMMIT, so what the same scope sees is probed in a transaction of its own.
    const { visible, outsiderWrite, apiKeysRead } = await app.services.database.inOrganizations([first, second], async (m) => ({
      visible: (await m.query(`SELECT DISTINCT organization_id FROM usage_events ORDER BY 1`)).map((r: { organization_id: string }) => r.organization_id),
      outsiderWrite: await m.query(`SAVEPOINT probe; INSERT INTO usage_counters (organization_id, feature_key, window_start, used) VALUES ('${outsider}', 'messages', now(), 1)`).then(
        () => 'written',
        async (error: { code?: string; driverError?: { code?: string } }) => (await m.query('ROLLBACK TO SAVEPOINT probe'), error.driverError?.code ?? error.code),
      ),
      apiKeysRead: await m.query(`SAVEPOINT probe2; SELECT 1 FROM api_keys LIMIT 1`).then(
        () => 'read',
        async (error: { code?: string; driverError?: { code?: string } }) => (await m.query('ROLLBACK TO SAVEPOINT probe2'), error.driverError?.code ?? error.code),
      ),
    }));
    expect(visible).toEqual([first, second].sort());
    expect(outsiderWrite).toBe('42501'); // row-level security: not one of the group's organizations
    expect(apiKeysRead).toBe('42501'); // no privilege outside the metering tables

    for (const [organizationId, twin] of [[first, firstTwin], [second, secondTwin]] as const) {
      const lone: Array<PromiseSettledResult<unknown>> = [];
      for (const { item } of items.filter((i) => i.organizationId === organizationId)) {
        const call = item.mode === 'track' ? app.services.usage.track(twin, item.usage) : app.services.usage.checkAndTrack(twin, item.usage);
        lone.push((await Promise.allSettled([call]))[0]!);
      }
      expect(groupOutcomes.filter((_, i) => items[i]!.organizationId === organizationId).map(seen)).toEqual(lone.map(seen));
      for (const feature of ['messages', 'api_calls']) expect(await usageTotals(app, organizationId, feature)).toEqual(await usageTotals(app, twin, feature));
    }
    expect(groupOutcomes.filter((_, i) => items[i]!.organizationId === first).map((o) => ('error' in o ? o.error.code : o.value.allowed))).toEqual([true, false, true, true, true]);
    expect(await usageTotals(app, outsider, 'messages')).toEqual({ counted: 1, recorded: 1, events: 1 });
  });

  it('credits: purchased first, exact exhaustion, refusals, replays and conflicts inside one group', async () => {
    const [grouped, alone] = [(await signUpOwner(app)).organizationId, (await signUpOwner(app)).organizationId];
    for (const organizationId of [grouped, alone]) await setBalance(app, organizationId, { purchased: 30, subscription: 20 });
    const calls: Array<[string, number, string]> = [
      ['api_call_premium', 2, 'c1'], // 10, from purchased
      ['ai_inference', 1, 'c2'], // 25: 20 purchased + 5 subscription
      ['api_call_premium', 2, 'c1'], // replay
      ['api_call_premium', 3, 'c1'], // CONFLICT
      ['no_such_event', 1, 'c3'],
      ['ai_inference', 1, 'c4'], // 25 > 15 left: INSUFFICIENT_CREDITS
      ['api_call_basic', 15, 'c5'], // exactly what is left
      ['api_call_basic', 1, 'c6'], // nothing left
    ];
    const actor = systemActor('test');
    const items: GroupedConsumption[] = calls.map(([eventKey, quantity, idempotencyKey]) => ({
      eventKey,
      quantity,
      idempotencyKey,
      metadata: {},
      actor,
      requestHash: requestHashOf(CreditTransactionKind.CONSUMPTION, { eventKey, quantity, metadata: {} }),
    }));
    const lane = consumptionLane(app.clock, async () => undefined);
    const groupOutcomes = await app.services.database.inTenant(grouped, (m) => lane.execute(m, items.map((item) => ({ organizationId: grouped, item }))));
    const loneOutcomes: Array<PromiseSettledResult<unknown>> = [];
    for (const [eventKey, quantity, idempotencyKey] of calls) {
      loneOutcomes.push((await Promise.allSettled([app.services.creditLedger.consumeCredits({ organizationId: alone, eventKey, quantity, idempotencyKey, metadata: {}, actor })]))[0]!);
    }

    expect(groupOutcomes.map(seen)).toEqual(loneOutcomes.map(seen));
    expect(groupOutcomes.map((o) => ('error' in o ? o.error.code : o.value.replayed))).toEqual([
      false, false, true, 'CONFLICT', 'BAD_USER_INPUT', 'INSUFFICIENT_CREDITS', false, 'INSUFFICIENT_CREDITS',
    ]);
    const [groupedBalance, aloneBalance] = [await expectLedgerConsistent(app, grouped), await expectLedgerConsistent(app, alone)];
    // (setBalance grants with an expiry a moment apart for the two, so the buckets are what compare.)
    expect({ ...groupedBalance, subscriptionExpiresAt: null }).toEqual({ ...aloneBalance, subscriptionExpiresAt: null });
    expect(groupedBalance).toMatchObject({ purchased: 0, subscription: 0 });
    // Both fell below the default threshold once: one alert each, on the same entry of the sequence.
    const alerts = async (organizationId: string) =>
      app.dataSource.query(`SELECT a.balance, t.idempotency_key FROM credit_alerts a JOIN credit_transactions t ON t.id = a.transaction_id WHERE a.organization_id = $1`, [organizationId]);
    expect(await alerts(grouped)).toEqual(await alerts(alone));
  });
  it('credits across organizations: each organization charged as its calls alone would be, same keys kept apart, lapsed credits written off first', async () => {
    const [first, second, firstTwin, secondTwin] = await Promise.all([1, 2, 3, 4].map(async () => (await signUpOwner(app)).organizationId));
    for (const organizationId of [first, second, firstTwin, secondTwin]) await setBalance(app, organizationId, { purchased: 20, subscription: 30 });
    const actor = systemActor('test');
    const calls: Array<[string, number, string]> = [
      ['api_call_premium', 2, 'c1'], // 10
      ['ai_inference', 1, 'c2'], // 25
      ['api_call_premium', 2, 'c1'], // replay
      ['ai_inference', 1, 'c3'], // 25 > 15 left: INSUFFICIENT_CREDITS
      ['api_call_basic', 15, 'c4'], // exactly what is left
    ];
    const items = calls.flatMap(([eventKey, quantity, idempotencyKey]) =>
      [first, second].map((organizationId) => ({
        organizationId,
        item: { eventKey, quantity, idempotencyKey, metadata: {}, actor, requestHash: requestHashOf(CreditTransactionKind.CONSUMPTION, { eventKey, quantity, metadata: {} }) },
      })),
    );
    const settled: string[] = [];
    const lane = consumptionLane(app.clock, async (_m, balance) => void settled.push(balance.organizationId));
    const groupOutcomes = await app.services.database.inOrganizations([first, second], (m) => lane.execute(m, items));
    expect(settled.sort()).toEqual([first, second].sort());

    for (const [organizationId, twin] of [[first, firstTwin], [second, secondTwin]] as const) {
      const lone: Array<PromiseSettledResult<unknown>> = [];
      for (const [eventKey, quantity, idempotencyKey] of calls) {
        lone.push((await Promise.allSettled([app.services.creditLedger.consumeCredits({ organizationId: twin, eventKey, quantity, idempotencyKey, metadata: {}, actor })]))[0]!);
      }
      expect(groupOutcomes.filter((_, i) => items[i]!.organizationId === organizationId).map(seen)).toEqual(lone.map(seen));
      const [grouped, alone] = [await expectLedgerConsistent(app, organizationId), await expectLedgerConsistent(app, twin)];
      expect({ ...grouped, subscriptionExpiresAt: null }).toEqual({ ...alone, subscriptionExpiresAt: null });
      expect(grouped).toMatchObject({ purchased: 0, subscription: 0 });
    }
  });

  it('credits across organizations through the service: concurrent calls share transactions, and an organization whose credits lapsed is written off first', async () => {
    const organizations = await Promise.all([1, 2, 3].map(async () => (await signUpOwner(app)).organizationId));
    for (const organizationId of organizations) await setBalance(app, organizationId, { purchased: 100, subscription: 50 });
    // The last one's subscription credits lapse: its grant ended (setBalance grants for 30 days); the others get a fresh grant.
    app.clock.advance(31 * 86_400_000);
    for (const organizationId of organizations.slice(0, 2)) await setBalance(app, organizationId, { purchased: 100, subscription: 50 });
    app.clock.advance(1_000); // (a new grant wrote off the previous one: those expiries are a second older)
    const before = { ...app.services.hotPathBatcher!.stats };
    const actor = systemActor('test');
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.services.creditLedger.consumeCredits({ organizationId: organizations[i % 3]!, eventKey: 'api_call_basic', quantity: 1, idempotencyKey: `across-${i}`, metadata: {}, actor }),
      ),
    );
    expect(outcomes.every((o) => !o.replayed)).toBe(true);
    const stats = app.services.hotPathBatcher!.stats;
    expect(stats.sharedOrganizations - before.sharedOrganizations).toBeGreaterThan(stats.sharedTransactions - before.sharedTransactions);
    expect(stats.fallbacks).toBe(before.fallbacks);
    for (const organizationId of organizations) {
      const balance = await expectLedgerConsistent(app, organizationId);
      expect(balance.purchased).toBe(90);
    }
    const expiries = await app.dataSource.query(
      `SELECT t.organization_id, t.subscription_delta, (SELECT count(*)::int FROM audit_entries a WHERE a.target_id = t.id::text AND a.action = 'credits.expired') AS audited
       FROM credit_transactions t WHERE t.kind = 'expiry' AND t.organization_id = ANY($1::uuid[]) AND t.created_at = $2`,
      [organizations, app.clock.now()],
    );
    expect(expiries).toEqual([{ organization_id: organizations[2], subscription_delta: -50, audited: 1 }]);
  });
});
