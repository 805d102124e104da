import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../shared/connection.type';
import type { AuditEntryView } from './audit-log.service';

export enum AuditActorKind {
  USER = 'user',
  API_KEY = 'api_key',
  SYSTEM = 'system',
  STRIPE = 'stripe',
}
registerEnumType(AuditActorKind, { name: 'AuditActorKind', description: 'Who made a change: a console user, an API key, a Tollgate job, or Stripe.' });

@ObjectType('AuditEntry', { description: 'One billing change, written in the same transaction as the change itself.' })
export class AuditEntryType {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true, description: 'Null for platform-wide changes (catalog edits).' }) organizationId: string | null;
  @Field(() => AuditActorKind) actorType: AuditActorKind;
  @Field(() => String, { nullable: true, description: 'User id, API key id, job name or Stripe event id.' }) actorId: string | null;
  @Field(() => String, {
    nullable: true,
    description: "A user's email or an API key's name and prefix, where the reader may see them; null for jobs, Stripe, and actors outside the reader's organization.",
  })
  actorName: string | null;
  @Field(() => String, { description: 'e.g. subscription.upgraded, credits.adjusted, catalog.plan_created.' }) action: string;
  @Field(() => String, { nullable: true }) targetType: string | null;
  @Field(() => String, { nullable: true }) targetId: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) after: Record<string, unknown> | null;
  @Field(() => Date) createdAt: Date;

  static from(entry: AuditEntryView): AuditEntryType {
    return Object.assign(new AuditEntryType(), { ...entry, actorType: entry.actorType as AuditActorKind });
  }
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnection extends Connection(AuditEntryType) {}
