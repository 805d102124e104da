/**
 * Idempotency keys for every write to Stripe, each derived from what the write does. Stripe replays the first
 * answer for a key it has seen (for 24 hours), so a retried request never does the thing twice; a key that
 * includes `fromState` (Tollgate's row version before the change) lets the same change be made again later,
 * from a different state, as a new request.
 */
export const idempotencyKeys = {
  customerCreate: (organizationId: string) => `customer-create:${organizationId}`,
  subscriptionCheckout: (organizationId: string, planKey: string, interval: string, nonce: string) =>
    `checkout:${organizationId}:${planKey}:${interval}:${nonce}`,
  creditPackCheckout: (organizationId: string, productKey: string, nonce: string) => `credit-checkout:${organizationId}:${productKey}:${nonce}`,
  subscriptionPriceChange: (subscriptionId: string, fromState: string, toPriceId: string) =>
    `subscription-price:${subscriptionId}:${fromState}:${toPriceId}`,
  scheduleCreate: (subscriptionId: string, fromState: string) => `schedule-create:${subscriptionId}:${fromState}`,
  scheduleUpdate: (scheduleId: string, fromState: string, toPriceId: string) => `schedule-update:${scheduleId}:${fromState}:${toPriceId}`,
  // A schedule is released once; a subscription is canceled once.
  scheduleRelease: (scheduleId: string) => `schedule-release:${scheduleId}`,
  cancelNow: (subscriptionId: string) => `subscription-cancel:${subscriptionId}`,
  cancelAtPeriodEnd: (subscriptionId: string, fromState: string) => `subscription-cancel-at-period-end:${subscriptionId}:${fromState}`,
  resume: (subscriptionId: string, fromState: string) => `subscription-resume:${subscriptionId}:${fromState}`,
  productCreate: (kind: 'plan' | 'credits', key: string) => `product-create:${kind}:${key}`,
  /**
   * Once per catalog sync run (a run updates a product at most once): the SDK's retries within a run are one
   * request, and the same change wanted again by a later run (back on sale after being taken off, say) is a new one.
   * Setting a product's fields twice does no harm, so nothing needs a key that outlives the run.
   */
  productUpdate: (productId: string, syncRun: string) => `product-update:${productId}:${syncRun}`,
  planPriceCreate: (planKey: string, version: number, interval: string) => `price-create:plan:${planKey}:v${version}:${interval}`,
  overagePriceCreate: (planKey: string, version: number, featureKey: string, interval: string) =>
    `price-create:overage:${planKey}:v${version}:${featureKey}:${interval}`,
  creditPriceCreate: (productKey: string, amountMinor: number, currency: string) => `price-create:credits:${productKey}:${amountMinor}:${currency}`,
  priceDeactivate: (priceId: string) => `price-deactivate:${priceId}`,
  meterCreate: (featureKey: string) => `meter-create:${featureKey}`,
  meterEvent: (identifier: string) => `meter-event:${identifier}`,
};
