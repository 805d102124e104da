import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class IdentityError extends DomainError {}

export const identityErrors = {
  emailTaken: () => fieldError('email', 'An account with this email already exists', ErrorCode.CONFLICT),
  invalidCredentials: () => new IdentityError(ErrorCode.UNAUTHENTICATED, 'Email or password is incorrect'),
  notSignedIn: () => new IdentityError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new IdentityError(ErrorCode.RATE_LIMITED, `Too many sign-in attempts; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    }),
};
