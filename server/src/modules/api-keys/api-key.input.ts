import { ArrayMinSize, ArrayUnique, IsEnum, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ApiKeyScope } from './api-key-scope';

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  @Length(1, 100, { message: 'name must be between 1 and 100 characters' })
  name: string;

  @Field(() => [ApiKeyScope])
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes: ApiKeyScope[];
}
