import { Column, Entity, PrimaryColumn } from 'typeorm';

export type StripeEventStatus = 'received' | 'processing' | 'applied' | 'ignored' | 'failed';

/** One verified Stripe webhook event, stored before it is applied. The primary key is Stripe's event id. */
@Entity({ name: 'stripe_events' })
export class StripeEventEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'api_version', type: 'text', nullable: true })
  apiVersion: string | null;

  @Column({ type: 'boolean' })
  livemode: boolean;

  /** When Stripe created the event: the order of observations. */
  @Column({ type: 'timestamptz' })
  created: Date;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  status: StripeEventStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The organization the event concerned, once applied (null: none, or not known yet). */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  /** Failed: when the retry job tries again (null: gave up). Processing: when the claim's lease runs out. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;
}
