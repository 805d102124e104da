import { registerEnumType } from 'type-graphql';

export enum FeatureKind {
  BOOLEAN = 'boolean',
  METERED = 'metered',
}

/** When a metered limit's count starts again from zero. */
export enum ResetPeriod {
  DAY = 'day',
  MONTH = 'month',
  BILLING_PERIOD = 'billing_period',
  NEVER = 'never',
}

/** What happens past a metered limit. */
export enum OverageBehavior {
  BLOCK = 'block',
  OVERAGE = 'overage',
}

export enum BillingInterval {
  MONTH = 'month',
  YEAR = 'year',
}

/** Which credits a consumption draws first: bought packs (never expire) or the period's grant (expires). */
export enum CreditConsumptionOrder {
  PURCHASED_FIRST = 'purchased_first',
  SUBSCRIPTION_FIRST = 'subscription_first',
}

registerEnumType(FeatureKind, { name: 'FeatureKind' });
registerEnumType(ResetPeriod, { name: 'ResetPeriod', description: 'UTC calendar day or month, the subscription period, or never.' });
registerEnumType(OverageBehavior, { name: 'OverageBehavior', description: 'BLOCK refuses past the limit; OVERAGE allows and bills it.' });
registerEnumType(BillingInterval, { name: 'BillingInterval' });
registerEnumType(CreditConsumptionOrder, { name: 'CreditConsumptionOrder', description: 'Which credits a consumption draws first.' });
