import { Badge, Button, Card, Group, MultiSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import type { CreditTransactionKind } from '../../gql/graphql';
import { useCurrentOrganization } from '../session/organization-context';
import {
  NO_FILTER,
  TRANSACTION_KINDS,
  describeTransaction,
  filterProblem,
  formatDelta,
  isFiltered,
  kindBadge,
  transactionFilter,
  type TransactionFilterValues,
} from './credit-transactions';
import { useCreditTransactions } from './useCreditTransactions';

const formatTime = (iso: string) => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(iso));

/** The credit ledger with kind and date filters; the filters go to the server, pages append. */
export function TransactionHistory({ eventNames }: { eventNames: ReadonlyMap<string, string> }) {
  const organization = useCurrentOrganization();
  const [values, setValues] = useState<TransactionFilterValues>(NO_FILTER);
  const problem = filterProblem(values);
  // Keyed by content, so typing the same dates again does not start another request; while the dates contradict
  // each other the last valid filter stays.
  const lastValidFilter = useRef('null');
  if (!problem) lastValidFilter.current = JSON.stringify(transactionFilter(values));
  const filterKey = lastValidFilter.current;
  const filter = useMemo(() => JSON.parse(filterKey) as ReturnType<typeof transactionFilter>, [filterKey]);
  const { data, loading, error, refetch, loadMore, loadingMore } = useCreditTransactions(organization.id, filter);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="credit-history-title">
      <Stack gap="md">
        <Text component="h3" m={0} id="credit-history-title" fw={600}>
          Transaction history
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <MultiSelect
            label="Kinds"
            placeholder={values.kinds.length === 0 ? 'All kinds' : undefined}
            data={TRANSACTION_KINDS.map(({ value, label }) => ({ value, label }))}
            value={values.kinds}
            onChange={(kinds) => setValues((v) => ({ ...v, kinds: kinds as CreditTransactionKind[] }))}
            clearable
            w={{ base: '100%', sm: 280 }}
          />
          <TextInput
            type="date"
            label="From"
            value={values.from}
            onChange={(event) => {
              const from = event.currentTarget.value;
              setValues((v) => ({ ...v, from }));
            }}
            w={{ base: 'calc(50% - 6px)', sm: 170 }}
          />
          <TextInput
            type="date"
            label="To"
            value={values.to}
            onChange={(event) => {
              const to = event.currentTarget.value;
              setValues((v) => ({ ...v, to }));
            }}
            error={problem ?? undefined}
            w={{ base: 'calc(50% - 6px)', sm: 170 }}
          />
          {isFiltered(values) && (
            <Button variant="subtle" onClick={() => setValues(NO_FILTER)}>
              Clear filters
            </Button>
          )}
        </Group>
        <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
          {(loaded) => {
            const { nodes, pageInfo } = loaded.creditTransactions;
            if (nodes.length === 0) {
              return (
                <EmptyState title={isFiltered(values) ? 'No transactions match these filters' : 'No transactions yet'}>
                  {isFiltered(values) ? 'Try other kinds or dates.' : 'Grants, purchases and usage of credits show up here.'}
                </EmptyState>
              );
            }
            return (
              <>
                <Table.ScrollContainer minWidth={720}>
                  <Table verticalSpacing="sm" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        {/* Credits come third so a phone shows them without scrolling sideways. */}
                        <Table.Th>Date</Table.Th>
                        <Table.Th>Kind</Table.Th>
                        <Table.Th ta="right">Credits</Table.Th>
                        <Table.Th>Description</Table.Th>
                        <Table.Th ta="right">Balance after</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {nodes.map((transaction) => {
                        const badge = kindBadge(transaction.kind);
                        return (
                          <Table.Tr key={transaction.id}>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                              <Text size="sm">{formatDate(transaction.createdAt)}</Text>
                              <Text size="xs" c="dimmed">
                                {formatTime(transaction.createdAt)}
                              </Text>
                            </Table.Td>
                            <Table.Td miw={130}>
                              <Badge variant="light" color={badge.color}>
                                {badge.label}
                              </Badge>
                            </Table.Td>
                            <Table.Td ta="right" c={transaction.amount < 0 ? 'red' : transaction.amount > 0 ? 'teal' : undefined} fw={600}>
                              {formatDelta(transaction.amount)}
                            </Table.Td>
                            <Table.Td>{describeTransaction(transaction, eventNames)}</Table.Td>
                            <Table.Td ta="right">{formatCount(transaction.balanceAfter)}</Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <LoadMoreButton hasNextPage={pageInfo.hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
              </>
            );
          }}
        </QueryBoundary>
      </Stack>
    </Card>
  );
}
