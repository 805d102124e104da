import { useCallback, useState } from 'react';

interface Connection {
  nodes: readonly unknown[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

type FetchMore<TData> = (options: {
  variables: { after: string | null };
  updateQuery: (previous: TData, result: { fetchMoreResult: TData }) => TData;
}) => Promise<unknown>;

/**
 * "Load more" for one cursor connection of a query: asks for the page after the last one shown and appends its
 * nodes. `hasNextPage` and `loadingMore` drive components/LoadMoreButton.
 */
export function useLoadMore<K extends string, TData extends { [key in K]: Connection }>(data: TData | undefined, field: K, fetchMore: FetchMore<TData>) {
  const [loadingMore, setLoadingMore] = useState(false);
  const pageInfo = data?.[field].pageInfo;
  const loadMore = useCallback(async () => {
    if (!pageInfo?.hasNextPage) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: pageInfo.endCursor ?? null },
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...fetchMoreResult,
          [field]: { ...fetchMoreResult[field], nodes: [...(previous[field]?.nodes ?? []), ...fetchMoreResult[field].nodes] },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  }, [fetchMore, field, pageInfo]);
  return { loadMore, loadingMore, hasNextPage: Boolean(pageInfo?.hasNextPage) };
}
