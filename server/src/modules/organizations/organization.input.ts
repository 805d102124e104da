import { IsEmail, IsEnum, Length } from 'class-validator';
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
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER })
  @IsEnum(MembershipRole)
  role: MembershipRole;
}
