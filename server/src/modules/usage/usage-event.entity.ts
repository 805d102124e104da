import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../db/column-transformers';

/** One recorded use of a metered feature. Written by set-based SQL (usage-sql.ts); the entity is for reading. */
@Entity({ name: 'usage_events' })
export class UsageEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
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

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the request (feature, quantity, metadata) the key is bound to. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'jsonb', default: {} })
  metadata: Record<string, unknown>;

  /** The answer given the first time, for replays. */
  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When Stripe accepted this event's overage as a meter event; null: not (yet) reported. */
  @Column({ name: 'stripe_meter_reported_at', type: 'timestamptz', nullable: true })
  stripeMeterReportedAt: Date | null;
}
