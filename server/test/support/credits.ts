import { randomBytes, randomUUID } from 'node:crypto';
import { systemActor } from '../../src/modules/audit/actor';
import type { TestApp } from './test-app';

export const DAY_MS = 86_400_000;

/** The subscription that grants made straight to the ledger in tests belong to (these organizations have none). */
export const LEDGER_TEST_SUBSCRIPTION = '00000000-0000-4000-8000-00000000c0de';

export const CONSUME = /* GraphQL */ `
  mutation Consume($organizationId: ID, $input: ConsumeCreditsInput!) {
    consumeCredits(organizationId: $organizationId, input: $input) {
      creditsCharged balanceAfter replayed
      transaction { id kind amount purchasedDelta subscriptionDelta purchasedBalanceAfter subscriptionBalanceAfter
        balanceAfter eventKey quantity unitCost idempotencyKey actorType actorId metadata }
    }
  }
`;

export const BALANCE = /* GraphQL */ `
  query Balance($organizationId: ID) {
    creditBalance(organizationId: $organizationId) {
      organizationId total purchased subscription lowBalanceThreshold belowThreshold nextExpiry { amount at }
    }
  }
`;

/** An organization made directly in the database: no sign-up hooks, so its ledger starts empty. */
export async function bareOrganization(app: TestApp, name = 'Ledger Co'): Promise<string> {
  const [row] = await app.dataSource.query(`INSERT INTO organizations (name, slug) VALUES ($1, $2) RETURNING id`, [
    name,
    `ledger-${randomBytes(6).toString('hex')}`,
  ]);
  return row.id;
}

export interface StoredBalance {
  purchased: number;
  subscription: number;
  subscriptionExpiresAt: Date | null;
}

/** credit_balances as stored (zeros when the organization has no row yet). */
export async function storedBalance(app: TestApp, organizationId: string): Promise<StoredBalance> {
  const [row] = await app.dataSource.query(
    `SELECT purchased, subscription, subscription_expires_at FROM credit_balances WHERE organization_id = $1`,
    [organizationId],
  );
  return { purchased: row?.purchased ?? 0, subscription: row?.subscription ?? 0, subscriptionExpiresAt: row?.subscription_expires_at ?? null };
}

/**
 * The ledger invariants, read from the database: the balance row equals the sum of the deltas, neither bucket
 * is negative, and every entry's balances-after follow from the entry before it (in `seq` order).
 */
export async function expectLedgerConsistent(app: TestApp, organizationId: string): Promise<StoredBalance> {
  const entries: Array<Record<string, number>> = await app.dataSource.query(
    `SELECT purchased_delta, subscription_delta, purchased_balance_after, subscription_balance_after
     FROM credit_transactions WHERE organization_id = $1 ORDER BY seq`,
    [organizationId],
  );
  let purchased = 0;
  let subscription = 0;
  for (const entry of entries) {
    purchased += entry.purchased_delta!;
    subscription += entry.subscription_delta!;
    expect({ purchased: entry.purchased_balance_after, subscription: entry.subscription_balance_after }).toEqual({ purchased, subscription });
  }
  const [sums] = await app.dataSource.query(
    `SELECT coalesce(sum(purchased_delta), 0)::int AS purchased, coalesce(sum(subscription_delta), 0)::int AS subscription
     FROM credit_transactions WHERE organization_id = $1`,
    [organizationId],
  );
  const stored = await storedBalance(app, organizationId);
  expect({ purchased: stored.purchased, subscription: stored.subscription }).toEqual({ purchased: sums.purchased, subscription: sums.subscription });
  expect(stored.purchased).toBeGreaterThanOrEqual(0);
  expect(stored.subscription).toBeGreaterThanOrEqual(0);
  return stored;
}

/**
 * Puts an organization at exactly `purchased` + `subscription` credits, whatever it had: purchased credits are
 * consumed or bought to the target, and a new subscription period (the clock moves on a second) replaces any grant.
 */
export async function setBalance(app: TestApp, organizationId: string, target: { purchased: number; subscription: number }): Promise<void> {
  const ledger = app.services.creditLedger;
  const actor = systemActor('test');
  app.clock.advance(1_000);
  const periodStart = app.clock.now();
  await app.services.database.inTenant(organizationId, (m) =>
    ledger.grantSubscriptionCredits(m, { organizationId, subscriptionId: LEDGER_TEST_SUBSCRIPTION, periodStart, periodEnd: new Date(periodStart.getTime() + 30 * DAY_MS), amount: target.subscription, actor }),
  );
  const { purchased } = await storedBalance(app, organizationId);
  if (target.purchased > purchased) {
    await ledger.purchaseCredits({ organizationId, credits: target.purchased - purchased, idempotencyKey: `setup-${randomUUID()}`, actor });
  } else if (target.purchased < purchased) {
    await app.dataSource.query(`UPDATE platform_settings SET value = '"purchased_first"' WHERE key = 'credit_consumption_order'`);
    // api_call_basic costs 1: takes exactly the difference from the purchased bucket first.
    await ledger.consumeCredits({ organizationId, eventKey: 'api_call_basic', quantity: purchased - target.purchased, idempotencyKey: `setup-${randomUUID()}`, actor });
  }
  const stored = await storedBalance(app, organizationId);
  expect({ purchased: stored.purchased, subscription: stored.subscription }).toEqual(target);
}

export async function transactionCount(app: TestApp, organizationId: string): Promise<number> {
  const [row] = await app.dataSource.query(`SELECT count(*)::int AS n FROM credit_transactions WHERE organization_id = $1`, [organizationId]);
  return row.n;
}

export async function setConsumptionOrder(app: TestApp, order: 'purchased_first' | 'subscription_first'): Promise<void> {
  await app.dataSource.query(
    `INSERT INTO platform_settings (key, value) VALUES ('credit_consumption_order', to_jsonb($1::text))
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [order],
  );
}
