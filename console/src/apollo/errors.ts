import { CombinedGraphQLErrors } from '@apollo/client';

/** Codes the console branches on. They mirror the server's `ErrorCode` enum until codegen provides it. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
} as const;

/** Messages per input field, keyed by the server's field path (`email`, `password`, `address.city`). */
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
export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  for (const graphQLError of error.errors) {
    const code = graphQLError.extensions?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function hasErrorCode(error: unknown, code: string): boolean {
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

/** A sentence to show a person: the server's messages for GraphQL errors, a plain hint for anything else. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const messages = [...new Set(error.errors.map((e) => e.message))];
    return messages.join(' ') || 'The request failed.';
  }
  return 'Tollgate could not be reached. Check your connection and try again.';
}
