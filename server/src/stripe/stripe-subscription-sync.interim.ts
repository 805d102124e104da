import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database';
import type { Actor } from '../modules/audit/actor';
import type { AuditLogService } from '../modules/audit/audit-log.service';
import { BillingInterval } from '../modules/catalog/catalog.enums';
import { PlanEntitlementEntity } from '../modules/catalog/plan-entitlement.entity';
import { PlanVersionEntity } from '../modules/catalog/plan-version.entity';
import { canTransition } from '../modules/subscriptions/subscription-state';
import { SubscriptionStatus as S } from '../modules/subscriptions/subscription-status';
import type { SubscriptionEntity } from '../modules/subscriptions/subscription.entity';
import { type SubscriptionService, snapshot } from '../modules/subscriptions/subscription.service';
import { currentPeriodOf } from './stripe-subscription-items';
import { STRIPE_METADATA, type StripeSubscriptionSync } from './stripe-subscription-sync.port';

/**
 * INTERIM, to be replaced at merge by the webhook branch's StripeSubscriptionSync (stripe-webhooks). Just enough
 * for the billing calls and their tests: it links a Stripe subscription to the organization and mirrors plan,
 * interval, period, status, cancel-at-period-end and a scheduled downgrade (from the expanded schedule). It does
 * not order observations, top up credits on an upgrade, or look anything up in Stripe.
 */
export class InterimStripeSubscriptionSync implements StripeSubscriptionSync {
  constructor(
    private readonly database: Database,
    private readonly subscriptions: SubscriptionService,
    private readonly audit: AuditLogService,
  ) {}

  async apply(stripeSubscription: Stripe.Subscription, observedAt: Date, actor: Actor): Promise<void> {
    const organizationId = stripeSubscription.metadata[STRIPE_METADATA.organizationId];
    if (!organizationId) throw new Error(`Stripe subscription ${stripeSubscription.id} has no ${STRIPE_METADATA.organizationId}`);
    await this.database.inTenant(organizationId, async (m) => {
      const current = await this.subscriptions.lockCurrent(m, organizationId);
      const before = snapshot(current);
      const ended = stripeSubscription.status === 'canceled' || stripeSubscription.status === 'incomplete_expired';
      if (ended) {
        if (current.stripeSubscriptionId === stripeSubscription.id) {
          await this.subscriptions.endAndFallBackToFree(m, current, S.CANCELED, observedAt, actor, 'subscription.canceled');
        }
        return;
      }
      const target = await this.planOf(m, stripeSubscription.items.data);
      const period = currentPeriodOf(stripeSubscription);
      let subscription = current;
      const linking = current.stripeSubscriptionId !== stripeSubscription.id;
      if (linking) {
        // A new Stripe subscription (checkout completed) replaces whatever the organization had.
        current.status = S.CANCELED;
        current.endedAt = observedAt;
        current.canceledAt ??= observedAt;
        await m.save(current);
        const terms = await this.subscriptions.termsOf(m, target.versionId);
        subscription = await this.subscriptions.begin(m, organizationId, terms, target.interval, {
          trial: stripeSubscription.status === 'trialing',
          actor,
          start: new Date(period.start * 1000),
        });
        subscription.stripeSubscriptionId = stripeSubscription.id;
        subscription.stripeCustomerId = typeof stripeSubscription.customer === 'string' ? stripeSubscription.customer : stripeSubscription.customer.id;
      }
      const terms = await this.subscriptions.termsOf(m, target.versionId);
      subscription.planId = terms.plan.id;
      subscription.planVersionId = target.versionId;
      subscription.billingInterval = target.interval;
      subscription.currentPeriodStart = new Date(period.start * 1000);
      subscription.currentPeriodEnd = new Date(period.end * 1000);
      const status = stripeSubscription.status as S;
      if (status !== subscription.status && canTransition(subscription.status, status)) subscription.status = status;
      subscription.cancelAtPeriodEnd = stripeSubscription.cancel_at_period_end;
      subscription.canceledAt = stripeSubscription.canceled_at ? new Date(stripeSubscription.canceled_at * 1000) : null;
      await this.mirrorSchedule(m, subscription, stripeSubscription, period.end);
      await m.save(subscription);
      // A renewed (or restarted) period's credits, once; a newly linked subscription got its first period from begin().
      if (!linking) await this.subscriptions.startPeriod(m, subscription, actor);
      await this.audit.record(m, actor, {
        organizationId,
        action: 'subscription.stripe_synced',
        targetType: 'subscription',
        targetId: subscription.id,
        before,
        after: { ...snapshot(subscription), stripeSubscriptionId: stripeSubscription.id },
      });
    });
  }

  /** The phase after the current one of an expanded schedule is Tollgate's scheduled change; none clears it. */
  private async mirrorSchedule(m: EntityManager, subscription: SubscriptionEntity, stripeSubscription: Stripe.Subscription, periodEnd: number): Promise<void> {
    const schedule = typeof stripeSubscription.schedule === 'object' ? stripeSubscription.schedule : null;
    const next = schedule?.status === 'active' ? schedule.phases.find((phase) => phase.start_date >= periodEnd) : undefined;
    const nextPlan = next ? await this.planOf(m, next.items.map((item) => ({ price: item.price }))) : null;
    subscription.scheduledPlanVersionId = nextPlan?.versionId ?? null;
    subscription.scheduledBillingInterval = nextPlan?.interval ?? null;
    subscription.scheduledChangeAt = next ? new Date(next.start_date * 1000) : null;
  }

  /** The plan version and interval whose flat (or, failing that, metered) Stripe price is among these items. */
  private async planOf(m: EntityManager, items: Array<{ price: string | Stripe.Price | Stripe.DeletedPrice }>): Promise<{ versionId: string; interval: BillingInterval }> {
    const priceIds = items.map((item) => (typeof item.price === 'string' ? item.price : item.price.id));
    for (const priceId of priceIds) {
      const monthly = await m.findOneBy(PlanVersionEntity, { stripeMonthlyPriceId: priceId });
      if (monthly) return { versionId: monthly.id, interval: BillingInterval.MONTH };
      const yearly = await m.findOneBy(PlanVersionEntity, { stripeYearlyPriceId: priceId });
      if (yearly) return { versionId: yearly.id, interval: BillingInterval.YEAR };
    }
    for (const priceId of priceIds) {
      const entitlement = await m.findOneBy(PlanEntitlementEntity, [{ stripeOverageMonthlyPriceId: priceId }, { stripeOverageYearlyPriceId: priceId }]);
      if (entitlement) return { versionId: entitlement.planVersionId, interval: entitlement.stripeOverageYearlyPriceId === priceId ? BillingInterval.YEAR : BillingInterval.MONTH };
    }
    throw new Error(`none of the Stripe prices ${priceIds.join(', ')} belongs to a plan version`);
  }
}
