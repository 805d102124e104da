import { useQuery } from '@apollo/client/react';
import { Badge, Table } from '@mantine/core';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatDate } from '../../format/dates';
import { AdminOrganizationMembersDocument } from './admin-organizations.graphql';

const ROLE_COLORS = { OWNER: 'indigo', ADMIN: 'blue', MEMBER: 'gray' } as const;

export function OrganizationMembers({ organizationId }: { organizationId: string }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminOrganizationMembersDocument, { variables: { organizationId } });
  const pages = useLoadMore(data, 'adminOrganizationMembers', fetchMore);
  return (
    <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
      {({ adminOrganizationMembers: { nodes } }) =>
        nodes.length === 0 ? (
          <EmptyState title="No members" />
        ) : (
          <>
            <Table.ScrollContainer minWidth={360}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Person</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Joined</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {nodes.map((member) => (
                    <Table.Tr key={member.user.id}>
                      <Table.Td>{member.user.displayName ? `${member.user.displayName} <${member.user.email}>` : member.user.email}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={ROLE_COLORS[member.role]} style={{ flexShrink: 0, overflow: 'visible' }}>
                          {member.role.toLowerCase()}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatDate(member.joinedAt)}</Table.Td>
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
