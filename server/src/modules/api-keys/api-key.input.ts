import { ArrayMinSize, ArrayUnique, IsEnum } from 'class-validator';
import { IsName } from '../../shared/validators';
import { Field, InputType } from 'type-graphql';
import { ApiKeyScope } from './api-key-scope';

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  @IsName()
  name: string;

  @Field(() => [ApiKeyScope])
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes: ApiKeyScope[];
}
