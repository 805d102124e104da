import { invalidParam, missingParam, SandboxApiError } from './sandbox-errors';
import { newId } from './sandbox-ids';
import { arrayParam, integerParam } from './sandbox-lists';
import type { CheckoutSessionPlan as SessionPlan, SandboxStore, StripeObject } from './sandbox-store';
import { cardDeclinedError, listOf, mergeMetadata, paymentIntentObject } from './stripe-objects';
import type { SubscriptionBilling } from './subscription-billing';
import { testCard, type TestCard } from './test-cards';
import { priceOrThrow } from './routes/catalog.routes';
import { createCustomer, customerOrThrow } from './routes/customer.routes';


export type PaymentOutcome = { paid: true; redirectTo: string } | { paid: false; message: string };

const DAY = 86_400;

/** Checkout Sessions: creating them through the API, and paying them through the sandbox's checkout page. */
export class CheckoutFlow {
  constructor(
    private readonly store: SandboxStore,
    private readonly billing: SubscriptionBilling,
  ) {}

  create(params: StripeObject): StripeObject {
    const store = this.store;
    const mode = params.mode as string;
    if (!mode) throw missingParam('mode');
    if (mode !== 'subscription' && mode !== 'payment') throw invalidParam('mode', `The Stripe sandbox supports mode \`payment\` and \`subscription\`, not \`${mode}\`.`);
    if (!params.success_url) throw missingParam('success_url');
    if (params.customer) customerOrThrow(store, params.customer, 'customer');
    const lineItems = arrayParam(params.line_items).map((item: StripeObject, index: number) => {
      const price = priceOrThrow(store, item.price, `line_items[${index}][price]`);
      if (!price.active) throw invalidParam(`line_items[${index}][price]`, `The price specified is inactive. This field only accepts active prices.`);
      if (mode === 'payment' && price.type === 'recurring') {
        throw invalidParam(`line_items[${index}][price]`, 'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.');
      }
      return { price, quantity: integerParam(`line_items[${index}][quantity]`, item.quantity) };
    });
    if (lineItems.length === 0) throw missingParam('line_items');
    if (mode === 'subscription' && !lineItems.some((item) => item.price.type === 'recurring')) {
      throw invalidParam('line_items', 'You must provide at least one recurring price in `subscription` mode when using prices.');
    }
    const subscriptionData = params.subscription_data ?? {};
    const trialDays = integerParam('subscription_data[trial_period_days]', subscriptionData.trial_period_days);
    const subtotal = lineItems.reduce((sum, item) => sum + (item.price.recurring?.usage_type === 'metered' ? 0 : Number(item.price.unit_amount ?? 0) * (item.quantity ?? 1)), 0);
    const now = store.now();
    const id = newId('cs_test');
    const session: StripeObject = {
      id,
      object: 'checkout.session',
      adaptive_pricing: { enabled: false },
      after_expiration: null,
      allow_promotion_codes: params.allow_promotion_codes === 'true' ? true : null,
      amount_subtotal: subtotal,
      amount_total: trialDays ? 0 : subtotal,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: params.billing_address_collection ?? null,
      cancel_url: params.cancel_url ?? null,
      client_reference_id: params.client_reference_id ?? null,
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created: now,
      currency: lineItems[0]!.price.currency,
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: params.customer ?? null,
      customer_account: null,
      customer_creation: params.customer ? null : mode === 'payment' ? 'if_required' : 'always',
      customer_details: null,
      customer_email: params.customer_email ?? null,
      discounts: [],
      expires_at: now + DAY,
      invoice: null,
      invoice_creation: mode === 'payment' ? { enabled: false, invoice_data: null } : null,
      livemode: false,
      locale: null,
      metadata: mergeMetadata({}, params.metadata),
      mode,
      origin_context: null,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: 'always',
      payment_method_configuration_details: null,
      payment_method_options: { card: { request_three_d_secure: 'automatic' } },
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      permissions: null,
      phone_number_collection: { enabled: false },
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: 'open',
      submit_type: null,
      subscription: null,
      success_url: params.success_url,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: `${store.baseUrl()}/checkout/${id}`,
      wallet_options: null,
    };
    store.checkoutSessions.set(id, session);
    this.store.checkoutPlans.set(id, { lineItems, subscriptionData, paymentIntentData: params.payment_intent_data ?? {} });
    return session;
  }

  lineItems(session: StripeObject): StripeObject {
    const items = (this.store.checkoutPlans.get(session.id)?.lineItems ?? []).map((item) => {
      const amount = item.price.recurring?.usage_type === 'metered' ? 0 : Number(item.price.unit_amount ?? 0) * (item.quantity ?? 1);
      return {
        id: `li_${session.id.slice(8, 32)}`,
        object: 'item',
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency: item.price.currency,
        description: this.store.products.get(item.price.product)?.name ?? null,
        price: item.price,
        quantity: item.price.recurring?.usage_type === 'metered' ? null : (item.quantity ?? 1),
      };
    });
    return listOf(`/v1/checkout/sessions/${session.id}/line_items`, items);
  }

  trialDays(sessionId: string): number | undefined {
    return integerParam('trial_period_days', this.store.checkoutPlans.get(sessionId)?.subscriptionData.trial_period_days);
  }

  expire(session: StripeObject): StripeObject {
    if (session.status !== 'open') {
      throw new SandboxApiError(400, 'invalid_request_error', `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`);
    }
    session.status = 'expired';
    session.url = null;
    this.store.emit('checkout.session.expired', session);
    return session;
  }

  /** The payer submitted the checkout page with a card number (and an email when no customer was given). */
  pay(session: StripeObject, cardNumber: unknown, email: unknown): PaymentOutcome {
    const store = this.store;
    if (session.status !== 'open') return { paid: false, message: `This Checkout Session is ${session.status}.` };
    const card = testCard(cardNumber);
    if (!card) return { paid: false, message: 'Your card number is not a Stripe test card. Use 4242 4242 4242 4242.' };
    const plan = this.store.checkoutPlans.get(session.id)!;
    if (card.outcome === 'declined') {
      this.decline(session, plan, card);
      return { paid: false, message: 'Your card was declined.' };
    }
    const customer = session.customer
      ? store.customers.get(session.customer)!
      : createCustomer(store, { email: String(email || session.customer_email || '') || null });
    const paymentMethod = newId('pm');
    store.cards.set(customer.id, { paymentMethod, last4: card.last4, behavior: card.outcome === 'fails_later' ? 'fails_later' : 'succeeds' });
    customer.invoice_settings.default_payment_method = paymentMethod;
    store.withEventsAfter(
      () => {
        session.customer = customer.id;
        session.customer_details = { address: null, business_name: null, email: customer.email, individual_name: null, name: customer.name, phone: null, tax_exempt: 'none', tax_ids: [] };
        if (session.mode === 'subscription') {
          const recurring = plan.lineItems.filter((item) => item.price.type === 'recurring');
          const { subscription, invoice } = this.billing.create({
            customer: customer.id,
            items: recurring,
            trialPeriodDays: integerParam('trial_period_days', plan.subscriptionData.trial_period_days),
            metadata: mergeMetadata({}, plan.subscriptionData.metadata),
            entered: true,
          });
          session.subscription = subscription.id;
          session.invoice = invoice.id;
          session.payment_status = invoice.amount_due === 0 ? 'no_payment_required' : 'paid';
        } else {
          const intent = this.paymentIntent(session, plan, customer.id);
          intent.payment_method = paymentMethod;
          intent.status = 'succeeded';
          intent.amount_received = intent.amount;
          intent.latest_charge = newId('ch');
          session.payment_intent = intent.id;
          session.payment_status = 'paid';
          store.emit('payment_intent.succeeded', intent);
        }
        session.status = 'complete';
        session.url = null;
      },
      () => store.emit('checkout.session.completed', session),
    );
    return { paid: true, redirectTo: String(session.success_url).replace('{CHECKOUT_SESSION_ID}', session.id) };
  }

  /** A declined card: the session stays open for another try; Stripe reports the failed payment intent. */
  private decline(session: StripeObject, plan: SessionPlan, card: TestCard): void {
    const intent = session.payment_intent ? this.store.paymentIntents.get(session.payment_intent)! : this.paymentIntent(session, plan, session.customer);
    if (session.mode === 'payment') session.payment_intent = intent.id;
    intent.payment_method = newId('pm');
    intent.last_payment_error = { ...cardDeclinedError(intent.payment_method, intent), message: `Your card was declined. (card ending in ${card.last4})` };
    this.store.emit('payment_intent.payment_failed', intent);
  }

  private paymentIntent(session: StripeObject, plan: SessionPlan, customer: string | null): StripeObject {
    const amount = session.mode === 'subscription' ? session.amount_subtotal : session.amount_total;
    const metadata = session.mode === 'payment' ? mergeMetadata({}, plan.paymentIntentData.metadata) : {};
    const intent = paymentIntentObject(this.store.now(), { amount, currency: session.currency, customer, metadata, description: plan.paymentIntentData.description ?? null });
    this.store.paymentIntents.set(intent.id, intent);
    return intent;
  }
}
