import type { Logger } from 'pino';
import { Not, In, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { BillingInterval } from '../catalog/catalog.enums';
import { addDays, addInterval } from './billing-period';
import { FREE_PLAN_KEY, type PlanTerms, assertPriced, isUpgrade } from './plan-terms';
import type { CatalogService } from '../catalog/catalog.service';
import type { SubscriptionCreditsPort } from './subscription-credits.port';
import { SubscriptionPeriodEntity } from './subscription-period.entity';
import { ENDED_STATUSES, canTransition } from './subscription-state';
import { SubscriptionStatus as S } from './subscription-status';
import { SubscriptionEntity } from './subscription.entity';
import { subscriptionErrors } from './subscriptions.errors';

export interface CurrentSubscription extends PlanTerms {
  subscription: SubscriptionEntity;
  scheduled: (PlanTerms & { interval: BillingInterval; at: Date }) | null;
}

export interface ChangePlanRequest {
  planKey: string;
  interval: BillingInterval;
  actor: Actor;
  /** Platform admins may apply a downgrade now instead of at the period end. */
  force?: boolean;
  /** Tenants may only downgrade here: upgrades are paid through checkout. */
  allowUpgrade: boolean;
}

export type ChangePlanOutcome = 'upgraded' | 'downgrade_scheduled' | 'downgraded';

/**
 * The subscription lifecycle. Every change locks the organization's current row, checks the transition,
 * writes an audit entry and commits in one transaction. Webhook handlers (Stripe) call the same methods.
 */
export class SubscriptionService {
  constructor(
    private readonly database: Database,
    private readonly catalog: CatalogService,
    private readonly credits: SubscriptionCreditsPort,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A new organization starts on the free plan (inside the caller's transaction). */
  async startFreePlan(manager: EntityManager, organizationId: string, actor: Actor): Promise<SubscriptionEntity> {
    const terms = await this.currentTerms(manager, FREE_PLAN_KEY);
    return this.begin(manager, organizationId, terms, BillingInterval.MONTH, { trial: false, actor, start: this.clock.now() });
  }

  async current(organizationId: string): Promise<CurrentSubscription> {
    return this.database.inTenant(organizationId, (m) => this.describe(m, organizationId));
  }

  /** Starts a paid (or any) plan now, ending the current subscription. Used by checkout completion and admins. */
  async subscribe(organizationId: string, request: { planKey: string; interval: BillingInterval; trial: boolean; actor: Actor }): Promise<CurrentSubscription> {
    return this.database.inTenant(organizationId, async (m) => {
      const current = await this.lockCurrent(m, organizationId);
      const terms = await this.currentTerms(m, request.planKey);
      assertPriced(terms.version, request.interval);
      const now = this.clock.now();
      await this.end(m, current, S.CANCELED, now, request.actor, 'subscription.replaced');
      await this.begin(m, organizationId, terms, request.interval, { trial: request.trial, actor: request.actor, start: now });
      return this.describe(m, organizationId);
    });
  }

  async changePlan(organizationId: string, request: ChangePlanRequest): Promise<{ outcome: ChangePlanOutcome; subscription: CurrentSubscription }> {
    return this.database.inTenant(organizationId, async (m) => {
      const current = await this.lockCurrent(m, organizationId);
      const from = { ...(await this.termsOf(m, current.planVersionId)), interval: current.billingInterval };
      const to = { ...(await this.currentTerms(m, request.planKey)), interval: request.interval };
      assertPriced(to.version, to.interval);
      if (from.plan.id === to.plan.id && from.interval === to.interval && from.version.id === to.version.id) throw subscriptionErrors.samePlan();
      const before = snapshot(current);
      let outcome: ChangePlanOutcome;
      if (isUpgrade(from, to) || request.force) {
        if (isUpgrade(from, to) && !request.allowUpgrade) throw subscriptionErrors.upgradeNeedsCheckout();
        outcome = isUpgrade(from, to) ? 'upgraded' : 'downgraded';
        await this.applyPlanNow(m, current, to, request.actor);
      } else {
        outcome = 'downgrade_scheduled';
        current.scheduledPlanVersionId = to.version.id;
        current.scheduledBillingInterval = to.interval;
        current.scheduledChangeAt = current.currentPeriodEnd;
        await m.save(current);
      }
      await this.audit.record(m, request.actor, {
        organizationId,
        action: `subscription.${outcome}`,
        targetType: 'subscription',
        targetId: current.id,
        before,
        after: { ...snapshot(current), toPlan: to.plan.key, toInterval: to.interval },
      });
      return { outcome, subscription: await this.describe(m, organizationId) };
    });
  }

  async undoScheduledChange(organizationId: string, actor: Actor): Promise<CurrentSubscription> {
    return this.mutate(organizationId, actor, 'subscription.scheduled_change_undone', (current) => {
      if (!current.scheduledPlanVersionId) throw subscriptionErrors.nothingScheduled();
      current.scheduledPlanVersionId = null;
      current.scheduledBillingInterval = null;
      current.scheduledChangeAt = null;
    });
  }

  /** At period end: keeps access until then (Stripe's cancel_at_period_end). Now: ends it and drops to free. */
  async cancel(organizationId: string, request: { atPeriodEnd: boolean; actor: Actor }): Promise<CurrentSubscription> {
    if (request.atPeriodEnd) {
      return this.mutate(organizationId, request.actor, 'subscription.cancel_scheduled', async (current, m) => {
        if ((await this.termsOf(m, current.planVersionId)).plan.key === FREE_PLAN_KEY) throw subscriptionErrors.freePlanCannotCancel();
        if (current.cancelAtPeriodEnd) throw subscriptionErrors.alreadyCanceling();
        current.cancelAtPeriodEnd = true;
        current.canceledAt = this.clock.now();
      });
    }
    return this.database.inTenant(organizationId, async (m) => {
      const current = await this.lockCurrent(m, organizationId);
      if ((await this.termsOf(m, current.planVersionId)).plan.key === FREE_PLAN_KEY) throw subscriptionErrors.freePlanCannotCancel();
      await this.endAndFallBackToFree(m, current, S.CANCELED, this.clock.now(), request.actor, 'subscription.canceled');
      return this.describe(m, organizationId);
    });
  }

  async resume(organizationId: string, actor: Actor): Promise<CurrentSubscription> {
    return this.mutate(organizationId, actor, 'subscription.resumed', (current) => {
      if (!current.cancelAtPeriodEnd) throw subscriptionErrors.notCanceling();
      current.cancelAtPeriodEnd = false;
      current.canceledAt = null;
    });
  }

  /** A payment failed (renewal or trial end): the subscription is past due until a retry succeeds. */
  recordPaymentFailed(organizationId: string, actor: Actor): Promise<CurrentSubscription> {
    return this.mutate(organizationId, actor, 'subscription.payment_failed', (current) => this.transition(current, S.PAST_DUE));
  }

  /** A payment succeeded: past due, unpaid, incomplete or a finished trial become active. */
  recordPaymentSucceeded(organizationId: string, actor: Actor): Promise<CurrentSubscription> {
    return this.mutate(organizationId, actor, 'subscription.payment_succeeded', (current) => {
      if (current.status === S.ACTIVE) return;
      if (current.status === S.TRIALING && current.trialEnd && current.trialEnd > this.clock.now()) return;
      this.transition(current, S.ACTIVE);
    });
  }

  /** Ends the subscription without renewal (e.g. Stripe deleted it): the organization drops to the free plan. */
  async expire(organizationId: string, actor: Actor): Promise<CurrentSubscription> {
    return this.database.inTenant(organizationId, async (m) => {
      const current = await this.lockCurrent(m, organizationId);
      await this.endAndFallBackToFree(m, current, S.EXPIRED, this.clock.now(), actor, 'subscription.expired');
      return this.describe(m, organizationId);
    });
  }

  // ---- shared steps, all inside the caller's transaction ----

  /** The plan a new subscriber gets for `planKey`: its current version. Archived plans take nobody new. */
  async currentTerms(manager: EntityManager, planKey: string): Promise<PlanTerms> {
    const plan = await this.catalog.getPlanByKey(planKey, manager);
    if (!plan?.currentVersionId) throw subscriptionErrors.unknownPlan();
    if (plan.archivedAt) throw subscriptionErrors.planArchived();
    return this.termsOf(manager, plan.currentVersionId);
  }

  /** A subscription's (or a scheduled change's) plan version with its plan; they are never deleted. */
  async termsOf(manager: EntityManager, planVersionId: string): Promise<PlanTerms> {
    const version = await this.catalog.getPlanVersion(planVersionId, manager);
    const plan = version && (await this.catalog.getPlan(version.planId, manager));
    if (!version || !plan) throw new Error(`plan version ${planVersionId} is missing`);
    return { plan, version };
  }

  /** Refuses and logs any transition the lifecycle does not allow. */
  transition(subscription: SubscriptionEntity, to: S): void {
    if (!canTransition(subscription.status, to)) {
      this.logger.warn({ subscriptionId: subscription.id, from: subscription.status, to }, 'illegal subscription transition refused');
      throw subscriptionErrors.illegalTransition(subscription.status, to);
    }
    subscription.status = to;
  }

  async lockCurrent(manager: EntityManager, organizationId: string): Promise<SubscriptionEntity> {
    // When a concurrent transaction replaces the current row (end + begin), this read waits for its lock, then
    // finds the old row ended and cannot see the new one (READ COMMITTED: one snapshot per statement). A second
    // read, with a fresh snapshot, finds the new current row.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const current = await manager.findOne(SubscriptionEntity, {
        where: { organizationId, status: Not(In([...ENDED_STATUSES])) },
        lock: { mode: 'pessimistic_write' },
      });
      if (current) return current;
    }
    throw subscriptionErrors.notFound();
  }

  /** Creates the current subscription from `start` and runs period-start work for its first period. */
  async begin(
    manager: EntityManager,
    organizationId: string,
    terms: PlanTerms,
    interval: BillingInterval,
    options: { trial: boolean; actor: Actor; start: Date },
  ): Promise<SubscriptionEntity> {
    const trialing = options.trial && terms.version.trialDays > 0;
    const end = trialing ? addDays(options.start, terms.version.trialDays) : addInterval(options.start, interval);
    const subscription = await manager.save(
      manager.create(SubscriptionEntity, {
        organizationId,
        planId: terms.plan.id,
        planVersionId: terms.version.id,
        status: trialing ? S.TRIALING : S.ACTIVE,
        billingInterval: interval,
        currentPeriodStart: options.start,
        currentPeriodEnd: end,
        // Paid periods start where the trial ends.
        billingAnchorDay: (trialing ? end : options.start).getUTCDate(),
        trialEnd: trialing ? end : null,
      }),
    );
    await this.startPeriod(manager, subscription, options.actor);
    await this.audit.record(manager, options.actor, {
      organizationId,
      action: 'subscription.started',
      targetType: 'subscription',
      targetId: subscription.id,
      after: { ...snapshot(subscription), plan: terms.plan.key },
    });
    return subscription;
  }

  /** Period-start work, exactly once per period: the period row is the guard, the ledger grant is idempotent too. */
  async startPeriod(manager: EntityManager, subscription: SubscriptionEntity, actor: Actor): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(SubscriptionPeriodEntity)
      .values({
        organizationId: subscription.organizationId,
        subscriptionId: subscription.id,
        planVersionId: subscription.planVersionId,
        periodStart: subscription.currentPeriodStart,
        periodEnd: subscription.currentPeriodEnd,
      })
      .orIgnore()
      .execute();
    if ((inserted.identifiers.filter(Boolean).length ?? 0) === 0) return false;
    const { version } = await this.termsOf(manager, subscription.planVersionId);
    await this.credits.grantSubscriptionCredits(manager, {
      organizationId: subscription.organizationId,
      subscriptionId: subscription.id,
      periodStart: subscription.currentPeriodStart,
      periodEnd: subscription.currentPeriodEnd,
      amount: version.creditsPerPeriod,
      actor,
    });
    return true;
  }

  async endAndFallBackToFree(manager: EntityManager, current: SubscriptionEntity, status: S, at: Date, actor: Actor, action: string): Promise<void> {
    await this.end(manager, current, status, at, actor, action);
    await this.credits.expireSubscriptionCredits(manager, { organizationId: current.organizationId, at, actor });
    await this.begin(manager, current.organizationId, await this.currentTerms(manager, FREE_PLAN_KEY), BillingInterval.MONTH, { trial: false, actor, start: at });
  }

  async describe(manager: EntityManager, organizationId: string): Promise<CurrentSubscription> {
    const subscription = await manager.findOne(SubscriptionEntity, { where: { organizationId, status: Not(In([...ENDED_STATUSES])) } });
    if (!subscription) throw subscriptionErrors.notFound();
    const terms = await this.termsOf(manager, subscription.planVersionId);
    const scheduled =
      subscription.scheduledPlanVersionId && subscription.scheduledChangeAt
        ? {
            ...(await this.termsOf(manager, subscription.scheduledPlanVersionId)),
            interval: subscription.scheduledBillingInterval ?? subscription.billingInterval,
            at: subscription.scheduledChangeAt,
          }
        : null;
    return { subscription, ...terms, scheduled };
  }

  async end(manager: EntityManager, current: SubscriptionEntity, status: S, at: Date, actor: Actor, action: string): Promise<void> {
    const before = snapshot(current);
    this.transition(current, status);
    current.endedAt = at;
    current.canceledAt ??= status === S.CANCELED ? at : null;
    await manager.save(current);
    await this.audit.record(manager, actor, { organizationId: current.organizationId, action, targetType: 'subscription', targetId: current.id, before, after: snapshot(current) });
  }

  /** Upgrades (or forced downgrades) take effect now, keeping the billing period. */
  private async applyPlanNow(manager: EntityManager, current: SubscriptionEntity, to: PlanTerms & { interval: BillingInterval }, actor: Actor): Promise<void> {
    const now = this.clock.now();
    const intervalChanged = current.billingInterval !== to.interval;
    const { version: fromVersion } = await this.termsOf(manager, current.planVersionId);
    current.planId = to.plan.id;
    current.planVersionId = to.version.id;
    current.billingInterval = to.interval;
    current.scheduledPlanVersionId = null;
    current.scheduledBillingInterval = null;
    current.scheduledChangeAt = null;
    if (intervalChanged) {
      // A new interval starts a new billing period now (as Stripe does), which grants the new plan's credits.
      current.currentPeriodStart = now;
      current.currentPeriodEnd = addInterval(now, to.interval);
      current.billingAnchorDay = now.getUTCDate();
      await manager.save(current);
      await this.startPeriod(manager, current, actor);
      return;
    }
    await manager.save(current);
    // The rest of this period gets the bigger plan's extra credits at once (nothing is taken back on a downgrade).
    const extraCredits = to.version.creditsPerPeriod - fromVersion.creditsPerPeriod;
    if (extraCredits > 0) {
      await this.credits.topUpSubscriptionCredits(manager, {
        organizationId: current.organizationId,
        periodStart: current.currentPeriodStart,
        periodEnd: current.currentPeriodEnd,
        amount: extraCredits,
        idempotencyKey: `upgrade:${current.id}:${current.currentPeriodStart.toISOString()}:${to.version.id}`,
        reason: `upgrade to ${to.plan.key}`,
        actor,
      });
    }
  }

  private mutate(organizationId: string, actor: Actor, action: string, change: (current: SubscriptionEntity, manager: EntityManager) => void | Promise<void>): Promise<CurrentSubscription> {
    return this.database.inTenant(organizationId, async (m) => {
      const current = await this.lockCurrent(m, organizationId);
      const before = snapshot(current);
      await change(current, m);
      await m.save(current);
      await this.audit.record(m, actor, { organizationId, action, targetType: 'subscription', targetId: current.id, before, after: snapshot(current) });
      return this.describe(m, organizationId);
    });
  }
}

/** What an audit entry shows of a subscription. */
export function snapshot(subscription: SubscriptionEntity): Record<string, unknown> {
  return {
    status: subscription.status,
    planVersionId: subscription.planVersionId,
    billingInterval: subscription.billingInterval,
    currentPeriodStart: subscription.currentPeriodStart?.toISOString(),
    currentPeriodEnd: subscription.currentPeriodEnd?.toISOString(),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    scheduledPlanVersionId: subscription.scheduledPlanVersionId,
  };
}
