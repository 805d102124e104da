import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class CatalogError extends DomainError {}

export const catalogErrors = {
  planNotFound: (what: string) => new CatalogError(ErrorCode.NOT_FOUND, `Plan ${what} not found`),
  planVersionNotFound: (id: string) => new CatalogError(ErrorCode.NOT_FOUND, `Plan version ${id} not found`),
  featureNotFound: (key: string) => new CatalogError(ErrorCode.NOT_FOUND, `Feature ${key} not found`),
  creditEventNotFound: (what: string) => new CatalogError(ErrorCode.NOT_FOUND, `Credit event ${what} not found`),
  creditProductNotFound: (what: string) => new CatalogError(ErrorCode.NOT_FOUND, `Credit product ${what} not found`),
  /** The default catalog always has one; only a broken database lacks it. */
  noFreePlan: () => new CatalogError(ErrorCode.NOT_FOUND, 'The catalog has no "free" plan'),
  duplicateKey: (field: string, what: string, key: string) =>
    fieldError(field, `A ${what} with key "${key}" already exists`, ErrorCode.CONFLICT),
  invalid: (field: string, message: string) => fieldError(field, message),
};
