import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, Progress, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconSearch, IconSelector } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import type { AdminOrganizationSortField } from '../../gql/graphql';
import { formatDate } from '../../format/dates';
import { formatCount, formatPercent, usageColor } from '../../format/numbers';
import { AdminOrganizationListDocument } from './admin-organizations.graphql';
import { initialListState, listVariables, nextPage, previousPage, searchFor, sortBy, type OrganizationListState } from './organization-list-state';
import { SubscriptionStatusBadge } from './SubscriptionSummary';

const PAGE_SIZE = 25;

function SortHeader({ label, field, state, onSort, align }: { label: string; field: AdminOrganizationSortField; state: OrganizationListState; onSort: (field: AdminOrganizationSortField) => void; align?: 'right' }) {
  const active = state.field === field;
  const Icon = !active ? IconSelector : state.direction === 'ASC' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th ta={align} aria-sort={active ? (state.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(field)} aria-label={`Sort by ${label}`}>
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Every organization with its plan, MRR, credits and usage: searchable, sortable, paginated. */
export function OrganizationsPage() {
  const [state, setState] = useState(initialListState);
  const [searchInput, setSearchInput] = useState('');
  const [debouncedSearch] = useDebouncedValue(searchInput, 300);
  useEffect(() => setState((current) => (current.search === debouncedSearch ? current : searchFor(current, debouncedSearch))), [debouncedSearch]);
  const { data, previousData, loading, error, refetch } = useQuery(AdminOrganizationListDocument, { variables: listVariables(state, PAGE_SIZE) });
  const shown = data ?? previousData;
  const list = shown?.adminOrganizationOverviews;
  const onSort = (field: AdminOrganizationSortField) => setState((current) => sortBy(current, field));

  return (
    <>
      <PageHeader title="Organizations" description={list ? `${formatCount(list.totalCount)} ${list.totalCount === 1 ? 'organization' : 'organizations'}` : undefined} />
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder="Search by name or slug"
        aria-label="Search organizations"
        value={searchInput}
        onChange={(event) => setSearchInput(event.currentTarget.value)}
        mb="md"
        maw={420}
      />
      {error && !list && <ErrorState error={error} onRetry={refetch} />}
      {!list && loading && <LoadingState />}
      {list && list.nodes.length === 0 && (
        <EmptyState title={state.search ? 'No organization matches' : 'No organizations yet'}>
          {state.search ? `Nothing is named or slugged like “${state.search}”.` : 'Organizations appear here when people sign up.'}
        </EmptyState>
      )}
      {list && list.nodes.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table striped highlightOnHover style={{ opacity: loading ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <SortHeader label="Organization" field="NAME" state={state} onSort={onSort} />
                  <Table.Th>Plan</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <SortHeader label="MRR" field="MRR" state={state} onSort={onSort} align="right" />
                  <SortHeader label="Credits" field="CREDIT_BALANCE" state={state} onSort={onSort} align="right" />
                  <SortHeader label="Usage" field="USAGE" state={state} onSort={onSort} />
                  <Table.Th ta="right">Members</Table.Th>
                  <SortHeader label="Created" field="CREATED_AT" state={state} onSort={onSort} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.nodes.map((row) => {
                  const ratio = (row.highestUsagePercent ?? 0) / 100;
                  return (
                    <Table.Tr key={row.organization.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/admin/organizations/${row.organization.id}`} fw={600}>
                          {row.organization.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {row.organization.slug}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {row.planName ?? '—'}
                        {row.billingInterval === 'YEAR' && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            yearly
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{row.subscriptionStatus ? <SubscriptionStatusBadge status={row.subscriptionStatus} /> : '—'}</Table.Td>
                      <Table.Td ta="right">
                        <Money value={row.mrr} />
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(row.creditBalance)}</Table.Td>
                      <Table.Td miw={140}>
                        {row.highestUsagePercent === null ? (
                          <Text size="sm" c="dimmed">
                            no limits
                          </Text>
                        ) : (
                          <Group gap="xs" wrap="nowrap">
                            <Progress value={Math.min(100, ratio * 100)} color={usageColor(ratio)} w={70} aria-label="Highest usage against a limit" />
                            <Text size="sm">{formatPercent(ratio)}</Text>
                            {row.nearLimitFeatures > 0 && (
                              <Badge size="xs" color="orange" variant="light">
                                {row.nearLimitFeatures} near limit
                              </Badge>
                            )}
                          </Group>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{row.memberCount}</Table.Td>
                      <Table.Td>{formatDate(row.organization.createdAt)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed">
              Page {state.cursors.length}
            </Text>
            <Group gap="xs">
              <Button variant="default" disabled={state.cursors.length <= 1} onClick={() => setState(previousPage)}>
                Previous
              </Button>
              <Button variant="default" disabled={!list.pageInfo.hasNextPage} onClick={() => setState((current) => nextPage(current, list.pageInfo.endCursor ?? null))}>
                Next
              </Button>
            </Group>
          </Group>
        </>
      )}
    </>
  );
}
