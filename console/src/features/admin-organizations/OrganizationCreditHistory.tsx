import { useQuery } from '@apollo/client/react';
import { Badge, Table, Text } from '@mantine/core';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { AdminOrganizationCreditHistoryDocument } from './admin-organization.graphql';

export function OrganizationCreditHistory({ organizationId }: { organizationId: string }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminOrganizationCreditHistoryDocument, { variables: { organizationId } });
  const pages = useLoadMore(data, 'adminCreditTransactions', fetchMore);
  return (
    <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
      {({ adminCreditTransactions: { nodes } }) =>
        nodes.length === 0 ? (
          <EmptyState title="No credit transactions yet" />
        ) : (
          <>
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th ta="right">Credits</Table.Th>
                    <Table.Th ta="right">Balance after</Table.Th>
                    <Table.Th>Event or reason</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {nodes.map((tx) => (
                    <Table.Tr key={tx.id}>
                      <Table.Td>{formatDateTime(tx.createdAt)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={tx.amount >= 0 ? 'teal' : 'gray'}>
                          {tx.kind.toLowerCase()}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right" c={tx.amount >= 0 ? 'teal' : undefined}>
                        {tx.amount > 0 ? '+' : ''}
                        {formatCount(tx.amount)}
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(tx.balanceAfter)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {tx.eventKey ?? tx.reason ?? '—'}
                        </Text>
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
