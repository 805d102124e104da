/**
 * Out-of-order safety for a payment provider's view of a subscription (Stripe sends events at least once, in no
 * guaranteed order). An observation is older than the last one applied when, in this order:
 * 1. it was made earlier (the event's `created`);
 * 2. at the same second (Stripe's timestamps are whole seconds), it is at an earlier lifecycle stage
 *    (incomplete < trialing < the live statuses < ended);
 * 3. at the same stage, it describes an earlier billing period.
 * Anything else is applied; applying the same observation again changes nothing.
 */
export interface ProviderObservation {
  observedAt: Date | null;
  providerStatus: string | null;
  periodStart: Date;
}

/** Live statuses (active, past_due, unpaid, paused) share a rank: the provider moves between them both ways. */
export function lifecycleRank(providerStatus: string | null): number {
  switch (providerStatus) {
    case 'incomplete':
      return 0;
    case 'trialing':
      return 1;
    case 'canceled':
    case 'incomplete_expired':
      return 3;
    default:
      return 2;
  }
}

export function isOlderObservation(last: ProviderObservation, next: ProviderObservation & { observedAt: Date }): boolean {
  if (!last.observedAt) return false;
  const byTime = next.observedAt.getTime() - last.observedAt.getTime();
  if (byTime !== 0) return byTime < 0;
  const byStage = lifecycleRank(next.providerStatus) - lifecycleRank(last.providerStatus);
  if (byStage !== 0) return byStage < 0;
  return next.periodStart.getTime() < last.periodStart.getTime();
}
