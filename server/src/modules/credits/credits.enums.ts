import { registerEnumType } from 'type-graphql';

/** What a ledger entry did. */
export enum CreditTransactionKind {
  /** A subscription period's credits (expire at the period end). */
  GRANT = 'grant',
  /** Bought credits (never expire). */
  PURCHASE = 'purchase',
  CONSUMPTION = 'consumption',
  /** The subscription credits left when they lapsed or the next period's grant replaced them. */
  EXPIRY = 'expiry',
  /** A platform admin's grant or deduction of purchased credits, with a reason. */
  ADJUSTMENT = 'adjustment',
}

registerEnumType(CreditTransactionKind, { name: 'CreditTransactionKind', description: 'What a credit ledger entry did.' });
