import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CREDIT_PRODUCT_KEY } from '../catalog/catalog-rules';
import { ChangePlanInput } from '../subscriptions/subscription.input';

@InputType({ description: 'A paid plan and interval to subscribe to through Stripe Checkout.' })
export class CreateCheckoutSessionInput extends ChangePlanInput {}

@InputType()
export class PurchaseCreditsInput {
  @Field(() => String, { description: 'The credit pack, e.g. "credits_1000".' })
  @Matches(CREDIT_PRODUCT_KEY, { message: 'productKey must be a credit pack key such as "credits_1000"' })
  productKey: string;
}
