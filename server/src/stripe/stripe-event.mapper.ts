import type Stripe from 'stripe';
import type { InvoiceReport } from '../modules/invoices/invoice.service';
import { isUuid } from '../shared/uuid';
import { STRIPE_METADATA } from './stripe-subscription-sync.port';

/** An invoice as billing history needs it (plain values, money in integer minor units), with its organization when Tollgate tagged it. */
export interface InvoiceRecord extends InvoiceReport {
  /** From the invoice's (or its subscription snapshot's) metadata, when Tollgate put it there. */
  organizationId: string | null;
}

/** What a Stripe event asks Tollgate to do. `observedAt` is the event's `created`: the order of observations. */
export type StripeCommand =
  | { kind: 'sync_subscription'; subscription: Stripe.Subscription; observedAt: Date }
  /** The event carries another object (a subscription schedule): the subscription is read again from Stripe. */
  | { kind: 'resync_subscription'; subscriptionId: string; observedAt: Date }
  | {
      kind: 'checkout_subscription';
      sessionId: string;
      organizationId: string | null;
      customerId: string | null;
      /** Set when the session's subscription was expanded; otherwise customer.subscription.created carries it. */
      subscription: Stripe.Subscription | null;
      subscriptionId: string | null;
      observedAt: Date;
    }
  | { kind: 'grant_credit_pack'; sessionId: string; organizationId: string | null; customerId: string | null; productKey: string; credits: number }
  | { kind: 'trial_will_end'; subscriptionId: string; customerId: string | null; organizationId: string | null; trialEnd: Date | null }
  | { kind: 'record_invoice'; invoice: InvoiceRecord; payment: 'succeeded' | 'failed' | null; observedAt: Date }
  | {
      kind: 'record_payment_intent';
      paymentIntentId: string;
      customerId: string | null;
      organizationId: string | null;
      succeeded: boolean;
      amountMinor: number;
      currency: string;
      failureMessage: string | null;
    }
  | { kind: 'ignore'; reason: string };

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);
const dateOf = (seconds: number | null | undefined): Date | null => (seconds == null ? null : new Date(seconds * 1000));
const organizationIdIn = (metadata: Stripe.Metadata | null | undefined): string | null => {
  const value = metadata?.[STRIPE_METADATA.organizationId];
  return typeof value === 'string' && isUuid(value) ? value.toLowerCase() : null;
};

/**
 * The one translation from a Stripe event to a Tollgate command. Pure: no I/O, no clock; every branch returns.
 * Types Tollgate does not act on become `ignore` (they are still stored, as the webhook log).
 */
export function mapStripeEvent(event: Stripe.Event): StripeCommand {
  const observedAt = new Date(event.created * 1000);
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'customer.subscription.paused':
    case 'customer.subscription.resumed':
      return { kind: 'sync_subscription', subscription: event.data.object, observedAt };
    case 'subscription_schedule.created':
    case 'subscription_schedule.updated':
    case 'subscription_schedule.released':
    case 'subscription_schedule.completed':
    case 'subscription_schedule.canceled':
    case 'subscription_schedule.aborted': {
      // Changing a schedule's phases changes no field of the subscription, so no customer.subscription.updated follows.
      const subscriptionId = idOf(event.data.object.subscription) ?? idOf(event.data.object.released_subscription);
      if (!subscriptionId) return { kind: 'ignore', reason: `subscription schedule ${event.data.object.id} has no subscription` };
      return { kind: 'resync_subscription', subscriptionId, observedAt };
    }
    case 'customer.subscription.trial_will_end': {
      const subscription = event.data.object;
      return {
        kind: 'trial_will_end',
        subscriptionId: subscription.id,
        customerId: idOf(subscription.customer),
        organizationId: organizationIdIn(subscription.metadata),
        trialEnd: dateOf(subscription.trial_end),
      };
    }
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return checkoutCommand(event.data.object, observedAt);
    case 'invoice.paid':
    case 'invoice.payment_succeeded':
      return { kind: 'record_invoice', invoice: invoiceRecord(event.data.object), payment: 'succeeded', observedAt };
    case 'invoice.payment_failed':
      return { kind: 'record_invoice', invoice: invoiceRecord(event.data.object), payment: 'failed', observedAt };
    case 'invoice.created':
    case 'invoice.finalized':
    case 'invoice.updated':
    case 'invoice.voided':
    case 'invoice.marked_uncollectible':
      return { kind: 'record_invoice', invoice: invoiceRecord(event.data.object), payment: null, observedAt };
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      return {
        kind: 'record_payment_intent',
        paymentIntentId: intent.id,
        customerId: idOf(intent.customer),
        organizationId: organizationIdIn(intent.metadata),
        succeeded: event.type === 'payment_intent.succeeded',
        amountMinor: intent.amount,
        currency: intent.currency,
        failureMessage: intent.last_payment_error?.message ?? null,
      };
    }
    default:
      return { kind: 'ignore', reason: `Tollgate does not act on ${event.type}` };
  }
}

function checkoutCommand(session: Stripe.Checkout.Session, observedAt: Date): StripeCommand {
  const organizationId = organizationIdIn(session.metadata) ?? (session.client_reference_id && isUuid(session.client_reference_id) ? session.client_reference_id.toLowerCase() : null);
  const customerId = idOf(session.customer);
  if (session.mode === 'subscription') {
    const subscription = session.subscription && typeof session.subscription !== 'string' ? session.subscription : null;
    return { kind: 'checkout_subscription', sessionId: session.id, organizationId, customerId, subscription, subscriptionId: idOf(session.subscription), observedAt };
  }
  if (session.mode !== 'payment') return { kind: 'ignore', reason: `checkout mode ${session.mode} is not Tollgate's` };
  const productKey = session.metadata?.[STRIPE_METADATA.creditProductKey];
  const credits = Number(session.metadata?.[STRIPE_METADATA.credits]);
  if (!productKey) return { kind: 'ignore', reason: 'payment checkout without a Tollgate credit product' };
  if (!Number.isSafeInteger(credits) || credits <= 0) return { kind: 'ignore', reason: `credit pack ${productKey} has no valid ${STRIPE_METADATA.credits}` };
  // Delayed payment methods complete the session unpaid; checkout.session.async_payment_succeeded brings the credits.
  if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
    return { kind: 'ignore', reason: `credit pack not paid yet (payment_status ${session.payment_status})` };
  }
  return { kind: 'grant_credit_pack', sessionId: session.id, organizationId, customerId, productKey, credits };
}

const INVOICE_STATUSES = new Set(['draft', 'open', 'paid', 'uncollectible', 'void']);

export function invoiceRecord(invoice: Stripe.Invoice): InvoiceRecord {
  const details = invoice.parent?.subscription_details ?? null;
  // The subscription period an invoice bills is on its lines; the invoice's own period_start/end cover pending
  // invoice items (for a renewal, the period before). A renewal also bills the period before in arrears (metered
  // usage, prorations): the billed period is the one the invoice opens, the line period that starts last.
  const periods = (invoice.lines?.data ?? []).map((line) => line.period).filter((period) => period && period.end > period.start);
  const billed = periods.reduce<(typeof periods)[number] | null>((last, p) => (!last || p.start > last.start || (p.start === last.start && p.end > last.end) ? p : last), null);
  const periodStart = billed ? billed.start : invoice.period_start;
  const periodEnd = billed ? billed.end : invoice.period_end;
  return {
    stripeInvoiceId: invoice.id,
    stripeCustomerId: idOf(invoice.customer),
    stripeSubscriptionId: idOf(details?.subscription),
    organizationId: organizationIdIn(invoice.metadata) ?? organizationIdIn(details?.metadata),
    number: invoice.number,
    status: INVOICE_STATUSES.has(invoice.status ?? '') ? (invoice.status as InvoiceRecord['status']) : 'draft',
    billingReason: invoice.billing_reason,
    amountDueMinor: invoice.amount_due,
    amountPaidMinor: invoice.amount_paid,
    amountRemainingMinor: invoice.amount_remaining,
    currency: invoice.currency,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: dateOf(periodStart),
    periodEnd: dateOf(periodEnd),
    stripeCreatedAt: new Date(invoice.created * 1000),
  };
}
