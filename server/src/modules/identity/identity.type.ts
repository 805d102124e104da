import { Field, ObjectType } from 'type-graphql';
import { MembershipRole } from '../organizations/membership-role';
import { OrganizationType } from '../organizations/organization.type';
import { UserType } from './user.type';

@ObjectType('ViewerMembership', { description: 'An organization the signed-in user belongs to, and their role there.' })
export class ViewerMembershipType {
  @Field(() => OrganizationType)
  organization: OrganizationType;

  @Field(() => MembershipRole)
  role: MembershipRole;

  @Field(() => Date)
  joinedAt: Date;
}

@ObjectType('Me', { description: 'The signed-in console user.' })
export class MeType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => [ViewerMembershipType])
  memberships: ViewerMembershipType[];
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => Date, { description: 'When the session cookie stops working.' })
  sessionExpiresAt: Date;
}
