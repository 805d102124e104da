import type Stripe from 'stripe';
import type { Logger } from 'pino';
import { STRIPE_METADATA } from './stripe-subscription-sync.port';
import { isStripeError, logStripeFailure, paymentProviderErrorFrom } from './payment-provider.errors';
import { type SubscriptionPrices, downgradePhases, priceChangeItems } from './stripe-subscription-items';
import { idempotencyKeys as keys } from './stripe-idempotency-keys';

export interface SubscriptionCheckoutRequest {
  organizationId: string;
  customerId: string;
  planKey: string;
  interval: 'month' | 'year';
  prices: SubscriptionPrices;
  trialDays: number;
  successUrl: string;
  cancelUrl: string;
  /** Each call is a new session; the nonce keeps an SDK retry of this call from making a second one. */
  nonce: string;
}

export interface CreditPackCheckoutRequest {
  organizationId: string;
  customerId: string;
  productKey: string;
  credits: number;
  priceId: string;
  successUrl: string;
  cancelUrl: string;
  nonce: string;
}

export interface PlanChangeRequest {
  subscriptionId: string;
  planKey: string;
  interval: 'month' | 'year';
  prices: SubscriptionPrices;
  /** Tollgate's view of the subscription this change starts from (its row version): one key per intended change. */
  fromState: string;
}

/** Subscriptions come back with their schedule expanded, so a scheduled downgrade's next phase can be read. */
const WITH_SCHEDULE = ['schedule'];

/**
 * Every call Tollgate makes to Stripe, in the words of the billing domain. Each write carries an idempotency key
 * derived from what it does (stripe-idempotency-keys.ts); every Stripe failure becomes a PaymentProviderError
 * (GraphQL PAYMENT_PROVIDER_ERROR) with Stripe's request id logged.
 */
export class StripeBillingGateway {
  constructor(
    private readonly stripe: Stripe,
    private readonly logger: Logger,
  ) {}

  // ---- customers, checkout, portal ----

  createCustomer(input: { organizationId: string; name: string }): Promise<Stripe.Customer> {
    return this.call('customers.create', () =>
      this.stripe.customers.create(
        { name: input.name, metadata: { [STRIPE_METADATA.organizationId]: input.organizationId } },
        { idempotencyKey: keys.customerCreate(input.organizationId) },
      ),
    );
  }

  createSubscriptionCheckout(request: SubscriptionCheckoutRequest): Promise<Stripe.Checkout.Session> {
    const metadata = {
      [STRIPE_METADATA.organizationId]: request.organizationId,
      [STRIPE_METADATA.planKey]: request.planKey,
      [STRIPE_METADATA.interval]: request.interval,
    };
    return this.call('checkout.sessions.create(subscription)', () =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'subscription',
          customer: request.customerId,
          client_reference_id: request.organizationId,
          line_items: [{ price: request.prices.base, quantity: 1 }, ...request.prices.metered.map((price) => ({ price }))],
          subscription_data: { metadata, ...(request.trialDays > 0 ? { trial_period_days: request.trialDays } : {}) },
          metadata,
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: keys.subscriptionCheckout(request.organizationId, request.planKey, request.interval, request.nonce) },
      ),
    );
  }

  createCreditPackCheckout(request: CreditPackCheckoutRequest): Promise<Stripe.Checkout.Session> {
    const metadata = {
      [STRIPE_METADATA.organizationId]: request.organizationId,
      [STRIPE_METADATA.creditProductKey]: request.productKey,
      [STRIPE_METADATA.credits]: String(request.credits),
    };
    return this.call('checkout.sessions.create(payment)', () =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          customer: request.customerId,
          client_reference_id: request.organizationId,
          line_items: [{ price: request.priceId, quantity: 1 }],
          payment_intent_data: { metadata },
          metadata,
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: keys.creditPackCheckout(request.organizationId, request.productKey, request.nonce) },
      ),
    );
  }

  createPortalSession(input: { customerId: string; returnUrl: string }): Promise<Stripe.BillingPortal.Session> {
    // Read-only for billing state (a portal session changes nothing until the person acts), so no key is needed;
    // an SDK retry makes at most a second, unused link.
    return this.call('billing_portal.sessions.create', () =>
      this.stripe.billingPortal.sessions.create({ customer: input.customerId, return_url: input.returnUrl }),
    );
  }

  // ---- plan changes on a Stripe subscription ----

  retrieveSubscription(subscriptionId: string): Promise<Stripe.Subscription> {
    return this.call('subscriptions.retrieve', () => this.stripe.subscriptions.retrieve(subscriptionId, { expand: WITH_SCHEDULE }));
  }

  retrieveSubscriptionSchedule(scheduleId: string): Promise<Stripe.SubscriptionSchedule> {
    return this.call('subscription_schedules.retrieve', () => this.stripe.subscriptionSchedules.retrieve(scheduleId));
  }

  /** Upgrade now: swap the prices and invoice the prorated difference at once. A pending downgrade is released first. */
  async changeSubscriptionPrice(request: PlanChangeRequest): Promise<Stripe.Subscription> {
    const current = await this.releaseScheduleOf(await this.retrieveSubscription(request.subscriptionId));
    return this.call('subscriptions.update(price)', () =>
      this.stripe.subscriptions.update(
        request.subscriptionId,
        {
          items: priceChangeItems(current, request.prices),
          proration_behavior: 'always_invoice',
          metadata: { [STRIPE_METADATA.planKey]: request.planKey, [STRIPE_METADATA.interval]: request.interval },
          expand: WITH_SCHEDULE,
        },
        { idempotencyKey: keys.subscriptionPriceChange(request.subscriptionId, request.fromState, request.prices.base) },
      ),
    );
  }

  /**
   * Downgrade at the period end with a subscription schedule: phase 1 keeps today's prices until the period
   * ends, phase 2 has the new ones; the schedule then releases the subscription to run on its own.
   */
  async scheduleDowngrade(request: PlanChangeRequest): Promise<Stripe.Subscription> {
    const current = await this.retrieveSubscription(request.subscriptionId);
    const scheduleId =
      scheduleIdOf(current) ??
      (
        await this.call('subscription_schedules.create', () =>
          this.stripe.subscriptionSchedules.create(
            { from_subscription: request.subscriptionId },
            { idempotencyKey: keys.scheduleCreate(request.subscriptionId, request.fromState) },
          ),
        )
      ).id;
    const schedule = await this.retrieveSubscriptionSchedule(scheduleId);
    await this.call('subscription_schedules.update', () =>
      this.stripe.subscriptionSchedules.update(
        scheduleId,
        {
          end_behavior: 'release',
          proration_behavior: 'none',
          phases: downgradePhases(current, schedule, request),
        },
        { idempotencyKey: keys.scheduleUpdate(scheduleId, request.fromState, request.prices.base) },
      ),
    );
    return this.retrieveSubscription(request.subscriptionId);
  }

  /** Undo a scheduled downgrade: release the schedule; the subscription keeps its current prices. */
  async releaseScheduledDowngrade(subscriptionId: string): Promise<Stripe.Subscription> {
    await this.releaseScheduleOf(await this.retrieveSubscription(subscriptionId));
    return this.retrieveSubscription(subscriptionId);
  }

  /** Cancel at the period end (a scheduled downgrade is dropped: the subscription ends instead). */
  async cancelAtPeriodEnd(subscriptionId: string, fromState: string): Promise<Stripe.Subscription> {
    await this.releaseScheduleOf(await this.retrieveSubscription(subscriptionId));
    return this.call('subscriptions.update(cancel_at_period_end)', () =>
      this.stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: true, expand: WITH_SCHEDULE },
        { idempotencyKey: keys.cancelAtPeriodEnd(subscriptionId, fromState) },
      ),
    );
  }

  resume(subscriptionId: string, fromState: string): Promise<Stripe.Subscription> {
    return this.call('subscriptions.update(resume)', () =>
      this.stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: false, expand: WITH_SCHEDULE },
        { idempotencyKey: keys.resume(subscriptionId, fromState) },
      ),
    );
  }

  cancelNow(subscriptionId: string): Promise<Stripe.Subscription> {
    return this.call('subscriptions.cancel', () =>
      this.stripe.subscriptions.cancel(subscriptionId, {}, { idempotencyKey: keys.cancelNow(subscriptionId) }),
    );
  }

  // ---- catalog ----

  retrieveProduct(productId: string): Promise<Stripe.Product> {
    return this.call('products.retrieve', () => this.stripe.products.retrieve(productId));
  }

  createProduct(params: Stripe.ProductCreateParams, idempotencyKey: string): Promise<Stripe.Product> {
    return this.call('products.create', () => this.stripe.products.create(params, { idempotencyKey }));
  }

  updateProduct(productId: string, params: Stripe.ProductUpdateParams, idempotencyKey: string): Promise<Stripe.Product> {
    return this.call('products.update', () => this.stripe.products.update(productId, params, { idempotencyKey }));
  }

  retrievePrice(priceId: string): Promise<Stripe.Price> {
    return this.call('prices.retrieve', () => this.stripe.prices.retrieve(priceId));
  }

  async findPriceByLookupKey(lookupKey: string): Promise<Stripe.Price | null> {
    const found = await this.call('prices.list(lookup_keys)', () => this.stripe.prices.list({ lookup_keys: [lookupKey], limit: 1 }));
    return found.data[0] ?? null;
  }

  createPrice(params: Stripe.PriceCreateParams, idempotencyKey: string): Promise<Stripe.Price> {
    return this.call('prices.create', () => this.stripe.prices.create(params, { idempotencyKey }));
  }

  updatePrice(priceId: string, params: Stripe.PriceUpdateParams, idempotencyKey: string): Promise<Stripe.Price> {
    return this.call('prices.update', () => this.stripe.prices.update(priceId, params, { idempotencyKey }));
  }

  async findMeterByEventName(eventName: string): Promise<Stripe.Billing.Meter | null> {
    // Few meters per account; one page of active ones is enough to find Tollgate's.
    const meters = await this.call('billing.meters.list', () => this.stripe.billing.meters.list({ status: 'active', limit: 100 }));
    return meters.data.find((meter) => meter.event_name === eventName) ?? null;
  }

  retrieveMeter(meterId: string): Promise<Stripe.Billing.Meter> {
    return this.call('billing.meters.retrieve', () => this.stripe.billing.meters.retrieve(meterId));
  }

  createMeter(params: Stripe.Billing.MeterCreateParams, idempotencyKey: string): Promise<Stripe.Billing.Meter> {
    return this.call('billing.meters.create', () => this.stripe.billing.meters.create(params, { idempotencyKey }));
  }

  // ---- usage ----

  /** One meter event; Stripe de-duplicates by `identifier`, so reporting an event again changes nothing. */
  reportMeterEvent(event: { eventName: string; customerId: string; value: number; identifier: string; timestamp: Date }): Promise<Stripe.Billing.MeterEvent> {
    return this.call('billing.meter_events.create', () =>
      this.stripe.billing.meterEvents.create(
        {
          event_name: event.eventName,
          identifier: event.identifier,
          timestamp: Math.floor(event.timestamp.getTime() / 1000),
          payload: { stripe_customer_id: event.customerId, value: String(event.value) },
        },
        { idempotencyKey: keys.meterEvent(event.identifier) },
      ),
    );
  }

  // ---- internals ----

  private async releaseScheduleOf(subscription: Stripe.Subscription): Promise<Stripe.Subscription> {
    const scheduleId = scheduleIdOf(subscription);
    if (!scheduleId) return subscription;
    await this.call('subscription_schedules.release', () =>
      this.stripe.subscriptionSchedules.release(scheduleId, {}, { idempotencyKey: keys.scheduleRelease(scheduleId) }),
    );
    return this.retrieveSubscription(subscription.id);
  }

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isStripeError(error)) throw error;
      logStripeFailure(this.logger, operation, error);
      throw paymentProviderErrorFrom(error);
    }
  }
}

export function scheduleIdOf(subscription: Stripe.Subscription): string | null {
  const schedule = subscription.schedule;
  if (!schedule) return null;
  return typeof schedule === 'string' ? schedule : schedule.id;
}
