import { useMutation } from '@apollo/client/react';
import { ActionIcon, Anchor, Badge, Button, Code, Group, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconRefresh } from '@tabler/icons-react';
import { Fragment, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../apollo/errors';
import { formatDateTime } from '../../format/dates';
import { StripeEventProcessingStatus } from '../../gql/enums';
import type { AdminWebhooksEventFieldsFragment } from '../../gql/graphql';
import { STATUS_LABELS } from './webhook-filters';
import { AdminWebhooksEventReplayDocument } from './webhooks.graphql';

type StripeEvent = AdminWebhooksEventFieldsFragment;

export function StripeEventStatusBadge({ status }: { status: StripeEventProcessingStatus }) {
  const { label, color, meaning } = STATUS_LABELS[status];
  return (
    <Tooltip label={meaning}>
      <Badge color={color} variant="light">
        {label}
      </Badge>
    </Tooltip>
  );
}

/** Replays one event after a confirmation, then says what status it ended in. */
export function ReplayButton({ event, variant = 'subtle' }: { event: StripeEvent; variant?: 'subtle' | 'light' }) {
  const [replay, { loading }] = useMutation(AdminWebhooksEventReplayDocument);
  const run = async () => {
    try {
      const result = await replay({ variables: { id: event.id } });
      const replayed = result.data?.replayStripeEvent;
      if (!replayed) return;
      const failed = replayed.status === StripeEventProcessingStatus.Failed;
      notifications.show({
        color: failed ? 'red' : 'green',
        title: `Replayed: ${STATUS_LABELS[replayed.status].label}`,
        message: failed ? (replayed.lastError ?? 'It failed again.') : `${replayed.type} is now ${STATUS_LABELS[replayed.status].label}.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'The event was not replayed', message: errorMessage(error) });
    }
  };
  return (
    <Button
      size="compact-sm"
      variant={variant}
      leftSection={<IconRefresh size={14} />}
      loading={loading}
      aria-label={`Replay ${event.type} ${event.id}`}
      onClick={() =>
        modals.openConfirmModal({
          title: 'Replay this event?',
          children: (
            <Stack gap="xs">
              <Text size="sm">
                Tollgate applies <Code>{event.type}</Code> again, as if Stripe had just sent it. Its effects are idempotent: what it already changed is not
                changed twice. The replay is recorded in the audit log.
              </Text>
              <Text size="sm" c="dimmed">
                {event.id} · now {STATUS_LABELS[event.status].label} after {event.attempts} {event.attempts === 1 ? 'attempt' : 'attempts'}
              </Text>
            </Stack>
          ),
          labels: { confirm: 'Replay event', cancel: 'Cancel' },
          onConfirm: () => void run(),
        })
      }
    >
      Replay
    </Button>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function EventDetails({ event }: { event: StripeEvent }) {
  return (
    // Pinned to the visible part of the scrolling table, so on a phone the details are not off to the side.
    <Stack gap="sm" py="xs" maw="calc(100vw - 5rem)" style={{ position: 'sticky', left: 0 }}>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <Detail label="Event id">
          <Code>{event.id}</Code>
        </Detail>
        <Detail label="Created in Stripe">{formatDateTime(event.createdAt)}</Detail>
        <Detail label="Next attempt">
          {event.nextAttemptAt ? formatDateTime(event.nextAttemptAt) : event.status === StripeEventProcessingStatus.Failed ? 'None: retries gave up' : '—'}
        </Detail>
        <Detail label="Organization">
          {event.organizationId ? (
            <Anchor component={Link} to={`/admin/organizations/${event.organizationId}`} size="sm">
              Open organization
            </Anchor>
          ) : (
            '—'
          )}
        </Detail>
      </SimpleGrid>
      {event.lastError && (
        <Detail label="Last error">
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {event.lastError}
          </Code>
        </Detail>
      )}
      <div>
        <ReplayButton event={event} variant="light" />
      </div>
    </Stack>
  );
}

export function StripeEventsTable({ events }: { events: readonly StripeEvent[] }) {
  const [expanded, setExpanded] = useState<string | null>(null);
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>Type</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Attempts</Table.Th>
            <Table.Th>Last error</Table.Th>
            <Table.Th>Received</Table.Th>
            <Table.Th>Applied</Table.Th>
            <Table.Th ta="right">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const open = expanded === event.id;
            return (
              <Fragment key={event.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${open ? 'Hide' : 'Show'} details of ${event.id}`}
                      aria-expanded={open}
                      onClick={() => setExpanded(open ? null : event.id)}
                    >
                      {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Code>{event.type}</Code>
                      {event.livemode && (
                        <Badge size="xs" color="red" variant="outline">
                          live
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <StripeEventStatusBadge status={event.status} />
                  </Table.Td>
                  <Table.Td ta="right">{event.attempts}</Table.Td>
                  <Table.Td maw={260}>
                    {event.lastError ? (
                      <Text size="sm" c="red" lineClamp={2} title={event.lastError}>
                        {event.lastError}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.receivedAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.appliedAt)}</Table.Td>
                  <Table.Td ta="right">
                    <ReplayButton event={event} />
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr>
                    <Table.Td />
                    <Table.Td colSpan={7} style={{ overflow: 'visible' }}>
                      <EventDetails event={event} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
