import { IsDate, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { MAX_IDEMPOTENCY_KEY_LENGTH, MAX_QUANTITY } from './usage-request';

const FEATURE_KEY = /^[a-z][a-z0-9_]{0,62}$/;

@InputType({ description: 'Usage of a metered feature. Retrying with the same idempotencyKey returns the first answer and records once.' })
export class TrackUsageInput {
  @Field(() => String, { description: 'A metered feature key from the catalog, e.g. "messages".' })
  @Matches(FEATURE_KEY, { message: 'featureKey must be a feature key such as "messages"' })
  featureKey: string;

  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number = 1;

  @Field(() => String)
  @IsString()
  @Length(1, MAX_IDEMPOTENCY_KEY_LENGTH)
  idempotencyKey: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'At most 4 KB of JSON; part of what the idempotency key is bound to.' })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown> | null;
}

@InputType({ description: 'One event of a batch.' })
export class UsageEventInput extends TrackUsageInput {
  @Field(() => Date, { nullable: true, description: 'When it happened (default: now); within the last 35 days. It counts in that moment’s window.' })
  @IsOptional()
  @IsDate()
  occurredAt?: Date | null;
}
