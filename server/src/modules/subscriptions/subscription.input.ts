import { IsEnum, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { BillingInterval } from '../catalog/catalog.enums';

@InputType()
export class ChangePlanInput {
  @Field(() => String)
  @Matches(/^[a-z][a-z0-9_-]{0,62}$/, { message: 'planKey must be a plan key such as "pro"' })
  planKey: string;

  @Field(() => BillingInterval, { defaultValue: BillingInterval.MONTH })
  @IsEnum(BillingInterval)
  interval: BillingInterval;
}

@InputType()
export class AdminChangePlanInput extends ChangePlanInput {
  @Field(() => Boolean, { defaultValue: false, description: 'Apply a downgrade now instead of at the period end.' })
  force: boolean;
}
