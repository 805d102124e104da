import type { CreditAlertEntity } from './credit-alert.entity';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/connection.type';
import type { CreditBalanceView } from './credit-history';
import type { LedgerOutcome } from './credit-ledger.service';
import type { CreditTransactionEntity } from './credit-transaction.entity';
import { CreditTransactionKind } from './credits.enums';

@ObjectType('CreditExpiry')
export class CreditExpiryType {
  @Field(() => Int)
  amount: number;

  @Field(() => Date)
  at: Date;
}

@ObjectType('CreditBalance', { description: 'Credits an organization can spend now: purchased (never expire) plus the subscription grant.' })
export class CreditBalanceType {
  @Field(() => ID)
  organizationId: string;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  purchased: number;

  @Field(() => Int, { description: "The current period's grant; 0 once it has expired." })
  subscription: number;

  @Field(() => CreditExpiryType, { nullable: true, description: 'Subscription credits that expire next, and when.' })
  nextExpiry: CreditExpiryType | null;

  @Field(() => Int, { description: 'An alert is recorded each time the total falls below this.' })
  lowBalanceThreshold: number;

  @Field(() => Boolean)
  belowThreshold: boolean;

  static from(view: CreditBalanceView): CreditBalanceType {
    return Object.assign(new CreditBalanceType(), {
      ...view,
      nextExpiry: view.nextExpiry ? Object.assign(new CreditExpiryType(), view.nextExpiry) : null,
    });
  }
}

@ObjectType('CreditTransaction', { description: 'One entry of the credit ledger (append-only).' })
export class CreditTransactionType {
  @Field(() => ID)
  id: string;

  @Field(() => CreditTransactionKind)
  kind: CreditTransactionKind;

  @Field(() => Int, { description: 'purchasedDelta + subscriptionDelta: negative for consumptions, expiries and deductions.' })
  amount: number;

  @Field(() => Int)
  purchasedDelta: number;

  @Field(() => Int)
  subscriptionDelta: number;

  @Field(() => Int)
  balanceAfter: number;

  @Field(() => Int)
  purchasedBalanceAfter: number;

  @Field(() => Int)
  subscriptionBalanceAfter: number;

  @Field(() => Date, { nullable: true, description: 'Grants: when these credits expire. Expiries: when they lapsed.' })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Grants: the start of the subscription period they belong to.' })
  periodStart: Date | null;

  @Field(() => String, { nullable: true })
  eventKey: string | null;

  @Field(() => Int, { nullable: true })
  quantity: number | null;

  @Field(() => Int, { nullable: true, description: 'Credits per unit of the event when it was consumed.' })
  unitCost: number | null;

  @Field(() => String, { nullable: true })
  idempotencyKey: string | null;

  @Field(() => String, { nullable: true, description: 'Adjustments: why the admin made it.' })
  reason: string | null;

  @Field(() => String, { description: 'user, api_key, system or stripe.' })
  actorType: string;

  @Field(() => String, { nullable: true })
  actorId: string | null;

  @Field(() => GraphQLJSONObject)
  metadata: Record<string, unknown>;

  @Field(() => Date)
  createdAt: Date;

  static from(entry: CreditTransactionEntity): CreditTransactionType {
    return Object.assign(new CreditTransactionType(), {
      id: entry.id,
      kind: entry.kind,
      amount: entry.purchasedDelta + entry.subscriptionDelta,
      purchasedDelta: entry.purchasedDelta,
      subscriptionDelta: entry.subscriptionDelta,
      balanceAfter: entry.purchasedBalanceAfter + entry.subscriptionBalanceAfter,
      purchasedBalanceAfter: entry.purchasedBalanceAfter,
      subscriptionBalanceAfter: entry.subscriptionBalanceAfter,
      expiresAt: entry.expiresAt,
      periodStart: entry.periodStart,
      eventKey: entry.eventKey,
      quantity: entry.quantity,
      unitCost: entry.unitCost,
      idempotencyKey: entry.idempotencyKey,
      reason: entry.reason,
      actorType: entry.actorType,
      actorId: entry.actorId,
      metadata: entry.metadata,
      createdAt: entry.createdAt,
    });
  }
}

@ObjectType('CreditTransactionConnection')
export class CreditTransactionConnection extends Connection(CreditTransactionType) {}

@ObjectType('CreditConsumption')
export class CreditConsumptionType {
  @Field(() => CreditTransactionType)
  transaction: CreditTransactionType;

  @Field(() => Int)
  creditsCharged: number;

  @Field(() => Int, { description: 'The total balance right after this consumption (on a replay: after the first one).' })
  balanceAfter: number;

  @Field(() => Boolean, { description: 'The idempotency key had been used for this request before: nothing was charged now.' })
  replayed: boolean;

  static from(outcome: LedgerOutcome): CreditConsumptionType {
    const transaction = CreditTransactionType.from(outcome.transaction);
    return Object.assign(new CreditConsumptionType(), {
      transaction,
      creditsCharged: -transaction.amount,
      balanceAfter: transaction.balanceAfter,
      replayed: outcome.replayed,
    });
  }
}

@ObjectType('CreditAlert', { description: 'The balance fell below the organization’s low-balance threshold.' })
export class CreditAlertType {
  @Field(() => ID) id: string;
  @Field(() => Int) threshold: number;
  @Field(() => Int, { description: 'The total balance just after the crossing.' }) balance: number;
  @Field(() => Date) createdAt: Date;

  static from(alert: CreditAlertEntity): CreditAlertType {
    return Object.assign(new CreditAlertType(), { id: alert.id, threshold: alert.threshold, balance: alert.balance, createdAt: alert.createdAt });
  }
}

@ObjectType('CreditAlertConnection')
export class CreditAlertConnection extends Connection(CreditAlertType) {}
