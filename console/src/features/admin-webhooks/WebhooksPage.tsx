import { useQuery } from '@apollo/client/react';
import { Autocomplete, Button, Group, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { StripeEventProcessingStatus } from '../../gql/enums';
import { SandboxClockPanel } from './SandboxClockPanel';
import { StripeEventsTable } from './StripeEventsTable';
import {
  filtersFromSearchParams,
  filtersToSearchParams,
  KNOWN_EVENT_TYPES,
  STATUS_LABELS,
  stripeEventVariables,
  typeFilterError,
  type WebhookFilters,
} from './webhook-filters';
import { AdminWebhooksEventsDocument } from './webhooks.graphql';

const STATUS_OPTIONS = Object.values(StripeEventProcessingStatus).map((status) => ({ value: status, label: STATUS_LABELS[status].label }));

/** Type and status filters, kept in the URL so a filtered log can be linked to. */
function WebhookFilterBar({ filters, onChange }: { filters: WebhookFilters; onChange: (filters: WebhookFilters) => void }) {
  const [typeText, setTypeText] = useState(filters.type);
  const [debouncedType] = useDebouncedValue(typeText, 300);
  const typeError = typeFilterError(debouncedType);

  // The settled, valid text writes the URL; a URL change from elsewhere (back button, "Clear filters") rewrites the text.
  useEffect(() => {
    if (!typeFilterError(debouncedType) && debouncedType.trim() !== filters.type) onChange({ ...filters, type: debouncedType.trim() });
  }, [debouncedType]);
  useEffect(() => {
    if (filters.type !== typeText.trim()) setTypeText(filters.type);
  }, [filters.type]);

  const active = Boolean(filters.type || filters.status);
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Autocomplete
        label="Event type"
        placeholder="e.g. invoice.payment_failed"
        data={KNOWN_EVENT_TYPES}
        value={typeText}
        onChange={setTypeText}
        error={typeError}
        w={{ base: '100%', xs: 300 }}
        limit={30}
      />
      <Select
        label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status: status as StripeEventProcessingStatus | null })}
        clearable
        w={{ base: '100%', xs: 180 }}
      />
      {active && (
        <Button
          variant="subtle"
          mt={{ base: 0, xs: 25 }}
          onClick={() => {
            setTypeText('');
            onChange({ type: '', status: null });
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

export function WebhooksPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearchParams(searchParams);
  const variables = stripeEventVariables(filters);
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminWebhooksEventsDocument, { variables, notifyOnNetworkStatusChange: true });
  const pages = useLoadMore(data, 'adminStripeEvents', fetchMore);
  const filtered = Boolean(variables.filter);

  return (
    <Stack gap="md">
      <PageHeader
        title="Webhooks"
        description="Every verified Stripe event, newest first, and what Tollgate did with it. Failed events are retried with backoff; any event can be replayed."
        actions={
          <Button variant="default" onClick={() => void refetch().catch(() => undefined)} loading={loading && Boolean(data)}>
            Refresh
          </Button>
        }
      />
      <SandboxClockPanel />
      <WebhookFilterBar filters={filters} onChange={(next) => setSearchParams(filtersToSearchParams(next), { replace: true })} />
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {({ adminStripeEvents: { nodes } }) =>
          nodes.length === 0 ? (
            <EmptyState title={filtered ? 'No events match these filters' : 'No Stripe events yet'}>
              {filtered ? 'Try another type or status.' : 'Events appear here as Stripe sends webhooks (checkouts, renewals, invoices).'}
            </EmptyState>
          ) : (
            <>
              <StripeEventsTable events={nodes} />
              <LoadMoreButton hasNextPage={pages.hasNextPage} loading={pages.loadingMore} onLoadMore={pages.loadMore} />
            </>
          )
        }
      </QueryBoundary>
    </Stack>
  );
}
