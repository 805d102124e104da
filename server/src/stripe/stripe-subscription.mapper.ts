import type { ProviderSubscriptionState } from '../modules/subscriptions/provider-subscription.service';
import type Stripe from 'stripe';
import { BillingInterval } from '../modules/catalog/catalog.enums';
import { SubscriptionStatus as S } from '../modules/subscriptions/subscription-status';
import { isUuid } from '../shared/uuid';
import { STRIPE_METADATA } from './stripe-subscription-sync.port';

/**
 * Stripe's subscription status → Tollgate's (pure, unit-tested):
 * - trialing, active, past_due → the same status;
 * - unpaid → UNPAID (no paid access until a payment succeeds);
 * - paused (a trial ended without a payment method) → UNPAID: Tollgate has no paused state, and like unpaid it
 *   keeps the subscription but grants no paid access until Stripe resumes it;
 * - incomplete (first payment pending) → INCOMPLETE, but it never replaces a working subscription: Tollgate
 *   starts the plan once Stripe reports it trialing/active;
 * - canceled → the subscription ends and the organization falls back to the free plan: EXPIRED when Stripe ended
 *   it for non-payment (cancellation_details.reason payment_failed/payment_disputed), else CANCELED;
 * - incomplete_expired → ends as EXPIRED (it only matters if Tollgate had started it).
 */
export type MappedStatus = { ended: false; status: S } | { ended: true; status: S.CANCELED | S.EXPIRED };

export function tollgateStatusOf(subscription: Pick<Stripe.Subscription, 'status' | 'cancellation_details'>): MappedStatus {
  switch (subscription.status) {
    case 'trialing':
      return { ended: false, status: S.TRIALING };
    case 'active':
      return { ended: false, status: S.ACTIVE };
    case 'past_due':
      return { ended: false, status: S.PAST_DUE };
    case 'unpaid':
    case 'paused':
      return { ended: false, status: S.UNPAID };
    case 'incomplete':
      return { ended: false, status: S.INCOMPLETE };
    case 'incomplete_expired':
      return { ended: true, status: S.EXPIRED };
    case 'canceled': {
      const reason = subscription.cancellation_details?.reason;
      return { ended: true, status: reason === 'payment_failed' || reason === 'payment_disputed' ? S.EXPIRED : S.CANCELED };
    }
    default:
      throw new Error(`unknown Stripe subscription status ${subscription.status}`);
  }
}

/** Where Tollgate's plan is named on a price: metadata first, then the lookup_key Tollgate gave it. */
export interface PlanReference {
  priceId: string;
  planKey: string | null;
  interval: BillingInterval | null;
}

const LOOKUP_KEY = /^tollgate_plan_(.+)_(month|year)$/;
const intervalOf = (value: string | null | undefined): BillingInterval | null =>
  value === 'month' ? BillingInterval.MONTH : value === 'year' ? BillingInterval.YEAR : null;

export function planReferenceOf(price: Stripe.Price): PlanReference {
  const metadataKey = price.metadata?.[STRIPE_METADATA.planKey];
  const metadataInterval = intervalOf(price.metadata?.[STRIPE_METADATA.interval]) ?? intervalOf(price.recurring?.interval);
  if (metadataKey) return { priceId: price.id, planKey: metadataKey, interval: metadataInterval };
  const lookup = price.lookup_key ? LOOKUP_KEY.exec(price.lookup_key) : null;
  if (lookup) return { priceId: price.id, planKey: lookup[1]!, interval: intervalOf(lookup[2]) };
  return { priceId: price.id, planKey: null, interval: intervalOf(price.recurring?.interval) };
}

/** The period facts Stripe's view shares with the provider-neutral state the subscriptions module applies. */
type PeriodFacts = Pick<ProviderSubscriptionState, 'periodStart' | 'periodEnd' | 'trialEnd' | 'cancelAtPeriodEnd' | 'canceledAt' | 'endedAt' | 'billingAnchor'>;

/** Stripe's subscription as plain values: what the sync needs besides the plan, which the catalog resolves. */
export interface StripeSubscriptionView extends PeriodFacts {
  subscriptionId: string;
  customerId: string | null;
  organizationId: string | null;
  stripeStatus: string;
  mapped: MappedStatus;
  /** The item that carries the plan: named by metadata/lookup_key, else every licensed item's price to look up. */
  plan: PlanReference;
  candidatePriceIds: string[];
}

const dateOf = (seconds: number | null | undefined): Date | null => (seconds == null ? null : new Date(seconds * 1000));

export function subscriptionView(subscription: Stripe.Subscription): StripeSubscriptionView {
  const items = subscription.items?.data ?? [];
  const named = items.map((item) => ({ item, ref: planReferenceOf(item.price) })).find(({ ref }) => ref.planKey !== null);
  // Metered items (overage) ride along on the subscription; the plan is a licensed price.
  const licensed = items.filter((item) => item.price.recurring?.usage_type !== 'metered');
  const planItem = named?.item ?? licensed[0] ?? items[0];
  if (!planItem) throw new Error(`Stripe subscription ${subscription.id} has no items`);
  const organizationId = subscription.metadata?.[STRIPE_METADATA.organizationId];
  const periodEnd = planItem.current_period_end;
  const cancelAt = subscription.cancel_at;
  return {
    subscriptionId: subscription.id,
    customerId: typeof subscription.customer === 'string' ? subscription.customer : (subscription.customer?.id ?? null),
    organizationId: organizationId && isUuid(organizationId) ? organizationId.toLowerCase() : null,
    stripeStatus: subscription.status,
    mapped: tollgateStatusOf(subscription),
    plan: named?.ref ?? planReferenceOf(planItem.price),
    candidatePriceIds: licensed.map((item) => item.price.id),
    periodStart: new Date(planItem.current_period_start * 1000),
    periodEnd: new Date(periodEnd * 1000),
    trialEnd: dateOf(subscription.trial_end),
    // Newer API versions cancel at the period end through cancel_at as well as cancel_at_period_end.
    cancelAtPeriodEnd: subscription.cancel_at_period_end || (cancelAt != null && cancelAt <= periodEnd),
    canceledAt: dateOf(subscription.canceled_at),
    endedAt: dateOf(subscription.ended_at),
    billingAnchor: new Date(subscription.billing_cycle_anchor * 1000),
  };
}

/** The phase a subscription schedule moves to next: Tollgate shows it as the subscription's scheduled change. */
export interface ScheduledPhaseView {
  startsAt: Date;
  plan: PlanReference;
  candidatePriceIds: string[];
}

/**
 * The phase after the current one of a live schedule (active, or not started yet), else null: a released,
 * completed or canceled schedule, or one whose last phase is running, schedules nothing. Phase items name their
 * prices by id unless expanded; the catalog then finds the plan by its stored Stripe price ids.
 */
export function nextScheduledPhaseOf(schedule: Stripe.SubscriptionSchedule, periodEnd: Date): ScheduledPhaseView | null {
  if (schedule.status !== 'active' && schedule.status !== 'not_started') return null;
  const boundary = schedule.current_phase?.end_date ?? Math.floor(periodEnd.getTime() / 1000);
  const next = schedule.phases.filter((phase) => phase.start_date >= boundary).sort((a, b) => a.start_date - b.start_date)[0];
  if (!next || next.items.length === 0) return null;
  const prices = next.items.map((item) => item.price);
  const expanded = prices.filter((price): price is Stripe.Price => typeof price === 'object' && !price.deleted);
  const named = expanded.map(planReferenceOf).find((ref) => ref.planKey !== null);
  const licensed = expanded.filter((price) => price.recurring?.usage_type !== 'metered').map((price) => price.id);
  const ids = prices.map((price) => (typeof price === 'string' ? price : price.id));
  return {
    startsAt: new Date(next.start_date * 1000),
    plan: named ?? { priceId: licensed[0] ?? ids[0]!, planKey: null, interval: null },
    candidatePriceIds: expanded.length === prices.length ? licensed : ids,
  };
}
