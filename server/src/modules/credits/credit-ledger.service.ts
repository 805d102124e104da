import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import { type Page, type PageRequest, keysetPage } from '../../shared/pagination';
import { CreditAlertEntity } from './credit-alert.entity';
import { isUuid } from '../../shared/uuid';
import { type Actor, systemActor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { CONSUMPTION_ORDER_SETTING } from '../catalog/catalog-rules';
import type { SubscriptionCreditsPort } from '../subscriptions/subscription-credits.port';
import { type CreditBalanceView, type CreditTransactionFilter, balanceView, transactionsPage } from './credit-history';
import { type LockedBalance, appendEntry, lockBalance } from './credit-ledger-entry';
import {
  MAX_CREDITS_PER_ENTRY,
  MAX_QUANTITY,
  checkIdempotencyKey,
  checkMetadata,
  checkPositiveInteger,
  checkReason,
  consumptionOrderOf,
  requestHashOf,
  splitCost,
} from './credit-rules';
import { CreditTransactionEntity } from './credit-transaction.entity';
import { CreditTransactionKind as Kind } from './credits.enums';
import { creditErrors } from './credits.errors';
import { queryPrepared } from '../../db/prepared-statements';
import type { CrossOrganizationLane, TenantBatcher } from '../../db/tenant-batcher';
import { type ConsumptionOutcome, type GroupedConsumption, consumptionLane } from './credit-consumption-group';

export interface ConsumeCreditsRequest {
  organizationId: string;
  eventKey: string;
  quantity: number;
  idempotencyKey: string;
  metadata?: Record<string, unknown> | null;
  actor: Actor;
}

export interface PurchaseCreditsRequest {
  organizationId: string;
  credits: number;
  /** e.g. the Stripe checkout session id: the same purchase delivered twice is credited once. */
  idempotencyKey: string;
  productKey?: string | null;
  actor: Actor;
}

export interface AdjustCreditsRequest {
  organizationId: string;
  /** Signed, non-zero: added to (or taken from) the purchased bucket. */
  amount: number;
  reason: string;
  /** A retry with the same key answers the first adjustment again and moves nothing. */
  idempotencyKey: string;
  /** The platform admin making the adjustment. */
  actor: Actor;
}

/** A ledger write that may have been a replay of an earlier request under the same idempotency key. */
export interface LedgerOutcome {
  transaction: CreditTransactionEntity;
  /** True when the key had been used before: nothing changed and this is the first answer again. */
  replayed: boolean;
}

const EXPIRY_JOB = systemActor('credit-expiry');

/**
 * The credit ledger. Every change appends one ledger row and moves the organization's balance in the same
 * transaction, under the balance row's lock (see credit-ledger-entry.ts), so concurrent callers can neither
 * overdraw a bucket nor apply one idempotency key twice.
 *
 * Two buckets: purchased credits never expire; subscription credits are granted once per period and written
 * off when the period ends (by the next grant, the expiry job, a subscription ending, or lazily by the next
 * write after they lapse).
 */
export class CreditLedgerService implements SubscriptionCreditsPort {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    private readonly batcher?: TenantBatcher,
  ) {
    this.consumptionLane = consumptionLane(clock, (m, balance, now) => this.settleLapsed(m, balance, now));
  }

  /** How concurrent consumptions (of one organization or many) are charged together. */
  private readonly consumptionLane: CrossOrganizationLane<GroupedConsumption, ConsumptionOutcome>;

  /**
   * Charges credit_cost × quantity, from the buckets in the platform's consumption order, or refuses with
   * INSUFFICIENT_CREDITS having changed nothing. Consumption is the high-volume path, so it writes no audit
   * entry: its ledger row (actor, event, quantity, key, metadata) is the record.
   */
  async consumeCredits(request: ConsumeCreditsRequest): Promise<LedgerOutcome> {
    const { organizationId, eventKey } = request;
    const quantity = checkPositiveInteger('quantity', request.quantity, MAX_QUANTITY);
    const idempotencyKey = checkIdempotencyKey(request.idempotencyKey);
    const metadata = checkMetadata(request.metadata);
    const requestHash = requestHashOf(Kind.CONSUMPTION, { eventKey, quantity, metadata });

    const write = async (m: EntityManager, balance: LockedBalance, now: Date): Promise<CreditTransactionEntity> => {
      const pricing = await consumptionPricing(m, eventKey);
      if (!pricing) throw creditErrors.unknownEvent(eventKey);
      const cost = pricing.creditCost * quantity;
      const split = splitCost(cost, balance, pricing.order);
      if (!split) throw creditErrors.insufficient(cost, balance.purchased + balance.subscription);
      return appendEntry(
        m,
        balance,
        {
          kind: Kind.CONSUMPTION,
          purchasedDelta: -split.fromPurchased,
          subscriptionDelta: -split.fromSubscription,
          eventKey,
          quantity,
          unitCost: pricing.creditCost,
          idempotencyKey,
          requestHash,
          metadata,
          actor: request.actor,
        },
        now,
      );
    };
    const alone = () => this.withIdempotency(organizationId, Kind.CONSUMPTION, idempotencyKey, requestHash, undefined, write);
    if (!this.batcher) return alone();
    // Concurrent consumptions of one organization run as one group (credit-consumption-group.ts). A refusal there
    // keeps a write-off of lapsed credits made on the way, which a lone refusal would roll back: both leave the
    // ledger equal to the balance, and the write-off is due anyway.
    return this.batcher.run(organizationId, this.consumptionLane, { eventKey, quantity, idempotencyKey, requestHash, metadata, actor: request.actor }, alone);
  }

  /**
   * Period start, inside the subscription's transaction: writes off what is left of the previous grant, then
   * grants `amount` until `periodEnd`. Once per (organization, periodStart); a grant for a period no later than
   * the latest one granted (a repeat, or a stale retry) changes nothing and answers false.
   */
  async grantSubscriptionCredits(
    manager: EntityManager,
    grant: { organizationId: string; subscriptionId: string; periodStart: Date; periodEnd: Date; amount: number; actor: Actor },
  ): Promise<boolean> {
    const { organizationId, subscriptionId, periodStart, periodEnd, actor } = grant;
    const amount = grant.amount === 0 ? 0 : checkPositiveInteger('amount', grant.amount, MAX_CREDITS_PER_ENTRY);
    if (periodEnd.getTime() <= periodStart.getTime()) throw creditErrors.invalid('periodEnd', 'periodEnd must be after periodStart');
    const now = this.clock.now();
    const balance = await lockBalance(manager, organizationId, now);
    // Per subscription: a repeat or a stale retry of one of its periods changes nothing, while a new subscription's
    // first period is granted even when it starts no later than the previous subscription's last grant.
    const [{ latest }] = (await manager.query(
      `SELECT max(period_start) AS latest FROM credit_transactions WHERE organization_id = $1 AND kind = 'grant' AND subscription_id = $2`,
      [organizationId, subscriptionId],
    )) as [{ latest: Date | null }];
    if (latest && latest.getTime() >= periodStart.getTime()) return false;

    if (balance.subscription > 0) await this.writeOff(manager, balance, actor, now, 'replaced by the next period');
    const entry = await appendEntry(
      manager,
      balance,
      { kind: Kind.GRANT, subscriptionDelta: amount, periodStart, subscriptionId, expiresAt: periodEnd, actor },
      now,
    );
    await this.audit.record(manager, actor, {
      organizationId,
      action: 'credits.granted',
      targetType: 'credit_transaction',
      targetId: entry.id,
      after: { amount, periodStart: periodStart.toISOString(), expiresAt: periodEnd.toISOString() },
    });
    return true;
  }

  /**
   * An upgrade mid-period: adds the new plan's extra credits for the rest of the current period (same expiry as
   * the period's grant). Once per `idempotencyKey`; answers whether it granted.
   */
  async topUpSubscriptionCredits(
    manager: EntityManager,
    topUp: { organizationId: string; periodStart: Date; periodEnd: Date; amount: number; idempotencyKey: string; reason: string; actor: Actor },
  ): Promise<boolean> {
    const amount = checkPositiveInteger('amount', topUp.amount, MAX_CREDITS_PER_ENTRY);
    const now = this.clock.now();
    const balance = await lockBalance(manager, topUp.organizationId, now);
    if (await findByKey(manager, topUp.organizationId, Kind.GRANT, topUp.idempotencyKey)) return false;
    const entry = await appendEntry(
      manager,
      balance,
      {
        kind: Kind.GRANT,
        subscriptionDelta: amount,
        periodStart: topUp.periodStart,
        expiresAt: topUp.periodEnd,
        idempotencyKey: topUp.idempotencyKey,
        requestHash: requestHashOf(Kind.GRANT, { amount, periodStart: topUp.periodStart.toISOString() }),
        reason: topUp.reason,
        actor: topUp.actor,
      },
      now,
    );
    await this.audit.record(manager, topUp.actor, {
      organizationId: topUp.organizationId,
      action: 'credits.topped_up',
      targetType: 'credit_transaction',
      targetId: entry.id,
      after: { amount, reason: topUp.reason, expiresAt: topUp.periodEnd.toISOString() },
    });
    return true;
  }

  /**
   * Writes off the subscription bucket if it has lapsed by `at`; otherwise changes nothing. Answers the credits
   * written off. Runs in the caller's transaction when given one (a subscription ending), else in its own.
   */
  async expireSubscriptionCredits(manager: EntityManager | undefined, expiry: { organizationId: string; at: Date; actor: Actor }): Promise<number> {
    if (!manager) return this.database.inTenant(expiry.organizationId, (m) => this.expireSubscriptionCredits(m, expiry));
    const now = this.clock.now();
    const balance = await lockBalance(manager, expiry.organizationId, now);
    if (!hasLapsed(balance, expiry.at)) return 0;
    const amount = balance.subscription;
    await this.writeOff(manager, balance, expiry.actor, now, 'lapsed');
    return amount;
  }

  /** The expiry job: writes off every organization's lapsed subscription credits, up to `limit` organizations. */
  async expireDueSubscriptionCredits(at: Date = this.clock.now(), limit = 500): Promise<number> {
    const due = (await this.database.asPlatform((m) =>
      m.query(
        `SELECT organization_id FROM credit_balances
         WHERE subscription > 0 AND subscription_expires_at <= $1 ORDER BY subscription_expires_at LIMIT $2`,
        [at, limit],
      ),
    )) as Array<{ organization_id: string }>;
    let expired = 0;
    for (const { organization_id } of due) {
      if ((await this.expireSubscriptionCredits(undefined, { organizationId: organization_id, at, actor: EXPIRY_JOB })) > 0) expired += 1;
    }
    return expired;
  }

  /** Bought credits (never expire), credited exactly once per idempotency key. */
  async purchaseCredits(request: PurchaseCreditsRequest, manager?: EntityManager): Promise<LedgerOutcome> {
    const { organizationId, actor } = request;
    const credits = checkPositiveInteger('credits', request.credits, MAX_CREDITS_PER_ENTRY);
    const idempotencyKey = checkIdempotencyKey(request.idempotencyKey);
    const productKey = request.productKey ?? null;
    const requestHash = requestHashOf(Kind.PURCHASE, { credits, productKey });

    return this.withIdempotency(organizationId, Kind.PURCHASE, idempotencyKey, requestHash, manager, async (m, balance, now) => {
      const entry = await appendEntry(
        m,
        balance,
        { kind: Kind.PURCHASE, purchasedDelta: credits, idempotencyKey, requestHash, metadata: productKey ? { productKey } : {}, actor },
        now,
      );
      await this.audit.record(m, actor, {
        organizationId,
        action: 'credits.purchased',
        targetType: 'credit_transaction',
        targetId: entry.id,
        after: { credits, productKey, idempotencyKey, purchasedBalance: entry.purchasedBalanceAfter },
      });
      return entry;
    });
  }

  /** A platform admin's grant (amount > 0) or deduction (amount < 0) of purchased credits, with a reason; once per key. */
  async adjustCredits(request: AdjustCreditsRequest): Promise<LedgerOutcome> {
    const { organizationId, amount, actor } = request;
    if (!Number.isSafeInteger(amount) || amount === 0) throw creditErrors.invalid('amount', 'amount must be a non-zero integer');
    checkPositiveInteger('amount', Math.abs(amount), MAX_CREDITS_PER_ENTRY);
    const reason = checkReason(request.reason);
    const idempotencyKey = checkIdempotencyKey(request.idempotencyKey);
    const requestHash = requestHashOf(Kind.ADJUSTMENT, { amount, reason });
    if (actor.type !== 'user' || !actor.id || !isUuid(actor.id)) throw creditErrors.adminOnly();
    if (!isUuid(organizationId)) throw creditErrors.organizationNotFound();

    // As platform: the admin is usually not a member of the organization, so only this role can see them.
    const adjust = () =>
      this.database.asPlatform(async (m) => {
        const [admin] = (await m.query(`SELECT is_platform_admin FROM users WHERE id = $1`, [actor.id])) as Array<{ is_platform_admin: boolean }>;
        if (!admin?.is_platform_admin) throw creditErrors.adminOnly();
        await assertOrganizationExists(m, organizationId);
        return this.withIdempotency(organizationId, Kind.ADJUSTMENT, idempotencyKey, requestHash, m, async (m, balance, now) => {
          if (balance.purchased + amount < 0) throw creditErrors.insufficient(-amount, balance.purchased);
          const before = { purchased: balance.purchased, subscription: balance.subscription };
          const entry = await appendEntry(m, balance, { kind: Kind.ADJUSTMENT, purchasedDelta: amount, reason, idempotencyKey, requestHash, actor }, now);
          await this.audit.record(m, actor, {
            organizationId,
            action: 'credits.adjusted',
            targetType: 'credit_transaction',
            targetId: entry.id,
            before,
            after: { purchased: balance.purchased, subscription: balance.subscription, amount, reason, idempotencyKey },
          });
          return entry;
        });
      });
    const findEarlier = () => this.database.asPlatform((m) => findByKey(m, organizationId, Kind.ADJUSTMENT, idempotencyKey));
    return adjust().catch((error: unknown) => replayAfterLostRace(error, requestHash, findEarlier));
  }

  async setLowBalanceThreshold(organizationId: string, threshold: number, actor: Actor): Promise<CreditBalanceView> {
    if (!Number.isSafeInteger(threshold) || threshold < 0 || threshold > MAX_CREDITS_PER_ENTRY) {
      throw creditErrors.invalid('threshold', `threshold must be an integer from 0 to ${MAX_CREDITS_PER_ENTRY}`);
    }
    return this.database.inTenant(organizationId, async (m) => {
      await assertOrganizationExists(m, organizationId);
      const now = this.clock.now();
      const balance = await this.openBalance(m, organizationId, now);
      // Setting a threshold above the balance is not a crossing: no alert now, the next one after a recovery.
      const belowThreshold = balance.purchased + balance.subscription < threshold;
      await m.query(`UPDATE credit_balances SET low_balance_threshold = $2, below_threshold = $3, updated_at = $4 WHERE organization_id = $1`, [
        organizationId,
        threshold,
        belowThreshold,
        now,
      ]);
      await this.audit.record(m, actor, {
        organizationId,
        action: 'credits.low_balance_threshold_set',
        targetType: 'organization',
        targetId: organizationId,
        before: { lowBalanceThreshold: balance.lowBalanceThreshold },
        after: { lowBalanceThreshold: threshold },
      });
      return balanceView(m, organizationId, now);
    });
  }

  /** The organization's balance (its own tenant scope; platform admins read one organization the same way). */
  balance(organizationId: string): Promise<CreditBalanceView> {
    if (!isUuid(organizationId)) return Promise.reject(creditErrors.organizationNotFound());
    return this.database.inTenant(organizationId, async (m) => {
      await assertOrganizationExists(m, organizationId);
      return balanceView(m, organizationId, this.clock.now());
    });
  }

  /** The ledger, newest first. */
  alerts(organizationId: string, page: PageRequest): Promise<Page<CreditAlertEntity>> {
    return this.database.inTenant(organizationId, (m) =>
      keysetPage(m.createQueryBuilder(CreditAlertEntity, 'alert').where('alert.organization_id = :organizationId', { organizationId }), 'alert', page),
    );
  }

  transactions(organizationId: string, filter: CreditTransactionFilter, page: PageRequest): Promise<Page<CreditTransactionEntity>> {
    if (!isUuid(organizationId)) return Promise.reject(creditErrors.organizationNotFound());
    return this.database.inTenant(organizationId, async (m) => {
      await assertOrganizationExists(m, organizationId);
      return transactionsPage(m, organizationId, filter, page);
    });
  }

  /**
   * Runs `write` once per (organization, kind, idempotency key): an earlier entry under the key is answered
   * again if it was for the same request, and is a CONFLICT if not. Checked after taking the balance lock, so a
   * concurrent first use has committed by then; the unique index is the backstop (its violation aborts the
   * transaction, so the earlier entry is then read in a new one).
   */
  private async withIdempotency(
    organizationId: string,
    kind: Kind,
    idempotencyKey: string,
    requestHash: string,
    manager: EntityManager | undefined,
    write: (m: EntityManager, balance: LockedBalance, now: Date) => Promise<CreditTransactionEntity>,
  ): Promise<LedgerOutcome> {
    const attempt = async (m: EntityManager): Promise<LedgerOutcome> => {
      const now = this.clock.now();
      const balance = await lockBalance(m, organizationId, now);
      const earlier = await findByKey(m, organizationId, kind, idempotencyKey);
      // A replay changes nothing, not even a write-off of lapsed credits.
      if (earlier) return replay(earlier, requestHash);
      await this.settleLapsed(m, balance, now);
      return { transaction: await write(m, balance, now), replayed: false };
    };
    if (manager) return attempt(manager);
    const findEarlier = () => this.database.inTenant(organizationId, (m) => findByKey(m, organizationId, kind, idempotencyKey));
    return this.database.inTenant(organizationId, attempt).catch((error: unknown) => replayAfterLostRace(error, requestHash, findEarlier));
  }

  /** Locks the balance and first writes off subscription credits that lapsed, so nothing spends them. */
  private async openBalance(manager: EntityManager, organizationId: string, now: Date): Promise<LockedBalance> {
    const balance = await lockBalance(manager, organizationId, now);
    await this.settleLapsed(manager, balance, now);
    return balance;
  }

  private async settleLapsed(manager: EntityManager, balance: LockedBalance, now: Date): Promise<void> {
    if (hasLapsed(balance, now)) await this.writeOff(manager, balance, EXPIRY_JOB, now, 'lapsed');
  }

  private async writeOff(manager: EntityManager, balance: LockedBalance, actor: Actor, now: Date, why: string): Promise<void> {
    const amount = balance.subscription;
    const lapsedAt = balance.subscriptionExpiresAt;
    const entry = await appendEntry(manager, balance, { kind: Kind.EXPIRY, subscriptionDelta: -amount, expiresAt: lapsedAt, metadata: { why }, actor }, now);
    await this.audit.record(manager, actor, {
      organizationId: balance.organizationId,
      action: 'credits.expired',
      targetType: 'credit_transaction',
      targetId: entry.id,
      before: { subscription: amount, expiresAt: lapsedAt?.toISOString() ?? null },
      after: { subscription: 0, why },
    });
  }
}

function hasLapsed(balance: LockedBalance, at: Date): boolean {
  return balance.subscription > 0 && balance.subscriptionExpiresAt !== null && balance.subscriptionExpiresAt.getTime() <= at.getTime();
}

/**
 * Two first uses of one key at once: the loser's insert hit the unique index, which aborted its transaction; the
 * winner has committed by then, so its entry is read in a new transaction and answered. Anything else is rethrown.
 */
async function replayAfterLostRace(error: unknown, requestHash: string, findEarlier: () => Promise<CreditTransactionEntity | null>): Promise<LedgerOutcome> {
  if (!isUniqueViolation(error, 'uq_credit_transactions_idempotency')) throw error;
  const earlier = await findEarlier();
  if (!earlier) throw error;
  return replay(earlier, requestHash);
}

function replay(earlier: CreditTransactionEntity, requestHash: string): LedgerOutcome {
  if (earlier.requestHash !== requestHash) throw creditErrors.idempotencyConflict();
  return { transaction: earlier, replayed: true };
}

/** Nearly always a miss (a fresh key): that answer comes from one cheap prepared statement; a hit loads the entry. */
async function findByKey(manager: EntityManager, organizationId: string, kind: Kind, idempotencyKey: string): Promise<CreditTransactionEntity | null> {
  const [hit] = await queryPrepared<{ id: string }>(
    manager,
    'tg_credit_find_key',
    `SELECT id FROM credit_transactions WHERE organization_id = $1 AND kind = $2 AND idempotency_key = $3`,
    [organizationId, kind, idempotencyKey],
  );
  return hit ? manager.findOneBy(CreditTransactionEntity, { id: hit.id }) : null;
}

async function assertOrganizationExists(manager: EntityManager, organizationId: string): Promise<void> {
  const rows = (await manager.query(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId])) as unknown[];
  if (rows.length === 0) throw creditErrors.organizationNotFound();
}

/** The event's unit cost (null: unknown or inactive) and the platform's consumption order, in one round trip. */
async function consumptionPricing(manager: EntityManager, eventKey: string) {
  const [row] = (await queryPrepared(
    manager,
    'tg_credit_pricing',
    `SELECT e.credit_cost, (SELECT s.value #>> '{}' FROM platform_settings s WHERE s.key = $2) AS consumption_order
     FROM credit_events e WHERE e.key = $1 AND e.active`,
    [eventKey, CONSUMPTION_ORDER_SETTING],
  )) as Array<{ credit_cost: number; consumption_order: string | null }>;
  return row ? { creditCost: row.credit_cost, order: consumptionOrderOf(row.consumption_order) } : null;
}
