import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../db/column-transformers';

/** Usage of one feature in one window: the sum of its events, kept in step by the statement that records them. */
@Entity({ name: 'usage_counters' })
export class UsageCounterEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'feature_key', type: 'text' })
  featureKey: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  used: number;
}
