import { ArrayUnique, IsEnum, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, NotEquals } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { IsName } from '../../shared/validators';
import { MAX_CREDITS_PER_ENTRY, MAX_IDEMPOTENCY_KEY_LENGTH, MAX_QUANTITY, MAX_REASON_LENGTH } from './credit-rules';
import { CreditTransactionKind } from './credits.enums';

@InputType()
export class ConsumeCreditsInput {
  @Field(() => String, { description: 'A credit event key from the catalog, e.g. api_call_basic.' })
  @IsString()
  @Length(1, 63)
  eventKey: string;

  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number = 1;

  @Field(() => String, { description: 'Retrying with the same key returns the first answer and charges once.' })
  @IsString()
  @Length(1, MAX_IDEMPOTENCY_KEY_LENGTH)
  idempotencyKey: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown> | null;
}

@InputType()
export class CreditTransactionFilterInput {
  @Field(() => [CreditTransactionKind], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  @IsEnum(CreditTransactionKind, { each: true })
  kinds?: CreditTransactionKind[] | null;

  @Field(() => Date, { nullable: true, description: 'Inclusive.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Exclusive.' })
  @IsOptional()
  to?: Date | null;
}

@InputType()
export class AdjustCreditsInput {
  @Field(() => Int, { description: 'Added to the purchased credits (negative: taken from them).' })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_CREDITS_PER_ENTRY)
  @Max(MAX_CREDITS_PER_ENTRY)
  amount: number;

  @Field(() => String)
  @IsName(MAX_REASON_LENGTH)
  reason: string;

  @Field(() => String, { description: 'Retrying with the same key returns the first adjustment and moves the balance once.' })
  @IsString()
  @Length(1, MAX_IDEMPOTENCY_KEY_LENGTH)
  idempotencyKey: string;
}

@InputType()
export class LowBalanceThresholdInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_CREDITS_PER_ENTRY)
  threshold: number;
}
