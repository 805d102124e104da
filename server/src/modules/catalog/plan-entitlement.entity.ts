import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../db/column-transformers';
import { OverageBehavior, ResetPeriod } from './catalog.enums';

/** What one plan version grants of one feature. Metered: `limitValue` per `resetPeriod` (null: unlimited). */
@Entity({ name: 'plan_entitlements' })
export class PlanEntitlementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_version_id', type: 'uuid' })
  planVersionId: string;

  @Column({ name: 'feature_key', type: 'text' })
  featureKey: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'limit_value', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  limitValue: number | null;

  @Column({ name: 'reset_period', type: 'text', nullable: true })
  resetPeriod: ResetPeriod | null;

  @Column({ type: 'text', default: OverageBehavior.BLOCK })
  overage: OverageBehavior;

  /** Overage price: `overagePriceMinor` per `overagePriceUnits` units past the limit; null: overage is not billed. */
  @Column({ name: 'overage_price_minor', type: 'integer', nullable: true })
  overagePriceMinor: number | null;

  @Column({ name: 'overage_price_units', type: 'integer', default: 1 })
  overagePriceUnits: number;

  @Column({ name: 'stripe_overage_monthly_price_id', type: 'text', nullable: true, unique: true })
  stripeOverageMonthlyPriceId: string | null;

  @Column({ name: 'stripe_overage_yearly_price_id', type: 'text', nullable: true, unique: true })
  stripeOverageYearlyPriceId: string | null;
}
