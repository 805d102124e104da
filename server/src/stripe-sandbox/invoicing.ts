import { newId } from './sandbox-ids';
import type { SandboxStore, StripeObject } from './sandbox-store';
import { cardDeclinedError, listOf, paymentIntentObject } from './stripe-objects';

/** One line of an invoice before it exists. */
export interface LineSpec {
  amount: number;
  description: string;
  price: StripeObject;
  quantity: number;
  period: { start: number; end: number };
  proration?: boolean;
  subscriptionItem?: string;
}

/** A charge attempt: `entered` is a card the payer just typed (always charged; 0341 only declines later). */
export interface ChargeOptions {
  entered?: boolean;
}

/**
 * Invoices and payments: drafting an invoice for a subscription, finalizing it (number, hosted page, PDF) and
 * charging the customer's card on file, with the events Stripe sends for each step.
 */
export class Invoicing {
  constructor(private readonly store: SandboxStore) {}

  /** Creates and finalizes an invoice (Stripe finalizes subscription invoices right away when charging automatically). */
  createInvoice(subscription: StripeObject | null, customerId: string, lines: LineSpec[], billingReason: string, period: { start: number; end: number }, announce = true): StripeObject {
    const store = this.store;
    const customer = store.customers.get(customerId)!;
    const id = newId('in');
    const now = store.now();
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const currency = lines[0]?.price.currency ?? 'usd';
    const number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, '0')}`;
    customer.next_invoice_sequence += 1;
    const lineItems = lines.map((line) => ({
      id: newId('il'),
      object: 'line_item',
      amount: line.amount,
      currency,
      description: line.description,
      discount_amounts: [],
      discountable: !line.proration,
      discounts: [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: subscription
        ? {
            type: 'subscription_item_details',
            invoice_item_details: null,
            subscription_item_details: {
              invoice_item: null,
              proration: Boolean(line.proration),
              proration_details: { credited_items: null },
              subscription: subscription.id,
              subscription_item: line.subscriptionItem ?? null,
            },
          }
        : null,
      period: line.period,
      pretax_credit_amounts: [],
      pricing: { type: 'price_details', price_details: { price: line.price.id, product: line.price.product }, unit_amount_decimal: line.price.unit_amount_decimal },
      quantity: line.quantity,
      quantity_decimal: String(line.quantity),
      subtotal: line.amount,
      taxes: [],
    }));
    const base = store.baseUrl();
    const invoice: StripeObject = {
      id,
      object: 'invoice',
      account_country: 'US',
      account_name: 'Tollgate Stripe sandbox',
      account_tax_ids: null,
      amount_due: Math.max(0, total),
      amount_overpaid: 0,
      amount_paid: 0,
      amount_remaining: Math.max(0, total),
      amount_shipping: 0,
      application: null,
      attempt_count: 0,
      attempted: false,
      auto_advance: true,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
      automatically_finalizes_at: null,
      billing_reason: billingReason,
      collection_method: 'charge_automatically',
      confirmation_secret: null,
      created: now,
      currency,
      custom_fields: null,
      customer: customerId,
      customer_account: null,
      customer_address: null,
      customer_email: customer.email,
      customer_name: customer.name,
      customer_phone: null,
      customer_shipping: null,
      customer_tax_exempt: 'none',
      customer_tax_ids: [],
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: null,
      discounts: [],
      due_date: null,
      effective_at: now,
      ending_balance: 0,
      footer: null,
      from_invoice: null,
      hosted_invoice_url: `${base}/invoices/${id}`,
      invoice_pdf: `${base}/invoices/${id}/pdf`,
      issuer: { type: 'self' },
      last_finalization_error: null,
      latest_revision: null,
      lines: listOf(`/v1/invoices/${id}/lines`, lineItems),
      livemode: false,
      metadata: {},
      next_payment_attempt: null,
      number,
      on_behalf_of: null,
      parent: subscription
        ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id } }
        : null,
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
      payments: listOf(`/v1/invoice_payments?invoice=${id}`, []),
      period_end: period.end,
      period_start: period.start,
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      receipt_number: null,
      rendering: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: 0,
      statement_descriptor: null,
      status: 'open',
      status_transitions: { finalized_at: now, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      subtotal: total,
      subtotal_excluding_tax: total,
      test_clock: null,
      total,
      total_discount_amounts: [],
      total_excluding_tax: total,
      total_pretax_credit_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: now,
    };
    store.invoices.set(id, invoice);
    if (announce) this.announce(invoice);
    return invoice;
  }

  /** `invoice.created` and `invoice.finalized`, sent when the caller's own events are out. */
  announce(invoice: StripeObject): void {
    this.store.emit('invoice.created', invoice);
    this.store.emit('invoice.finalized', invoice);
  }

  /**
   * Charges an open invoice to the customer's card on file. Success: `invoice.paid`, `invoice.payment_succeeded`,
   * `payment_intent.succeeded`; decline: `invoice.payment_failed`, `payment_intent.payment_failed`.
   */
  charge(invoice: StripeObject, options: ChargeOptions = {}): boolean {
    const store = this.store;
    if (invoice.status === 'paid') return true;
    const now = store.now();
    if (invoice.amount_remaining <= 0) {
      this.markPaid(invoice, null);
      return true;
    }
    const card = store.cards.get(invoice.customer);
    const intent = paymentIntentObject(now, {
      amount: invoice.amount_remaining,
      currency: invoice.currency,
      customer: invoice.customer,
      description: invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : invoice.billing_reason === 'subscription_cycle' ? 'Subscription cycle' : 'Subscription update',
    });
    intent.payment_method = card?.paymentMethod ?? null;
    store.paymentIntents.set(intent.id, intent);
    invoice.attempted = true;
    invoice.attempt_count += 1;
    const succeeds = card !== undefined && (card.behavior === 'succeeds' || options.entered === true);
    if (succeeds) {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      intent.latest_charge = newId('ch');
      this.markPaid(invoice, intent);
      store.emit('payment_intent.succeeded', intent);
      return true;
    }
    intent.last_payment_error = cardDeclinedError(intent.payment_method, intent);
    invoice.payments.data.push(this.invoicePayment(invoice, intent, 'failed'));
    store.emit('invoice.payment_failed', invoice);
    store.emit('payment_intent.payment_failed', intent);
    return false;
  }

  private markPaid(invoice: StripeObject, intent: StripeObject | null): void {
    const store = this.store;
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.attempted = true;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = store.now();
    if (intent) invoice.payments.data.push(this.invoicePayment(invoice, intent, 'paid'));
    store.emit('invoice.paid', invoice);
    store.emit('invoice.payment_succeeded', invoice);
  }

  private invoicePayment(invoice: StripeObject, intent: StripeObject, status: 'paid' | 'failed'): StripeObject {
    const now = this.store.now();
    return {
      id: newId('inpay'),
      object: 'invoice_payment',
      amount_paid: status === 'paid' ? intent.amount : null,
      amount_requested: intent.amount,
      created: now,
      currency: invoice.currency,
      invoice: invoice.id,
      is_default: true,
      livemode: false,
      payment: { type: 'payment_intent', payment_intent: intent.id },
      status: status === 'paid' ? 'paid' : 'open',
      status_transitions: { canceled_at: null, paid_at: status === 'paid' ? now : null },
    };
  }

  /** Aggregated usage of a meter for one customer over [start, end), by the meter's formula. */
  meteredUsage(meterId: string, customerId: string, start: number, end: number): number {
    const meter = this.store.meters.get(meterId);
    if (!meter) return 0;
    const customerKey = meter.customer_mapping.event_payload_key;
    const valueKey = meter.value_settings.event_payload_key;
    const events = [...this.store.meterEvents.values()].filter(
      (e) => e.event_name === meter.event_name && e.payload[customerKey] === customerId && e.timestamp >= start && e.timestamp < end,
    );
    const formula = meter.default_aggregation.formula;
    if (formula === 'count') return events.length;
    if (formula === 'last') return events.length ? Number(events[events.length - 1]!.payload[valueKey] ?? 0) : 0;
    return events.reduce((sum, e) => sum + Number(e.payload[valueKey] ?? 1), 0);
  }
}
