import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class CreditError extends DomainError {}

export const creditErrors = {
  /** Nothing was charged; `required` and `available` let a client say how many credits are missing. */
  insufficient: (required: number, available: number) =>
    new CreditError(ErrorCode.INSUFFICIENT_CREDITS, `Not enough credits: ${required} needed, ${available} available`, { required, available }),
  unknownEvent: (eventKey: string) => fieldError('eventKey', `No active credit event "${eventKey}"`),
  idempotencyConflict: () =>
    fieldError('idempotencyKey', 'This idempotency key was already used for a different request', ErrorCode.CONFLICT),
  organizationNotFound: () => new CreditError(ErrorCode.NOT_FOUND, 'Organization not found'),
  adminOnly: () => new CreditError(ErrorCode.FORBIDDEN, 'Only a platform administrator can adjust credits'),
  tooLarge: (field: string) => fieldError(field, 'The resulting credit balance would be too large'),
  invalid: (field: string, message: string) => fieldError(field, message),
};
