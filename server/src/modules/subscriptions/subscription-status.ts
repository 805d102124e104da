import { registerEnumType } from 'type-graphql';

/** Stripe's subscription statuses, named as Stripe names them; `expired` is Tollgate's "ended without renewal". */
export enum SubscriptionStatus {
  TRIALING = 'trialing',
  ACTIVE = 'active',
  PAST_DUE = 'past_due',
  CANCELED = 'canceled',
  EXPIRED = 'expired',
  INCOMPLETE = 'incomplete',
  UNPAID = 'unpaid',
}

registerEnumType(SubscriptionStatus, { name: 'SubscriptionStatus' });
