import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { inOrganization } from '../../overview/__tests__/tenant-fixtures';
import { invoiceReason } from '../invoice-status';
import { InvoicesListDocument } from '../invoices.graphql';
import { InvoicesPage } from '../InvoicesPage';

const usd = (amountMinor: number) => ({ __typename: 'Money', amountMinor, currency: 'usd' });
const invoice = (id: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Invoice',
  id,
  number: `INV-${id}`,
  status: 'PAID',
  billingReason: 'subscription_cycle',
  createdAt: '2026-11-07T10:00:00.000Z',
  periodStart: '2026-11-07T10:00:00.000Z',
  periodEnd: '2026-12-07T10:00:00.000Z',
  hostedInvoiceUrl: `https://invoice.test/${id}`,
  invoicePdf: `https://invoice.test/${id}.pdf`,
  amountDue: usd(1500),
  amountPaid: usd(1500),
  amountRemaining: usd(0),
  ...extra,
});
const page = (after: string | null, nodes: unknown[], endCursor: string | null) => ({
  request: { query: InvoicesListDocument, variables: { organizationId: 'org-1', first: 20, ...(after ? { after } : {}) } },
  result: { data: { invoices: { __typename: 'InvoiceConnection', nodes, pageInfo: { __typename: 'PageInfo', hasNextPage: endCursor !== null, endCursor } } } },
});

describe('invoices page', () => {
  it('lists invoices with status, amount, period and links, a page at a time', async () => {
    const open = invoice('2', { status: 'OPEN', amountDue: usd(4900), amountPaid: usd(0), amountRemaining: usd(4900), billingReason: 'subscription_update' });
    renderWithConsole(inOrganization(<InvoicesPage />), { mocks: [page(null, [open], 'c1'), page('c1', [invoice('1')], null)] });
    const row = (await screen.findByText('INV-2')).closest('tr')!;
    expect(within(row).getByText('Open')).toBeInTheDocument();
    expect(within(row).getByText('$49.00')).toBeInTheDocument();
    expect(within(row).getByText('$49.00 still due', { exact: false })).toBeInTheDocument();
    expect(within(row).getByText(/Plan change/)).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'View invoice INV-2 (opens in a new tab)' })).toHaveAttribute('href', 'https://invoice.test/2');
    expect(within(row).getByRole('link', { name: 'Download invoice INV-2 as PDF' })).toHaveAttribute('href', 'https://invoice.test/2.pdf');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    const paid = (await screen.findByText('INV-1')).closest('tr')!;
    expect(within(paid).getByText('Paid')).toBeInTheDocument();
    expect(within(paid).getByText('$15.00')).toBeInTheDocument();
    expect(within(paid).getByText('Nov 7, 2026 – Dec 7, 2026')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says what to expect when there are none yet', async () => {
    renderWithConsole(inOrganization(<InvoicesPage />), { mocks: [page(null, [], null)] });
    expect(await screen.findByText('No invoices yet')).toBeInTheDocument();
  });

  it('puts Stripe’s billing reasons into words', () => {
    expect(invoiceReason('subscription_create')).toBe('New subscription');
    expect(invoiceReason('quote_accept')).toBe('quote accept');
    expect(invoiceReason(null)).toBeNull();
  });
});
