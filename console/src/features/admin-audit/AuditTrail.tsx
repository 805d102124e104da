import { useQuery } from '@apollo/client/react';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { AuditEntriesTable } from './AuditEntriesTable';
import { PAGE_SIZE } from './audit-filters';
import { AdminOrganizationAuditTrailDocument } from './audit.graphql';

/**
 * One organization's audit entries (subscription changes, credit grants, API keys …), newest first, with the full
 * before/after of each on demand. For the admin organization page.
 */
export function AuditTrail({ organizationId }: { organizationId: string }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminOrganizationAuditTrailDocument, {
    variables: { organizationId, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const pages = useLoadMore(data, 'adminAuditLog', fetchMore);
  return (
    <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
      {({ adminAuditLog: { nodes } }) =>
        nodes.length === 0 ? (
          <EmptyState title="No audit entries yet">Billing changes to this organization are recorded here.</EmptyState>
        ) : (
          <>
            <AuditEntriesTable entries={nodes} showOrganization={false} />
            <LoadMoreButton hasNextPage={pages.hasNextPage} loading={pages.loadingMore} onLoadMore={pages.loadMore} />
          </>
        )
      }
    </QueryBoundary>
  );
}
