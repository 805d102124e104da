import { addIntervals } from './billing-periods';
import { invalidParam, missingParam, noSuch, SandboxApiError } from './sandbox-errors';
import { newId } from './sandbox-ids';
import { arrayParam, integerParam } from './sandbox-lists';
import type { SandboxStore, StripeObject } from './sandbox-store';
import { mergeMetadata } from './stripe-objects';
import type { SubscriptionBilling } from './subscription-billing';

/**
 * Subscription schedules, the subset used for "downgrade at period end": a schedule made `from_subscription`, its
 * phases replaced by [current price until period end, new price after], switching at the boundary, then released.
 */
export class SubscriptionSchedules {
  constructor(
    private readonly store: SandboxStore,
    private readonly billing: SubscriptionBilling,
  ) {
    billing.applySchedulePhase = (subscription, at) => this.enterPhaseAt(subscription, at);
  }

  fromSubscription(subscriptionId: string, metadata: unknown): StripeObject {
    const store = this.store;
    const subscription = store.subscriptions.get(subscriptionId);
    if (!subscription) throw noSuch('subscription', subscriptionId, 'from_subscription');
    if (subscription.schedule) {
      throw new SandboxApiError(400, 'invalid_request_error', `You cannot migrate a subscription that is already attached to a schedule: \`${subscription.schedule}\`.`, 'resource_already_exists', 'from_subscription');
    }
    if (!this.billing.isLive(subscription)) throw invalidParam('from_subscription', 'You cannot create a schedule from a canceled subscription.');
    const now = store.now();
    const first = subscription.items.data[0];
    const phase = this.phaseObject(subscription, first.current_period_start, first.current_period_end, subscription.items.data.map((i: StripeObject) => ({ price: i.price.id, quantity: i.quantity })));
    const schedule: StripeObject = {
      id: newId('sub_sched'),
      object: 'subscription_schedule',
      application: null,
      billing_mode: { type: 'classic' },
      canceled_at: null,
      completed_at: null,
      created: now,
      current_phase: { start_date: phase.start_date, end_date: phase.end_date },
      customer: subscription.customer,
      customer_account: null,
      default_settings: {
        application_fee_percent: null,
        automatic_tax: { disabled_reason: null, enabled: false, liability: null },
        billing_cycle_anchor: 'automatic',
        billing_thresholds: null,
        collection_method: 'charge_automatically',
        default_payment_method: null,
        description: null,
        invoice_settings: { account_tax_ids: null, days_until_due: null, issuer: { type: 'self' } },
        on_behalf_of: null,
        transfer_data: null,
      },
      end_behavior: 'release',
      livemode: false,
      metadata: mergeMetadata({}, metadata),
      phases: [phase],
      released_at: null,
      released_subscription: null,
      status: 'active',
      subscription: subscription.id,
      test_clock: null,
    };
    store.schedules.set(schedule.id, schedule);
    const before = structuredClone(subscription);
    subscription.schedule = schedule.id;
    store.emit('subscription_schedule.created', schedule);
    store.emitUpdated('customer.subscription.updated', before, subscription);
    return schedule;
  }

  update(schedule: StripeObject, params: StripeObject): StripeObject {
    const store = this.store;
    if (schedule.status !== 'active' && schedule.status !== 'not_started') {
      throw new SandboxApiError(400, 'invalid_request_error', `You cannot update a subscription schedule that is ${schedule.status}.`);
    }
    const subscription = store.subscriptions.get(schedule.subscription)!;
    if (params.metadata !== undefined) schedule.metadata = mergeMetadata(schedule.metadata, params.metadata);
    if (params.end_behavior) schedule.end_behavior = params.end_behavior;
    if (params.phases !== undefined) {
      const now = store.now();
      let previousEnd: number | undefined;
      schedule.phases = arrayParam(params.phases).map((raw: StripeObject, index: number) => {
        const items = arrayParam(raw.items).map((item: StripeObject) => {
          const price = store.prices.get(item.price);
          if (!price) throw noSuch('price', item.price, `phases[${index}][items][0][price]`);
          return { price: price.id, quantity: integerParam('quantity', item.quantity) };
        });
        if (items.length === 0) throw missingParam(`phases[${index}][items]`);
        const start = timestamp(raw.start_date, now) ?? previousEnd ?? schedule.current_phase?.start_date ?? now;
        const recurring = store.prices.get(items[0]!.price)!.recurring ?? { interval: 'month', interval_count: 1 };
        const end =
          timestamp(raw.end_date, now) ??
          (raw.duration
            ? addIntervals(start, raw.duration.interval, Number(raw.duration.interval_count ?? 1))
            : addIntervals(start, recurring.interval, Number(recurring.interval_count ?? 1) * (integerParam('iterations', raw.iterations) ?? 1)));
        if (end <= start) throw invalidParam(`phases[${index}][end_date]`, 'The end date of a phase must be after its start date.');
        previousEnd = end;
        const phase = this.phaseObject(subscription, start, end, items);
        phase.metadata = mergeMetadata({}, raw.metadata);
        phase.proration_behavior = raw.proration_behavior ?? params.proration_behavior ?? 'create_prorations';
        return phase;
      });
      const current = schedule.phases.find((p: StripeObject) => p.start_date <= now && now < p.end_date);
      schedule.current_phase = current ? { start_date: current.start_date, end_date: current.end_date } : schedule.current_phase;
      // A current phase with other prices than the subscription's applies now, as Stripe does.
      if (current) this.applyItems(subscription, current, current.proration_behavior);
    }
    store.emit('subscription_schedule.updated', schedule);
    return schedule;
  }

  release(schedule: StripeObject): StripeObject {
    if (schedule.status !== 'active' && schedule.status !== 'not_started') {
      throw new SandboxApiError(400, 'invalid_request_error', `You cannot release a subscription schedule that is currently in the \`${schedule.status}\` status.`);
    }
    const subscription = this.store.subscriptions.get(schedule.subscription)!;
    const before = structuredClone(subscription);
    this.markReleased(schedule, subscription);
    this.store.emitUpdated('customer.subscription.updated', before, subscription);
    return schedule;
  }

  cancel(schedule: StripeObject): StripeObject {
    const subscription = this.store.subscriptions.get(schedule.subscription)!;
    schedule.status = 'canceled';
    schedule.canceled_at = this.store.now();
    schedule.current_phase = null;
    this.store.emit('subscription_schedule.canceled', schedule);
    if (this.billing.isLive(subscription)) this.billing.cancelNow(subscription, 'cancellation_requested');
    return schedule;
  }

  private markReleased(schedule: StripeObject, subscription: StripeObject): void {
    schedule.status = 'released';
    schedule.released_at = this.store.now();
    schedule.released_subscription = subscription.id;
    schedule.current_phase = null;
    subscription.schedule = null;
    this.store.emit('subscription_schedule.released', schedule);
  }

  /** At a period boundary: the phase covering `at` sets the prices; past the last phase the schedule ends. */
  private enterPhaseAt(subscription: StripeObject, at: number): void {
    const schedule = subscription.schedule ? this.store.schedules.get(subscription.schedule) : undefined;
    if (!schedule || schedule.status !== 'active') return;
    const phase = schedule.phases.find((p: StripeObject) => p.start_date <= at && at < p.end_date);
    if (phase) {
      const changed = schedule.current_phase?.start_date !== phase.start_date;
      schedule.current_phase = { start_date: phase.start_date, end_date: phase.end_date };
      // The switch happens on the boundary, so there is no partial period to prorate.
      this.applyItems(subscription, phase, 'none', true);
      if (changed) this.store.emit('subscription_schedule.updated', schedule);
      return;
    }
    if (schedule.end_behavior === 'cancel') {
      schedule.status = 'completed';
      schedule.completed_at = at;
      this.billing.cancelNow(subscription, 'cancellation_requested');
      return;
    }
    this.markReleased(schedule, subscription);
  }

  private applyItems(subscription: StripeObject, phase: StripeObject, prorationBehavior: string, atBoundary = false): void {
    const items = subscription.items.data as StripeObject[];
    const wanted = phase.items as StripeObject[];
    const same = items.length === wanted.length && wanted.every((w, i) => w.price === items[i]!.price.id && (w.quantity ?? items[i]!.quantity) === items[i]!.quantity);
    if (same) return;
    const changes = wanted.map((w, i) => ({ id: items[i]?.id, price: this.store.prices.get(w.price)!, quantity: w.quantity ?? undefined }));
    for (const extra of items.slice(wanted.length)) changes.push({ id: extra.id, deleted: true } as never);
    this.billing.changeItems(subscription, changes, prorationBehavior, { atBoundary });
  }

  private phaseObject(subscription: StripeObject, start: number, end: number, items: Array<{ price: string; quantity?: number }>): StripeObject {
    return {
      add_invoice_items: [],
      application_fee_percent: null,
      billing_cycle_anchor: null,
      billing_thresholds: null,
      collection_method: null,
      currency: subscription.currency,
      default_payment_method: null,
      default_tax_rates: [],
      description: null,
      discounts: [],
      end_date: end,
      invoice_settings: null,
      items: items.map((item) => ({ billing_thresholds: null, discounts: [], metadata: {}, plan: item.price, price: item.price, quantity: item.quantity ?? 1, tax_rates: [] })),
      metadata: {},
      on_behalf_of: null,
      proration_behavior: 'create_prorations',
      start_date: start,
      transfer_data: null,
      trial_end: null,
    };
  }
}

function timestamp(value: unknown, now: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'now') return now;
  const n = Number(value);
  if (!Number.isInteger(n)) throw invalidParam('phases', `Invalid timestamp: ${String(value)}`);
  return n;
}
