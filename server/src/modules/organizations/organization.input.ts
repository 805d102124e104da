import { IsEnum, Length } from 'class-validator';
import { IsEmailAddress } from '../../shared/validators';
import { Field, InputType } from 'type-graphql';
import { MembershipRole } from './membership-role';

@InputType()
export class CreateOrganizationInput {
  @Field(() => String)
  @Length(1, 100, { message: 'name must be between 1 and 100 characters' })
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
