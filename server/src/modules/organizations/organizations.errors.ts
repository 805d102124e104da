import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class OrganizationError extends DomainError {}

export const organizationErrors = {
  notFound: () => new OrganizationError(ErrorCode.NOT_FOUND, 'Organization not found'),
  notAMember: () => new OrganizationError(ErrorCode.FORBIDDEN, 'You are not a member of this organization'),
  roleTooLow: (required: string) => new OrganizationError(ErrorCode.FORBIDDEN, `This needs the ${required} role in the organization`),
  userNotFound: () => fieldError('email', 'No user has this email; they must sign up first', ErrorCode.NOT_FOUND),
  alreadyMember: () => fieldError('email', 'This user is already a member', ErrorCode.CONFLICT),
};
