import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { BillingInterval } from '../catalog/catalog.enums';
import { SubscriptionStatus } from './subscription-status';

/** A subscription; exactly one per organization is current (not canceled/expired), the rest are history. */
@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'plan_version_id', type: 'uuid' })
  planVersionId: string;

  @Column({ type: 'text' })
  status: SubscriptionStatus;

  @Column({ name: 'billing_interval', type: 'text' })
  billingInterval: BillingInterval;

  @Column({ name: 'current_period_start', type: 'timestamptz' })
  currentPeriodStart: Date;

  @Column({ name: 'current_period_end', type: 'timestamptz' })
  currentPeriodEnd: Date;

  /** Day of month periods start on (UTC): Jan 31 → Feb 28 → Mar 31, not Mar 28. */
  @Column({ name: 'billing_anchor_day', type: 'smallint' })
  billingAnchorDay: number;

  @Column({ name: 'trial_end', type: 'timestamptz', nullable: true })
  trialEnd: Date | null;

  @Column({ name: 'cancel_at_period_end', type: 'boolean', default: false })
  cancelAtPeriodEnd: boolean;

  @Column({ name: 'canceled_at', type: 'timestamptz', nullable: true })
  canceledAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** A downgrade waiting for the period end (visible, and undoable until then). */
  @Column({ name: 'scheduled_plan_version_id', type: 'uuid', nullable: true })
  scheduledPlanVersionId: string | null;

  @Column({ name: 'scheduled_billing_interval', type: 'text', nullable: true })
  scheduledBillingInterval: BillingInterval | null;

  @Column({ name: 'scheduled_change_at', type: 'timestamptz', nullable: true })
  scheduledChangeAt: Date | null;

  @Column({ name: 'stripe_customer_id', type: 'text', nullable: true })
  stripeCustomerId: string | null;

  @Column({ name: 'stripe_subscription_id', type: 'text', nullable: true, unique: true })
  stripeSubscriptionId: string | null;

  /** When the last Stripe observation applied to this row was made (the event's `created`): older ones change nothing. */
  @Column({ name: 'stripe_observed_at', type: 'timestamptz', nullable: true })
  stripeObservedAt: Date | null;

  /** Stripe's own status in that observation (it has statuses Tollgate maps, e.g. paused, incomplete_expired). */
  @Column({ name: 'stripe_status', type: 'text', nullable: true })
  stripeStatus: string | null;

  /** Optimistic concurrency: every write bumps it. */
  @VersionColumn({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
