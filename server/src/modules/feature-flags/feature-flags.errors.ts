import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class FeatureFlagError extends DomainError {}

export const featureFlagErrors = {
  invalid: (field: string, message: string) => fieldError(field, message),
  notFound: () => fieldError('flagKey', 'No such feature flag', ErrorCode.NOT_FOUND),
  organizationNotFound: () => new FeatureFlagError(ErrorCode.NOT_FOUND, 'Organization not found'),
};
