import { In, type EntityManager } from 'typeorm';
import { type CrossOrganizationLane, type GroupOutcome, type OrganizationItem, outcomeOf } from '../../db/tenant-batcher';
import { type PreparedStatement, queryPrepared, together } from '../../db/prepared-statements';
import { lastFlightWithCommit } from '../../db/database';
import type { Clock } from '../../clock';
import type { Actor } from '../audit/actor';
import { CONSUMPTION_ORDER_SETTING } from '../catalog/catalog-rules';
import { type LockedBalance, type PlannedEntry, lockBalances, lowBalanceAlertsStatement, planEntry, writeBalancesStatement } from './credit-ledger-entry';
import type { CreditConsumptionOrder } from '../catalog/catalog.enums';
import { consumptionOrderOf, splitCost } from './credit-rules';
import { CreditTransactionEntity } from './credit-transaction.entity';
import { CreditTransactionKind as Kind } from './credits.enums';
import { creditErrors } from './credits.errors';

/** A consumption whose fields are already checked (see CreditLedgerService.consumeCredits). */
export interface GroupedConsumption {
  eventKey: string;
  quantity: number;
  idempotencyKey: string;
  requestHash: string;
  metadata: Record<string, unknown>;
  actor: Actor;
}

export interface ConsumptionOutcome {
  transaction: CreditTransactionEntity;
  replayed: boolean;
}

/**
 * Concurrent consumeCredits calls — of one organization or of many — as one group, in two round trips whatever its
 * size (more only to write off lapsed credits or read back replayed entries): the balances locked at once (in sorted
 * order), earlier uses of the keys and the events' prices read once; then every ledger row inserted by one statement
 * and every balance written by one, sent with the COMMIT. Each call is decided in arrival order against its
 * organization's running balance, exactly as lone calls in that order would be: a balance never goes below zero, a
 * refusal changes nothing, and a key used twice in the group is charged once and replayed (or a CONFLICT) the
 * second time.
 */
export function consumptionLane(
  clock: Clock,
  settleLapsed: (manager: EntityManager, balance: LockedBalance, now: Date) => Promise<void>,
): CrossOrganizationLane<GroupedConsumption, ConsumptionOutcome> {
  return {
    name: 'credit-consumption',
    acrossOrganizations: true,
    async execute(manager, items) {
      const now = clock.now();
      // One flight (with BEGIN and the scope, see Database.inOrganizations). PostgreSQL runs them in this order, so
      // the keys and prices are read with the balances already locked.
      const [balances, earlier, pricing] = await together(
        manager,
        () => lockBalances(manager, [...new Set(items.map((i) => i.organizationId))], now),
        () => earlierEntries(manager, items),
        () => pricesOf(manager, [...new Set(items.map((i) => i.item.eventKey))]),
      );
      // Replays change nothing; an organization's first real consumption writes off lapsed credits first, as a lone call does.
      const consuming = new Set(items.filter((i) => !earlier.has(entryKey(i.organizationId, i.item.idempotencyKey))).map((i) => i.organizationId));
      for (const balance of balances.values()) if (consuming.has(balance.organizationId)) await settleLapsed(manager, balance, now);

      const planned: PlannedEntry[] = [];
      const outcomes: Array<GroupOutcome<ConsumptionOutcome>> = [];
      for (const { organizationId, item } of items) {
        outcomes.push(
          await outcomeOf(() => {
            const stored = earlier.get(entryKey(organizationId, item.idempotencyKey));
            if (stored) {
              if (stored.requestHash !== item.requestHash) throw creditErrors.idempotencyConflict();
              return { transaction: stored, replayed: true };
            }
            const price = pricing.prices.get(item.eventKey);
            if (price === undefined) throw creditErrors.unknownEvent(item.eventKey);
            const balance = balances.get(organizationId)!;
            const cost = price * item.quantity;
            const split = splitCost(cost, balance, pricing.order);
            if (!split) throw creditErrors.insufficient(cost, balance.purchased + balance.subscription);
            const entry = planEntry(
              manager,
              balance,
              {
                kind: Kind.CONSUMPTION,
                purchasedDelta: -split.fromPurchased,
                subscriptionDelta: -split.fromSubscription,
                eventKey: item.eventKey,
                quantity: item.quantity,
                unitCost: price,
                idempotencyKey: item.idempotencyKey,
                requestHash: item.requestHash,
                metadata: item.metadata,
                actor: item.actor,
              },
              now,
            );
            planned.push(entry);
            earlier.set(entryKey(organizationId, item.idempotencyKey), entry.entry);
            return { transaction: entry.entry, replayed: false };
          }),
        );
      }
      if (planned.length > 0) {
        const last = new Map(planned.map((p) => [p.entry.organizationId, p]));
        // planEntry moves each balance as it goes, so an organization crosses its threshold at most once per group.
        const crossings = planned.filter((p) => p.crossesThreshold).map((p) => ({ threshold: balances.get(p.entry.organizationId)!.lowBalanceThreshold, entry: p.entry }));
        // Last: with the COMMIT in its flight, nothing may fail after it (see lastFlightWithCommit).
        await lastFlightWithCommit(manager, [
          insertEntriesStatement(planned.map((p) => p.entry)),
          writeBalancesStatement([...last.values()], now),
          ...(crossings.length > 0 ? [lowBalanceAlertsStatement(crossings, now)] : []),
        ]);
      }
      return outcomes;
    },
  };
}

/**
 * A group's earlier consumptions: $1 organizations, $2 the kind, $3 keys (distinct pairs). One probe of the
 * idempotency index per pair; LIMIT keeps the subquery from being merged into a join whose plan would follow the
 * table's statistics (`= ANY` restrictions became a scan of every entry of an organization grown since its
 * statistics were taken). db/idempotency-key-probes.int-spec.ts holds it to that.
 */
export const GROUP_EXISTING_ENTRIES_SQL = `
  SELECT found.id FROM unnest($1::uuid[], $3::text[]) AS w(organization_id, idempotency_key)
  CROSS JOIN LATERAL (
    SELECT t.id FROM credit_transactions t
    WHERE t.organization_id = w.organization_id AND t.kind = $2 AND t.idempotency_key = w.idempotency_key
    LIMIT 1
  ) found`;

const entryKey = (organizationId: string, idempotencyKey: string) => `${organizationId}\u0000${idempotencyKey}`;

async function earlierEntries(manager: EntityManager, items: Array<OrganizationItem<GroupedConsumption>>): Promise<Map<string, CreditTransactionEntity>> {
  const pairs = [...new Map(items.map((i) => [entryKey(i.organizationId, i.item.idempotencyKey), i])).values()];
  const hits = await queryPrepared<{ id: string }>(manager, 'tg_credit_group_keys', GROUP_EXISTING_ENTRIES_SQL, [
    pairs.map((i) => i.organizationId),
    Kind.CONSUMPTION,
    pairs.map((i) => i.item.idempotencyKey),
  ]);
  if (hits.length === 0) return new Map();
  const entries = await manager.findBy(CreditTransactionEntity, { id: In(hits.map((h) => h.id)) });
  return new Map(entries.map((e) => [entryKey(e.organizationId, e.idempotencyKey!), e]));
}

/** The events' unit costs (unknown or inactive events are missing) and the platform's consumption order, in one round trip. */
async function pricesOf(manager: EntityManager, eventKeys: string[]): Promise<{ prices: Map<string, number>; order: CreditConsumptionOrder }> {
  const rows = await queryPrepared<{ key: string; credit_cost: number; consumption_order: string | null }>(
    manager,
    'tg_credit_prices',
    `SELECT e.key, e.credit_cost, (SELECT s.value #>> '{}' FROM platform_settings s WHERE s.key = $2) AS consumption_order
     FROM credit_events e WHERE e.key = ANY($1::text[]) AND e.active`,
    [eventKeys, CONSUMPTION_ORDER_SETTING],
  );
  // No known event at all: every item is refused before the order matters.
  return { prices: new Map(rows.map((r) => [r.key, r.credit_cost])), order: consumptionOrderOf(rows[0]?.consumption_order ?? null) };
}

/** Every planned row in one INSERT (one array per column); consumptions carry no expiry, period or reason. */
function insertEntriesStatement(entries: CreditTransactionEntity[]): PreparedStatement {
  const column = <T>(pick: (e: CreditTransactionEntity) => T) => entries.map(pick);
  return {
    name: 'tg_credit_insert_many',
    text: `INSERT INTO credit_transactions (id, organization_id, kind, purchased_delta, subscription_delta, purchased_balance_after,
       subscription_balance_after, event_key, quantity, unit_cost, idempotency_key, request_hash, actor_type, actor_id, metadata, created_at)
     SELECT t.id, t.organization_id, t.kind, t.purchased_delta, t.subscription_delta, t.purchased_balance_after,
       t.subscription_balance_after, t.event_key, t.quantity, t.unit_cost, t.idempotency_key, t.request_hash, t.actor_type, t.actor_id,
       t.metadata::jsonb, t.created_at
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::int[], $10::int[],
                 $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[]) WITH ORDINALITY
       AS t(id, organization_id, kind, purchased_delta, subscription_delta, purchased_balance_after, subscription_balance_after,
            event_key, quantity, unit_cost, idempotency_key, request_hash, actor_type, actor_id, metadata, created_at, position)
     -- seq (the ledger's order) is assigned in this order: the order the entries were decided in.
     ORDER BY t.position`,
    values: [
      column((e) => e.id),
      column((e) => e.organizationId),
      column((e) => e.kind),
      column((e) => e.purchasedDelta),
      column((e) => e.subscriptionDelta),
      column((e) => e.purchasedBalanceAfter),
      column((e) => e.subscriptionBalanceAfter),
      column((e) => e.eventKey),
      column((e) => e.quantity),
      column((e) => e.unitCost),
      column((e) => e.idempotencyKey),
      column((e) => e.requestHash),
      column((e) => e.actorType),
      column((e) => e.actorId),
      column((e) => JSON.stringify(e.metadata)),
      column((e) => e.createdAt),
    ],
  };
}
