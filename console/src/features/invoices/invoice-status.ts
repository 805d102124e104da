import type { InvoiceStatus } from '../../gql/graphql';

const BADGES: Record<InvoiceStatus, { label: string; color: string }> = {
  PAID: { label: 'Paid', color: 'teal' },
  OPEN: { label: 'Open', color: 'blue' },
  DRAFT: { label: 'Draft', color: 'gray' },
  UNCOLLECTIBLE: { label: 'Uncollectible', color: 'red' },
  VOID: { label: 'Void', color: 'gray' },
};

export function invoiceStatusBadge(status: InvoiceStatus): { label: string; color: string } {
  return BADGES[status];
}

const REASONS: Record<string, string> = {
  subscription_create: 'New subscription',
  subscription_cycle: 'Renewal',
  subscription_update: 'Plan change',
  subscription_threshold: 'Usage threshold',
  manual: 'One-off',
};

/** Stripe's billing_reason in words; unknown reasons are shown as Stripe names them, minus underscores. */
export function invoiceReason(reason: string | null): string | null {
  if (!reason) return null;
  return REASONS[reason] ?? reason.replace(/_/g, ' ');
}
