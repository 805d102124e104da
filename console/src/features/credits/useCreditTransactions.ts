import { useLoadMore } from '../../apollo/load-more';
import { useQuery } from '@apollo/client/react';
import type { CreditTransactionFilterInput } from '../../gql/graphql';
import { CreditsTransactionsDocument } from './credits.graphql';

export const TRANSACTIONS_PAGE_SIZE = 20;

/** The credit ledger, newest first, one page at a time ("Load more" appends the next page). */
export function useCreditTransactions(organizationId: string, filter: CreditTransactionFilterInput | null) {
  const { data, loading, error, refetch, fetchMore } = useQuery(CreditsTransactionsDocument, {
    variables: { organizationId, first: TRANSACTIONS_PAGE_SIZE, filter },
  });
  const { loadMore, loadingMore } = useLoadMore(data, 'creditTransactions', fetchMore);
  return { data, loading, error, refetch, loadMore, loadingMore };
}
