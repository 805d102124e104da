import Stripe from 'stripe';
import { startTestApp, type TestApp } from '../../test/support/test-app';

describe('Stripe sandbox in the test app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ stripeSandbox: true });
  });
  afterAll(() => app?.close());

  it('gives the services the sandbox environment and listens the app on a loopback port', async () => {
    const sandbox = app.stripeSandbox!;
    expect(app.services.stripeEnvironment).toEqual(sandbox.environment);
    expect(sandbox.environment).toMatchObject({ mode: 'sandbox', protocol: 'http', host: '127.0.0.1' });
    expect(sandbox.now().toISOString()).toBe(app.clock.now().toISOString());
    const { secretKey, host, port, protocol } = app.services.stripeEnvironment;
    const stripe = new Stripe(secretKey, { host, port, protocol, maxNetworkRetries: 0 });
    const customer = await stripe.customers.create({ email: 'wired@example.com' });
    expect(customer.id).toMatch(/^cus_/);
    const graphql = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(graphql.status).toBe(200);
  });

  it('leaves the default test app on the unstarted placeholder', async () => {
    const plain = await startTestApp();
    try {
      expect(plain.stripeSandbox).toBeUndefined();
      expect(plain.services.stripeEnvironment.secretKey).toBe('sk_test_sandbox_not_started');
    } finally {
      await plain.close();
    }
  });
});
