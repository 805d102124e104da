import { IsEnum } from 'class-validator';
import { IsEmailAddress, IsName } from '../../shared/validators';
import { Field, InputType } from 'type-graphql';
import { MembershipRole } from './membership-role';

@InputType()
export class CreateOrganizationInput {
  @Field(() => String)
  @IsName()
  name: string;
}

@InputType()
export class AddOrganizationMemberInput {
  @Field(() => String, { description: 'An existing user’s email.' })
  @IsEmailAddress()
  email: string;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER })
  @IsEnum(MembershipRole)
  role: MembershipRole;
}
