import { ApiKeyEntity } from '../modules/api-keys/api-key.entity';
import { SessionEntity } from '../modules/identity/session.entity';
import { UserEntity } from '../modules/identity/user.entity';
import { MembershipEntity } from '../modules/organizations/membership.entity';
import { OrganizationEntity } from '../modules/organizations/organization.entity';

/** Every entity, in one list for the data source. */
export const entities = [UserEntity, SessionEntity, OrganizationEntity, MembershipEntity, ApiKeyEntity];
