import { DomainError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class ApiKeyError extends DomainError {}

export const apiKeyErrors = {
  notFound: () => new ApiKeyError(ErrorCode.NOT_FOUND, 'API key not found'),
  invalid: () => new ApiKeyError(ErrorCode.UNAUTHENTICATED, 'API key is invalid or revoked'),
  missingScope: (scope: string) => new ApiKeyError(ErrorCode.FORBIDDEN, `This API key lacks the ${scope} scope`),
  sessionOnly: () => new ApiKeyError(ErrorCode.FORBIDDEN, 'API keys cannot do this; sign in to the console'),
};
