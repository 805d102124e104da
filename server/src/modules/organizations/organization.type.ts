import { Field, ID, ObjectType } from 'type-graphql';
import { UserType } from '../identity/user.type';
import { MembershipRole } from './membership-role';
import type { OrganizationEntity } from './organization.entity';
import { Connection } from '../../shared/connection.type';

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  slug: string;

  @Field(() => Date)
  createdAt: Date;

  static from(organization: OrganizationEntity): OrganizationType {
    return Object.assign(new OrganizationType(), {
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      createdAt: organization.createdAt,
    });
  }
}

@ObjectType('OrganizationMember')
export class OrganizationMemberType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => MembershipRole)
  role: MembershipRole;

  @Field(() => Date)
  joinedAt: Date;
}

@ObjectType('OrganizationConnection')
export class OrganizationConnection extends Connection(OrganizationType) {}

@ObjectType('OrganizationMemberConnection')
export class OrganizationMemberConnection extends Connection(OrganizationMemberType) {}
