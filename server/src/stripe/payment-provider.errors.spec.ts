import { Writable } from 'node:stream';
import Stripe from 'stripe';
import { formatGraphQLError } from '../graphql/errors';
import { createLogger } from '../logger';

describe('a Stripe error that reaches the GraphQL layer unmapped', () => {
  it('is PAYMENT_PROVIDER_ERROR with the request id, logged, not an internal error', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const raw = new Stripe.errors.StripeCardError({ message: 'Your card was declined.', requestId: 'req_card_1', type: 'card_error', code: 'card_declined' });
    const formatted = formatGraphQLError({ message: 'x', path: ['createCheckoutSession'] }, raw, logger, false);
    expect(formatted.extensions).toEqual({ code: 'PAYMENT_PROVIDER_ERROR', details: { stripeRequestId: 'req_card_1' } });
    expect(formatted.message).toBe('Stripe refused the request: Your card was declined.');
    expect(lines.join('')).toContain('"stripeRequestId":"req_card_1"');
  });

  it('hides the message of an authentication failure (a misconfigured key)', () => {
    const logger = createLogger('silent');
    const raw = new Stripe.errors.StripeAuthenticationError({ message: 'Invalid API Key provided: sk_test_***abcd', requestId: 'req_auth' });
    const formatted = formatGraphQLError({ message: 'x' }, raw, logger, false);
    expect(formatted.extensions?.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect(formatted.message).not.toContain('sk_test');
  });
});
