import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A platform-wide switch, on for `rolloutPercentage` of organizations (stable buckets) unless overridden. */
@Entity({ name: 'feature_flags' })
export class FeatureFlagEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'boolean', default: false })
  enabled: boolean;

  @Column({ name: 'rollout_percentage', type: 'integer', default: 100 })
  rolloutPercentage: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
