import type Stripe from 'stripe';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { StripeBillingGateway } from '../../stripe/stripe-billing.gateway';
import type { StripeSubscriptionSync } from '../../stripe/stripe-subscription-sync.port';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { FREE_PLAN_KEY, assertPriced, isUpgrade } from '../subscriptions/plan-terms';
import type { ChangePlanOutcome, ChangePlanRequest, CurrentSubscription, SubscriptionService } from '../subscriptions/subscription.service';
import { subscriptionErrors } from '../subscriptions/subscriptions.errors';
import { billingErrors } from './billing.errors';
import { subscriptionPricesOf } from './subscription-prices';

/**
 * Plan changes, cancel and resume. A subscription Stripe bills (stripe_subscription_id set) changes in Stripe
 * first; Stripe's answer then goes through StripeSubscriptionSync, so the caller sees the new state at once and
 * the webhook that follows changes nothing. Every other subscription (free plan, admin-managed) is Tollgate's own
 * and keeps SubscriptionService's behaviour. Upgrade or downgrade is decided by the domain rules (plan-terms.ts).
 */
export class PlanChangeService {
  constructor(
    private readonly database: Database,
    private readonly subscriptions: SubscriptionService,
    private readonly stripe: StripeBillingGateway,
    private readonly sync: StripeSubscriptionSync,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
  ) {}

  async changePlan(organizationId: string, request: ChangePlanRequest): Promise<{ outcome: ChangePlanOutcome; subscription: CurrentSubscription }> {
    const current = await this.subscriptions.current(organizationId);
    const stripeSubscriptionId = current.subscription.stripeSubscriptionId;
    if (!stripeSubscriptionId) return this.subscriptions.changePlan(organizationId, request);

    const target = await this.database.inTenant(organizationId, async (m) => {
      const to = { ...(await this.subscriptions.currentTerms(m, request.planKey)), interval: request.interval };
      if (to.plan.key === FREE_PLAN_KEY) throw billingErrors.freePlanMeansCancel();
      assertPriced(to.version, to.interval);
      const from = { plan: current.plan, version: current.version, interval: current.subscription.billingInterval };
      if (from.version.id === to.version.id && from.interval === to.interval) throw subscriptionErrors.samePlan();
      return { ...to, upgrade: isUpgrade(from, to), prices: await subscriptionPricesOf(m, to.plan, to.version, to.interval) };
    });
    // Paid through the subscription's payment method, so tenants may upgrade here (a free plan upgrades via Checkout).
    const now = target.upgrade || request.force;
    const change = { subscriptionId: stripeSubscriptionId, planKey: target.plan.key, interval: target.interval, prices: target.prices, fromState: stateOf(current) };
    const outcome: ChangePlanOutcome = target.upgrade ? 'upgraded' : now ? 'downgraded' : 'downgrade_scheduled';
    const updated = now ? await this.stripe.changeSubscriptionPrice(change) : await this.stripe.scheduleDowngrade(change);
    const subscription = await this.applied(organizationId, updated, request.actor, `billing.stripe_${outcome}`, {
      toPlan: target.plan.key,
      toPlanVersion: target.version.version,
      toInterval: target.interval,
      proration: now ? 'always_invoice' : 'none',
    });
    return { outcome, subscription };
  }

  async undoScheduledChange(organizationId: string, actor: Actor): Promise<CurrentSubscription> {
    const current = await this.subscriptions.current(organizationId);
    const stripeSubscriptionId = current.subscription.stripeSubscriptionId;
    if (!stripeSubscriptionId) return this.subscriptions.undoScheduledChange(organizationId, actor);
    if (!current.scheduled) throw subscriptionErrors.nothingScheduled();
    const updated = await this.stripe.releaseScheduledDowngrade(stripeSubscriptionId);
    return this.applied(organizationId, updated, actor, 'billing.stripe_scheduled_change_released', { releasedPlan: current.scheduled.plan.key });
  }

  async cancel(organizationId: string, request: { atPeriodEnd: boolean; actor: Actor }): Promise<CurrentSubscription> {
    const current = await this.subscriptions.current(organizationId);
    const stripeSubscriptionId = current.subscription.stripeSubscriptionId;
    if (!stripeSubscriptionId) return this.subscriptions.cancel(organizationId, request);
    if (request.atPeriodEnd && current.subscription.cancelAtPeriodEnd) throw subscriptionErrors.alreadyCanceling();
    const updated = request.atPeriodEnd
      ? await this.stripe.cancelAtPeriodEnd(stripeSubscriptionId, stateOf(current))
      : await this.stripe.cancelNow(stripeSubscriptionId);
    return this.applied(organizationId, updated, request.actor, request.atPeriodEnd ? 'billing.stripe_cancel_scheduled' : 'billing.stripe_canceled', {});
  }

  async resume(organizationId: string, actor: Actor): Promise<CurrentSubscription> {
    const current = await this.subscriptions.current(organizationId);
    const stripeSubscriptionId = current.subscription.stripeSubscriptionId;
    if (!stripeSubscriptionId) return this.subscriptions.resume(organizationId, actor);
    if (!current.subscription.cancelAtPeriodEnd) throw subscriptionErrors.notCanceling();
    const updated = await this.stripe.resume(stripeSubscriptionId, stateOf(current));
    return this.applied(organizationId, updated, actor, 'billing.stripe_resumed', {});
  }

  /**
   * Stripe accepted the change: Tollgate follows it now (the sync writes the subscription and its own audit entry
   * in one transaction) and the audit log records which Stripe request made it.
   */
  private async applied(organizationId: string, stripeSubscription: Stripe.Subscription, actor: Actor, action: string, details: Record<string, unknown>): Promise<CurrentSubscription> {
    await this.sync.apply(stripeSubscription, this.clock.now(), actor);
    return this.database.inTenant(organizationId, async (m) => {
      const after = await this.subscriptions.describe(m, organizationId);
      await this.audit.record(m, actor, {
        organizationId,
        action,
        targetType: 'subscription',
        targetId: after.subscription.id,
        after: { ...details, stripeSubscriptionId: stripeSubscription.id, stripeStatus: stripeSubscription.status, cancelAtPeriodEnd: stripeSubscription.cancel_at_period_end },
      });
      return after;
    });
  }
}

/** Tollgate's row version: the state a change starts from (part of its idempotency key). */
const stateOf = (current: CurrentSubscription) => `${current.subscription.id}@${current.subscription.version}`;
