import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { IsName } from '../../shared/validators';
import { FeatureKind } from './catalog.enums';
import { CREDIT_EVENT_KEY, CREDIT_PRODUCT_KEY, CURRENCY, FEATURE_KEY, MAX_INT, MAX_MINOR_AMOUNT } from './catalog-rules';

const CURRENCY_MESSAGE = 'currency must be a lower-case ISO 4217 code, e.g. "usd"';

@InputType()
export class CreateFeatureInput {
  @Field(() => String)
  @Matches(FEATURE_KEY, { message: 'key must start with a lower-case letter, then lower case, digits or "_" (at most 63)' })
  key: string;

  @Field(() => String)
  @IsName()
  name: string;

  @Field(() => String, { defaultValue: '' })
  @IsString()
  @MaxLength(2000)
  description: string = '';

  @Field(() => FeatureKind)
  @IsEnum(FeatureKind)
  kind: FeatureKind;

  @Field(() => String, { nullable: true, description: 'Metered features: what is counted, e.g. "messages".' })
  @IsOptional()
  @IsName(50)
  unit?: string | null;
}

@InputType({ description: 'Omitted fields stay as they are. A feature\'s key and kind never change.' })
export class UpdateFeatureInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Metered features only.' })
  @IsOptional()
  @IsName(50)
  unit?: string | null;
}

@InputType()
export class CreateCreditEventInput {
  @Field(() => String)
  @Matches(CREDIT_EVENT_KEY, { message: 'key must start with a lower-case letter, then lower case, digits or "_" (at most 63)' })
  key: string;

  @Field(() => String)
  @IsName()
  name: string;

  @Field(() => String, { defaultValue: '' })
  @IsString()
  @MaxLength(2000)
  description: string = '';

  @Field(() => String, { defaultValue: 'general' })
  @IsName(50)
  category: string = 'general';

  @Field(() => Int, { description: 'At least 1.' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  creditCost: number;

  @Field(() => Boolean, { defaultValue: true })
  @IsBoolean()
  active: boolean = true;
}

@InputType({ description: 'Omitted fields stay as they are.' })
export class UpdateCreditEventInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName(50)
  category?: string | null;

  @Field(() => Int, { nullable: true, description: 'At least 1. Applies to consumptions from now on.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  creditCost?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@InputType()
export class CreateCreditProductInput {
  @Field(() => String)
  @Matches(CREDIT_PRODUCT_KEY, { message: 'key must start with a lower-case letter, then lower case, digits, "_" or "-" (at most 63)' })
  key: string;

  @Field(() => String)
  @IsName()
  name: string;

  @Field(() => String, { defaultValue: '' })
  @IsString()
  @MaxLength(2000)
  description: string = '';

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  credits: number;

  @Field(() => Int, { description: 'Minor units.' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_AMOUNT)
  priceMinor: number;

  @Field(() => String, { defaultValue: 'usd' })
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  currency: string = 'usd';
}

@InputType({ description: 'Omitted fields stay as they are. Past purchases keep what they paid.' })
export class UpdateCreditProductInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  credits?: number | null;

  @Field(() => Int, { nullable: true, description: 'Minor units.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_AMOUNT)
  priceMinor?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  currency?: string | null;
}
