import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../logger';
import { ErrorCode } from '../shared/error-code';
import { PaymentProviderError } from './payment-provider.errors';
import { StripeBillingGateway } from './stripe-billing.gateway';
import { createStripeClient, STRIPE_API_VERSION } from './stripe-client';

/** A stand-in HTTP endpoint answering every request with one Stripe-style response, recording what it was sent. */
async function stripeLikeServer(status: number, body: unknown) {
  const requests: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      requests.push({ path: req.url!, headers: req.headers, body: text });
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_test_${requests.length}` });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { requests, port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
}

function gatewayFor(port: number) {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  const stripe = createStripeClient({ mode: 'sandbox', secretKey: 'sk_test_gateway_secret', webhookSecret: 'whsec_x', host: '127.0.0.1', port, protocol: 'http' });
  return { gateway: new StripeBillingGateway(stripe, logger), lines };
}

describe('StripeBillingGateway', () => {
  it('sends the pinned API version and an idempotency key derived from the write', async () => {
    const server = await stripeLikeServer(200, { id: 'cus_123', object: 'customer', metadata: {} });
    try {
      const { gateway } = gatewayFor(server.port);
      const customer = await gateway.createCustomer({ organizationId: 'org-1', name: 'Acme' });
      expect(customer.id).toBe('cus_123');
      const [sent] = server.requests;
      expect(sent!.path).toBe('/v1/customers');
      expect(sent!.headers['stripe-version']).toBe(STRIPE_API_VERSION);
      expect(sent!.headers['idempotency-key']).toBe('customer-create:org-1');
      expect(new URLSearchParams(sent!.body).get('metadata[organization_id]')).toBe('org-1');
    } finally {
      await server.close();
    }
  });

  it('turns a Stripe error into PAYMENT_PROVIDER_ERROR and logs Stripe’s request id, never the key', async () => {
    const server = await stripeLikeServer(400, { error: { type: 'invalid_request_error', message: 'No such price: price_missing', param: 'line_items[0][price]' } });
    try {
      const { gateway, lines } = gatewayFor(server.port);
      const failure = await gateway.createCustomer({ organizationId: 'org-1', name: 'Acme' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PaymentProviderError);
      expect((failure as PaymentProviderError).code).toBe(ErrorCode.PAYMENT_PROVIDER_ERROR);
      expect((failure as PaymentProviderError).message).toContain('No such price');
      expect((failure as PaymentProviderError).stripeRequestId).toBe('req_test_1');
      const log = lines.join('');
      expect(log).toContain('"stripeRequestId":"req_test_1"');
      expect(log).toContain('"operation":"customers.create"');
      expect(log).not.toContain('sk_test_gateway_secret');
    } finally {
      await server.close();
    }
  });

  it('gives a generic message when Stripe itself fails (after the SDK’s retries)', async () => {
    const server = await stripeLikeServer(500, { error: { type: 'api_error', message: 'internal details' } });
    try {
      const { gateway } = gatewayFor(server.port);
      const failure = (await gateway.retrieveSubscription('sub_1').catch((error: unknown) => error)) as PaymentProviderError;
      expect(failure.code).toBe(ErrorCode.PAYMENT_PROVIDER_ERROR);
      expect(failure.message).not.toContain('internal details');
      // maxNetworkRetries: 2 → three attempts in all
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  }, 20_000);
});
