import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Money } from '../../components/Money';
import { QueryBoundary } from '../../components/QueryStates';
import { formatRelative } from '../../format/dates';
import { formatCount, formatPercent } from '../../format/numbers';
import { AdminAttentionDocument } from './admin-revenue.graphql';

const FAILURE_LABELS = {
  SUBSCRIPTION_PAST_DUE: 'past due',
  SUBSCRIPTION_UNPAID: 'unpaid',
  INVOICE_PAYMENT_FAILED: 'payment failed',
  INVOICE_UNCOLLECTIBLE: 'uncollectible',
} as const;

function AttentionCard({ title, total, empty, children }: { title: string; total: number; empty: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        <Badge color={total > 0 ? 'orange' : 'gray'} variant="light">
          {formatCount(total)}
        </Badge>
      </Group>
      {total === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs">{children}</Stack>
      )}
    </Paper>
  );
}

function OrganizationLink({ organization }: { organization: { id: string; name: string } }) {
  return (
    <Anchor component={Link} to={`/admin/organizations/${organization.id}`} size="sm" fw={600}>
      {organization.name}
    </Anchor>
  );
}

/** What needs a person: failed payments, organizations near their limits, organizations low on credits. */
export function AttentionLists() {
  const { data, loading, error, refetch } = useQuery(AdminAttentionDocument);
  return (
    <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
      {({ adminFailedPayments, adminOrganizationsNearLimits, adminOrganizationsLowOnCredits }) => (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <AttentionCard title="Failed payments" total={adminFailedPayments.totalCount} empty="Every payment went through.">
            {adminFailedPayments.nodes.map((failure, index) => (
              <Group key={`${failure.organization.id}-${index}`} justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0}>
                  <OrganizationLink organization={failure.organization} />
                  <Text size="xs" c="dimmed">
                    {FAILURE_LABELS[failure.kind]} · {formatRelative(failure.since)}
                  </Text>
                </Stack>
                <Text size="sm" fw={600}>
                  {failure.hostedInvoiceUrl ? (
                    <Anchor href={failure.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                      <Money value={failure.amount} />
                    </Anchor>
                  ) : (
                    <Money value={failure.amount} />
                  )}
                </Text>
              </Group>
            ))}
          </AttentionCard>
          <AttentionCard title="Near their limits" total={adminOrganizationsNearLimits.totalCount} empty="No organization is at 80 % of a limit.">
            {adminOrganizationsNearLimits.nodes.map((row) => (
              <Group key={`${row.organization.id}-${row.featureKey}`} justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0}>
                  <OrganizationLink organization={row.organization} />
                  <Text size="xs" c="dimmed">
                    {row.featureName}: {formatCount(row.used)} / {formatCount(row.limit)}
                  </Text>
                </Stack>
                <Badge color={row.percent >= 100 ? 'red' : row.percent >= 95 ? 'orange' : 'yellow'} variant="light">
                  {formatPercent(row.percent / 100)}
                </Badge>
              </Group>
            ))}
          </AttentionCard>
          <AttentionCard title="Low on credits" total={adminOrganizationsLowOnCredits.totalCount} empty="Every organization is above its low-balance threshold.">
            {adminOrganizationsLowOnCredits.nodes.map((row) => (
              <Group key={row.organization.id} justify="space-between" wrap="nowrap" gap="xs">
                <OrganizationLink organization={row.organization} />
                <Text size="sm">
                  {formatCount(row.balance)}
                  <Text span c="dimmed" size="xs">
                    {' '}
                    / {formatCount(row.threshold)}
                  </Text>
                </Text>
              </Group>
            ))}
          </AttentionCard>
        </SimpleGrid>
      )}
    </QueryBoundary>
  );
}
