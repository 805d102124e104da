import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organization's own answer for a flag, whatever the rollout says. */
@Entity({ name: 'feature_flag_overrides' })
export class FeatureFlagOverrideEntity {
  @PrimaryColumn({ name: 'flag_key', type: 'text' })
  flagKey: string;

  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
