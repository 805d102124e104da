import { useQuery } from '@apollo/client/react';
import { Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryStates';
import { formatCount, formatPercent } from '../../format/numbers';
import { AdminRevenueDocument } from './admin-revenue.graphql';
import { AttentionLists } from './AttentionLists';
import { RevenueCharts } from './RevenueCharts';
import { RANGE_LABELS, rangeVariables, type RevenueRange } from './revenue-range';

function Kpi({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** MRR and subscriptions over time, trials, payments, credit consumption, and what needs attention. */
export function RevenuePage() {
  const [range, setRange] = useState<RevenueRange>('12m');
  const variables = useMemo(() => rangeVariables(range), [range]);
  const { data, previousData, loading, error, refetch } = useQuery(AdminRevenueDocument, { variables });
  const shown = data ?? previousData;
  return (
    <Stack>
      <PageHeader
        title="Revenue & health"
        actions={
          <SegmentedControl
            aria-label="Range"
            value={range}
            onChange={(value) => setRange(value as RevenueRange)}
            data={(Object.keys(RANGE_LABELS) as RevenueRange[]).map((value) => ({ value, label: RANGE_LABELS[value].replace('Last ', '') }))}
          />
        }
      />
      <QueryBoundary data={shown} loading={loading} error={error} onRetry={refetch}>
        {({ adminRevenueMetrics: metrics }) => (
          <Stack style={{ opacity: loading ? 0.7 : 1 }}>
            <SimpleGrid cols={{ base: 2, md: 5 }}>
              <Kpi label="MRR now" value={<Money value={metrics.summary.currentMrr} />} />
              <Kpi label="Paying" value={formatCount(metrics.summary.activeSubscriptions)} hint={`${formatCount(metrics.summary.trialingSubscriptions)} in trial`} />
              <Kpi
                label="New / churned"
                value={`${formatCount(metrics.summary.newSubscriptions)} / ${formatCount(metrics.summary.churnedSubscriptions)}`}
                hint={RANGE_LABELS[range].toLowerCase()}
              />
              <Kpi
                label="Trial conversion"
                value={metrics.summary.trialConversionRate === null ? '—' : formatPercent(metrics.summary.trialConversionRate)}
                hint={`${formatCount(metrics.summary.trialsConverted)} of ${formatCount(metrics.summary.trialsEnded)} ended trials`}
              />
              <Kpi
                label="Payment success"
                value={metrics.summary.paymentSuccessRate === null ? '—' : formatPercent(metrics.summary.paymentSuccessRate)}
                hint={`${formatCount(metrics.summary.paidInvoices)} paid, ${formatCount(metrics.summary.failedInvoices)} failed`}
              />
            </SimpleGrid>
            <RevenueCharts metrics={metrics} granularity={variables.granularity} />
          </Stack>
        )}
      </QueryBoundary>
      <Title order={3} mt="md">
        Needs attention
      </Title>
      <AttentionLists />
    </Stack>
  );
}
