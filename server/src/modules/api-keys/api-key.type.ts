import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/connection.type';
import { ApiKeyScope } from './api-key-scope';
import type { ApiKeyEntity } from './api-key.entity';

@ObjectType('ApiKey', { description: 'A client app credential. The secret is shown once, at creation.' })
export class ApiKeyType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'The visible start of the key, e.g. tg_abcd2345efgh.' })
  prefix: string;

  @Field(() => [ApiKeyScope])
  scopes: ApiKeyScope[];

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute.' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  static from(apiKey: ApiKeyEntity): ApiKeyType {
    return Object.assign(new ApiKeyType(), {
      id: apiKey.id,
      name: apiKey.name,
      prefix: apiKey.prefix,
      scopes: apiKey.scopes,
      createdAt: apiKey.createdAt,
      lastUsedAt: apiKey.lastUsedAt,
      revokedAt: apiKey.revokedAt,
    });
  }
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyType {
  @Field(() => ApiKeyType)
  apiKey: ApiKeyType;

  @Field(() => String, { description: 'The whole key, for the Authorization: Bearer header. Shown only now.' })
  secret: string;
}

@ObjectType('ApiKeyConnection')
export class ApiKeyConnection extends Connection(ApiKeyType) {}
