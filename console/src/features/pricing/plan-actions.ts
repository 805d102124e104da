import type { BillingInterval } from '../../gql/graphql';
import { FREE_PLAN_KEY, type SubscriptionSummary } from '../overview/subscription-status';
import { monthlyEquivalent, priceFor, type PriceTerms } from './plan-terms';

export interface PlanChoice {
  key: string;
  sortOrder: number;
  currentVersion: PriceTerms;
}

/**
 * What a pricing card offers, following the server's rules (billing/plan-change.service.ts):
 * - subscribe: the organization pays nothing yet, or its paid plan was set by an admin rather than billed through
 *   Stripe, so a (higher) paid plan starts through Stripe Checkout;
 * - upgrade: costs more per month, applies now with a prorated invoice;
 * - downgrade: applies at the period end (undo until then);
 * - cancel-to-free: the free plan is reached by canceling the paid subscription at the period end;
 * - switch: the current plan is not on the table (private or archived), so the direction is the server's call;
 * - scheduled: this plan already starts at the period end; contact: custom price; current: this plan and interval.
 */
export type PlanAction =
  | { kind: 'current' }
  | { kind: 'contact' }
  | { kind: 'subscribe' }
  | { kind: 'upgrade' }
  | { kind: 'downgrade'; effectiveAt: string }
  | { kind: 'cancel-to-free'; effectiveAt: string }
  | { kind: 'switch' }
  | { kind: 'scheduled'; effectiveAt: string };

function isFreePlan(plan: PlanChoice): boolean {
  const { monthlyPrice, yearlyPrice } = plan.currentVersion;
  return plan.key === FREE_PLAN_KEY || (monthlyPrice?.amountMinor === 0 && (yearlyPrice === null || yearlyPrice.amountMinor === 0));
}

/** Upgrade as the server decides it: more per month; ties go to the higher-ranked plan, then to yearly. */
export function isUpgrade(from: { plan: PlanChoice; interval: BillingInterval }, to: { plan: PlanChoice; interval: BillingInterval }): boolean {
  const fromPrice = monthlyEquivalent(from.plan.currentVersion, from.interval);
  const toPrice = monthlyEquivalent(to.plan.currentVersion, to.interval);
  if (toPrice !== fromPrice) return toPrice > fromPrice;
  if (to.plan.sortOrder !== from.plan.sortOrder) return to.plan.sortOrder > from.plan.sortOrder;
  return to.interval === 'YEAR' && from.interval === 'MONTH';
}

export function planAction(plan: PlanChoice, interval: BillingInterval, subscription: SubscriptionSummary, plans: readonly PlanChoice[]): PlanAction {
  const targetFree = isFreePlan(plan);
  const isCurrentPlan = plan.key === subscription.planKey;
  // The free plan costs nothing either way: it is "current" whatever the toggle says.
  if (isCurrentPlan && (targetFree || interval === subscription.billingInterval)) return { kind: 'current' };

  const scheduled = subscription.scheduledChange;
  if (scheduled && scheduled.planKey === plan.key && scheduled.billingInterval === interval) return { kind: 'scheduled', effectiveAt: scheduled.effectiveAt };
  if (targetFree && subscription.cancelAtPeriodEnd) return { kind: 'scheduled', effectiveAt: subscription.currentPeriodEnd };

  if (!targetFree && priceFor(plan.currentVersion, interval) === null) return { kind: 'contact' };

  const currentPlan = plans.find((p) => p.key === subscription.planKey);
  const onFree = subscription.planKey === FREE_PLAN_KEY || (currentPlan !== undefined && isFreePlan(currentPlan));
  if (onFree) return targetFree ? { kind: 'switch' } : { kind: 'subscribe' };

  if (targetFree) return { kind: 'cancel-to-free', effectiveAt: subscription.currentPeriodEnd };
  if (!currentPlan) return { kind: 'switch' };
  if (isUpgrade({ plan: currentPlan, interval: subscription.billingInterval }, { plan, interval })) {
    // Only a Stripe subscription can be upgraded in place (prorated); the server refuses it otherwise.
    return subscription.billedThroughStripe ? { kind: 'upgrade' } : { kind: 'subscribe' };
  }
  return { kind: 'downgrade', effectiveAt: subscription.currentPeriodEnd };
}
