import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';

/** What subscriptions need from the credit ledger at period boundaries (implemented by CreditLedgerService). */
export interface SubscriptionCreditsPort {
  /** Expires what is left of the previous grant, then grants `amount` until `periodEnd`; once per subscription period. */
  grantSubscriptionCredits(
    manager: EntityManager,
    grant: { organizationId: string; subscriptionId: string; periodStart: Date; periodEnd: Date; amount: number; actor: Actor },
  ): Promise<boolean>;
  /** Adds credits to the current period (an upgrade's extra allowance); once per idempotency key. */
  topUpSubscriptionCredits(
    manager: EntityManager,
    topUp: { organizationId: string; periodStart: Date; periodEnd: Date; amount: number; idempotencyKey: string; reason: string; actor: Actor },
  ): Promise<boolean>;
  /** Writes off subscription credits that have expired by `at`. */
  expireSubscriptionCredits(manager: EntityManager, expiry: { organizationId: string; at: Date; actor: Actor }): Promise<unknown>;
}
