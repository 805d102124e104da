import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClockPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../apollo/errors';
import { formatDateTime } from '../../format/dates';
import { StripeMode } from '../../gql/enums';
import { AdminWebhooksEventsDocument, AdminWebhooksSandboxClockAdvanceDocument, AdminWebhooksSandboxClockDocument } from './webhooks.graphql';

const MAX_DAYS = 3660;

/**
 * The Stripe sandbox's test clock: moving it forward makes renewals, payment retries and trial ends that fall due
 * happen, with their webhooks. Shown only in sandbox mode (with real Stripe the server refuses).
 */
export function SandboxClockPanel() {
  const { data } = useQuery(AdminWebhooksSandboxClockDocument);
  const [days, setDays] = useState<number | string>(1);
  const [advance, { loading }] = useMutation(AdminWebhooksSandboxClockAdvanceDocument, {
    refetchQueries: [AdminWebhooksSandboxClockDocument, AdminWebhooksEventsDocument],
  });
  if (data?.stripeMode !== StripeMode.Sandbox || !data.stripeSandboxClock) return null;
  const valid = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_DAYS;

  return (
    <Paper withBorder p="md" radius="md" data-testid="sandbox-clock">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 320px' }}>
          <Text fw={600}>Sandbox clock</Text>
          <Text size="sm" c="dimmed">
            Sandbox time is <strong>{formatDateTime(data.stripeSandboxClock.now)}</strong>. Moving it forward runs the renewals, retries and trial ends
            due on the way, and sends their webhooks.
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <NumberInput
            label="Days"
            w={90}
            min={1}
            max={MAX_DAYS}
            allowDecimal={false}
            allowNegative={false}
            value={days}
            onChange={setDays}
            error={valid ? undefined : `1 to ${MAX_DAYS}`}
          />
          <Button
            leftSection={<IconClockPlay size={16} />}
            loading={loading}
            disabled={!valid}
            onClick={() =>
              advance({ variables: { days: Number(days) } }).then(
                (result) =>
                  notifications.show({
                    color: 'green',
                    title: 'Sandbox clock advanced',
                    message: `It is now ${formatDateTime(result.data?.advanceStripeSandboxClock.now)} in the sandbox.`,
                  }),
                (error: unknown) => notifications.show({ color: 'red', title: 'The clock did not move', message: errorMessage(error) }),
              )
            }
          >
            Advance
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
