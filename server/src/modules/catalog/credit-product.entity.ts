import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '../../db/column-transformers';

/** A one-time credit pack: `credits` purchased credits (never expire) for `priceMinor`. */
@Entity({ name: 'credit_products' })
export class CreditProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'integer' })
  credits: number;

  @Column({ name: 'price_minor', type: 'bigint', transformer: bigintAsNumber })
  priceMinor: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'stripe_product_id', type: 'text', nullable: true, unique: true })
  stripeProductId: string | null;

  @Column({ name: 'stripe_price_id', type: 'text', nullable: true, unique: true })
  stripePriceId: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
