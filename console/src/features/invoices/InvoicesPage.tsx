import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconExternalLink, IconFileTypePdf } from '@tabler/icons-react';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatDate } from '../../format/dates';
import type { InvoicesListQuery } from '../../gql/graphql';
import { useCurrentOrganization } from '../session/organization-context';
import { invoiceReason, invoiceStatusBadge } from './invoice-status';
import { InvoicesListDocument } from './invoices.graphql';

const PAGE_SIZE = 20;

type InvoiceRow = InvoicesListQuery['invoices']['nodes'][number];

export function InvoicesPage() {
  const organization = useCurrentOrganization();
  const { data, loading, error, refetch, fetchMore } = useQuery(InvoicesListDocument, {
    variables: { organizationId: organization.id, first: PAGE_SIZE },
  });
  const { loadMore, loadingMore } = useLoadMore(data, 'invoices', fetchMore);

  return (
    <Stack gap="lg">
      <PageHeader title="Invoices" description="Your billing history from Stripe, newest first." />
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {(loaded) =>
          loaded.invoices.nodes.length === 0 ? (
            <EmptyState title="No invoices yet">Invoices appear here once you subscribe to a paid plan or buy credits.</EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table verticalSpacing="sm" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      {/* Amount and status first, so a phone shows them without scrolling sideways. */}
                      <Table.Th>Invoice</Table.Th>
                      <Table.Th ta="right">Amount</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Documents</Table.Th>
                      <Table.Th>Period</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {loaded.invoices.nodes.map((invoice) => (
                      <InvoiceTableRow key={invoice.id} invoice={invoice} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMoreButton hasNextPage={loaded.invoices.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
            </>
          )
        }
      </QueryBoundary>
    </Stack>
  );
}

function InvoiceTableRow({ invoice }: { invoice: InvoiceRow }) {
  const badge = invoiceStatusBadge(invoice.status);
  const reason = invoiceReason(invoice.billingReason);
  const label = invoice.number ?? 'Draft invoice';
  // What the invoice is for: due while open, paid once paid (they differ when credits or proration changed it).
  const amount = invoice.status === 'PAID' ? invoice.amountPaid : invoice.amountDue;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(invoice.createdAt)}
          {reason && ` · ${reason}`}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600}>
          <Money value={amount} />
        </Text>
        {invoice.status === 'OPEN' && invoice.amountRemaining.amountMinor > 0 && (
          <Text size="xs" c="red">
            <Money value={invoice.amountRemaining} /> still due
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={badge.color}>
          {badge.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap="md" wrap="nowrap">
          {invoice.hostedInvoiceUrl ? (
            <Anchor href={invoice.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer" size="sm" aria-label={`View invoice ${label} (opens in a new tab)`}>
              <Group gap={4} wrap="nowrap" component="span">
                View <IconExternalLink size={14} aria-hidden />
              </Group>
            </Anchor>
          ) : null}
          {invoice.invoicePdf ? (
            <Anchor href={invoice.invoicePdf} target="_blank" rel="noopener noreferrer" size="sm" aria-label={`Download invoice ${label} as PDF`}>
              <Group gap={4} wrap="nowrap" component="span">
                PDF <IconFileTypePdf size={14} aria-hidden />
              </Group>
            </Anchor>
          ) : null}
          {!invoice.hostedInvoiceUrl && !invoice.invoicePdf && (
            <Text size="sm" c="dimmed">
              Not finalized yet
            </Text>
          )}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {invoice.periodStart && invoice.periodEnd ? `${formatDate(invoice.periodStart)} – ${formatDate(invoice.periodEnd)}` : '—'}
      </Table.Td>
    </Table.Tr>
  );
}
