import Stripe from 'stripe';
import { payCheckout, postPortal, startSandboxKit, type SandboxKit } from '../../test/support/stripe-sandbox-kit';

describe('Stripe sandbox checkout, portal and webhooks', () => {
  let kit: SandboxKit;
  let stripe: Stripe;
  let monthly: Stripe.Price;
  let team: Stripe.Price;
  let creditPack: Stripe.Price;
  beforeAll(async () => {
    kit = await startSandboxKit();
    stripe = kit.stripe;
    const pro = await stripe.products.create({ name: 'Pro' });
    monthly = await stripe.prices.create({ product: pro.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
    const teamProduct = await stripe.products.create({ name: 'Team' });
    team = await stripe.prices.create({ product: teamProduct.id, currency: 'usd', unit_amount: 5000, recurring: { interval: 'month' } });
    const credits = await stripe.products.create({ name: '1000 credits' });
    creditPack = await stripe.prices.create({ product: credits.id, currency: 'usd', unit_amount: 900 });
  });
  afterAll(() => kit.close());

  async function subscriptionCheckout(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
    return stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: monthly.id, quantity: 1 }],
      success_url: 'http://console.test/billing?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://console.test/billing?canceled=1',
      client_reference_id: 'org-1',
      metadata: { organization_id: 'org-1' },
      subscription_data: { metadata: { organization_id: 'org-1', tollgate_plan_key: 'pro' } },
      ...extra,
    });
  }

  it('pays a subscription checkout with 4242, redirects, and sends signed webhooks in Stripe order', async () => {
    const session = await subscriptionCheckout();
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({ object: 'checkout.session', status: 'open', payment_status: 'unpaid', amount_total: 2000, mode: 'subscription', client_reference_id: 'org-1' });
    expect(session.url).toBe(`${kit.sandbox.environment.sandboxUrl}/checkout/${session.id}`);
    const page = await fetch(session.url!);
    expect(await page.text()).toContain('name="card_number"');

    const from = await kit.mark();
    const paid = await payCheckout(session.url!, '4242 4242 4242 4242', 'owner@example.com');
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`http://console.test/billing?session=${session.id}`);

    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', customer_details: { email: 'owner@example.com' } });
    const subscription = completed.subscription as Stripe.Subscription;
    expect(subscription.id).toMatch(/^sub_/);
    expect(subscription).toMatchObject({ object: 'subscription', status: 'active', cancel_at_period_end: false, metadata: { organization_id: 'org-1', tollgate_plan_key: 'pro' } });
    const item = subscription.items.data[0]!;
    expect(item.id).toMatch(/^si_/);
    expect(item).toMatchObject({ current_period_start: 1795435200, current_period_end: 1798027200, price: { id: monthly.id } });

    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice.id).toMatch(/^in_/);
    expect(invoice).toMatchObject({ status: 'paid', amount_due: 2000, amount_paid: 2000, amount_remaining: 0, currency: 'usd', billing_reason: 'subscription_create' });
    expect(invoice.parent?.subscription_details).toMatchObject({ subscription: subscription.id, metadata: { organization_id: 'org-1' } });
    expect(invoice.number).toMatch(/^[0-9A-F]{8}-0001$/);
    const pdf = await fetch(invoice.invoice_pdf!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await pdf.text()).startsWith('%PDF-1.4')).toBe(true);
    expect((await fetch(invoice.hosted_invoice_url!)).status).toBe(200);

    const types = await kit.eventTypes(from);
    expect(types).toEqual([
      'customer.created',
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'payment_intent.succeeded',
    ]);
    const events = (await kit.events()).slice(from);
    const completedEvent = events[1]!;
    expect(completedEvent).toMatchObject({ object: 'event', api_version: '2026-10-28.endive', livemode: false, created: 1795435200 });
    expect(completedEvent.id).toMatch(/^evt_/);
    expect((completedEvent.data.object as Stripe.Checkout.Session).subscription).toBe(subscription.id);
    // Completed in the browser, not by an API request.
    expect(completedEvent.request).toEqual({ id: null, idempotency_key: null });
    expect(await stripe.events.retrieve(completedEvent.id)).toMatchObject({ type: 'checkout.session.completed' });
  });

  it('rejects a webhook whose signature does not match the secret', async () => {
    const delivery = kit.receiver.deliveries[0]!;
    expect(() => stripe.webhooks.constructEvent(delivery.body, delivery.signature, 'whsec_other')).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('starts a trial without payment and reports no_payment_required', async () => {
    const session = await subscriptionCheckout({ subscription_data: { trial_period_days: 14, metadata: { organization_id: 'org-2' } } });
    expect(session.amount_total).toBe(0);
    const paid = await payCheckout(session.url!, '4242424242424242');
    expect(paid.status).toBe(303);
    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed.payment_status).toBe('no_payment_required');
    const subscription = await stripe.subscriptions.retrieve(completed.subscription as string);
    expect(subscription).toMatchObject({ status: 'trialing', trial_start: 1795435200, trial_end: 1795435200 + 14 * 86_400 });
    expect(subscription.items.data[0]!.current_period_end).toBe(subscription.trial_end);
  });

  it('shows a decline for 4000 0000 0000 0002, sends payment_intent.payment_failed and keeps the session open', async () => {
    const session = await subscriptionCheckout();
    const from = await kit.mark();
    const declined = await payCheckout(session.url!, '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect(declined.html).toContain('Your card was declined.');
    expect(await kit.eventTypes(from)).toEqual(['payment_intent.payment_failed']);
    const failed = (await kit.events()).at(-1)!.data.object as Stripe.PaymentIntent;
    expect(failed.last_payment_error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    // The same session can still be paid with a good card.
    expect((await payCheckout(session.url!, '4242 4242 4242 4242')).status).toBe(303);
  });

  it('pays a credit pack in payment mode with the payment intent metadata', async () => {
    const customer = await stripe.customers.create({ email: 'buyer@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [{ price: creditPack.id, quantity: 1 }],
      success_url: 'http://console.test/credits?session={CHECKOUT_SESSION_ID}',
      metadata: { tollgate_credit_product_key: 'pack-1000' },
      payment_intent_data: { metadata: { tollgate_credits: '1000' } },
    });
    const wrongMode = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: monthly.id, quantity: 1 }], success_url: 'http://x' }).catch((e: unknown) => e);
    expect(wrongMode).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const from = await kit.mark();
    expect((await payCheckout(session.url!, '4242 4242 4242 4242')).status).toBe(303);
    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', customer: customer.id, amount_total: 900 });
    expect(completed.payment_intent).toMatchObject({ status: 'succeeded', amount: 900, amount_received: 900, metadata: { tollgate_credits: '1000' } });
    expect(await kit.eventTypes(from)).toEqual(['checkout.session.completed', 'payment_intent.succeeded']);
    const again = await payCheckout(session.url!, '4242 4242 4242 4242');
    expect(again.status).toBe(402);
  });

  it('expires an open session', async () => {
    const session = await subscriptionCheckout();
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: 'expired', url: null });
    expect((await kit.eventTypes()).at(-1)).toBe('checkout.session.expired');
  });

  it('retries a webhook the endpoint refused until it is accepted', async () => {
    const before = await kit.mark();
    kit.receiver.failNext(2);
    const customer = await stripe.customers.create({ email: 'retry@example.com' });
    const events = await kit.events();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });
  });

  it('lets the portal change plan, cancel at period end, resume, and links back', async () => {
    const session = await subscriptionCheckout();
    await payCheckout(session.url!, '4242 4242 4242 4242');
    const subscriptionId = (await stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    const customer = (await stripe.subscriptions.retrieve(subscriptionId)).customer as string;
    const portal = await stripe.billingPortal.sessions.create({ customer, return_url: 'http://console.test/billing' });
    expect(portal.id).toMatch(/^bps_/);
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain(team.id);
    expect(html).toContain('href="http://console.test/billing"');

    const from = await kit.mark();
    const changed = await postPortal(portal.url, 'change-plan', { subscription: subscriptionId, price: team.id });
    expect(changed.status).toBe(303);
    let subscription = await stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription.items.data[0]!.price.id).toBe(team.id);
    const updated = (await kit.events()).slice(from).find((e) => e.type === 'customer.subscription.updated')!;
    expect(updated.data.previous_attributes).toHaveProperty('items');

    await postPortal(portal.url, 'cancel', { subscription: subscriptionId });
    subscription = await stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription).toMatchObject({ cancel_at_period_end: true, cancel_at: subscription.items.data[0]!.current_period_end });
    await postPortal(portal.url, 'resume', { subscription: subscriptionId });
    subscription = await stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    const portalEvents = (await kit.events()).slice(from).filter((e) => e.type === 'customer.subscription.updated');
    expect(portalEvents.map((e) => (e.data.object as Stripe.Subscription).cancel_at_period_end)).toEqual([false, true, false]);
  });
});
