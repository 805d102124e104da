import { Alert, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../apollo/errors';

/** While the return page polls for Stripe's webhook to be applied. */
export function WaitingForStripe({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="xl">
      <Group gap="md" wrap="nowrap" role="status" aria-live="polite">
        <Loader size="md" />
        <Stack gap={2}>
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed">
            {children}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

interface TakingLongerProps {
  children: ReactNode;
  /** The last polling failure, if the last attempt failed. */
  error: unknown;
  onRetry: () => void;
  backTo: string;
  backLabel: string;
}

/** After the polling window: nothing is lost, say so, and let the person check again. */
export function StripeTakingLonger({ children, error, onRetry, backTo, backLabel }: TakingLongerProps) {
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="This is taking longer than usual" role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{children}</Text>
        {Boolean(error) && <Text size="sm">Last attempt: {errorMessage(error)}</Text>}
        <Group gap="sm">
          <Button size="xs" onClick={onRetry}>
            Check again
          </Button>
          <Button size="xs" variant="default" component={Link} to={backTo}>
            {backLabel}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
