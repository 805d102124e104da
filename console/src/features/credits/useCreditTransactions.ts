import { useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import type { CreditTransactionFilterInput } from '../../gql/graphql';
import { CreditsTransactionsDocument } from './credits.graphql';

export const TRANSACTIONS_PAGE_SIZE = 20;

/** The credit ledger, newest first, one page at a time ("Load more" appends the next page). */
export function useCreditTransactions(organizationId: string, filter: CreditTransactionFilterInput | null) {
  const { data, loading, error, refetch, fetchMore } = useQuery(CreditsTransactionsDocument, {
    variables: { organizationId, first: TRANSACTIONS_PAGE_SIZE, filter },
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const pageInfo = data?.creditTransactions.pageInfo;
  const loadMore = useCallback(async () => {
    if (!pageInfo?.hasNextPage) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          creditTransactions: {
            ...fetchMoreResult.creditTransactions,
            nodes: [...(previous.creditTransactions?.nodes ?? []), ...fetchMoreResult.creditTransactions.nodes],
          },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  }, [fetchMore, pageInfo]);
  return { data, loading, error, refetch, loadMore, loadingMore };
}
