import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import type { BillingInterval } from '../catalog/catalog.enums';
import type { CatalogService } from '../catalog/catalog.service';
import type { PlanTerms } from './plan-terms';
import { isOlderObservation } from './provider-observation';
import type { SubscriptionCreditsPort } from './subscription-credits.port';
import { grantsPlanAccess } from './subscription-state';
import { SubscriptionStatus as S } from './subscription-status';
import { SubscriptionEntity } from './subscription.entity';
import { type SubscriptionService, snapshot } from './subscription.service';
import { subscriptionErrors } from './subscriptions.errors';

/** A payment provider's (Stripe's) view of one subscription, in Tollgate's terms. */
export interface ProviderSubscriptionState {
  providerSubscriptionId: string;
  providerCustomerId: string | null;
  /** The provider's own status word (kept for the ordering rule and for support). */
  providerStatus: string;
  /** Tollgate's status; with `ended`, the status the subscription ends in (canceled or expired). */
  status: S;
  ended: boolean;
  /** The plan by key; `versionId` when the provider's price names one version exactly. Null: unknown (allowed once ended). */
  plan: { planKey: string; interval: BillingInterval; versionId: string | null } | null;
  periodStart: Date;
  periodEnd: Date;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  billingAnchor: Date;
  /** The plan the provider will bill from `at` on (Stripe: a subscription schedule's next phase); null: nothing scheduled. */
  scheduledChange: { plan: NonNullable<ProviderSubscriptionState['plan']>; at: Date } | null;
  /** When the provider made this observation (Stripe: the event's `created`). */
  observedAt: Date;
}

/** started/updated/ended changed Tollgate; unchanged re-applied the same state; stale was older; ignored had nothing to act on. */
export type ProviderSyncOutcome = 'started' | 'updated' | 'unchanged' | 'ended' | 'stale' | 'ignored';

/**
 * Rules for subscriptions a payment provider bills: Tollgate's subscription follows the provider's, through the
 * same lifecycle (illegal transitions are refused and logged by SubscriptionService.transition), period-start work
 * (credits once per period) and fall-back to the free plan. Each call is one tenant transaction under the
 * current subscription's row lock, so concurrent events of one organization apply one after the other.
 */
export class ProviderSubscriptionService {
  constructor(
    private readonly database: Database,
    private readonly subscriptions: SubscriptionService,
    private readonly catalog: CatalogService,
    private readonly credits: SubscriptionCreditsPort,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
  ) {}

  applyProviderState(organizationId: string, state: ProviderSubscriptionState, actor: Actor): Promise<ProviderSyncOutcome> {
    return this.database.inTenant(organizationId, async (m) => {
      const current = await this.subscriptions.lockCurrent(m, organizationId);
      if (current.stripeSubscriptionId !== state.providerSubscriptionId) {
        const known = await m.findOne(SubscriptionEntity, { where: { organizationId, stripeSubscriptionId: state.providerSubscriptionId } });
        // An ended subscription is history: a late event about it changes nothing.
        if (known) return 'stale';
        // Only a subscription that gives access replaces the current one: an incomplete checkout leaves the
        // organization where it is until Stripe reports it trialing or active.
        if (state.ended || !grantsPlanAccess(state.status)) return 'ignored';
        await this.startFromProvider(m, current, state, actor);
        return 'started';
      }
      const last = { observedAt: current.stripeObservedAt, providerStatus: current.stripeStatus, periodStart: current.currentPeriodStart };
      if (isOlderObservation(last, { observedAt: state.observedAt, providerStatus: state.providerStatus, periodStart: state.periodStart })) return 'stale';
      if (state.ended) {
        this.observe(current, state);
        const action = state.status === S.EXPIRED ? 'subscription.expired' : 'subscription.canceled';
        await this.subscriptions.endAndFallBackToFree(m, current, state.status, state.endedAt ?? this.clock.now(), actor, action);
        return 'ended';
      }
      return this.updateFromProvider(m, current, state, actor);
    });
  }

  /**
   * A payment on the provider's subscription (an invoice paid or failed), applied when it concerns the current
   * subscription and is not older than the last observation: a failure makes it past due; a success recovers a
   * past-due, unpaid or finished-trial subscription (the rules of SubscriptionService.recordPayment*).
   */
  applyProviderPayment(
    organizationId: string,
    payment: { providerSubscriptionId: string; succeeded: boolean; observedAt: Date },
    actor: Actor,
  ): Promise<ProviderSyncOutcome> {
    return this.database.inTenant(organizationId, async (m) => {
      const current = await this.subscriptions.lockCurrent(m, organizationId);
      if (current.stripeSubscriptionId !== payment.providerSubscriptionId) return 'ignored';
      if (current.stripeObservedAt && payment.observedAt < current.stripeObservedAt) return 'stale';
      const before = snapshot(current);
      const target = payment.succeeded ? statusAfterPayment(current, payment.observedAt) : statusAfterFailedPayment(current.status);
      if (target === current.status) return 'unchanged';
      this.subscriptions.transition(current, target);
      // The payment is an observation of the status: an older subscription event must not undo it.
      current.stripeObservedAt = payment.observedAt;
      await m.save(current);
      const action = payment.succeeded ? 'subscription.payment_succeeded' : 'subscription.payment_failed';
      await this.audit.record(m, actor, { organizationId, action, targetType: 'subscription', targetId: current.id, before, after: snapshot(current) });
      return 'updated';
    });
  }

  private async startFromProvider(m: EntityManager, current: SubscriptionEntity, state: ProviderSubscriptionState, actor: Actor): Promise<void> {
    const terms = await this.termsFor(m, state.plan, current);
    await this.subscriptions.end(m, current, S.CANCELED, this.clock.now(), actor, 'subscription.replaced');
    const subscription = m.create(SubscriptionEntity, {
      organizationId: current.organizationId,
      planId: terms.plan.id,
      planVersionId: terms.version.id,
      status: state.status,
      billingInterval: terms.interval,
      stripeSubscriptionId: state.providerSubscriptionId,
    });
    this.copyState(subscription, state);
    await this.scheduleFromProvider(m, subscription, state);
    await m.save(subscription);
    await this.subscriptions.startPeriod(m, subscription, actor);
    await this.audit.record(m, actor, {
      organizationId: current.organizationId,
      action: 'subscription.started',
      targetType: 'subscription',
      targetId: subscription.id,
      after: { ...snapshot(subscription), plan: terms.plan.key, stripeSubscriptionId: state.providerSubscriptionId, stripeStatus: state.providerStatus },
    });
  }

  private async updateFromProvider(m: EntityManager, current: SubscriptionEntity, state: ProviderSubscriptionState, actor: Actor): Promise<ProviderSyncOutcome> {
    const before = { ...snapshot(current), trialEnd: current.trialEnd?.toISOString() ?? null };
    const terms = await this.termsFor(m, state.plan, current);
    const fromVersionId = current.planVersionId;
    const newPeriod = current.currentPeriodStart.getTime() !== state.periodStart.getTime();
    if (current.status !== state.status) this.subscriptions.transition(current, state.status);
    current.planId = terms.plan.id;
    current.planVersionId = terms.version.id;
    current.billingInterval = terms.interval;
    this.copyState(current, state);
    await this.scheduleFromProvider(m, current, state);
    await m.save(current);
    if (newPeriod) {
      await this.subscriptions.startPeriod(m, current, actor);
    } else if (fromVersionId !== terms.version.id) {
      // An upgrade mid-period (the provider prorates the price): the rest of the period gets the extra credits.
      const { version: fromVersion } = await this.subscriptions.termsOf(m, fromVersionId);
      const extraCredits = terms.version.creditsPerPeriod - fromVersion.creditsPerPeriod;
      if (extraCredits > 0) {
        await this.credits.topUpSubscriptionCredits(m, {
          organizationId: current.organizationId,
          periodStart: current.currentPeriodStart,
          periodEnd: current.currentPeriodEnd,
          amount: extraCredits,
          idempotencyKey: `upgrade:${current.id}:${current.currentPeriodStart.toISOString()}:${terms.version.id}`,
          reason: `upgrade to ${terms.plan.key}`,
          actor,
        });
      }
    }
    const after = { ...snapshot(current), trialEnd: current.trialEnd?.toISOString() ?? null };
    if (JSON.stringify(before) === JSON.stringify(after)) return 'unchanged';
    await this.audit.record(m, actor, {
      organizationId: current.organizationId,
      action: 'subscription.synced',
      targetType: 'subscription',
      targetId: current.id,
      before,
      after: { ...after, plan: terms.plan.key, stripeStatus: state.providerStatus },
    });
    return 'updated';
  }

  /**
   * The scheduled change is the provider's: shown while the provider has one, gone once it is released, completed
   * or has taken effect. A schedule that keeps today's plan and interval is no change.
   */
  private async scheduleFromProvider(m: EntityManager, subscription: SubscriptionEntity, state: ProviderSubscriptionState): Promise<void> {
    const next = state.scheduledChange ? await this.termsFor(m, state.scheduledChange.plan, subscription) : null;
    const changes = next !== null && (next.version.id !== subscription.planVersionId || next.interval !== subscription.billingInterval);
    subscription.scheduledPlanVersionId = changes ? next.version.id : null;
    subscription.scheduledBillingInterval = changes ? next.interval : null;
    subscription.scheduledChangeAt = changes ? state.scheduledChange!.at : null;
  }

  /** The plan version to bill: the exact one the provider's price names, else the one the subscriber already has, else the plan's current one. */
  private async termsFor(m: EntityManager, plan: ProviderSubscriptionState['plan'], current: SubscriptionEntity): Promise<PlanTerms & { interval: BillingInterval }> {
    if (!plan) throw subscriptionErrors.unknownPlan();
    if (plan.versionId) return { ...(await this.subscriptions.termsOf(m, plan.versionId)), interval: plan.interval };
    const found = await this.catalog.getPlanByKey(plan.planKey, m);
    // Archived plans keep their paying subscribers: Stripe bills them, so Tollgate follows.
    if (!found?.currentVersionId) throw subscriptionErrors.unknownPlan();
    const versionId = current.planId === found.id ? current.planVersionId : found.currentVersionId;
    return { ...(await this.subscriptions.termsOf(m, versionId)), interval: plan.interval };
  }

  private copyState(subscription: SubscriptionEntity, state: ProviderSubscriptionState): void {
    subscription.currentPeriodStart = state.periodStart;
    subscription.currentPeriodEnd = state.periodEnd;
    subscription.billingAnchorDay = state.billingAnchor.getUTCDate();
    subscription.trialEnd = state.trialEnd;
    subscription.cancelAtPeriodEnd = state.cancelAtPeriodEnd;
    subscription.canceledAt = state.cancelAtPeriodEnd ? (state.canceledAt ?? subscription.canceledAt ?? state.observedAt) : null;
    subscription.stripeCustomerId = state.providerCustomerId ?? subscription.stripeCustomerId ?? null;
    this.observe(subscription, state);
  }

  private observe(subscription: SubscriptionEntity, state: ProviderSubscriptionState): void {
    subscription.stripeObservedAt = state.observedAt;
    subscription.stripeStatus = state.providerStatus;
  }
}

/** recordPaymentSucceeded's rule: past due, unpaid, incomplete or a finished trial become active. */
export function statusAfterPayment(current: Pick<SubscriptionEntity, 'status' | 'trialEnd'>, at: Date): S {
  if (current.status === S.ACTIVE) return S.ACTIVE;
  if (current.status === S.TRIALING && current.trialEnd && current.trialEnd > at) return S.TRIALING;
  return S.ACTIVE;
}

/** recordPaymentFailed's rule: a live subscription becomes past due; unpaid stays unpaid (it is further along). */
export function statusAfterFailedPayment(status: S): S {
  return status === S.UNPAID ? S.UNPAID : S.PAST_DUE;
}
