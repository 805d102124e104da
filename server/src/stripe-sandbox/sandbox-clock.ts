import { days } from './billing-periods';
import type { CheckoutFlow } from './checkout-flow';
import type { SandboxStore, StripeObject } from './sandbox-store';
import type { SubscriptionBilling } from './subscription-billing';

interface DueWork {
  at: number;
  /** Ties at the same second run in this order: reminders, retries, renewals, expiries. */
  rank: number;
  run(): void;
}

/** Moves the sandbox's time forward like a Stripe test clock, running everything that falls due, in time order. */
export class SandboxClock {
  constructor(
    private readonly store: SandboxStore,
    private readonly billing: SubscriptionBilling,
    private readonly checkout: CheckoutFlow,
  ) {}

  /** Everything due at or before `target` (unix seconds) runs at its own time; then the clock rests at `target`. */
  runUntil(target: number): void {
    const store = this.store;
    for (let guard = 0; guard < 100_000; guard++) {
      const next = this.dueWork()
        .filter((work) => work.at <= target)
        .sort((a, b) => a.at - b.at || a.rank - b.rank)[0];
      if (!next) break;
      if (next.at > store.now()) store.time.set(next.at * 1000);
      next.run();
    }
    if (target > store.now()) store.time.set(target * 1000);
  }

  private dueWork(): DueWork[] {
    const store = this.store;
    const work: DueWork[] = [];
    for (const subscription of store.subscriptions.values()) {
      if (!this.billing.isLive(subscription)) continue;
      const runtime = store.runtime(subscription.id);
      if (subscription.status === 'trialing' && subscription.trial_end && runtime.trialWillEndSentFor !== subscription.trial_end) {
        work.push({
          at: Math.max(subscription.trial_end - days(3), subscription.trial_start ?? subscription.created),
          rank: 0,
          run: () => {
            runtime.trialWillEndSentFor = subscription.trial_end;
            store.emit('customer.subscription.trial_will_end', subscription);
          },
        });
      }
      if (runtime.dunning) work.push({ at: runtime.dunning.nextAttemptAt, rank: 1, run: () => this.billing.retryPayment(subscription) });
      const periodEnd = subscription.items.data[0]?.current_period_end;
      if (periodEnd) work.push({ at: periodEnd, rank: 2, run: () => this.billing.renew(subscription) });
    }
    for (const session of store.checkoutSessions.values()) {
      if (session.status === 'open') work.push({ at: session.expires_at, rank: 3, run: () => this.checkout.expire(session as StripeObject) });
    }
    return work;
  }
}
