import { useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Card, Group, Select, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatCount } from '../../format/numbers';
import type { UsageHistoryQuery } from '../../gql/graphql';
import { useCurrentOrganization } from '../session/organization-context';
import { busiestFeature, dailySeries, lastDaysWindow, type UsageWindow } from './usage-history';
import { UsageHistoryDocument } from './usage.graphql';

interface ChartableFeature {
  featureKey: string;
  name: string;
  unit: string | null;
}

/** Recorded usage per UTC day over the last 30 days, one metered feature at a time (their units differ). */
export function UsageHistoryChart({ features }: { features: ChartableFeature[] }) {
  const organization = useCurrentOrganization();
  // Fixed when the page opens, so re-renders do not ask for a new window.
  const [usageWindow] = useState(() => lastDaysWindow(new Date(), 30));
  const { data, loading, error, refetch } = useQuery(UsageHistoryDocument, {
    variables: { organizationId: organization.id, from: usageWindow.from, to: usageWindow.to },
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="usage-history-title">
      <Stack gap="md">
        <Text component="h3" m={0} id="usage-history-title" fw={600}>
          Usage over the last 30 days
        </Text>
        <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
          {(loaded) => <HistoryBody summary={loaded.usageSummary} features={features} usageWindow={usageWindow} />}
        </QueryBoundary>
      </Stack>
    </Card>
  );
}

function HistoryBody({ summary, features, usageWindow }: { summary: UsageHistoryQuery['usageSummary']; features: ChartableFeature[]; usageWindow: UsageWindow }) {
  const keys = features.map((f) => f.featureKey);
  const [selected, setSelected] = useState<string | null>(() => busiestFeature(keys, summary.features));
  const feature = features.find((f) => f.featureKey === selected) ?? features[0];
  const recorded = summary.features.find((f) => f.featureKey === feature?.featureKey);
  const points = useMemo(() => dailySeries(recorded, usageWindow.dates), [recorded, usageWindow.dates]);
  if (!feature) return <EmptyState title="Nothing is metered on your plan" />;
  const hasOverage = points.some((p) => p.overage > 0);
  const unit = feature.unit ?? '';
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Select
          label="Feature"
          data={features.map((f) => ({ value: f.featureKey, label: f.name }))}
          value={feature.featureKey}
          onChange={setSelected}
          allowDeselect={false}
          w={{ base: '100%', xs: 240 }}
        />
        <Text size="sm" c="dimmed" data-testid="usage-history-total">
          Total: {formatCount(recorded?.total ?? 0)} {unit}
          {recorded && recorded.overage > 0 && ` (${formatCount(recorded.overage)} as overage)`}
        </Text>
      </Group>
      {!recorded || recorded.total === 0 ? (
        <EmptyState title={`No ${feature.name.toLowerCase()} recorded in the last 30 days`}>
          Usage your apps record through the API shows up here per day.
        </EmptyState>
      ) : (
        <BarChart
          h={260}
          data={points}
          dataKey="label"
          type="stacked"
          series={[
            { name: 'included', label: `${feature.name}`, color: 'indigo.6' },
            ...(hasOverage ? [{ name: 'overage', label: 'Overage', color: 'orange.6' }] : []),
          ]}
          withLegend={hasOverage}
          tickLine="y"
          gridAxis="x"
          xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 16 }}
          valueFormatter={(value) => formatCount(value)}
          aria-label={`${feature.name} per day over the last 30 days`}
        />
      )}
    </Stack>
  );
}
