import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The balance fell below the organization's low-balance threshold: one row per downward crossing. */
@Entity({ name: 'credit_alerts' })
export class CreditAlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'integer' })
  threshold: number;

  /** The total balance just after the crossing. */
  @Column({ type: 'integer' })
  balance: number;

  /** The ledger entry that crossed it. */
  @Column({ name: 'transaction_id', type: 'uuid', nullable: true })
  transactionId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
