import { IsOptional, IsString, Length } from 'class-validator';
import { IsEmailAddress } from '../../shared/validators';
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
  @Length(1, 100)
  displayName?: string | null;

  @Field(() => String, { description: 'Name of the first organization, which the new user owns.' })
  @Length(1, 100, { message: 'organizationName must be between 1 and 100 characters' })
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
