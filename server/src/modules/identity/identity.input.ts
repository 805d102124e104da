import { IsOptional, IsString, Length } from 'class-validator';
import { IsEmailAddress, IsName } from '../../shared/validators';
import { Field, InputType } from 'type-graphql';

@InputType()
export class SignUpInput {
  @Field(() => String)
  @IsEmailAddress()
  email: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  @IsString()
  @Length(10, 256, { message: 'password must be between 10 and 256 characters' })
  password: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  displayName?: string | null;

  @Field(() => String, { description: 'Name of the first organization, which the new user owns.' })
  @IsName()
  organizationName: string;
}

@InputType()
export class LogInInput {
  @Field(() => String)
  @IsEmailAddress()
  email: string;

  @Field(() => String)
  @Length(1, 256)
  password: string;
}
