import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../db/column-transformers';

/** An immutable snapshot of a plan's terms. Subscriptions point at the version they bought. */
@Entity({ name: 'plan_versions' })
export class PlanVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ type: 'integer' })
  version: number;

  /** ISO 4217, lower case (Stripe's convention). */
  @Column({ type: 'text' })
  currency: string;

  /** Minor units; null: custom price (talk to sales). */
  @Column({ name: 'monthly_price_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  monthlyPriceMinor: number | null;

  @Column({ name: 'yearly_price_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  yearlyPriceMinor: number | null;

  @Column({ name: 'trial_days', type: 'integer', default: 0 })
  trialDays: number;

  /** Subscription credits granted at the start of every period; they expire at its end. */
  @Column({ name: 'credits_per_period', type: 'integer', default: 0 })
  creditsPerPeriod: number;

  /** Client-app GraphQL requests per organization per hour; null: unlimited. */
  @Column({ name: 'hourly_request_limit', type: 'integer', nullable: true })
  hourlyRequestLimit: number | null;

  /** Stripe prices of this version (catalog sync); null until synced, or when the interval has no listed price. */
  @Column({ name: 'stripe_monthly_price_id', type: 'text', nullable: true, unique: true })
  stripeMonthlyPriceId: string | null;

  @Column({ name: 'stripe_yearly_price_id', type: 'text', nullable: true, unique: true })
  stripeYearlyPriceId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
