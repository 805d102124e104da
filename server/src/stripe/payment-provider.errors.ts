import Stripe from 'stripe';
import type { Logger } from 'pino';
import { DomainError } from '../shared/domain-error';
import { ErrorCode } from '../shared/error-code';

/** Stripe said no (or did not answer). Tollgate's own state is unchanged; the request id ties it to Stripe's logs. */
export class PaymentProviderError extends DomainError {
  constructor(
    message: string,
    readonly stripeRequestId: string | undefined,
  ) {
    super(ErrorCode.PAYMENT_PROVIDER_ERROR, message, stripeRequestId ? { stripeRequestId } : undefined);
  }
}

export function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError;
}

/**
 * What a person is told: card errors and invalid requests carry Stripe's message (it names the problem, never a
 * secret); outages and auth failures (a misconfigured key) get a generic one.
 */
export function paymentProviderErrorFrom(error: Stripe.errors.StripeError): PaymentProviderError {
  const shown =
    error.type === 'StripeCardError' || error.type === 'StripeInvalidRequestError'
      ? `Stripe refused the request: ${error.message}`
      : 'The payment provider is unavailable; try again in a moment';
  return new PaymentProviderError(shown, error.requestId);
}

/** The log line for a Stripe failure: request id, type, code, status; never the key or the request body. */
export function logStripeFailure(logger: Logger, operation: string, error: Stripe.errors.StripeError): void {
  logger.warn(
    { operation, stripeRequestId: error.requestId, stripeErrorType: error.type, stripeErrorCode: error.code, statusCode: error.statusCode, message: error.message },
    'Stripe request failed',
  );
}
