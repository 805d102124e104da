import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class StripeSandboxAdminError extends DomainError {}

export const stripeSandboxAdminErrors = {
  realStripeConfigured: () =>
    new StripeSandboxAdminError(ErrorCode.SANDBOX_ONLY, 'Real Stripe is configured (STRIPE_SECRET_KEY): the sandbox clock exists only in sandbox mode'),
  nothingToAdvance: () => fieldError('days', 'Advance by at least one hour (days and/or hours)'),
  sandboxUnreachable: (reason: string) =>
    new StripeSandboxAdminError(ErrorCode.PAYMENT_PROVIDER_ERROR, `The Stripe sandbox did not answer: ${reason}`),
};
