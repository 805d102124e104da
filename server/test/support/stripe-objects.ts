import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import request from 'supertest';
import type { TestApp } from './test-app';

/**
 * Stripe objects as Stripe sends them (API 2026-10-28: periods on subscription items, the invoice's subscription
 * under parent.subscription_details), built field by field after the shapes of Stripe's OpenAPI fixtures; only
 * what Tollgate reads varies, the rest keeps Stripe's structure.
 */
export const stripeId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
export const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

export interface SubscriptionOptions {
  id?: string;
  customer?: string;
  status?: Stripe.Subscription.Status;
  organizationId?: string | null;
  price?: Partial<Stripe.Price> & { id?: string };
  periodStart: Date;
  periodEnd: Date;
  trialEnd?: Date | null;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: Date | null;
  endedAt?: Date | null;
  cancellationReason?: Stripe.Subscription.CancellationDetails.Reason | null;
}

export function stripePrice(options: Partial<Stripe.Price> & { id?: string } = {}): Stripe.Price {
  return {
    id: options.id ?? stripeId('price'),
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: 1721948530,
    currency: 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: 'prod_QXg1hqf4jFNsqG',
    recurring: { interval: 'month', interval_count: 1, meter: null, usage_type: 'licensed', trial_period_days: null },
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: 1500,
    unit_amount_decimal: '1500',
    ...options,
  } as unknown as Stripe.Price;
}

export function stripeSubscription(options: SubscriptionOptions): Stripe.Subscription {
  const id = options.id ?? stripeId('sub');
  const price = stripePrice(options.price);
  return {
    id,
    object: 'subscription',
    application: null,
    automatic_tax: { enabled: false, liability: null, disabled_reason: null },
    billing_cycle_anchor: seconds(options.trialEnd ?? options.periodStart),
    cancel_at: null,
    cancel_at_period_end: options.cancelAtPeriodEnd ?? false,
    canceled_at: options.canceledAt ? seconds(options.canceledAt) : null,
    cancellation_details: { comment: null, feedback: null, reason: options.cancellationReason ?? null },
    collection_method: 'charge_automatically',
    created: seconds(options.periodStart),
    currency: 'usd',
    customer: options.customer ?? stripeId('cus'),
    default_payment_method: null,
    discounts: [],
    ended_at: options.endedAt ? seconds(options.endedAt) : null,
    items: {
      object: 'list',
      data: [
        {
          id: stripeId('si'),
          object: 'subscription_item',
          created: seconds(options.periodStart),
          current_period_start: seconds(options.periodStart),
          current_period_end: seconds(options.periodEnd),
          discounts: [],
          metadata: {},
          price,
          quantity: 1,
          subscription: id,
          tax_rates: [],
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: null,
    livemode: false,
    metadata: options.organizationId ? { organization_id: options.organizationId } : {},
    start_date: seconds(options.periodStart),
    status: options.status ?? 'active',
    test_clock: null,
    trial_end: options.trialEnd ? seconds(options.trialEnd) : null,
    trial_start: options.trialEnd ? seconds(options.periodStart) : null,
  } as unknown as Stripe.Subscription;
}

export interface InvoiceOptions {
  id?: string;
  customer: string;
  subscription?: string | null;
  organizationId?: string | null;
  status?: Stripe.Invoice.Status;
  amountDue?: number;
  amountPaid?: number;
  number?: string | null;
  created: Date;
  periodStart?: Date;
  periodEnd?: Date;
}

export function stripeInvoice(options: InvoiceOptions): Stripe.Invoice {
  const id = options.id ?? stripeId('in');
  const amountDue = options.amountDue ?? 1500;
  const amountPaid = options.amountPaid ?? (options.status === 'paid' ? amountDue : 0);
  const lines = options.periodStart && options.periodEnd
    ? [{ id: stripeId('il'), object: 'line_item', amount: amountDue, currency: 'usd', invoice: id, period: { start: seconds(options.periodStart), end: seconds(options.periodEnd) }, quantity: 1 }]
    : [];
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    amount_due: amountDue,
    amount_paid: amountPaid,
    amount_remaining: amountDue - amountPaid,
    attempt_count: 1,
    attempted: true,
    billing_reason: options.subscription ? 'subscription_cycle' : 'manual',
    collection_method: 'charge_automatically',
    created: seconds(options.created),
    currency: 'usd',
    customer: options.customer,
    hosted_invoice_url: `https://invoice.stripe.com/i/${id}`,
    invoice_pdf: `https://pay.stripe.com/invoice/${id}/pdf`,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    number: options.number === undefined ? `TG-${id.slice(-6).toUpperCase()}` : options.number,
    parent: options.subscription
      ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: options.organizationId ? { organization_id: options.organizationId } : {}, subscription: options.subscription } }
      : null,
    period_start: seconds(options.created),
    period_end: seconds(options.created),
    status: options.status ?? 'open',
    total: amountDue,
  } as unknown as Stripe.Invoice;
}

export function checkoutSession(options: {
  mode: 'subscription' | 'payment';
  customer: string;
  organizationId?: string | null;
  subscription?: string | Stripe.Subscription | null;
  metadata?: Record<string, string>;
  paymentStatus?: Stripe.Checkout.Session.PaymentStatus;
}): Stripe.Checkout.Session {
  return {
    id: stripeId('cs_test'),
    object: 'checkout.session',
    amount_subtotal: 1500,
    amount_total: 1500,
    cancel_url: 'http://localhost:5173/billing?checkout=canceled',
    client_reference_id: options.organizationId ?? null,
    created: 1234567890,
    currency: 'usd',
    customer: options.customer,
    customer_details: { email: 'example@example.com', name: null, phone: null, tax_exempt: 'none', tax_ids: null, address: null },
    livemode: false,
    metadata: { ...(options.organizationId ? { organization_id: options.organizationId } : {}), ...options.metadata },
    mode: options.mode,
    payment_intent: options.mode === 'payment' ? stripeId('pi') : null,
    payment_method_types: ['card'],
    payment_status: options.paymentStatus ?? 'paid',
    status: 'complete',
    subscription: options.subscription ?? null,
    success_url: 'http://localhost:5173/billing?checkout=success',
    url: null,
  } as unknown as Stripe.Checkout.Session;
}

export function stripeEvent<T extends Stripe.Event['type']>(type: T, object: unknown, created: Date, id = stripeId('evt')): Extract<Stripe.Event, { type: T }> {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: seconds(created),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Extract<Stripe.Event, { type: T }>;
}

/** Posts an event to /webhooks/stripe signed the way Stripe signs (header t=…,v1=…). */
export function postSignedEvent(app: TestApp, event: Stripe.Event | string, options: { secret?: string; timestamp?: number } = {}) {
  const payload = typeof event === 'string' ? event : JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? app.services.stripeEnvironment.webhookSecret,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
  return request(app.app).post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', header).send(payload);
}

/** Delivers a signed event and waits until Tollgate has applied it in the background. */
export async function deliver(app: TestApp, event: Stripe.Event): Promise<void> {
  const response = await postSignedEvent(app, event);
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
  await app.services.stripeWebhooks.whenIdle();
}

export async function storedEvent(app: TestApp, id: string): Promise<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date | null } | undefined> {
  const [row] = await app.dataSource.query(`SELECT status, attempts, last_error, next_attempt_at FROM stripe_events WHERE id = $1`, [id]);
  return row;
}
