import { Alert, Button, Center, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../apollo/errors';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => unknown }) {
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="This could not be loaded" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={() => void Promise.resolve(onRetry()).catch(() => undefined)}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl">
      <ThemeIcon variant="light" size="xl" radius="xl" color="gray">
        <IconInbox size={22} />
      </ThemeIcon>
      <Text fw={600}>{title}</Text>
      {children && (
        <Text c="dimmed" size="sm" ta="center" maw={420}>
          {children}
        </Text>
      )}
      {action}
    </Stack>
  );
}

interface QueryBoundaryProps<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  onRetry?: () => unknown;
  children: (data: T) => ReactNode;
}

/**
 * The one way a view waits for a query: loading first, the error when nothing is cached, otherwise the data
 * (a refetch error over cached data keeps the data on screen).
 */
export function QueryBoundary<T>({ data, loading, error, onRetry, children }: QueryBoundaryProps<T>) {
  if (data !== undefined) return <>{children(data)}</>;
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (loading) return <LoadingState />;
  return <ErrorState error={new Error('empty')} onRetry={onRetry} />;
}
