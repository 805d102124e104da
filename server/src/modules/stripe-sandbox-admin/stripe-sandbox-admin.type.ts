import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum StripeMode {
  /** STRIPE_SECRET_KEY is set: real Stripe (test or live keys). */
  LIVE = 'LIVE',
  /** No key: the built-in offline sandbox stands in for Stripe. */
  SANDBOX = 'SANDBOX',
}
registerEnumType(StripeMode, { name: 'StripeMode', description: 'Which Stripe this server talks to.' });

@ObjectType('StripeSandboxClock', { description: 'The sandbox’s time, like a Stripe test clock: renewals, retries and trial ends happen when it passes them.' })
export class StripeSandboxClockType {
  @Field(() => Date) now: Date;

  static from(clock: { now: Date }): StripeSandboxClockType {
    return Object.assign(new StripeSandboxClockType(), { now: clock.now });
  }
}
