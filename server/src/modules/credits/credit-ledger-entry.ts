import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { MAX_CREDITS } from './credit-rules';
import { CreditTransactionEntity } from './credit-transaction.entity';
import { CreditTransactionKind } from './credits.enums';
import { creditErrors } from './credits.errors';
import { type PreparedStatement, queryPrepared, runStatement } from '../../db/prepared-statements';

/** The ledger row insert, as TypeORM would write it, but as a named prepared statement (the hot path). */
const INSERT_TRANSACTION_SQL = `INSERT INTO "credit_transactions"("id", "organization_id", "kind", "purchased_delta", "subscription_delta", "purchased_balance_after", "subscription_balance_after", "expires_at", "period_start", "subscription_id", "event_key", "quantity", "unit_cost", "idempotency_key", "request_hash", "reason", "actor_type", "actor_id", "metadata", "created_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`;

/** An organization's balance row, locked by this transaction until it ends. */
export interface LockedBalance {
  organizationId: string;
  purchased: number;
  subscription: number;
  subscriptionExpiresAt: Date | null;
  lowBalanceThreshold: number;
  belowThreshold: boolean;
}

export interface LedgerEntryDraft {
  kind: CreditTransactionKind;
  purchasedDelta?: number;
  subscriptionDelta?: number;
  expiresAt?: Date | null;
  periodStart?: Date | null;
  subscriptionId?: string | null;
  eventKey?: string | null;
  quantity?: number | null;
  unitCost?: number | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
  reason?: string | null;
  metadata?: Record<string, unknown>;
  actor: Actor;
}

/**
 * Locks the organization's balance row (creating it at zero the first time) for the rest of the transaction.
 * Every ledger writer goes through here, so one organization's entries are applied one at a time and in `seq`
 * order, while different organizations never wait for each other. ON CONFLICT DO UPDATE takes the row lock and
 * returns the latest committed values in one statement.
 */
export async function lockBalance(manager: EntityManager, organizationId: string, now: Date): Promise<LockedBalance> {
  const [row] = await queryPrepared<BalanceRow>(
    manager,
    'tg_credit_lock_balance',
    `INSERT INTO credit_balances AS b (organization_id, updated_at) VALUES ($1, $2)
     ON CONFLICT (organization_id) DO UPDATE SET organization_id = b.organization_id
     RETURNING purchased, subscription, subscription_expires_at, low_balance_threshold, below_threshold`,
    [organizationId, now],
  );
  return lockedBalanceOf(organizationId, row!);
}

interface BalanceRow {
  purchased: number;
  subscription: number;
  subscription_expires_at: Date | null;
  low_balance_threshold: number;
  below_threshold: boolean;
}

function lockedBalanceOf(organizationId: string, row: BalanceRow): LockedBalance {
  return {
    organizationId,
    purchased: row.purchased,
    subscription: row.subscription,
    subscriptionExpiresAt: row.subscription_expires_at,
    lowBalanceThreshold: row.low_balance_threshold,
    belowThreshold: row.below_threshold,
  };
}

/** lockBalance for several organizations in one statement, in sorted order (so concurrent groups queue, never deadlock). */
export async function lockBalances(manager: EntityManager, organizationIds: string[], now: Date): Promise<Map<string, LockedBalance>> {
  const rows = await queryPrepared<BalanceRow & { organization_id: string }>(
    manager,
    'tg_credit_lock_balances',
    `INSERT INTO credit_balances AS b (organization_id, updated_at)
     SELECT id, $2 FROM unnest($1::uuid[]) AS o(id) ORDER BY id
     ON CONFLICT (organization_id) DO UPDATE SET organization_id = b.organization_id
     RETURNING organization_id, purchased, subscription, subscription_expires_at, low_balance_threshold, below_threshold`,
    [organizationIds, now],
  );
  return new Map(rows.map((row) => [row.organization_id, lockedBalanceOf(row.organization_id, row)]));
}

/** An entry decided against a locked balance, not yet written; the balance it leaves behind. */
export interface PlannedEntry {
  entry: CreditTransactionEntity;
  balanceAfter: { purchased: number; subscription: number; subscriptionExpiresAt: Date | null; belowThreshold: boolean };
  /** The total just fell below the organization's threshold: one low-balance alert is due. */
  crossesThreshold: boolean;
}

/**
 * Decides one ledger entry on a locked balance and moves `balance` (in memory) past it, so several entries can
 * follow each other before anything is written. Refuses what would take a bucket below zero or past the maximum.
 */
export function planEntry(manager: EntityManager, balance: LockedBalance, draft: LedgerEntryDraft, now: Date): PlannedEntry {
  const purchasedDelta = draft.purchasedDelta ?? 0;
  const subscriptionDelta = draft.subscriptionDelta ?? 0;
  const purchasedAfter = balance.purchased + purchasedDelta;
  const subscriptionAfter = balance.subscription + subscriptionDelta;
  // Callers check first and answer with the numbers; this is the last line before the CHECK constraints.
  if (purchasedAfter < 0 || subscriptionAfter < 0) {
    throw creditErrors.insufficient(-(purchasedDelta + subscriptionDelta), balance.purchased + balance.subscription);
  }
  if (purchasedAfter > MAX_CREDITS || subscriptionAfter > MAX_CREDITS) throw creditErrors.tooLarge('amount');

  const entry = manager.create(CreditTransactionEntity, {
    id: randomUUID(),
    organizationId: balance.organizationId,
    kind: draft.kind,
    purchasedDelta,
    subscriptionDelta,
    purchasedBalanceAfter: purchasedAfter,
    subscriptionBalanceAfter: subscriptionAfter,
    expiresAt: draft.expiresAt ?? null,
    periodStart: draft.periodStart ?? null,
    subscriptionId: draft.subscriptionId ?? null,
    eventKey: draft.eventKey ?? null,
    quantity: draft.quantity ?? null,
    unitCost: draft.unitCost ?? null,
    idempotencyKey: draft.idempotencyKey ?? null,
    requestHash: draft.requestHash ?? null,
    reason: draft.reason ?? null,
    actorType: draft.actor.type,
    actorId: draft.actor.id,
    metadata: draft.metadata ?? {},
    createdAt: now,
  });
  // A grant starts a new expiry date; every other entry leaves it as it is.
  const subscriptionExpiresAt = draft.kind === CreditTransactionKind.GRANT ? (draft.expiresAt ?? null) : balance.subscriptionExpiresAt;
  const belowThreshold = purchasedAfter + subscriptionAfter < balance.lowBalanceThreshold;
  const crossesThreshold = belowThreshold && !balance.belowThreshold;
  const balanceAfter = { purchased: purchasedAfter, subscription: subscriptionAfter, subscriptionExpiresAt, belowThreshold };
  Object.assign(balance, balanceAfter);
  return { entry, balanceAfter, crossesThreshold };
}

/**
 * Appends one ledger entry to a locked balance and moves the balance with it, in the caller's transaction: the
 * ledger row, the new balance and (when the total just fell below the threshold) one low-balance alert.
 * `balance` is updated in place so several entries can follow each other in one transaction.
 */
export async function appendEntry(manager: EntityManager, balance: LockedBalance, draft: LedgerEntryDraft, now: Date): Promise<CreditTransactionEntity> {
  const planned = planEntry(manager, balance, draft, now);
  const { entry } = planned;
  await queryPrepared(manager, 'tg_credit_insert', INSERT_TRANSACTION_SQL, [
    entry.id,
    entry.organizationId,
    entry.kind,
    entry.purchasedDelta,
    entry.subscriptionDelta,
    entry.purchasedBalanceAfter,
    entry.subscriptionBalanceAfter,
    entry.expiresAt,
    entry.periodStart,
    entry.subscriptionId,
    entry.eventKey,
    entry.quantity,
    entry.unitCost,
    entry.idempotencyKey,
    entry.requestHash,
    entry.reason,
    entry.actorType,
    entry.actorId,
    JSON.stringify(entry.metadata),
    entry.createdAt,
  ]);
  await writeBalance(manager, balance.organizationId, planned.balanceAfter, now);
  if (planned.crossesThreshold) await runStatement(manager, lowBalanceAlertsStatement([{ threshold: balance.lowBalanceThreshold, entry }], now));
  return entry;
}

export async function writeBalance(manager: EntityManager, organizationId: string, after: PlannedEntry['balanceAfter'], now: Date): Promise<void> {
  await queryPrepared(
    manager,
    'tg_credit_balance_update',
    `UPDATE credit_balances
     SET purchased = $2, subscription = $3, subscription_expires_at = $4, below_threshold = $5, updated_at = $6
     WHERE organization_id = $1`,
    [organizationId, after.purchased, after.subscription, after.subscriptionExpiresAt, after.belowThreshold, now],
  );
}

/** Each organization's balance after its last entry of a group, in one statement. */
export function writeBalancesStatement(lastEntries: PlannedEntry[], now: Date): PreparedStatement {
  return {
    name: 'tg_credit_balances_update',
    text: `UPDATE credit_balances b
     SET purchased = v.purchased, subscription = v.subscription, subscription_expires_at = v.expires_at, below_threshold = v.below, updated_at = $6
     FROM unnest($1::uuid[], $2::int[], $3::int[], $4::timestamptz[], $5::boolean[]) AS v(organization_id, purchased, subscription, expires_at, below)
     WHERE b.organization_id = v.organization_id`,
    values: [
      lastEntries.map((p) => p.entry.organizationId),
      lastEntries.map((p) => p.balanceAfter.purchased),
      lastEntries.map((p) => p.balanceAfter.subscription),
      lastEntries.map((p) => p.balanceAfter.subscriptionExpiresAt),
      lastEntries.map((p) => p.balanceAfter.belowThreshold),
      now,
    ],
  };
}

/** An entry that took its organization's total below its low-balance threshold, and that threshold. */
export interface ThresholdCrossing {
  threshold: number;
  entry: CreditTransactionEntity;
}

/** One low-balance alert per crossing, in one statement (a group's crossings go together). */
export function lowBalanceAlertsStatement(crossings: ThresholdCrossing[], now: Date): PreparedStatement {
  return {
    name: 'tg_credit_alerts_insert',
    text: `INSERT INTO credit_alerts (id, organization_id, threshold, balance, transaction_id, created_at)
     SELECT a.id, a.organization_id, a.threshold, a.balance, a.transaction_id, $6
     FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::uuid[]) AS a(id, organization_id, threshold, balance, transaction_id)`,
    values: [
      crossings.map(() => randomUUID()),
      crossings.map((c) => c.entry.organizationId),
      crossings.map((c) => c.threshold),
      crossings.map((c) => c.entry.purchasedBalanceAfter + c.entry.subscriptionBalanceAfter),
      crossings.map((c) => c.entry.id),
      now,
    ],
  };
}
