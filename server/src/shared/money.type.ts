import { Field, Int, ObjectType } from 'type-graphql';

/** An amount of money: integer minor units (cents) and a lower-case ISO 4217 currency, as Stripe counts it. */
@ObjectType('Money')
export class MoneyType {
  @Field(() => Int, { description: 'Minor units, e.g. 1500 = $15.00 in usd.' })
  amountMinor: number;

  @Field(() => String, { description: 'Lower-case ISO 4217 code, e.g. "usd".' })
  currency: string;

  static of(amountMinor: number, currency: string): MoneyType {
    return Object.assign(new MoneyType(), { amountMinor, currency });
  }

  /** Null stays null: a custom price (contact sales). */
  static orNull(amountMinor: number | null, currency: string): MoneyType | null {
    return amountMinor === null ? null : MoneyType.of(amountMinor, currency);
  }
}
