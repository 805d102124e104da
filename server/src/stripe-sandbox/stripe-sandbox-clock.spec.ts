import Stripe from 'stripe';
import { DAY_SECONDS, payCheckout, postPortal, SANDBOX_START, startSandboxKit, type SandboxKit } from '../../test/support/stripe-sandbox-kit';

const START = SANDBOX_START.getTime() / 1000;
const DEC_23 = Date.UTC(2026, 11, 23, 12) / 1000;
const JAN_23 = Date.UTC(2027, 0, 23, 12) / 1000;

describe('Stripe sandbox clock: renewals, dunning, cancellations, schedules and metered usage', () => {
  let kit: SandboxKit;
  let stripe: Stripe;
  let pro: Stripe.Price;
  let starter: Stripe.Price;
  let overage: Stripe.Price;
  let meter: Stripe.Billing.Meter;
  beforeEach(async () => {
    kit = await startSandboxKit();
    stripe = kit.stripe;
    const proProduct = await stripe.products.create({ name: 'Pro' });
    pro = await stripe.prices.create({ product: proProduct.id, currency: 'usd', unit_amount: 3000, recurring: { interval: 'month' } });
    const starterProduct = await stripe.products.create({ name: 'Starter' });
    starter = await stripe.prices.create({ product: starterProduct.id, currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' } });
    meter = await stripe.billing.meters.create({ display_name: 'API calls', event_name: 'api_calls', default_aggregation: { formula: 'sum' } });
    overage = await stripe.prices.create({ product: proProduct.id, currency: 'usd', unit_amount: 2, recurring: { interval: 'month', usage_type: 'metered', meter: meter.id } });
  });
  afterEach(() => kit.close());

  async function subscribe(card: string, lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [{ price: pro.id, quantity: 1 }], trialDays?: number) {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: lineItems,
      success_url: 'http://console.test/ok',
      subscription_data: { metadata: { organization_id: 'org-1' }, ...(trialDays ? { trial_period_days: trialDays } : {}) },
    });
    expect((await payCheckout(session.url!, card)).status).toBe(303);
    const subscriptionId = (await stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    return stripe.subscriptions.retrieve(subscriptionId);
  }

  it('renews after a month: a paid cycle invoice and the new period', async () => {
    const subscription = await subscribe('4242424242424242');
    const from = await kit.mark();
    await kit.sandbox.advanceClock({ seconds: 31 * DAY_SECONDS });
    expect(await kit.eventTypes(from)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'payment_intent.succeeded', 'customer.subscription.updated']);
    const events = (await kit.events()).slice(from);
    const updated = events.at(-1)!;
    expect(updated.created).toBe(DEC_23);
    expect((updated.data.object as Stripe.Subscription).items.data[0]).toMatchObject({ current_period_start: DEC_23, current_period_end: JAN_23 });
    expect(updated.data.previous_attributes).toHaveProperty('items');
    const renewed = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(renewed.status).toBe('active');
    expect(renewed.latest_invoice).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid', amount_paid: 3000, period_start: START, period_end: DEC_23 });
    expect(kit.sandbox.now().getTime() / 1000).toBe(START + 31 * DAY_SECONDS);
    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((i) => i.number!.slice(-4))).toEqual(['0002', '0001']);
  });

  it('ends a trial with a charge and sends trial_will_end three days before', async () => {
    const subscription = await subscribe('4242424242424242', [{ price: pro.id, quantity: 1 }], 7);
    const from = await kit.mark();
    await kit.sandbox.advanceClock({ seconds: 5 * DAY_SECONDS });
    expect(await kit.eventTypes(from)).toEqual(['customer.subscription.trial_will_end']);
    expect((await kit.events()).at(-1)!.created).toBe(START + 4 * DAY_SECONDS);
    await kit.sandbox.advanceClock({ seconds: 3 * DAY_SECONDS });
    const active = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect(active.latest_invoice).toMatchObject({ status: 'paid', amount_paid: 3000 });
    expect(active.items.data[0]!.current_period_start).toBe(START + 7 * DAY_SECONDS);
  });

  it('with 0341: renewal fails → past_due, retried after 3, 5 and 7 days, then canceled', async () => {
    const subscription = await subscribe('4000 0000 0000 0341');
    expect(subscription.status).toBe('active');
    const from = await kit.mark();
    await kit.sandbox.advanceClock(new Date(DEC_23 * 1000));
    expect(await kit.eventTypes(from)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.payment_failed', 'payment_intent.payment_failed', 'customer.subscription.updated']);
    const pastDue = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(pastDue.status).toBe('past_due');
    const invoice = pastDue.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: 'open', attempt_count: 1, amount_remaining: 3000, next_payment_attempt: DEC_23 + 3 * DAY_SECONDS });

    const retriesFrom = await kit.mark();
    await kit.sandbox.advanceClock({ seconds: 15 * DAY_SECONDS });
    const events = (await kit.events()).slice(retriesFrom);
    const failures = events.filter((e) => e.type === 'invoice.payment_failed');
    expect(failures.map((e) => e.created)).toEqual([DEC_23 + 3 * DAY_SECONDS, DEC_23 + 8 * DAY_SECONDS, DEC_23 + 15 * DAY_SECONDS]);
    expect(failures.map((e) => (e.data.object as Stripe.Invoice).next_payment_attempt)).toEqual([DEC_23 + 8 * DAY_SECONDS, DEC_23 + 15 * DAY_SECONDS, null]);
    expect(events.at(-1)!.type).toBe('customer.subscription.deleted');
    const canceled = await stripe.subscriptions.retrieve(subscription.id);
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: DEC_23 + 15 * DAY_SECONDS, cancellation_details: { reason: 'payment_failed' } });
  });

  it('recovers a past_due subscription when the portal gets a new card', async () => {
    const subscription = await subscribe('4000000000000341');
    await kit.sandbox.advanceClock(new Date(DEC_23 * 1000));
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');
    const portal = await stripe.billingPortal.sessions.create({ customer: subscription.customer as string, return_url: 'http://console.test' });
    const from = await kit.mark();
    const replaced = await postPortal(portal.url, 'card', { card_number: '4242 4242 4242 4242' });
    expect(replaced.status).toBe(303);
    expect(await kit.eventTypes(from)).toEqual(['invoice.paid', 'invoice.payment_succeeded', 'payment_intent.succeeded', 'customer.subscription.updated']);
    const recovered = await stripe.subscriptions.retrieve(subscription.id);
    expect(recovered.status).toBe('active');
    // No retry is left behind for the paid invoice.
    const afterFrom = await kit.mark();
    await kit.sandbox.advanceClock({ seconds: 10 * DAY_SECONDS });
    expect(await kit.eventTypes(afterFrom)).toEqual([]);
  });

  it('cancels at period end: nothing is billed and the subscription is deleted at the boundary', async () => {
    const subscription = await subscribe('4242424242424242');
    const updated = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(updated).toMatchObject({ cancel_at_period_end: true, cancel_at: DEC_23, status: 'active' });
    const from = await kit.mark();
    await kit.sandbox.advanceClock({ seconds: 20 * DAY_SECONDS });
    expect(await kit.eventTypes(from)).toEqual([]);
    await kit.sandbox.advanceClock({ seconds: 20 * DAY_SECONDS });
    expect(await kit.eventTypes(from)).toEqual(['customer.subscription.deleted']);
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'canceled', ended_at: DEC_23 });
    expect((await stripe.subscriptions.list({ customer: subscription.customer as string })).data).toEqual([]);
  });

  it('upgrades now with prorations on the next invoice, or invoiced at once with always_invoice', async () => {
    const subscription = await subscribe('4242424242424242', [{ price: starter.id, quantity: 1 }]);
    const halfway = START + 15 * DAY_SECONDS; // 15 of 30 days used
    await kit.sandbox.advanceClock(new Date(halfway * 1000));
    const item = subscription.items.data[0]!;
    const upgraded = await stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price: pro.id }], proration_behavior: 'create_prorations' });
    expect(upgraded.items.data[0]!.price.id).toBe(pro.id);
    await kit.sandbox.advanceClock(new Date(DEC_23 * 1000));
    const renewal = await stripe.invoices.retrieve((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);
    const amounts = renewal.lines.data.map((l) => l.amount).sort((a, b) => a - b);
    expect(amounts).toEqual([-500, 1500, 3000]);
    expect(renewal.amount_paid).toBe(4000);
    expect(renewal.lines.data.filter((l) => l.parent?.subscription_item_details?.proration)).toHaveLength(2);

    const now = await stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price: starter.id }], proration_behavior: 'always_invoice', expand: ['latest_invoice'] });
    expect(now.latest_invoice).toMatchObject({ billing_reason: 'subscription_update', amount_due: 0, status: 'paid' });
    expect(((now.latest_invoice as Stripe.Invoice).lines.data.map((l) => l.amount)).sort((a, b) => a - b)).toEqual([-3000, 1000]);
  });

  it('downgrades through a schedule at period end, then releases it', async () => {
    const subscription = await subscribe('4242424242424242');
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: subscription.id });
    expect(schedule.id).toMatch(/^sub_sched_/);
    expect(schedule).toMatchObject({ status: 'active', subscription: subscription.id, end_behavior: 'release', current_phase: { start_date: START, end_date: DEC_23 } });
    expect((await stripe.subscriptions.retrieve(subscription.id)).schedule).toBe(schedule.id);
    const updated = await stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      phases: [
        { items: [{ price: pro.id, quantity: 1 }], start_date: START, end_date: DEC_23 },
        { items: [{ price: starter.id, quantity: 1 }], duration: { interval: 'month', interval_count: 1 } },
      ],
    });
    expect(updated.phases.map((p) => [p.start_date, p.end_date])).toEqual([[START, DEC_23], [DEC_23, JAN_23]]);
    expect((await stripe.subscriptions.retrieve(subscription.id)).items.data[0]!.price.id).toBe(pro.id);

    await kit.sandbox.advanceClock({ seconds: 31 * DAY_SECONDS });
    const switched = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(switched.items.data[0]!.price.id).toBe(starter.id);
    expect(switched.latest_invoice).toMatchObject({ amount_paid: 1000 });
    expect(switched.schedule).toBe(schedule.id);

    await kit.sandbox.advanceClock({ seconds: 31 * DAY_SECONDS });
    expect(await stripe.subscriptionSchedules.retrieve(schedule.id)).toMatchObject({ status: 'released', released_subscription: subscription.id });
    const released = await stripe.subscriptions.retrieve(subscription.id);
    expect(released).toMatchObject({ schedule: null, status: 'active' });
    expect(released.items.data[0]!.price.id).toBe(starter.id);
  });

  it('releases a schedule on request, so a scheduled downgrade is undone', async () => {
    const subscription = await subscribe('4242424242424242');
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: subscription.id });
    const blocked = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await stripe.subscriptionSchedules.release(schedule.id);
    expect((await stripe.subscriptions.retrieve(subscription.id)).schedule).toBeNull();
  });

  it('bills metered usage of the ended period on the renewal invoice, counting each identifier once', async () => {
    const subscription = await subscribe('4242424242424242', [{ price: pro.id, quantity: 1 }, { price: overage.id }]);
    const customer = subscription.customer as string;
    await stripe.billing.meterEvents.create({ event_name: 'api_calls', identifier: 'ev-1', payload: { stripe_customer_id: customer, value: '100' } });
    await stripe.billing.meterEvents.create({ event_name: 'api_calls', identifier: 'ev-1', payload: { stripe_customer_id: customer, value: '100' } });
    await stripe.billing.meterEvents.create({ event_name: 'api_calls', identifier: 'ev-2', payload: { stripe_customer_id: customer, value: '50' } });
    await kit.sandbox.advanceClock(new Date(DEC_23 * 1000));
    const invoice = await stripe.invoices.retrieve((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);
    const usageLine = invoice.lines.data.find((l) => l.pricing?.price_details?.price === overage.id)!;
    expect(usageLine).toMatchObject({ quantity: 150, amount: 300, period: { start: START, end: DEC_23 } });
    expect(invoice.amount_paid).toBe(3300);
  });

  it('advances the clock over HTTP with the secret key only', async () => {
    const { sandboxUrl, secretKey } = kit.sandbox.environment;
    const refused = await fetch(`${sandboxUrl}/sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":60}' });
    expect(refused.status).toBe(401);
    const moved = await fetch(`${sandboxUrl}/sandbox/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secretKey}` },
      body: JSON.stringify({ seconds: 3600 }),
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ now: START + 3600 });
    const back = await fetch(`${sandboxUrl}/sandbox/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secretKey}` },
      body: JSON.stringify({ to: SANDBOX_START.toISOString() }),
    });
    expect(back.status).toBe(400);
  });
});
