import { checkoutSession, stripeEvent, stripeInvoice, stripePrice, stripeSubscription } from '../../test/support/stripe-objects';
import { BillingInterval } from '../modules/catalog/catalog.enums';
import { isOlderObservation } from '../modules/subscriptions/provider-observation';
import { SubscriptionStatus as S } from '../modules/subscriptions/subscription-status';
import { mapStripeEvent } from './stripe-event.mapper';
import { planReferenceOf, subscriptionView, tollgateStatusOf } from './stripe-subscription.mapper';

const ORG = '6f1c9a52-8d0e-4a8e-9a51-0b7e3c1d2f44';
const AT = new Date('2026-11-23T12:00:00.000Z');
const LATER = new Date('2026-12-23T12:00:00.000Z');
const NEXT = new Date('2027-01-23T12:00:00.000Z');

describe('mapStripeEvent', () => {
  it('turns subscription lifecycle events into a sync of the subscription, observed at the event time', () => {
    const subscription = stripeSubscription({ periodStart: AT, periodEnd: LATER });
    for (const type of ['customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted', 'customer.subscription.paused'] as const) {
      expect(mapStripeEvent(stripeEvent(type, subscription, LATER))).toEqual({ kind: 'sync_subscription', subscription, observedAt: LATER });
    }
  });

  it('re-reads the subscription on a schedule event (a phase change touches no subscription field), released ones included', () => {
    const schedule = { id: 'sub_sched_1', object: 'subscription_schedule', subscription: 'sub_1', released_subscription: null };
    expect(mapStripeEvent(stripeEvent('subscription_schedule.updated', schedule, LATER))).toEqual({ kind: 'resync_subscription', subscriptionId: 'sub_1', observedAt: LATER });
    const released = { ...schedule, subscription: null, released_subscription: 'sub_1' };
    expect(mapStripeEvent(stripeEvent('subscription_schedule.released', released, LATER))).toMatchObject({ kind: 'resync_subscription', subscriptionId: 'sub_1' });
    expect(mapStripeEvent(stripeEvent('subscription_schedule.canceled', { ...schedule, subscription: null }, LATER)).kind).toBe('ignore');
  });

  it('records a trial that is about to end with its end date and organization', () => {
    const subscription = stripeSubscription({ periodStart: AT, periodEnd: LATER, status: 'trialing', trialEnd: LATER, organizationId: ORG });
    expect(mapStripeEvent(stripeEvent('customer.subscription.trial_will_end', subscription, AT))).toMatchObject({
      kind: 'trial_will_end',
      subscriptionId: subscription.id,
      organizationId: ORG,
      trialEnd: LATER,
    });
  });

  it('maps a subscription checkout whether or not Stripe expanded its subscription', () => {
    const subscription = stripeSubscription({ periodStart: AT, periodEnd: LATER });
    const expanded = mapStripeEvent(stripeEvent('checkout.session.completed', checkoutSession({ mode: 'subscription', customer: 'cus_1', organizationId: ORG, subscription }), AT));
    expect(expanded).toMatchObject({ kind: 'checkout_subscription', organizationId: ORG, customerId: 'cus_1', subscription, subscriptionId: subscription.id });
    const byId = mapStripeEvent(stripeEvent('checkout.session.completed', checkoutSession({ mode: 'subscription', customer: 'cus_1', subscription: 'sub_123' }), AT));
    expect(byId).toMatchObject({ kind: 'checkout_subscription', organizationId: null, subscription: null, subscriptionId: 'sub_123' });
  });

  it('grants a paid credit pack from the session metadata, keyed by the session', () => {
    const session = checkoutSession({ mode: 'payment', customer: 'cus_1', organizationId: ORG, metadata: { tollgate_credit_product_key: 'credits_1000', tollgate_credits: '1000' } });
    expect(mapStripeEvent(stripeEvent('checkout.session.completed', session, AT))).toEqual({
      kind: 'grant_credit_pack',
      sessionId: session.id,
      organizationId: ORG,
      customerId: 'cus_1',
      productKey: 'credits_1000',
      credits: 1000,
    });
  });

  it('ignores an unpaid, malformed or foreign payment checkout', () => {
    const metadata = { tollgate_credit_product_key: 'credits_1000', tollgate_credits: '1000' };
    const unpaid = checkoutSession({ mode: 'payment', customer: 'cus_1', metadata, paymentStatus: 'unpaid' });
    expect(mapStripeEvent(stripeEvent('checkout.session.completed', unpaid, AT)).kind).toBe('ignore');
    expect(mapStripeEvent(stripeEvent('checkout.session.async_payment_succeeded', { ...unpaid, payment_status: 'paid' }, AT)).kind).toBe('grant_credit_pack');
    const malformed = checkoutSession({ mode: 'payment', customer: 'cus_1', metadata: { ...metadata, tollgate_credits: '-5' } });
    expect(mapStripeEvent(stripeEvent('checkout.session.completed', malformed, AT)).kind).toBe('ignore');
    expect(mapStripeEvent(stripeEvent('checkout.session.completed', checkoutSession({ mode: 'payment', customer: 'cus_1' }), AT)).kind).toBe('ignore');
  });

  it('records invoices in minor units with the subscription from parent.subscription_details and the billed period from the lines', () => {
    const invoice = stripeInvoice({ customer: 'cus_1', subscription: 'sub_1', organizationId: ORG, status: 'paid', amountDue: 1500, created: AT, periodStart: AT, periodEnd: LATER });
    const command = mapStripeEvent(stripeEvent('invoice.paid', invoice, AT));
    expect(command).toEqual({
      kind: 'record_invoice',
      payment: 'succeeded',
      observedAt: AT,
      invoice: expect.objectContaining({
        stripeInvoiceId: invoice.id,
        stripeCustomerId: 'cus_1',
        stripeSubscriptionId: 'sub_1',
        organizationId: ORG,
        status: 'paid',
        amountDueMinor: 1500,
        amountPaidMinor: 1500,
        amountRemainingMinor: 0,
        currency: 'usd',
        hostedInvoiceUrl: invoice.hosted_invoice_url,
        invoicePdf: invoice.invoice_pdf,
        periodStart: AT,
        periodEnd: LATER,
        stripeCreatedAt: AT,
      }),
    });
    expect(mapStripeEvent(stripeEvent('invoice.payment_succeeded', invoice, AT))).toMatchObject({ payment: 'succeeded' });
    expect(mapStripeEvent(stripeEvent('invoice.payment_failed', { ...invoice, status: 'open' }, AT))).toMatchObject({ payment: 'failed', invoice: { status: 'open' } });
    expect(mapStripeEvent(stripeEvent('invoice.finalized', invoice, AT))).toMatchObject({ kind: 'record_invoice', payment: null });
  });

  it('takes a renewal invoice’s period from the period it opens, not the usage it bills in arrears', () => {
    const invoice = stripeInvoice({ customer: 'cus_1', subscription: 'sub_1', status: 'paid', amountDue: 1530, created: LATER, periodStart: LATER, periodEnd: NEXT });
    const usage = { ...invoice.lines.data[0]!, id: 'il_usage', amount: 30, period: { start: Math.floor(AT.getTime() / 1000), end: Math.floor(LATER.getTime() / 1000) } };
    const renewal = { ...invoice, lines: { ...invoice.lines, data: [usage, ...invoice.lines.data] } } as typeof invoice;
    expect(mapStripeEvent(stripeEvent('invoice.paid', renewal, LATER))).toMatchObject({ invoice: { periodStart: LATER, periodEnd: NEXT } });
  });

  it('records payment intents and ignores every type Tollgate does not act on', () => {
    const intent = { id: 'pi_1', object: 'payment_intent', amount: 1099, currency: 'usd', customer: 'cus_1', metadata: {}, last_payment_error: { message: 'Your card was declined.' } };
    expect(mapStripeEvent(stripeEvent('payment_intent.payment_failed', intent, AT))).toEqual({
      kind: 'record_payment_intent',
      paymentIntentId: 'pi_1',
      customerId: 'cus_1',
      organizationId: null,
      succeeded: false,
      amountMinor: 1099,
      currency: 'usd',
      failureMessage: 'Your card was declined.',
    });
    expect(mapStripeEvent(stripeEvent('plan.created', { id: 'price_1', object: 'plan' }, AT))).toEqual({ kind: 'ignore', reason: 'Tollgate does not act on plan.created' });
  });
});

describe('Stripe subscription → Tollgate terms', () => {
  it('maps every Stripe status explicitly', () => {
    const of = (status: string, reason: string | null = null) => tollgateStatusOf({ status, cancellation_details: { reason } } as never);
    expect(of('trialing')).toEqual({ ended: false, status: S.TRIALING });
    expect(of('active')).toEqual({ ended: false, status: S.ACTIVE });
    expect(of('past_due')).toEqual({ ended: false, status: S.PAST_DUE });
    expect(of('unpaid')).toEqual({ ended: false, status: S.UNPAID });
    expect(of('paused')).toEqual({ ended: false, status: S.UNPAID });
    expect(of('incomplete')).toEqual({ ended: false, status: S.INCOMPLETE });
    expect(of('incomplete_expired')).toEqual({ ended: true, status: S.EXPIRED });
    expect(of('canceled', 'cancellation_requested')).toEqual({ ended: true, status: S.CANCELED });
    expect(of('canceled', 'payment_failed')).toEqual({ ended: true, status: S.EXPIRED });
    expect(() => of('something_new')).toThrow(/unknown Stripe subscription status/);
  });

  it('finds the plan in price metadata, then the lookup_key, else leaves it to the price id', () => {
    expect(planReferenceOf(stripePrice({ id: 'price_a', metadata: { tollgate_plan_key: 'pro', tollgate_interval: 'year' } }))).toEqual({ priceId: 'price_a', planKey: 'pro', interval: BillingInterval.YEAR });
    expect(planReferenceOf(stripePrice({ id: 'price_b', lookup_key: 'tollgate_plan_team_plus_month' }))).toEqual({ priceId: 'price_b', planKey: 'team_plus', interval: BillingInterval.MONTH });
    expect(planReferenceOf(stripePrice({ id: 'price_c', lookup_key: 'someone_elses' }))).toEqual({ priceId: 'price_c', planKey: null, interval: BillingInterval.MONTH });
  });

  it('reads periods from the subscription item and treats cancel_at at the period end as canceling', () => {
    const subscription = stripeSubscription({ periodStart: AT, periodEnd: LATER, organizationId: ORG.toUpperCase() });
    const view = subscriptionView({ ...subscription, cancel_at: Math.floor(LATER.getTime() / 1000) });
    expect(view).toMatchObject({ organizationId: ORG, periodStart: AT, periodEnd: LATER, cancelAtPeriodEnd: true, stripeStatus: 'active' });
  });
});

describe('isOlderObservation (out-of-order rule)', () => {
  const last = { observedAt: AT, providerStatus: 'active', periodStart: AT };
  it('refuses an earlier event, and at the same second an earlier stage or an earlier period', () => {
    expect(isOlderObservation(last, { observedAt: new Date(AT.getTime() - 1000), providerStatus: 'canceled', periodStart: LATER })).toBe(true);
    expect(isOlderObservation(last, { observedAt: AT, providerStatus: 'incomplete', periodStart: AT })).toBe(true);
    expect(isOlderObservation({ ...last, periodStart: LATER }, { observedAt: AT, providerStatus: 'active', periodStart: AT })).toBe(true);
  });
  it('applies a later event, a later stage at the same second, a repeat, and anything when nothing was observed yet', () => {
    expect(isOlderObservation(last, { observedAt: LATER, providerStatus: 'incomplete', periodStart: AT })).toBe(false);
    expect(isOlderObservation(last, { observedAt: AT, providerStatus: 'canceled', periodStart: AT })).toBe(false);
    expect(isOlderObservation(last, { observedAt: AT, providerStatus: 'past_due', periodStart: AT })).toBe(false);
    expect(isOlderObservation({ observedAt: null, providerStatus: null, periodStart: LATER }, { observedAt: AT, providerStatus: 'active', periodStart: AT })).toBe(false);
  });
});
