import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { FeatureKind } from './catalog.enums';

/** Something a plan can grant: a boolean feature or a metered quantity. */
@Entity({ name: 'features' })
export class FeatureEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  kind: FeatureKind;

  /** What a metered quantity counts, e.g. "messages", "GB". */
  @Column({ type: 'text', nullable: true })
  unit: string | null;

  /** The Stripe billing meter overage of this feature is reported to (catalog sync). */
  @Column({ name: 'stripe_meter_id', type: 'text', nullable: true, unique: true })
  stripeMeterId: string | null;

  /** Archived features cannot be granted by new plan versions; versions that grant one keep it. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
