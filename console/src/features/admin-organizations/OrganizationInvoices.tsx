import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Table } from '@mantine/core';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { Money } from '../../components/Money';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatDate } from '../../format/dates';
import { AdminOrganizationInvoicesDocument } from './admin-organization.graphql';

const INVOICE_COLORS = { PAID: 'green', OPEN: 'orange', DRAFT: 'gray', VOID: 'gray', UNCOLLECTIBLE: 'red' } as const;

export function OrganizationInvoices({ organizationId }: { organizationId: string }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminOrganizationInvoicesDocument, { variables: { organizationId } });
  const pages = useLoadMore(data, 'adminInvoices', fetchMore);
  return (
    <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
      {({ adminInvoices: { nodes } }) =>
        nodes.length === 0 ? (
          <EmptyState title="No invoices">Invoices appear once the organization pays through Stripe.</EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={520}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Invoice</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th ta="right">Amount</Table.Th>
                    <Table.Th>Period</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {nodes.map((invoice) => (
                    <Table.Tr key={invoice.id}>
                      <Table.Td>
                        {invoice.hostedInvoiceUrl ? (
                          <Anchor href={invoice.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                            {invoice.number ?? 'View'}
                          </Anchor>
                        ) : (
                          (invoice.number ?? '—')
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={INVOICE_COLORS[invoice.status]}>
                          {invoice.status.toLowerCase()}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money value={invoice.amountDue} />
                      </Table.Td>
                      <Table.Td>
                        {formatDate(invoice.periodStart)} – {formatDate(invoice.periodEnd)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMoreButton hasNextPage={pages.hasNextPage} loading={pages.loadingMore} onLoadMore={pages.loadMore} />
          </>
        )
      }
    </QueryBoundary>
  );
}
