import { AreaChart, BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { AdminRevenueQuery, MetricsGranularity } from '../../gql/graphql';
import { formatMoney, minorUnitsPerMajor } from '../../format/money';
import { formatCount } from '../../format/numbers';
import { bucketLabel, toMajor } from './revenue-range';

type Metrics = AdminRevenueQuery['adminRevenueMetrics'];

export function RevenueCharts({ metrics, granularity }: { metrics: Metrics; granularity: MetricsGranularity }) {
  const currency = metrics.currency;
  const points = metrics.series.map((point) => ({
    bucket: bucketLabel(point.periodStart, granularity),
    MRR: toMajor(point.mrr.amountMinor, currency),
    Active: point.activeSubscriptions,
    New: point.newSubscriptions,
    Churned: point.churnedSubscriptions,
  }));
  const money = (major: number) => formatMoney({ amountMinor: Math.round(major * minorUnitsPerMajor(currency)), currency }, { compactWhole: true });
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          MRR
        </Title>
        <AreaChart
          h={240}
          data={points}
          dataKey="bucket"
          series={[{ name: 'MRR', color: 'indigo.6' }]}
          valueFormatter={money}
          curveType="monotone"
          withDots={false}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          Paying subscriptions
        </Title>
        <AreaChart h={240} data={points} dataKey="bucket" series={[{ name: 'Active', color: 'teal.6' }]} curveType="monotone" withDots={false} valueFormatter={formatCount} />
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          New and churned
        </Title>
        <BarChart
          h={240}
          data={points}
          dataKey="bucket"
          series={[
            { name: 'New', color: 'teal.6' },
            { name: 'Churned', color: 'red.6' },
          ]}
          valueFormatter={formatCount}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          Credits consumed by event
        </Title>
        {metrics.creditConsumptionByEvent.length === 0 ? (
          <Text c="dimmed" size="sm">
            No credits were consumed in this range.
          </Text>
        ) : (
          <BarChart
            h={240}
            data={metrics.creditConsumptionByEvent.map((event) => ({ event: event.eventName, Credits: event.credits }))}
            dataKey="event"
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            series={[{ name: 'Credits', color: 'grape.6' }]}
            valueFormatter={formatCount}
          />
        )}
      </Paper>
    </SimpleGrid>
  );
}
