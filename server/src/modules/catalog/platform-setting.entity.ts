import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Platform-wide switches that admins change at run time (e.g. the credit consumption order). */
@Entity({ name: 'platform_settings' })
export class PlatformSettingEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
