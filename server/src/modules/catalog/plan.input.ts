import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { IsName } from '../../shared/validators';
import { OverageBehavior, ResetPeriod } from './catalog.enums';
import { CURRENCY, FEATURE_KEY, MAX_INT, MAX_MINOR_AMOUNT, MAX_TRIAL_DAYS, PLAN_KEY } from './catalog-rules';

@InputType({ description: 'What a plan version grants of one feature.' })
export class PlanEntitlementInput {
  @Field(() => String)
  @Matches(FEATURE_KEY, { message: 'featureKey must be a feature key (lower case, digits, underscores)' })
  featureKey: string;

  @Field(() => Boolean, { defaultValue: true })
  @IsBoolean()
  enabled: boolean = true;

  @Field(() => Int, { nullable: true, description: 'Metered features only: the allowance per reset period; null: unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  limit?: number | null;

  @Field(() => ResetPeriod, { nullable: true, description: 'Required for metered features; not allowed for boolean ones.' })
  @IsOptional()
  @IsEnum(ResetPeriod)
  resetPeriod?: ResetPeriod | null;

  @Field(() => OverageBehavior, { nullable: true, description: 'Metered features only; default BLOCK.' })
  @IsOptional()
  @IsEnum(OverageBehavior)
  overage?: OverageBehavior | null;

  @Field(() => Int, { nullable: true, description: 'OVERAGE only: minor units billed per overagePriceUnits units past the limit (Stripe meter); null: counted, not billed.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_AMOUNT)
  overagePriceMinor?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many units overagePriceMinor buys (e.g. 100 calls); default 1.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  overagePriceUnits?: number | null;
}

/** Everything a plan version fixes. Changing any of it makes a new version. */
@InputType({ description: 'A plan version\'s terms, given in full. Prices in minor units; null price: custom (contact sales).' })
export class PlanTermsInput {
  @Field(() => String, { defaultValue: 'usd' })
  @Matches(CURRENCY, { message: 'currency must be a lower-case ISO 4217 code, e.g. "usd"' })
  currency: string = 'usd';

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_AMOUNT)
  monthlyPriceMinor?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_AMOUNT)
  yearlyPriceMinor?: number | null;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_TRIAL_DAYS)
  trialDays: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  creditsPerPeriod: number = 0;

  @Field(() => Int, { nullable: true, description: 'Null: unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  hourlyRequestLimit?: number | null;

  @Field(() => [PlanEntitlementInput], { description: 'The whole set: features left out are not granted.' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  entitlements: PlanEntitlementInput[];
}

@InputType()
export class CreatePlanInput extends PlanTermsInput {
  @Field(() => String)
  @Matches(PLAN_KEY, { message: 'key must start with a lower-case letter, then lower case, digits, "_" or "-" (at most 63)' })
  key: string;

  @Field(() => String)
  @IsName()
  name: string;

  @Field(() => String, { defaultValue: '' })
  @IsString()
  @MaxLength(2000)
  description: string = '';

  @Field(() => Boolean, { defaultValue: true })
  @IsBoolean()
  isPublic: boolean = true;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(-MAX_INT)
  @Max(MAX_INT)
  sortOrder: number = 0;
}

@InputType({ description: 'Plan metadata; omitted fields stay as they are. No new version is made.' })
export class UpdatePlanInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(-MAX_INT)
  @Max(MAX_INT)
  sortOrder?: number | null;
}
