import type { Database } from '../../db/database';
import { fieldError } from '../../shared/domain-error';
import { newestFirstPage } from '../../shared/newest-first-page';
import type { Page, PageRequest } from '../../shared/pagination';
import { isUuid } from '../../shared/uuid';
import { InvoiceEntity, type InvoiceStatusValue } from './invoice.entity';

/** An invoice as the payment provider reported it (see stripe-event.mapper.ts invoiceRecord). */
export interface InvoiceReport {
  stripeInvoiceId: string;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  number: string | null;
  status: InvoiceStatusValue;
  billingReason: string | null;
  amountDueMinor: number;
  amountPaidMinor: number;
  amountRemainingMinor: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  stripeCreatedAt: Date;
}

/** Same-second tie-break: a settled invoice (paid, void, uncollectible) is further along than an open one, open than draft. */
const STATUS_RANK_SQL = (column: string) => `CASE ${column} WHEN 'draft' THEN 0 WHEN 'open' THEN 1 ELSE 2 END`;

const PAGE_KEYS = {
  alias: 'invoice',
  timeColumn: 'stripe_created_at',
  idColumn: 'id',
  idType: 'uuid',
  timeOf: (row: InvoiceEntity) => row.stripeCreatedAt,
  idOf: (row: InvoiceEntity) => row.id,
} as const;

/** Billing history: invoices per organization, kept in step with the provider's invoice events. */
export class InvoiceService {
  constructor(private readonly database: Database) {}

  /**
   * Inserts or updates the invoice. An event older than the last one applied to it (by the event's `created`;
   * at the same second, one at an earlier status) changes nothing: answers 'stale'.
   */
  async record(organizationId: string, report: InvoiceReport, observedAt: Date): Promise<'recorded' | 'stale'> {
    const rows = (await this.database.inTenant(organizationId, (m) =>
      m.query(
        `INSERT INTO invoices (organization_id, stripe_invoice_id, stripe_customer_id, stripe_subscription_id, number, status, billing_reason,
           amount_due_minor, amount_paid_minor, amount_remaining_minor, currency, hosted_invoice_url, invoice_pdf, period_start, period_end,
           stripe_created_at, stripe_observed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (stripe_invoice_id) DO UPDATE SET
           stripe_customer_id = EXCLUDED.stripe_customer_id, stripe_subscription_id = EXCLUDED.stripe_subscription_id,
           number = EXCLUDED.number, status = EXCLUDED.status, billing_reason = EXCLUDED.billing_reason,
           amount_due_minor = EXCLUDED.amount_due_minor, amount_paid_minor = EXCLUDED.amount_paid_minor,
           amount_remaining_minor = EXCLUDED.amount_remaining_minor, currency = EXCLUDED.currency,
           hosted_invoice_url = EXCLUDED.hosted_invoice_url, invoice_pdf = EXCLUDED.invoice_pdf,
           period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
           stripe_observed_at = EXCLUDED.stripe_observed_at, updated_at = now()
         WHERE invoices.stripe_observed_at < EXCLUDED.stripe_observed_at
            OR (invoices.stripe_observed_at = EXCLUDED.stripe_observed_at AND ${STATUS_RANK_SQL('EXCLUDED.status')} >= ${STATUS_RANK_SQL('invoices.status')})
         RETURNING id`,
        [
          organizationId,
          report.stripeInvoiceId,
          report.stripeCustomerId,
          report.stripeSubscriptionId,
          report.number,
          report.status,
          report.billingReason,
          report.amountDueMinor,
          report.amountPaidMinor,
          report.amountRemainingMinor,
          report.currency.toLowerCase(),
          report.hostedInvoiceUrl,
          report.invoicePdf,
          report.periodStart,
          report.periodEnd,
          report.stripeCreatedAt,
          observedAt,
        ],
      ),
    )) as Array<{ id: string }>;
    return rows.length > 0 ? 'recorded' : 'stale';
  }

  /** An organization's invoices, newest first (RLS limits the tenant to its own). */
  forOrganization(organizationId: string, page: PageRequest): Promise<Page<InvoiceEntity>> {
    return this.database.inTenant(organizationId, (m) =>
      newestFirstPage(m.createQueryBuilder(InvoiceEntity, 'invoice').where('invoice.organization_id = :organizationId', { organizationId }), PAGE_KEYS, page),
    );
  }

  /** Platform admins: any organization's invoices, newest first. */
  forPlatform(organizationId: string, page: PageRequest): Promise<Page<InvoiceEntity>> {
    if (!isUuid(organizationId)) throw fieldError('organizationId', 'organizationId must be a UUID');
    return this.database.asPlatform((m) =>
      newestFirstPage(m.createQueryBuilder(InvoiceEntity, 'invoice').where('invoice.organization_id = :organizationId', { organizationId }), PAGE_KEYS, page),
    );
  }
}
