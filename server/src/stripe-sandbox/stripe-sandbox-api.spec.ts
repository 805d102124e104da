import Stripe from 'stripe';
import { startSandboxKit, type SandboxKit } from '../../test/support/stripe-sandbox-kit';

describe('Stripe sandbox API through the stripe SDK', () => {
  let kit: SandboxKit;
  let stripe: Stripe;
  beforeAll(async () => {
    kit = await startSandboxKit();
    stripe = kit.stripe;
  });
  afterAll(() => kit.close());

  it('refuses a wrong secret key with a Stripe authentication error', async () => {
    const { host, port, protocol } = kit.sandbox.environment;
    const stranger = new Stripe('sk_test_not_the_key', { host, port, protocol, maxNetworkRetries: 0 });
    await expect(stranger.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const raw = await fetch(`${kit.sandbox.environment.sandboxUrl}/v1/customers`);
    expect(raw.status).toBe(401);
    expect(raw.headers.get('request-id')).toMatch(/^req_/);
    expect((await raw.json()).error.type).toBe('invalid_request_error');
  });

  it('creates, updates and lists customers with Stripe shapes and filters by email', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada', metadata: { organization_id: 'org-1' } });
    expect(customer).toMatchObject({ object: 'customer', email: 'ada@example.com', livemode: false, metadata: { organization_id: 'org-1' }, created: 1795435200 });
    expect(customer.id).toMatch(/^cus_/);
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
    const updated = await stripe.customers.update(customer.id, { name: 'Ada L.', metadata: { plan: 'pro' } });
    expect(updated.metadata).toEqual({ organization_id: 'org-1', plan: 'pro' });
    await stripe.customers.create({ email: 'bob@example.com' });
    const found = await stripe.customers.list({ email: 'ada@example.com' });
    expect(found).toMatchObject({ object: 'list', has_more: false, url: '/v1/customers' });
    expect(found.data.map((c) => c.id)).toEqual([customer.id]);
  });

  it('answers a missing object with a typed invalid-request error', async () => {
    const error = await stripe.customers.retrieve('cus_missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id', message: "No such customer: 'cus_missing'" });
    expect((error as Stripe.errors.StripeError).requestId).toMatch(/^req_/);
    const missingParam = await stripe.products.create({} as Stripe.ProductCreateParams).catch((e: unknown) => e);
    expect(missingParam).toMatchObject({ type: 'StripeInvalidRequestError', code: 'parameter_missing', param: 'name' });
  });

  it('replays an idempotent request and refuses the same key with other parameters', async () => {
    const first = await stripe.products.create({ name: 'Pro' }, { idempotencyKey: 'product-pro' });
    const again = await stripe.products.create({ name: 'Pro' }, { idempotencyKey: 'product-pro' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await stripe.products.list({ limit: 100 })).data.filter((p) => p.name === 'Pro')).toHaveLength(1);
    const conflict = await stripe.products.create({ name: 'Team' }, { idempotencyKey: 'product-pro' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(conflict).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });

  it('keeps prices with lookup keys, moves a key with transfer_lookup_key, and filters lists', async () => {
    const product = await stripe.products.create({ name: 'Starter', metadata: { tollgate_plan_key: 'starter' } });
    expect(product.id).toMatch(/^prod_/);
    const v1 = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' }, lookup_key: 'tollgate_plan_starter_month' });
    expect(v1).toMatchObject({ object: 'price', type: 'recurring', unit_amount: 1000, currency: 'usd', lookup_key: 'tollgate_plan_starter_month' });
    expect(v1.recurring).toMatchObject({ interval: 'month', interval_count: 1, usage_type: 'licensed', meter: null });
    expect(String(v1.unit_amount_decimal)).toBe('1000');
    expect(v1.id).toMatch(/^price_/);
    const clash = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1200, recurring: { interval: 'month' }, lookup_key: 'tollgate_plan_starter_month' }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const v2 = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1200, recurring: { interval: 'month' }, lookup_key: 'tollgate_plan_starter_month', transfer_lookup_key: true });
    const byKey = await stripe.prices.list({ lookup_keys: ['tollgate_plan_starter_month'], expand: ['data.product'] });
    expect(byKey.data.map((p) => p.id)).toEqual([v2.id]);
    expect((byKey.data[0]!.product as Stripe.Product).name).toBe('Starter');
    expect((await stripe.prices.retrieve(v1.id)).lookup_key).toBeNull();
    await stripe.prices.update(v1.id, { active: false });
    const active = await stripe.prices.list({ product: product.id, active: true });
    expect(active.data.map((p) => p.id)).toEqual([v2.id]);
    const archived = await stripe.products.update(product.id, { active: false });
    expect(archived.active).toBe(false);
    expect((await stripe.products.list({ active: true, limit: 100 })).data.some((p) => p.id === product.id)).toBe(false);
  });

  it('pages through lists newest first with starting_after', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await stripe.customers.create({ email: `page${i}@example.com` })).id);
    const firstPage = await stripe.customers.list({ limit: 2 });
    expect(firstPage.data.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(firstPage.has_more).toBe(true);
    const next = await stripe.customers.list({ limit: 1, starting_after: ids[1] });
    expect(next.data.map((c) => c.id)).toEqual([ids[0]]);
  });

  it('creates billing meters and de-duplicates meter events by identifier', async () => {
    const meter = await stripe.billing.meters.create({ display_name: 'API calls', event_name: 'api_calls', default_aggregation: { formula: 'sum' } });
    expect(meter).toMatchObject({ object: 'billing.meter', event_name: 'api_calls', default_aggregation: { formula: 'sum' }, status: 'active', customer_mapping: { event_payload_key: 'stripe_customer_id', type: 'by_id' } });
    expect(meter.id).toMatch(/^mtr_/);
    expect((await stripe.billing.meters.list()).data.map((m) => m.id)).toContain(meter.id);
    const customer = await stripe.customers.create({ email: 'meter@example.com' });
    const event = await stripe.billing.meterEvents.create({ event_name: 'api_calls', identifier: 'usage-1', payload: { stripe_customer_id: customer.id, value: '25' } });
    expect(event).toMatchObject({ object: 'billing.meter_event', identifier: 'usage-1', payload: { value: '25' } });
    const retried = await stripe.billing.meterEvents.create({ event_name: 'api_calls', identifier: 'usage-1', payload: { stripe_customer_id: customer.id, value: '25' } });
    expect(retried.created).toBe(event.created);
    const unknown = await stripe.billing.meterEvents.create({ event_name: 'nope', payload: { stripe_customer_id: customer.id, value: '1' } }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});
