import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from 'pino';
import { DomainError } from '../shared/domain-error';
import { ErrorCode } from '../shared/error-code';
import { isStripeError, logStripeFailure, paymentProviderErrorFrom } from '../stripe/payment-provider.errors';

/** Codes Apollo Server and graphql-armor produce that are safe to show as they are. */
const PASS_THROUGH = new Set<string>([
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.BAD_USER_INPUT,
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface FieldFailure {
  field: string;
  messages: string[];
}

function validationDetails(error: ArgumentValidationError): { fields: FieldFailure[] } {
  const fields: FieldFailure[] = [];
  const walk = (errors: ArgumentValidationError['extensions']['validationErrors'], prefix: string) => {
    for (const failure of errors) {
      const field = prefix ? `${prefix}.${failure.property}` : failure.property;
      if (failure.constraints) fields.push({ field, messages: Object.values(failure.constraints) });
      if (failure.children?.length) walk(failure.children, field);
    }
  };
  walk(error.extensions.validationErrors, '');
  return { fields };
}

/**
 * The single mapping from anything thrown to what a client sees: domain errors keep their code and details,
 * class-validator failures become BAD_USER_INPUT with the fields named, everything unexpected is masked and
 * logged in full.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
  includeStacktrace: boolean,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...(original.details ? { details: original.details } : {}) },
    };
  }
  if (isStripeError(original)) {
    // A Stripe failure that skipped the gateway's own mapping: still PAYMENT_PROVIDER_ERROR, with the request id logged.
    logStripeFailure(logger, String(formatted.path?.join('.') ?? 'graphql'), original);
    const mapped = paymentProviderErrorFrom(original);
    return { ...base, message: mapped.message, extensions: { code: mapped.code, ...(mapped.details ? { details: mapped.details } : {}) } };
  }
  if (original instanceof ArgumentValidationError) {
    return {
      ...base,
      message: 'Input is invalid',
      extensions: { code: ErrorCode.BAD_USER_INPUT, details: validationDetails(original) },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (PASS_THROUGH.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions: includeStacktrace ? formatted.extensions : extensions };
  }

  logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL request');
  return {
    ...base,
    message: 'Internal server error',
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(includeStacktrace && original instanceof Error ? { stacktrace: original.stack?.split('\n') } : {}),
    },
  };
}
