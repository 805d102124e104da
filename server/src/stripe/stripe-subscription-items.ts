import type Stripe from 'stripe';
import { STRIPE_METADATA } from './stripe-subscription-sync.port';

/** The prices a plan puts on a subscription: its flat price for the interval, plus one metered price per overage feature. */
export interface SubscriptionPrices {
  base: string;
  metered: string[];
}

const isMetered = (item: Stripe.SubscriptionItem) => item.price.recurring?.usage_type === 'metered';

/** Period end of a subscription: on its items in this API version (they share one billing period). */
export function currentPeriodOf(subscription: Stripe.Subscription): { start: number; end: number } {
  const item = subscription.items.data[0];
  if (!item) throw new Error(`Stripe subscription ${subscription.id} has no items`);
  return { start: item.current_period_start, end: item.current_period_end };
}

/**
 * Items for a price change: the flat item keeps its id and takes the new price (so Stripe prorates it), metered
 * items of the old plan go, the new plan's are added; unchanged metered prices stay as they are.
 */
export function priceChangeItems(subscription: Stripe.Subscription, prices: SubscriptionPrices): Stripe.SubscriptionUpdateParams.Item[] {
  const items: Stripe.SubscriptionUpdateParams.Item[] = [];
  const licensed = subscription.items.data.filter((item) => !isMetered(item));
  const metered = subscription.items.data.filter(isMetered);
  licensed.forEach((item, index) => items.push(index === 0 ? { id: item.id, price: prices.base, quantity: 1 } : { id: item.id, deleted: true }));
  if (licensed.length === 0) items.push({ price: prices.base, quantity: 1 });
  for (const item of metered) if (!prices.metered.includes(item.price.id)) items.push({ id: item.id, deleted: true });
  for (const price of prices.metered) if (!metered.some((item) => item.price.id === price)) items.push({ price });
  return items;
}

/** Phase 1: today's prices until the period end. Phase 2: the new plan's prices for one interval, then released. */
export function downgradePhases(
  subscription: Stripe.Subscription,
  schedule: Stripe.SubscriptionSchedule,
  target: { planKey: string; interval: 'month' | 'year'; prices: SubscriptionPrices },
): Stripe.SubscriptionScheduleUpdateParams.Phase[] {
  const period = currentPeriodOf(subscription);
  const current = schedule.phases[0];
  return [
    {
      items: subscription.items.data.map((item) => (isMetered(item) ? { price: item.price.id } : { price: item.price.id, quantity: item.quantity ?? 1 })),
      start_date: current?.start_date ?? period.start,
      end_date: period.end,
      metadata: { ...subscription.metadata },
    },
    {
      items: [{ price: target.prices.base, quantity: 1 }, ...target.prices.metered.map((price) => ({ price }))],
      duration: { interval: target.interval, interval_count: 1 },
      metadata: { ...subscription.metadata, [STRIPE_METADATA.planKey]: target.planKey, [STRIPE_METADATA.interval]: target.interval },
    },
  ];
}
