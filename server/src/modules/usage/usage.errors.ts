import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class UsageError extends DomainError {}

export const usageErrors = {
  invalid: (field: string, message: string) => fieldError(field, message),
  unknownFeature: (featureKey: string) => fieldError('featureKey', `No feature "${featureKey}"`),
  notMetered: (featureKey: string) => fieldError('featureKey', `"${featureKey}" is an on/off feature; only metered features record usage`),
  notEntitled: (featureKey: string) => new UsageError(ErrorCode.FORBIDDEN, `The organization's plan does not include "${featureKey}"`),
  idempotencyConflict: () =>
    new UsageError(ErrorCode.CONFLICT, 'This idempotencyKey was already used for a different request (feature, quantity or metadata)', {
      fields: [{ field: 'idempotencyKey', messages: ['already used for a different request'] }],
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new UsageError(ErrorCode.RATE_LIMITED, `The plan's hourly request limit is reached; retry in ${retryAfterSeconds} s`, { retryAfterSeconds }),
  organizationNotFound: () => new UsageError(ErrorCode.NOT_FOUND, 'Organization not found'),
  busy: () => new UsageError(ErrorCode.CONFLICT, 'Concurrent requests are recording the same idempotency keys; retry this request'),
};

/** Another request recorded the same idempotency key first; the transaction is rolled back and the call replayed. */
export class IdempotencyRace extends Error {
  constructor() {
    super('idempotency key taken by a concurrent request');
  }
}
