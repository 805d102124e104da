import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../db/column-transformers';

/** One recorded use of a metered feature. Written by set-based SQL (usage-sql.ts); the entity is for reading. */
@Entity({ name: 'usage_events' })
export class UsageEventEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'feature_key', type: 'text' })
  featureKey: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  quantity: number;

  /** The part past the limit of an entitlement that bills overage (reported to Stripe meters). */
  @Column({ name: 'overage_quantity', type: 'bigint', default: 0, transformer: bigintAsNumber })
  overageQuantity: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** Start of the usage window (see tollgate_usage_window) the event counts in. */
  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  /** Unique per organization: with it, the primary key. */
  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the request (feature, quantity, metadata) the key is bound to. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'jsonb', default: {} })
  metadata: Record<string, unknown>;

  /** The answer given the first time, for replays (see RecordedFacts): the count after this event… */
  @Column({ name: 'answer_used', type: 'bigint', transformer: bigintAsNumber })
  answerUsed: number;

  /** …the limit then (null: unlimited), when that window ended, and whether the entitlement billed overage. */
  @Column({ name: 'answer_limit', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  answerLimit: number | null;

  @Column({ name: 'answer_resets_at', type: 'timestamptz', nullable: true })
  answerResetsAt: Date | null;

  @Column({ name: 'answer_overage', type: 'boolean' })
  answerOverage: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When Stripe accepted this event's overage as a meter event; null: not (yet) reported. */
  @Column({ name: 'stripe_meter_reported_at', type: 'timestamptz', nullable: true })
  stripeMeterReportedAt: Date | null;

  /** Set only on events recorded before 1764300000000-usage-events-slim: the meter identifier they were sent with. */
  @Column({ name: 'stripe_meter_identifier', type: 'text', nullable: true })
  stripeMeterIdentifier: string | null;
}
