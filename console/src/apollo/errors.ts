import { CombinedGraphQLErrors } from '@apollo/client';
import { ErrorCode } from '../gql/enums';

export { ErrorCode };

/** Messages per input field, keyed by the server's field path (`email`, `input.creditCost`). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

interface FieldFailure {
  field: string;
  messages: string[];
}

function isFieldFailure(value: unknown): value is FieldFailure {
  if (typeof value !== 'object' || value === null) return false;
  const { field, messages } = value as Record<string, unknown>;
  return typeof field === 'string' && Array.isArray(messages) && messages.every((m) => typeof m === 'string');
}

/** The `extensions.code` of the first GraphQL error that has one, or undefined for network and other errors. */
export function errorCode(error: unknown): ErrorCode | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  for (const graphQLError of error.errors) {
    const code = graphQLError.extensions?.code;
    if (typeof code === 'string') return code as ErrorCode;
  }
  return undefined;
}

export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return errorCode(error) === code;
}

/** Validation messages from `extensions.details.fields`, as the server reports them for BAD_USER_INPUT. */
export function fieldErrors(error: unknown): FieldErrors {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const byField: Record<string, string[]> = {};
  for (const graphQLError of error.errors) {
    const details = graphQLError.extensions?.details as { fields?: unknown } | undefined;
    if (!Array.isArray(details?.fields)) continue;
    for (const failure of details.fields) {
      if (isFieldFailure(failure)) (byField[failure.field] ??= []).push(...failure.messages);
    }
  }
  return byField;
}

/** The first message for a field, matched by its last path segment too (`input.email` → `email`). */
export function fieldError(errors: FieldErrors, field: string): string | undefined {
  const direct = errors[field]?.[0];
  if (direct) return direct;
  const match = Object.keys(errors).find((path) => path.split('.').pop() === field);
  return match ? errors[match]?.[0] : undefined;
}

/** What each code means to a person; the server's own message is added where it says something specific. */
const PLAIN_MESSAGES: Record<ErrorCode, string> = {
  [ErrorCode.BadUserInput]: 'Some of what you entered needs another look.',
  [ErrorCode.Conflict]: 'That conflicts with something that already exists or already happened.',
  [ErrorCode.Forbidden]: 'You do not have access to this.',
  [ErrorCode.GraphqlParseFailed]: 'The console sent a request the server could not read. Reload the page.',
  [ErrorCode.GraphqlValidationFailed]: 'The console is out of date with the server. Reload the page.',
  [ErrorCode.InsufficientCredits]: 'There are not enough credits for this.',
  [ErrorCode.InternalServerError]: 'Something went wrong on our side. Try again in a moment.',
  [ErrorCode.NotFound]: 'That could not be found. It may have been removed.',
  [ErrorCode.PaymentProviderError]: 'The payment provider did not answer. Try again in a moment.',
  [ErrorCode.QuotaExceeded]: 'The plan’s limit for this has been reached.',
  [ErrorCode.RateLimited]: 'Too many requests. Wait a moment and try again.',
  [ErrorCode.SandboxOnly]: 'This only works with the built-in Stripe sandbox.',
  [ErrorCode.Unauthenticated]: 'Your session has ended. Log in again.',
};

/** Codes whose server message is written for people (it names the field, limit or retry time). */
const SERVER_MESSAGE_IS_SPECIFIC = new Set<ErrorCode>([
  ErrorCode.BadUserInput,
  ErrorCode.Conflict,
  ErrorCode.InsufficientCredits,
  ErrorCode.QuotaExceeded,
  ErrorCode.RateLimited,
  ErrorCode.NotFound,
]);

/** A sentence to show a person for any error Apollo hands back. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const code = errorCode(error);
    if (!code || !(code in PLAIN_MESSAGES)) return 'The request failed. Try again in a moment.';
    if (SERVER_MESSAGE_IS_SPECIFIC.has(code)) {
      const serverMessage = error.errors.find((e) => e.message)?.message;
      if (serverMessage) return serverMessage;
    }
    return PLAIN_MESSAGES[code];
  }
  return 'Tollgate could not be reached. Check your connection and try again.';
}
