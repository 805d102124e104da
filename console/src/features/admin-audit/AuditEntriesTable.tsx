import { ActionIcon, Anchor, Badge, Code, Group, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../format/dates';
import { AuditActorKind } from '../../gql/enums';
import type { AdminAuditEntryFieldsFragment } from '../../gql/graphql';
import { describeLine, summarizeChange } from './audit-summary';

type AuditEntry = AdminAuditEntryFieldsFragment;

const ACTOR_LABELS: Record<AuditActorKind, { label: string; color: string }> = {
  [AuditActorKind.User]: { label: 'user', color: 'indigo' },
  [AuditActorKind.ApiKey]: { label: 'API key', color: 'grape' },
  [AuditActorKind.System]: { label: 'system', color: 'gray' },
  [AuditActorKind.Stripe]: { label: 'Stripe', color: 'violet' },
};

export const ACTOR_OPTIONS = Object.values(AuditActorKind).map((kind) => ({ value: kind, label: ACTOR_LABELS[kind].label }));

/** How many changed fields a row shows before "more". */
const SUMMARY_LINES = 2;

function Actor({ entry }: { entry: AuditEntry }) {
  const { label, color } = ACTOR_LABELS[entry.actorType];
  return (
    <Stack gap={2} align="flex-start">
      <Badge variant="light" color={color} size="sm">
        {label}
      </Badge>
      {/* Who, in words where the server knows them (a user's email, a key's name); the id is always on hover. */}
      {entry.actorName ? (
        <Tooltip label={entry.actorId}>
          <Text size="xs" maw={200} truncate="end">
            {entry.actorName}
          </Text>
        </Tooltip>
      ) : (
        entry.actorId && (
          <Tooltip label={entry.actorId}>
            <Text size="xs" c="dimmed" ff="monospace" maw={160} truncate="end">
              {entry.actorId}
            </Text>
          </Tooltip>
        )
      )}
    </Stack>
  );
}

function JsonBlock({ label, value }: { label: string; value: Record<string, unknown> | null }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 320, overflow: 'auto' }}>
        {value === null ? '—' : JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  );
}

export interface AuditEntriesTableProps {
  entries: readonly AuditEntry[];
  /** The organization column (left out on one organization's own trail). */
  showOrganization?: boolean;
  /** Names of organizations the page knows, to show instead of ids. */
  organizationNames?: ReadonlyMap<string, string>;
}

/** Audit entries: when, who, where, what, and the change in short (the whole before/after on demand). */
export function AuditEntriesTable({ entries, showOrganization = true, organizationNames }: AuditEntriesTableProps) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const columns = showOrganization ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={showOrganization ? 860 : 720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>Time</Table.Th>
            <Table.Th>Action</Table.Th>
            {showOrganization && <Table.Th>Organization</Table.Th>}
            <Table.Th>Actor</Table.Th>
            <Table.Th>Change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const open = expanded === entry.id;
            const lines = summarizeChange(entry.before ?? null, entry.after ?? null);
            return (
              <Fragment key={entry.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${open ? 'Hide' : 'Show'} before and after of ${entry.action} at ${formatDateTime(entry.createdAt)}`}
                      aria-expanded={open}
                      onClick={() => setExpanded(open ? null : entry.id)}
                    >
                      {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td miw={112} maw={140}>{formatDateTime(entry.createdAt)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Code>{entry.action}</Code>
                      {entry.targetType && (
                        <Text size="xs" c="dimmed">
                          {entry.targetType}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  {showOrganization && (
                    <Table.Td>
                      {entry.organizationId ? (
                        <Anchor component={Link} to={`/admin/organizations/${entry.organizationId}`} size="sm">
                          {organizationNames?.get(entry.organizationId) ?? `${entry.organizationId.slice(0, 8)}…`}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Platform
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Actor entry={entry} />
                  </Table.Td>
                  <Table.Td maw={380}>
                    {lines.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        No details
                      </Text>
                    ) : (
                      <Stack gap={0}>
                        {lines.slice(0, SUMMARY_LINES).map((line) => (
                          <Text key={line.field} size="sm" lineClamp={1} title={describeLine(line)}>
                            {describeLine(line)}
                          </Text>
                        ))}
                        {lines.length > SUMMARY_LINES && (
                          <Text size="xs" c="dimmed">
                            and {lines.length - SUMMARY_LINES} more
                          </Text>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr>
                    <Table.Td />
                    <Table.Td colSpan={columns - 1}>
                      {/* Pinned to the visible part of the scrolling table, so on a phone the details are not off to the side. */}
                      <Stack gap="sm" py="xs" maw="calc(100vw - 5rem)" style={{ position: 'sticky', left: 0 }}>
                        <Group gap="lg" wrap="wrap">
                          {entry.targetId && (
                            <Text size="sm">
                              Target: {entry.targetType ?? 'item'} <Code>{entry.targetId}</Code>
                            </Text>
                          )}
                          {entry.actorId && (
                            <Text size="sm">
                              Actor: {entry.actorName && `${entry.actorName} `}
                              <Code>{entry.actorId}</Code>
                            </Text>
                          )}
                        </Group>
                        <SimpleGrid cols={{ base: 1, sm: 2 }}>
                          <JsonBlock label="Before" value={entry.before ?? null} />
                          <JsonBlock label="After" value={entry.after ?? null} />
                        </SimpleGrid>
                      </Stack>
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
