/** Stable error codes carried in GraphQL `extensions.code`. Part of the schema so clients compare against them. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The organization's credit balance cannot cover a consumption; nothing was charged. */
  INSUFFICIENT_CREDITS = 'INSUFFICIENT_CREDITS',
  /** A metered limit set to block would be exceeded; nothing was recorded. */
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  /** Stripe refused or could not be reached; nothing was changed in Tollgate. Stripe's request id is logged. */
  PAYMENT_PROVIDER_ERROR = 'PAYMENT_PROVIDER_ERROR',
  /** A Stripe-sandbox-only action (e.g. advancing its clock) on a server connected to real Stripe. */
  SANDBOX_ONLY = 'SANDBOX_ONLY',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
