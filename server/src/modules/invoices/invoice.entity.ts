import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '../../db/column-transformers';

export type InvoiceStatusValue = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

/** A Stripe invoice as billing history of an organization; kept in step with Stripe's invoice events. */
@Entity({ name: 'invoices' })
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'stripe_invoice_id', type: 'text', unique: true })
  stripeInvoiceId: string;

  @Column({ name: 'stripe_customer_id', type: 'text', nullable: true })
  stripeCustomerId: string | null;

  @Column({ name: 'stripe_subscription_id', type: 'text', nullable: true })
  stripeSubscriptionId: string | null;

  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ type: 'text' })
  status: InvoiceStatusValue;

  @Column({ name: 'billing_reason', type: 'text', nullable: true })
  billingReason: string | null;

  @Column({ name: 'amount_due_minor', type: 'bigint', transformer: bigintAsNumber })
  amountDueMinor: number;

  @Column({ name: 'amount_paid_minor', type: 'bigint', transformer: bigintAsNumber })
  amountPaidMinor: number;

  @Column({ name: 'amount_remaining_minor', type: 'bigint', transformer: bigintAsNumber })
  amountRemainingMinor: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'hosted_invoice_url', type: 'text', nullable: true })
  hostedInvoiceUrl: string | null;

  @Column({ name: 'invoice_pdf', type: 'text', nullable: true })
  invoicePdf: string | null;

  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart: Date | null;

  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd: Date | null;

  /** When Stripe created the invoice: billing history is ordered by it. */
  @Column({ name: 'stripe_created_at', type: 'timestamptz' })
  stripeCreatedAt: Date;

  /** The `created` of the last event applied to this row: an older event changes nothing. */
  @Column({ name: 'stripe_observed_at', type: 'timestamptz' })
  stripeObservedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
