import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { type Actor, systemActor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { periodContaining } from './billing-period';
import { SubscriptionStatus as S } from './subscription-status';
import { SubscriptionEntity } from './subscription.entity';
import { type SubscriptionService, snapshot } from './subscription.service';

const BATCH = 100;

/**
 * Time-driven subscription work for subscriptions Tollgate renews itself (no Stripe subscription: the free plan,
 * admin-assigned plans): at a period end, apply cancel-at-period-end, scheduled downgrades and trial ends, then
 * start the next period (credits granted once). Safe to run on several instances at once: rows are claimed with
 * FOR UPDATE SKIP LOCKED and each period's start is recorded once.
 */
export class SubscriptionRenewalService {
  constructor(
    private readonly database: Database,
    private readonly subscriptions: SubscriptionService,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Renews every due subscription; returns how many were advanced. */
  async advanceDue(actor: Actor = systemActor('subscription-renewal')): Promise<number> {
    let advanced = 0;
    for (;;) {
      const due = await this.claimDueIds();
      if (due.length === 0) return advanced;
      for (const { id, organizationId } of due) {
        try {
          if (await this.database.inTenant(organizationId, (m) => this.advanceOne(m, id, actor))) advanced += 1;
        } catch (error) {
          this.logger.error({ err: error, subscriptionId: id }, 'subscription renewal failed; will retry on the next run');
        }
      }
      if (due.length < BATCH) return advanced;
    }
  }

  /** Ids only: each subscription is then advanced in its own tenant transaction under its own row lock. */
  private claimDueIds(): Promise<Array<{ id: string; organizationId: string }>> {
    return this.database.asPlatform((m) =>
      m
        .createQueryBuilder(SubscriptionEntity, 's')
        .select(['s.id', 's.organizationId'])
        .where('s.current_period_end <= :now', { now: this.clock.now() })
        .andWhere(`s.status NOT IN ('canceled', 'expired')`)
        .andWhere('s.stripe_subscription_id IS NULL')
        .orderBy('s.current_period_end', 'ASC')
        .limit(BATCH)
        .getMany(),
    );
  }

  private async advanceOne(manager: EntityManager, subscriptionId: string, actor: Actor): Promise<boolean> {
    const now = this.clock.now();
    const subscription = await manager
      .createQueryBuilder(SubscriptionEntity, 's')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('s.id = :subscriptionId', { subscriptionId })
      .getOne();
    // Another instance holds it, or it was advanced or ended meanwhile.
    if (!subscription || subscription.currentPeriodEnd > now || subscription.endedAt) return false;
    const periodEnd = subscription.currentPeriodEnd;

    if (subscription.cancelAtPeriodEnd) {
      await this.subscriptions.endAndFallBackToFree(manager, subscription, S.CANCELED, periodEnd, actor, 'subscription.canceled_at_period_end');
      return true;
    }
    const before = snapshot(subscription);
    if (subscription.scheduledPlanVersionId) {
      const scheduled = await this.subscriptions.termsOf(manager, subscription.scheduledPlanVersionId);
      subscription.planId = scheduled.plan.id;
      subscription.planVersionId = scheduled.version.id;
      subscription.billingInterval = subscription.scheduledBillingInterval ?? subscription.billingInterval;
      subscription.scheduledPlanVersionId = null;
      subscription.scheduledBillingInterval = null;
      subscription.scheduledChangeAt = null;
    }
    if (subscription.status === S.TRIALING) {
      // Locally renewed subscriptions are complimentary: a trial simply becomes active.
      this.subscriptions.transition(subscription, S.ACTIVE);
      subscription.trialEnd = subscription.trialEnd ?? periodEnd;
    }
    // Periods missed while no instance ran are skipped, not granted retroactively.
    const next = periodContaining(periodEnd, subscription.billingInterval, now, subscription.billingAnchorDay);
    subscription.currentPeriodStart = next.start;
    subscription.currentPeriodEnd = next.end;
    await manager.save(subscription);
    await this.subscriptions.startPeriod(manager, subscription, actor);
    await this.audit.record(manager, actor, {
      organizationId: subscription.organizationId,
      action: 'subscription.renewed',
      targetType: 'subscription',
      targetId: subscription.id,
      before,
      after: snapshot(subscription),
    });
    return true;
  }
}
