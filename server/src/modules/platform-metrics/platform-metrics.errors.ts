import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class PlatformMetricsError extends DomainError {}

export const platformMetricsErrors = {
  invalid: (field: string, message: string) => fieldError(field, message),
  badCursor: () => fieldError('after', 'Cursor is not one this API returned (for this sort)'),
  organizationNotFound: () => new PlatformMetricsError(ErrorCode.NOT_FOUND, 'Organization not found'),
};
