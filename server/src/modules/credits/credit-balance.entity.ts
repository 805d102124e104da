import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An organization's credit balance: the running sum of its ledger, changed only in the transaction that appends
 * the ledger row, under this row's lock. No row yet means nothing has ever happened: zero.
 */
@Entity({ name: 'credit_balances' })
export class CreditBalanceEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  /** Bought (or granted by an admin): never expires. */
  @Column({ type: 'integer' })
  purchased: number;

  /** The current subscription period's grant, until `subscriptionExpiresAt`. */
  @Column({ type: 'integer' })
  subscription: number;

  @Column({ name: 'subscription_expires_at', type: 'timestamptz', nullable: true })
  subscriptionExpiresAt: Date | null;

  @Column({ name: 'low_balance_threshold', type: 'integer' })
  lowBalanceThreshold: number;

  /** Whether the total was below the threshold after the last change: an alert fires only when this turns true. */
  @Column({ name: 'below_threshold', type: 'boolean' })
  belowThreshold: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
