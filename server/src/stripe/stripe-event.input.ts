import { IsEnum, IsOptional, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { StripeEventProcessingStatus } from './stripe-event.type';

@InputType({ description: 'All given conditions must hold.' })
export class StripeEventFilterInput {
  @Field(() => String, { nullable: true, description: 'e.g. invoice.payment_failed' })
  @IsOptional()
  @Matches(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, { message: 'type must look like customer.subscription.updated' })
  type?: string;

  @Field(() => StripeEventProcessingStatus, { nullable: true })
  @IsOptional()
  @IsEnum(StripeEventProcessingStatus)
  status?: StripeEventProcessingStatus;
}
