import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../shared/connection.type';
import type { StripeEventEntity } from './stripe-event.entity';

export enum StripeEventProcessingStatus {
  RECEIVED = 'received',
  PROCESSING = 'processing',
  APPLIED = 'applied',
  IGNORED = 'ignored',
  FAILED = 'failed',
}
registerEnumType(StripeEventProcessingStatus, {
  name: 'StripeEventProcessingStatus',
  description: 'received: stored, not applied yet; applied: changed Tollgate; ignored: nothing to do (unknown type, older than what was applied, a repeat); failed: will be retried while nextAttemptAt is set.',
});

@ObjectType('StripeEvent', { description: 'One verified Stripe webhook event and what Tollgate did with it.' })
export class StripeEventType {
  @Field(() => ID, { description: 'Stripe’s event id (evt_…).' }) id: string;
  @Field(() => String) type: string;
  @Field(() => StripeEventProcessingStatus) status: StripeEventProcessingStatus;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => ID, { nullable: true }) organizationId: string | null;
  @Field(() => String, { nullable: true }) apiVersion: string | null;
  @Field(() => Boolean) livemode: boolean;
  @Field(() => Date, { description: 'When Stripe created the event.' }) createdAt: Date;
  @Field(() => Date) receivedAt: Date;
  @Field(() => Date, { nullable: true }) appliedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the retry job tries a failed event again; null once it gave up.' }) nextAttemptAt: Date | null;
  @Field(() => GraphQLJSONObject, { description: 'The event as Stripe sent it.' }) payload: Record<string, unknown>;

  static from(event: StripeEventEntity): StripeEventType {
    return Object.assign(new StripeEventType(), {
      ...event,
      status: event.status as StripeEventProcessingStatus,
      createdAt: event.created,
      nextAttemptAt: event.status === 'failed' ? event.nextAttemptAt : null,
    });
  }
}

@ObjectType('StripeEventConnection')
export class StripeEventConnection extends Connection(StripeEventType) {}
