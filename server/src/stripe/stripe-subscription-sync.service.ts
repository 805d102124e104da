import type Stripe from 'stripe';
import type { Database } from '../db/database';
import type { Actor } from '../modules/audit/actor';
import { BillingInterval } from '../modules/catalog/catalog.enums';
import type { ProviderSubscriptionService, ProviderSubscriptionState, ProviderSyncOutcome } from '../modules/subscriptions/provider-subscription.service';
import { isUuid } from '../shared/uuid';
import type { StripeBillingGateway } from './stripe-billing.gateway';
import { type PlanReference, nextScheduledPhaseOf, subscriptionView } from './stripe-subscription.mapper';
import type { StripeSubscriptionSync } from './stripe-subscription-sync.port';

export interface StripeSyncResult {
  organizationId: string;
  outcome: ProviderSyncOutcome;
}

/** A Stripe object Tollgate cannot place (a price that names no plan): the event fails and is retried, visibly. */
export class StripeSyncError extends Error {}

/**
 * A Stripe object of no Tollgate organization: another product or another deployment (staging and development often
 * share one Stripe test account) on the same account. Its event is stored and ignored, not failed and retried:
 * Tollgate's own objects always name their organization (metadata) or a customer it stored before creating them.
 */
export class ForeignStripeObject extends Error {}

/**
 * Stripe's view of a subscription → Tollgate's: finds the organization and the plan, then hands a plain state to
 * ProviderSubscriptionService, which owns the rules (lifecycle, credits once per period, fall-back to free,
 * out-of-order safety).
 */
export class StripeSubscriptionSyncService implements StripeSubscriptionSync {
  constructor(
    private readonly database: Database,
    private readonly providerSubscriptions: ProviderSubscriptionService,
    private readonly stripe: Pick<StripeBillingGateway, 'retrieveSubscription' | 'retrieveSubscriptionSchedule'>,
  ) {}

  /** The port: billing calls that get a subscription back from Stripe hand it here. */
  async apply(subscription: Stripe.Subscription, observedAt: Date, actor: Actor): Promise<void> {
    await this.applyWithOutcome(subscription, observedAt, actor);
  }

  /** As apply, answering which organization it concerned and what changed (for the webhook log). */
  async applyWithOutcome(subscription: Stripe.Subscription, observedAt: Date, actor: Actor): Promise<StripeSyncResult> {
    const view = subscriptionView(subscription);
    const organizationId = await this.organizationFor(view.organizationId, view.customerId);
    if (!organizationId) throw new ForeignStripeObject(`no organization for Stripe subscription ${view.subscriptionId} (customer ${view.customerId})`);
    const plan = await this.planFor(view);
    // An ended subscription needs no plan; any other does.
    if (!plan && !view.mapped.ended) throw new StripeSyncError(`Stripe price ${view.plan.priceId} names no Tollgate plan`);
    const scheduledChange = view.mapped.ended ? null : await this.scheduledChangeOf(subscription, view.periodEnd);
    const state: ProviderSubscriptionState = {
      providerSubscriptionId: view.subscriptionId,
      providerCustomerId: view.customerId,
      providerStatus: view.stripeStatus,
      status: view.mapped.status,
      ended: view.mapped.ended,
      plan,
      periodStart: view.periodStart,
      periodEnd: view.periodEnd,
      trialEnd: view.trialEnd,
      cancelAtPeriodEnd: view.cancelAtPeriodEnd,
      canceledAt: view.canceledAt,
      endedAt: view.endedAt,
      billingAnchor: view.billingAnchor,
      scheduledChange,
      observedAt,
    };
    return { organizationId, outcome: await this.providerSubscriptions.applyProviderState(organizationId, state, actor) };
  }

  /**
   * An event about something else that concerns the subscription (its schedule): Stripe's current subscription,
   * with its schedule, observed no earlier than the event.
   */
  async resync(subscriptionId: string, observedAt: Date, actor: Actor): Promise<StripeSyncResult> {
    return this.applyWithOutcome(await this.stripe.retrieveSubscription(subscriptionId), observedAt, actor);
  }

  /** The organization Tollgate tagged the Stripe object with, else the one whose Stripe customer it is. */
  async organizationFor(taggedOrganizationId: string | null, customerId: string | null): Promise<string | null> {
    return this.database.asPlatform(async (m) => {
      if (taggedOrganizationId && isUuid(taggedOrganizationId)) {
        const [tagged] = (await m.query(`SELECT id FROM organizations WHERE id = $1`, [taggedOrganizationId])) as Array<{ id: string }>;
        if (tagged) return tagged.id;
      }
      if (!customerId) return null;
      const [owner] = (await m.query(`SELECT id FROM organizations WHERE stripe_customer_id = $1`, [customerId])) as Array<{ id: string }>;
      return owner?.id ?? null;
    });
  }

  /**
   * Checkout completed for an organization whose Stripe customer Tollgate had not stored yet: remember it, so
   * later events that name only the customer find the organization. Never moves a customer between organizations.
   */
  async linkCustomer(organizationId: string, customerId: string): Promise<boolean> {
    // TypeORM answers an UPDATE on PostgreSQL with [rows, affected].
    const [rows] = (await this.database.asPlatform((m) =>
      m.query(
        `UPDATE organizations SET stripe_customer_id = $2
         WHERE id = $1 AND stripe_customer_id IS NULL AND NOT EXISTS (SELECT 1 FROM organizations WHERE stripe_customer_id = $2)
         RETURNING id`,
        [organizationId, customerId],
      ),
    )) as [Array<{ id: string }>, number];
    return rows.length > 0;
  }

  /**
   * A subscription schedule's next phase, as Tollgate's scheduled change. Billing's calls get the schedule expanded;
   * a webhook payload names it by id only, so its phases are read from Stripe here (the subscription event alone
   * cannot tell a schedule that moves to another plan from one that changes nothing). Reading it now rather than
   * keeping what Tollgate knew also picks up schedules made outside Tollgate (dashboard, portal); if Stripe cannot
   * be reached the event fails and is retried. A phase whose prices name no Tollgate plan schedules nothing
   * Tollgate can show: the subscription itself still follows Stripe.
   */
  private async scheduledChangeOf(subscription: Stripe.Subscription, periodEnd: Date): Promise<ProviderSubscriptionState['scheduledChange']> {
    if (!subscription.schedule) return null;
    const schedule = typeof subscription.schedule === 'string' ? await this.stripe.retrieveSubscriptionSchedule(subscription.schedule) : subscription.schedule;
    const next = nextScheduledPhaseOf(schedule, periodEnd);
    if (!next) return null;
    const plan = await this.planFor(next);
    return plan ? { plan, at: next.startsAt } : null;
  }

  /**
   * The plan: price metadata (tollgate_plan_key/tollgate_interval), else its lookup_key (tollgate_plan_<key>_<interval>),
   * else the plan version whose Stripe price it is. A price Tollgate created names its version exactly.
   */
  private async planFor(view: { plan: PlanReference; candidatePriceIds: string[] }): Promise<ProviderSubscriptionState['plan']> {
    const priceIds = [...new Set([view.plan.priceId, ...view.candidatePriceIds])];
    const rows = (await this.database.asPlatform((m) =>
      m.query(
        `SELECT v.id AS "versionId", p.key AS "planKey", v.stripe_monthly_price_id AS monthly, v.stripe_yearly_price_id AS yearly
         FROM plan_versions v JOIN plans p ON p.id = v.plan_id
         WHERE v.stripe_monthly_price_id = ANY($1) OR v.stripe_yearly_price_id = ANY($1)`,
        [priceIds],
      ),
    )) as Array<{ versionId: string; planKey: string; monthly: string | null; yearly: string | null }>;
    const byPrice = (priceId: string) => rows.find((row) => row.monthly === priceId || row.yearly === priceId);
    if (view.plan.planKey) {
      const interval = view.plan.interval;
      if (!interval) return null;
      const exact = byPrice(view.plan.priceId);
      return { planKey: view.plan.planKey, interval, versionId: exact?.planKey === view.plan.planKey ? exact.versionId : null };
    }
    for (const priceId of priceIds) {
      const row = byPrice(priceId);
      if (row) return { planKey: row.planKey, interval: row.monthly === priceId ? BillingInterval.MONTH : BillingInterval.YEAR, versionId: row.versionId };
    }
    return null;
  }
}
