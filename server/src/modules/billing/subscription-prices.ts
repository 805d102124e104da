import type { EntityManager } from 'typeorm';
import { BillingInterval, OverageBehavior } from '../catalog/catalog.enums';
import { PlanEntitlementEntity } from '../catalog/plan-entitlement.entity';
import type { PlanVersionEntity } from '../catalog/plan-version.entity';
import type { PlanEntity } from '../catalog/plan.entity';
import type { SubscriptionPrices } from '../../stripe/stripe-subscription-items';
import { billingErrors } from './billing.errors';

/** Overage entitlements of a version that have a price (and so a metered Stripe price). */
export function billedOverage(entitlements: PlanEntitlementEntity[]): PlanEntitlementEntity[] {
  return entitlements.filter((e) => e.overage === OverageBehavior.OVERAGE && e.overagePriceMinor !== null);
}

export const flatPriceIdOf = (version: PlanVersionEntity, interval: BillingInterval) =>
  interval === BillingInterval.YEAR ? version.stripeYearlyPriceId : version.stripeMonthlyPriceId;

export const overagePriceIdOf = (entitlement: PlanEntitlementEntity, interval: BillingInterval) =>
  interval === BillingInterval.YEAR ? entitlement.stripeOverageYearlyPriceId : entitlement.stripeOverageMonthlyPriceId;

/** The Stripe prices a subscription to `version` on `interval` carries; refuses when the catalog was not synced. */
export async function subscriptionPricesOf(
  manager: EntityManager,
  plan: PlanEntity,
  version: PlanVersionEntity,
  interval: BillingInterval,
): Promise<SubscriptionPrices> {
  const base = flatPriceIdOf(version, interval);
  if (!base) throw billingErrors.notSyncedToStripe(`Plan "${plan.key}" (${interval}ly)`);
  const overage = billedOverage(await manager.findBy(PlanEntitlementEntity, { planVersionId: version.id }));
  const metered = overage.map((e) => overagePriceIdOf(e, interval));
  if (metered.some((price) => !price)) throw billingErrors.notSyncedToStripe(`Overage of plan "${plan.key}"`);
  return { base, metered: metered as string[] };
}
