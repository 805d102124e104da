import { Button, Center } from '@mantine/core';

/** Cursor pagination's "next page": shown only while the server says there is more. */
export function LoadMoreButton({ hasNextPage, loading, onLoadMore }: { hasNextPage: boolean; loading: boolean; onLoadMore: () => unknown }) {
  if (!hasNextPage) return null;
  return (
    <Center mt="md">
      <Button variant="default" loading={loading} onClick={() => void Promise.resolve(onLoadMore()).catch(() => undefined)}>
        Load more
      </Button>
    </Center>
  );
}
