import { BillingInterval } from '../catalog/catalog.enums';
import type { PlanVersionEntity } from '../catalog/plan-version.entity';
import type { PlanEntity } from '../catalog/plan.entity';
import { subscriptionErrors } from './subscriptions.errors';

export const FREE_PLAN_KEY = 'free';

export interface PlanTerms {
  plan: PlanEntity;
  version: PlanVersionEntity;
}

/** Price per month in minor units; a custom price (null) ranks above every listed one. */
export function monthlyEquivalent(version: PlanVersionEntity, interval: BillingInterval): number {
  const price = interval === BillingInterval.YEAR ? version.yearlyPriceMinor : version.monthlyPriceMinor;
  if (price === null) return Number.MAX_SAFE_INTEGER;
  return interval === BillingInterval.YEAR ? price / 12 : price;
}

export function assertPriced(version: PlanVersionEntity, interval: BillingInterval): void {
  const price = interval === BillingInterval.YEAR ? version.yearlyPriceMinor : version.monthlyPriceMinor;
  if (price === null) throw subscriptionErrors.noPriceForInterval(interval);
}

/**
 * An upgrade costs more per month (ties: the plan ranked higher in the catalog, or a longer interval).
 * Upgrades apply at once; anything else waits for the period end.
 */
export function isUpgrade(from: PlanTerms & { interval: BillingInterval }, to: PlanTerms & { interval: BillingInterval }): boolean {
  const fromPrice = monthlyEquivalent(from.version, from.interval);
  const toPrice = monthlyEquivalent(to.version, to.interval);
  if (toPrice !== fromPrice) return toPrice > fromPrice;
  if (to.plan.sortOrder !== from.plan.sortOrder) return to.plan.sortOrder > from.plan.sortOrder;
  return to.interval === BillingInterval.YEAR && from.interval === BillingInterval.MONTH;
}
