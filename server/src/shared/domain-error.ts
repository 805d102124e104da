import { ErrorCode } from './error-code';

/**
 * Base of every error a module throws on purpose. No GraphQL here: graphql/errors.ts maps it to a GraphQL
 * error with `extensions.code` and, when present, `extensions.details`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One field of an input that failed a rule, in the same shape as class-validator failures. */
export function fieldError(field: string, message: string, code = ErrorCode.BAD_USER_INPUT): DomainError {
  return new DomainError(code, message, { fields: [{ field, messages: [message] }] });
}
