import { invoicePrefix, newId, randomToken } from './sandbox-ids';
import type { StripeObject } from './sandbox-store';

/** Builders of Stripe objects with the fields and defaults of Stripe's own fixtures (fixtures3.json, API 2026-10-28). */

const nullAddress = () => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null });

/** Stripe metadata: string values; on update an empty string removes the key. */
export function mergeMetadata(current: Record<string, string> = {}, patch: unknown): Record<string, string> {
  if (patch === '' ) return {};
  if (!patch || typeof patch !== 'object') return { ...current };
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === '' || value === null) delete merged[key];
    else merged[key] = String(value);
  }
  return merged;
}

export function customerObject(created: number, params: StripeObject): StripeObject {
  return {
    id: newId('cus'),
    object: 'customer',
    address: nullAddress(),
    balance: 0,
    created,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: params.description ?? null,
    discount: null,
    email: params.email ?? null,
    invoice_prefix: invoicePrefix(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: mergeMetadata({}, params.metadata),
    name: params.name ?? null,
    next_invoice_sequence: 1,
    phone: params.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function productObject(created: number, params: StripeObject): StripeObject {
  return {
    id: params.id ?? newId('prod'),
    object: 'product',
    active: params.active === undefined ? true : params.active === 'true' || params.active === true,
    created,
    default_price: null,
    description: params.description || null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: mergeMetadata({}, params.metadata),
    name: params.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: 'service',
    unit_label: params.unit_label ?? null,
    updated: created,
    url: null,
  };
}

export function priceObject(created: number, product: string, params: StripeObject): StripeObject {
  const recurring = params.recurring
    ? {
        interval: params.recurring.interval,
        interval_count: Number(params.recurring.interval_count ?? 1),
        meter: params.recurring.meter ?? null,
        trial_period_days: null,
        usage_type: params.recurring.usage_type ?? 'licensed',
      }
    : null;
  const unitAmount = params.unit_amount !== undefined ? Number(params.unit_amount) : params.unit_amount_decimal !== undefined ? Number(params.unit_amount_decimal) : null;
  return {
    id: newId('price'),
    object: 'price',
    active: params.active === undefined ? true : params.active === 'true' || params.active === true,
    billing_scheme: params.billing_scheme ?? 'per_unit',
    created,
    currency: String(params.currency).toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: params.lookup_key || null,
    metadata: mergeMetadata({}, params.metadata),
    nickname: params.nickname || null,
    product,
    recurring,
    tax_behavior: params.tax_behavior ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: unitAmount === null ? null : Math.round(unitAmount),
    unit_amount_decimal: params.unit_amount_decimal !== undefined ? String(params.unit_amount_decimal) : unitAmount === null ? null : String(unitAmount),
  };
}

export function subscriptionItemObject(created: number, subscription: string, price: StripeObject, quantity: number | undefined, period: { start: number; end: number }): StripeObject {
  const metered = price.recurring?.usage_type === 'metered';
  return {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: period.end,
    current_period_start: period.start,
    discounts: [],
    metadata: {},
    plan: planOf(price),
    price: structuredClone(price),
    ...(metered ? {} : { quantity: quantity ?? 1 }),
    subscription,
    tax_rates: [],
  };
}

/** The legacy `plan` mirror of a recurring price that Stripe still puts on subscription items. */
export function planOf(price: StripeObject): StripeObject {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval,
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: price.recurring?.meter ?? null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: price.recurring?.usage_type ?? 'licensed',
  };
}

export function paymentIntentObject(created: number, params: { amount: number; currency: string; customer: string | null; metadata?: Record<string, string>; description?: string | null }): StripeObject {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    amount: params.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomToken(24)}`,
    confirmation_method: 'automatic',
    created,
    currency: params.currency,
    customer: params.customer,
    customer_account: null,
    description: params.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: params.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

/** The error a declined card leaves on a payment intent (and in the page shown to the payer). */
export function cardDeclinedError(paymentMethod: string | null, paymentIntent: StripeObject): StripeObject {
  return {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    message: 'Your card was declined.',
    payment_method: paymentMethod ? { id: paymentMethod, object: 'payment_method', type: 'card' } : null,
    payment_intent: { id: paymentIntent.id, object: 'payment_intent' },
  };
}

export function listOf(url: string, data: StripeObject[]): StripeObject {
  return { object: 'list', data, has_more: false, url };
}
