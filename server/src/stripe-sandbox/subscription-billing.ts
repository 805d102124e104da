import { describePrice, days, periodEndAfter } from './billing-periods';
import { invalidParam } from './sandbox-errors';
import { newId } from './sandbox-ids';
import type { SandboxStore, StripeObject } from './sandbox-store';
import { Invoicing, type LineSpec } from './invoicing';
import { listOf, planOf, subscriptionItemObject } from './stripe-objects';

/** Failed renewals are retried this many days after the previous attempt; after the last one fails, the subscription ends. */
export const RETRY_AFTER_DAYS = [3, 5, 7];

export interface NewSubscription {
  customer: string;
  items: Array<{ price: StripeObject; quantity?: number }>;
  trialPeriodDays?: number;
  metadata?: Record<string, string>;
  /** The card was typed just now (checkout): it pays this first invoice even if it declines later charges. */
  entered?: boolean;
}

export interface ItemChange {
  id?: string;
  price?: StripeObject;
  quantity?: number;
  deleted?: boolean;
}

const ACTIVE_STATUSES = new Set(['active', 'trialing', 'past_due']);

/** Subscriptions through their life: creation, plan changes with prorations, renewals, dunning and cancellation. */
export class SubscriptionBilling {
  readonly invoicing: Invoicing;
  /** Set by the schedule module: moves a subscription to the schedule's phase for a new period. */
  applySchedulePhase: (subscription: StripeObject, at: number) => void = () => undefined;

  constructor(private readonly store: SandboxStore) {
    this.invoicing = new Invoicing(store);
  }

  isLive(subscription: StripeObject): boolean {
    return ACTIVE_STATUSES.has(subscription.status);
  }

  create(input: NewSubscription): { subscription: StripeObject; invoice: StripeObject } {
    const store = this.store;
    const now = store.now();
    const id = newId('sub');
    const recurring = input.items[0]!.price.recurring;
    const trialEnd = input.trialPeriodDays ? now + days(input.trialPeriodDays) : null;
    const anchor = trialEnd ?? now;
    const period = { start: now, end: trialEnd ?? periodEndAfter(anchor, now, recurring) };
    const card = store.cards.get(input.customer);
    const items = input.items.map((item) => subscriptionItemObject(now, id, item.price, item.quantity, period));
    const subscription: StripeObject = {
      id,
      object: 'subscription',
      application: null,
      application_fee_percent: null,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: anchor,
      billing_cycle_anchor_config: null,
      billing_mode: { type: 'classic' },
      billing_thresholds: null,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      collection_method: 'charge_automatically',
      created: now,
      currency: input.items[0]!.price.currency,
      customer: input.customer,
      customer_account: null,
      days_until_due: null,
      default_payment_method: card?.paymentMethod ?? null,
      default_source: null,
      default_tax_rates: [],
      description: null,
      discounts: [],
      ended_at: null,
      invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
      items: listOf(`/v1/subscription_items?subscription=${id}`, items),
      latest_invoice: null,
      livemode: false,
      metadata: { ...input.metadata },
      next_pending_invoice_item_invoice: null,
      on_behalf_of: null,
      pause_collection: null,
      payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
      pending_invoice_item_interval: null,
      pending_setup_intent: null,
      pending_update: null,
      schedule: null,
      start_date: now,
      status: trialEnd ? 'trialing' : 'active',
      test_clock: null,
      transfer_data: null,
      trial_end: trialEnd,
      trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
      trial_start: trialEnd ? now : null,
    };
    store.subscriptions.set(id, subscription);
    const lines = this.licensedLines(subscription, period, trialEnd !== null);
    const invoice = this.invoicing.createInvoice(subscription, input.customer, lines, 'subscription_create', { start: now, end: now }, false);
    subscription.latest_invoice = invoice.id;
    // Stripe's order: the subscription's `created` first, then its first invoice's events.
    store.emit('customer.subscription.created', subscription);
    this.invoicing.announce(invoice);
    const paid = this.invoicing.charge(invoice, { entered: input.entered });
    if (!paid) {
      const before = structuredClone(subscription);
      subscription.status = 'incomplete';
      store.emitUpdated('customer.subscription.updated', before, subscription);
    }
    return { subscription, invoice };
  }

  /** Licensed items billed in advance for `period`; during a trial they appear at zero. */
  private licensedLines(subscription: StripeObject, period: { start: number; end: number }, trial: boolean): LineSpec[] {
    return subscription.items.data
      .filter((item: StripeObject) => item.price.recurring?.usage_type !== 'metered')
      .map((item: StripeObject) => {
        const name = this.productName(item.price);
        return {
          amount: trial ? 0 : Number(item.price.unit_amount ?? 0) * item.quantity,
          description: trial ? `Trial period for ${name}` : `${item.quantity} × ${describePrice(item.price, name)}`,
          price: item.price,
          quantity: item.quantity,
          period,
          subscriptionItem: item.id,
        };
      });
  }

  /** Metered items billed in arrears: the usage their meter recorded for this customer in the period that ended. */
  private meteredLines(subscription: StripeObject, period: { start: number; end: number }): LineSpec[] {
    return subscription.items.data
      .filter((item: StripeObject) => item.price.recurring?.usage_type === 'metered' && item.price.recurring.meter)
      .map((item: StripeObject) => {
        const usage = this.invoicing.meteredUsage(item.price.recurring.meter, subscription.customer, period.start, period.end);
        const unit = Number(item.price.unit_amount_decimal ?? item.price.unit_amount ?? 0);
        return {
          amount: Math.round(usage * unit),
          description: `${usage} × ${describePrice(item.price, this.productName(item.price))}`,
          price: item.price,
          quantity: usage,
          period,
          subscriptionItem: item.id,
        };
      });
  }

  private productName(price: StripeObject): string {
    return this.store.products.get(price.product)?.name ?? price.product;
  }

  /** The period ended: cancel if asked to, switch schedule phase, bill the next period (plus usage and prorations). */
  renew(subscription: StripeObject): void {
    const store = this.store;
    const before = structuredClone(subscription);
    const first = subscription.items.data[0];
    const ended = { start: first.current_period_start, end: first.current_period_end };
    if (subscription.cancel_at_period_end) {
      this.cancelNow(subscription, 'cancellation_requested');
      return;
    }
    // Usage of the ended period is measured against the prices it was used under, before any phase switch.
    const meteredLines = this.meteredLines(subscription, ended);
    const previousRecurring = first.price.recurring;
    this.applySchedulePhase(subscription, ended.end);
    if (subscription.status === 'canceled') return;
    const recurring = subscription.items.data[0].price.recurring;
    if (recurring.interval !== previousRecurring.interval || recurring.interval_count !== previousRecurring.interval_count) {
      subscription.billing_cycle_anchor = ended.end;
    }
    const next = { start: ended.end, end: periodEndAfter(subscription.billing_cycle_anchor, ended.end, recurring) };
    for (const item of subscription.items.data) {
      item.current_period_start = next.start;
      item.current_period_end = next.end;
    }
    const lines = [...this.licensedLines(subscription, next, false), ...meteredLines, ...this.takePendingLines(subscription.id)];
    const invoice = this.invoicing.createInvoice(subscription, subscription.customer, lines, 'subscription_cycle', ended);
    subscription.latest_invoice = invoice.id;
    if (this.invoicing.charge(invoice)) subscription.status = 'active';
    else this.startDunning(subscription, invoice);
    store.emitUpdated('customer.subscription.updated', before, subscription);
  }

  private takePendingLines(subscriptionId: string): LineSpec[] {
    const lines = (this.store.pendingLines.get(subscriptionId) ?? []) as LineSpec[];
    this.store.pendingLines.delete(subscriptionId);
    return lines;
  }

  private startDunning(subscription: StripeObject, invoice: StripeObject): void {
    const nextAttemptAt = this.store.now() + days(RETRY_AFTER_DAYS[0]!);
    subscription.status = 'past_due';
    invoice.next_payment_attempt = nextAttemptAt;
    this.store.runtime(subscription.id).dunning = { invoice: invoice.id, nextAttemptAt, retriesDone: 0 };
  }

  /** A scheduled retry of the failed invoice; after the last failed retry the subscription is canceled. */
  retryPayment(subscription: StripeObject): void {
    const store = this.store;
    const runtime = store.runtime(subscription.id);
    const dunning = runtime.dunning;
    if (!dunning) return;
    const invoice = store.invoices.get(dunning.invoice)!;
    const before = structuredClone(subscription);
    dunning.retriesDone += 1;
    const isLast = dunning.retriesDone >= RETRY_AFTER_DAYS.length;
    const nextAttemptAt = isLast ? null : store.now() + days(RETRY_AFTER_DAYS[dunning.retriesDone]!);
    // Stripe announces the next attempt on the failed-payment event itself.
    invoice.next_payment_attempt = nextAttemptAt;
    if (this.invoicing.charge(invoice)) {
      runtime.dunning = undefined;
      subscription.status = 'active';
      store.emitUpdated('customer.subscription.updated', before, subscription);
      return;
    }
    if (isLast) {
      runtime.dunning = undefined;
      this.cancelNow(subscription, 'payment_failed');
      return;
    }
    dunning.nextAttemptAt = nextAttemptAt!;
  }

  /** Pays the customer's open invoices with the card on file (portal card update, `POST /v1/invoices/:id/pay`). */
  payOpenInvoice(invoice: StripeObject, entered: boolean): boolean {
    const store = this.store;
    const subscriptionId = invoice.parent?.subscription_details?.subscription as string | undefined;
    const subscription = subscriptionId ? store.subscriptions.get(subscriptionId) : undefined;
    const before = subscription ? structuredClone(subscription) : undefined;
    if (!this.invoicing.charge(invoice, { entered })) return false;
    if (subscription && before && (subscription.status === 'past_due' || subscription.status === 'incomplete')) {
      store.runtime(subscription.id).dunning = undefined;
      subscription.status = 'active';
      store.emitUpdated('customer.subscription.updated', before, subscription);
    }
    return true;
  }

  cancelNow(subscription: StripeObject, reason: 'cancellation_requested' | 'payment_failed'): void {
    const store = this.store;
    const now = store.now();
    subscription.status = 'canceled';
    subscription.canceled_at ??= now;
    subscription.ended_at = now;
    subscription.cancellation_details = { comment: null, feedback: null, reason };
    store.runtime(subscription.id).dunning = undefined;
    store.pendingLines.delete(subscription.id);
    if (subscription.schedule) {
      const schedule = store.schedules.get(subscription.schedule);
      if (schedule && schedule.status === 'active') {
        schedule.status = 'canceled';
        schedule.canceled_at = now;
        store.emit('subscription_schedule.canceled', schedule);
      }
    }
    store.emit('customer.subscription.deleted', subscription);
  }

  setCancelAtPeriodEnd(subscription: StripeObject, cancel: boolean): void {
    const now = this.store.now();
    subscription.cancel_at_period_end = cancel;
    subscription.cancel_at = cancel ? subscription.items.data[0].current_period_end : null;
    subscription.canceled_at = cancel ? now : null;
    subscription.cancellation_details = { comment: null, feedback: null, reason: cancel ? 'cancellation_requested' : null };
  }

  /**
   * Item changes as `POST /v1/subscriptions/:id` applies them. Prorations credit the unused time of the old price and
   * charge the rest of the period at the new one: added to the next invoice (`create_prorations`), invoiced and
   * charged now (`always_invoice`), or skipped (`none`). A change of interval restarts the period and bills now.
   */
  changeItems(subscription: StripeObject, changes: ItemChange[], prorationBehavior: string, options: { atBoundary?: boolean } = {}): void {
    const store = this.store;
    const now = store.now();
    const first = subscription.items.data[0];
    const period = { start: first.current_period_start, end: first.current_period_end };
    const remaining = period.end > period.start ? Math.max(0, period.end - now) / (period.end - period.start) : 0;
    // On a period boundary (schedule phases) nothing of the old period is left to prorate.
    const prorate = !options.atBoundary && prorationBehavior !== 'none' && subscription.status !== 'trialing';
    const lines: LineSpec[] = [];
    let resetInterval: StripeObject | undefined;
    const licensedAmount = (price: StripeObject, quantity: number) => (price.recurring?.usage_type === 'metered' ? 0 : Number(price.unit_amount ?? 0) * quantity);
    const prorationLine = (price: StripeObject, quantity: number, sign: 1 | -1, item: string): LineSpec => ({
      amount: sign * Math.round(licensedAmount(price, quantity) * remaining),
      description: `${sign < 0 ? 'Unused' : 'Remaining'} time on ${quantity} × ${this.productName(price)} after ${new Date(now * 1000).toUTCString()}`,
      price,
      quantity,
      period: { start: now, end: period.end },
      proration: true,
      subscriptionItem: item,
    });
    for (const change of changes) {
      const item = change.id ? subscription.items.data.find((i: StripeObject) => i.id === change.id) : undefined;
      if (change.id && !item) throw invalidParam('items', `No such subscription item: '${change.id}'`);
      if (item && change.deleted) {
        if (prorate) lines.push(prorationLine(item.price, item.quantity ?? 0, -1, item.id));
        subscription.items.data = subscription.items.data.filter((i: StripeObject) => i !== item);
        continue;
      }
      const price = change.price ?? item?.price;
      if (!price) throw invalidParam('items', 'Each item needs a price.');
      if (price.recurring?.interval !== first.price.recurring?.interval && price.recurring?.usage_type !== 'metered') resetInterval = price.recurring;
      if (!item) {
        const added = subscriptionItemObject(now, subscription.id, price, change.quantity, period);
        subscription.items.data.push(added);
        if (prorate) lines.push(prorationLine(price, added.quantity ?? 0, 1, added.id));
        continue;
      }
      const quantity = change.quantity ?? item.quantity;
      if (prorate && item.price.recurring?.usage_type !== 'metered') {
        lines.push(prorationLine(item.price, item.quantity, -1, item.id), prorationLine(price, quantity, 1, item.id));
      }
      item.price = structuredClone(price);
      item.plan = planOf(price);
      if (price.recurring?.usage_type !== 'metered') item.quantity = quantity;
    }
    if (resetInterval && !options.atBoundary) return this.restartPeriod(subscription, lines.filter((l) => l.amount < 0));
    const nonZero = lines.filter((line) => line.amount !== 0);
    if (nonZero.length === 0) return;
    if (prorationBehavior === 'always_invoice') this.invoiceNow(subscription, nonZero, 'subscription_update', { start: now, end: now });
    else store.pendingLines.set(subscription.id, [...((store.pendingLines.get(subscription.id) ?? []) as LineSpec[]), ...nonZero]);
  }

  /** Monthly ↔ yearly: Stripe restarts the billing cycle now and bills the new period at once, crediting unused time. */
  private restartPeriod(subscription: StripeObject, credits: LineSpec[]): void {
    const now = this.store.now();
    const recurring = subscription.items.data[0].price.recurring;
    const next = { start: now, end: periodEndAfter(now, now, recurring) };
    subscription.billing_cycle_anchor = now;
    for (const item of subscription.items.data) {
      item.current_period_start = next.start;
      item.current_period_end = next.end;
    }
    if (subscription.status === 'trialing') {
      subscription.status = 'active';
      subscription.trial_end = now;
    }
    const lines = [...credits, ...this.licensedLines(subscription, next, false), ...this.takePendingLines(subscription.id)];
    this.invoiceNow(subscription, lines, 'subscription_update', { start: now, end: now });
  }

  private invoiceNow(subscription: StripeObject, lines: LineSpec[], reason: string, period: { start: number; end: number }): void {
    const invoice = this.invoicing.createInvoice(subscription, subscription.customer, lines, reason, period);
    subscription.latest_invoice = invoice.id;
    if (!this.invoicing.charge(invoice)) this.startDunning(subscription, invoice);
  }
}
