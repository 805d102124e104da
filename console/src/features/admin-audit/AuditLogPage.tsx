import { useQuery } from '@apollo/client/react';
import { Autocomplete, Button, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import type { AuditActorKind } from '../../gql/enums';
import { ACTOR_OPTIONS, AuditEntriesTable } from './AuditEntriesTable';
import {
  auditFilterErrors,
  auditFilterInput,
  filtersFromSearchParams,
  filtersToSearchParams,
  KNOWN_ACTIONS,
  NO_FILTERS,
  PAGE_SIZE,
  type AuditFilters,
} from './audit-filters';
import { AdminAuditLogDocument, AdminAuditOrganizationsDocument } from './audit.graphql';

/**
 * Organizations for the filter, searched on the server by name or slug, and every name seen so far (the log itself
 * only carries ids; the table shows names where it can).
 */
function useOrganizationDirectory(selectedId: string | null) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  // Once one is chosen, the search box shows its name (its id until the name is known): that is not a new search.
  const showsSelection = selectedId !== null && (debounced === selectedId || debounced === names.get(selectedId));
  const term = debounced && !showsSelection ? debounced : null;
  const { data, loading } = useQuery(AdminAuditOrganizationsDocument, { variables: { search: term, first: 50 } });
  const nodes = data?.platformOrganizations.nodes;
  useEffect(() => {
    if (!nodes?.some((o) => names.get(o.id) !== o.name)) return;
    setNames((known) => new Map([...known, ...nodes.map((o): [string, string] => [o.id, o.name])]));
  }, [nodes]);
  const options = (nodes ?? []).map((o) => ({ value: o.id, label: o.name }));
  return { search, setSearch, options, names, loading };
}

type OrganizationDirectory = ReturnType<typeof useOrganizationDirectory>;

function AuditFilterBar({ filters, onChange, organizations }: { filters: AuditFilters; onChange: (next: AuditFilters) => void; organizations: OrganizationDirectory }) {
  const [actionText, setActionText] = useState(filters.action);
  const [debouncedAction] = useDebouncedValue(actionText, 300);
  const errors = auditFilterErrors({ ...filters, action: debouncedAction });

  // The settled, valid action writes the URL; a URL change from elsewhere (back button, "Clear filters") rewrites the text.
  useEffect(() => {
    const action = debouncedAction.trim();
    if (!auditFilterErrors({ ...NO_FILTERS, action }).action && action !== filters.action) onChange({ ...filters, action });
  }, [debouncedAction]);
  useEffect(() => {
    if (filters.action !== actionText.trim()) setActionText(filters.action);
  }, [filters.action]);

  // The chosen organization stays pickable (and named) while the search shows others.
  const organizationOptions = [...organizations.options];
  if (filters.organizationId && !organizationOptions.some((o) => o.value === filters.organizationId)) {
    organizationOptions.unshift({ value: filters.organizationId, label: organizations.names.get(filters.organizationId) ?? filters.organizationId });
  }
  const active = filtersToSearchParams(filters);

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <Autocomplete label="Action" placeholder="e.g. credits.adjusted" data={KNOWN_ACTIONS} value={actionText} onChange={setActionText} error={errors.action} limit={40} />
        <Select
          label="Organization"
          placeholder="Any organization"
          data={organizationOptions}
          value={filters.organizationId}
          onChange={(organizationId) => onChange({ ...filters, organizationId })}
          searchable
          searchValue={organizations.search}
          onSearchChange={organizations.setSearch}
          // The server already searched by name or slug.
          filter={({ options }) => options}
          nothingFoundMessage={organizations.loading ? 'Searching…' : 'No organization matches'}
          clearable
        />
        <Select
          label="Actor"
          placeholder="Anyone"
          data={ACTOR_OPTIONS}
          value={filters.actorType}
          onChange={(actorType) => onChange({ ...filters, actorType: actorType as AuditActorKind | null })}
          clearable
        />
        <TextInput label="From" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => onChange({ ...filters, from: e.currentTarget.value })} />
        <TextInput
          label="To (inclusive)"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          error={errors.to}
          onChange={(e) => onChange({ ...filters, to: e.currentTarget.value })}
        />
      </SimpleGrid>
      {Object.keys(active).length > 0 && (
        <Button
          variant="subtle"
          w="fit-content"
          onClick={() => {
            setActionText('');
            onChange(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      )}
    </Stack>
  );
}

export function AuditLogPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearchParams(searchParams);
  const filter = auditFilterInput(filters);
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminAuditLogDocument, {
    variables: { filter, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const pages = useLoadMore(data, 'adminAuditLog', fetchMore);
  const organizations = useOrganizationDirectory(filters.organizationId);

  return (
    <Stack gap="md">
      <PageHeader
        title="Audit log"
        description="Every billing change on the platform, newest first, written in the same transaction as the change."
      />
      <AuditFilterBar filters={filters} onChange={(next) => setSearchParams(filtersToSearchParams(next), { replace: true })} organizations={organizations} />
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {({ adminAuditLog: { nodes } }) =>
          nodes.length === 0 ? (
            <EmptyState title={filter ? 'No entries match these filters' : 'No audit entries yet'}>
              {filter ? 'Try a wider date range or another action.' : 'Billing changes are recorded here as they happen.'}
            </EmptyState>
          ) : (
            <>
              <AuditEntriesTable entries={nodes} organizationNames={organizations.names} />
              <LoadMoreButton hasNextPage={pages.hasNextPage} loading={pages.loadingMore} onLoadMore={pages.loadMore} />
            </>
          )
        }
      </QueryBoundary>
    </Stack>
  );
}
