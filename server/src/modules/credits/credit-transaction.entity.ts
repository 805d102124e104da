import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditActorType } from '../audit/audit-entry.entity';
import type { CreditTransactionKind } from './credits.enums';

/**
 * One signed change to an organization's two credit buckets, with both balances after it. Append-only: the
 * database refuses UPDATE and DELETE, so the ledger is the evidence and credit_balances is its running sum.
 */
@Entity({ name: 'credit_transactions' })
export class CreditTransactionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Application order within an organization (bigint, kept as a string); written by the database. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  kind: CreditTransactionKind;

  @Column({ name: 'purchased_delta', type: 'integer' })
  purchasedDelta: number;

  @Column({ name: 'subscription_delta', type: 'integer' })
  subscriptionDelta: number;

  @Column({ name: 'purchased_balance_after', type: 'integer' })
  purchasedBalanceAfter: number;

  @Column({ name: 'subscription_balance_after', type: 'integer' })
  subscriptionBalanceAfter: number;

  /** Grants: when this period's credits lapse (the period end). */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** Grants: the period they belong to; one grant per (organization, subscription, period_start). */
  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart: Date | null;

  /** Grants: the subscription whose period this is. */
  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @Column({ name: 'event_key', type: 'text', nullable: true })
  eventKey: string | null;

  @Column({ type: 'integer', nullable: true })
  quantity: number | null;

  @Column({ name: 'unit_cost', type: 'integer', nullable: true })
  unitCost: number | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of what the idempotency key was first used for; a different request under the key is a conflict. */
  @Column({ name: 'request_hash', type: 'text', nullable: true })
  requestHash: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'actor_type', type: 'text' })
  actorType: AuditActorType;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Column({ type: 'jsonb' })
  metadata: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
