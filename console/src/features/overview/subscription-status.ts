import type { BillingInterval, SubscriptionStatus, SubscriptionSummaryFragment } from '../../gql/graphql';

export type SubscriptionSummary = SubscriptionSummaryFragment;

/** The catalog's free plan (the server's FREE_PLAN_KEY): no Stripe subscription, nothing to pay. */
export const FREE_PLAN_KEY = 'free';

const STATUS_BADGES: Record<SubscriptionStatus, { label: string; color: string }> = {
  ACTIVE: { label: 'Active', color: 'teal' },
  TRIALING: { label: 'Trial', color: 'blue' },
  PAST_DUE: { label: 'Payment failed', color: 'red' },
  UNPAID: { label: 'Unpaid', color: 'red' },
  INCOMPLETE: { label: 'Payment incomplete', color: 'orange' },
  CANCELED: { label: 'Canceled', color: 'gray' },
  EXPIRED: { label: 'Expired', color: 'gray' },
};

export function statusBadge(status: SubscriptionStatus): { label: string; color: string } {
  return STATUS_BADGES[status];
}

export function intervalLabel(interval: BillingInterval): string {
  return interval === 'YEAR' ? 'yearly' : 'monthly';
}

/** A paid plan that is usable now: what the checkout return page waits for. */
export function isPaidAndLive(subscription: Pick<SubscriptionSummary, 'planKey' | 'status'>): boolean {
  return subscription.planKey !== FREE_PLAN_KEY && (subscription.status === 'ACTIVE' || subscription.status === 'TRIALING');
}

/** The payment failed or never completed: the owner has to fix the payment method in the portal. */
export function needsPaymentFix(status: SubscriptionStatus): boolean {
  return status === 'PAST_DUE' || status === 'UNPAID' || status === 'INCOMPLETE';
}

export type SubscriptionNotice =
  | { kind: 'payment'; status: SubscriptionStatus }
  | { kind: 'trial'; daysLeft: number; endsAt: string | null }
  | { kind: 'cancellation'; planName: string; effectiveAt: string }
  | { kind: 'scheduled-change'; planName: string; interval: BillingInterval; effectiveAt: string };

/** What the overview has to tell about the subscription, most urgent first. */
export function subscriptionNotices(subscription: SubscriptionSummary): SubscriptionNotice[] {
  const notices: SubscriptionNotice[] = [];
  if (needsPaymentFix(subscription.status)) notices.push({ kind: 'payment', status: subscription.status });
  if (subscription.cancelAtPeriodEnd) {
    notices.push({ kind: 'cancellation', planName: subscription.planName, effectiveAt: subscription.currentPeriodEnd });
  } else if (subscription.scheduledChange) {
    const change = subscription.scheduledChange;
    notices.push({ kind: 'scheduled-change', planName: change.planName, interval: change.billingInterval, effectiveAt: change.effectiveAt });
  }
  // A canceled trial has no first payment to announce; the cancellation notice says what happens.
  if (subscription.status === 'TRIALING' && subscription.trialDaysLeft !== null && !subscription.cancelAtPeriodEnd) {
    notices.push({ kind: 'trial', daysLeft: subscription.trialDaysLeft, endsAt: subscription.trialEnd });
  }
  return notices;
}

/** "Renews on", "Ends on" or (free plan) "Period ends on": what happens at currentPeriodEnd. */
export function periodEndLabel(subscription: SubscriptionSummary): string {
  if (subscription.cancelAtPeriodEnd) return 'Ends on';
  if (needsPaymentFix(subscription.status)) return 'Current period ends on';
  if (subscription.status === 'TRIALING') return 'Trial ends, first payment on';
  if (subscription.planKey === FREE_PLAN_KEY) return 'Usage period ends on';
  return 'Renews on';
}
