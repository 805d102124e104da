import { useQuery } from '@apollo/client/react';
import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState, QueryBoundary } from '../../components/QueryStates';
import { formatCount } from '../../format/numbers';
import type { UsageEntitlementsQuery } from '../../gql/graphql';
import { useCurrentOrganization } from '../session/organization-context';
import { UsageMeter } from './UsageMeter';
import { UsageEntitlementsDocument } from './usage.graphql';

// The chart library is most of this page's weight: the bars show at once and the chart follows in its own chunk.
const UsageHistoryChart = lazy(() => import('./UsageHistoryChart').then((module) => ({ default: module.UsageHistoryChart })));

export function UsagePage() {
  const organization = useCurrentOrganization();
  const { data, loading, error, refetch } = useQuery(UsageEntitlementsDocument, { variables: { organizationId: organization.id } });
  return (
    <Stack gap="lg">
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {(loaded) => <UsageContent entitlements={loaded.entitlements} />}
      </QueryBoundary>
    </Stack>
  );
}

function UsageContent({ entitlements }: { entitlements: UsageEntitlementsQuery['entitlements'] }) {
  const base = `/orgs/${useCurrentOrganization().id}`;
  const metered = entitlements.features.filter((f) => f.kind === 'METERED' && f.enabled);
  const flags = entitlements.features.filter((f) => f.kind === 'BOOLEAN');
  return (
    <>
      <PageHeader
        title="Usage"
        description={
          <>
            What your {entitlements.planName} plan allows and how much of it is used.{' '}
            <Anchor component={Link} to={`${base}/pricing`} inherit>
              Compare plans
            </Anchor>
          </>
        }
      />
      <Card withBorder padding="lg" component="section" aria-labelledby="usage-limits-title">
        <Stack gap="lg">
          <Group justify="space-between" wrap="wrap">
            <Text component="h3" m={0} id="usage-limits-title" fw={600}>
              Limits
            </Text>
            <Text size="sm" c="dimmed">
              API requests from your apps:{' '}
              {entitlements.hourlyRequestLimit === null ? 'no hourly limit' : `${formatCount(entitlements.hourlyRequestLimit)} per hour`}
            </Text>
          </Group>
          {metered.length === 0 ? (
            <Text c="dimmed" size="sm">
              Nothing is metered on your plan.
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="lg">
              {metered.map((feature) => (
                <UsageMeter key={feature.featureKey} feature={feature} />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      </Card>
      {flags.length > 0 && (
        <Card withBorder padding="lg" component="section" aria-labelledby="usage-features-title">
          <Stack gap="sm">
            <Text component="h3" m={0} id="usage-features-title" fw={600}>
              Features
            </Text>
            <List spacing="xs" size="sm" center>
              {flags.map((flag) => (
                <List.Item
                  key={flag.featureKey}
                  icon={
                    <ThemeIcon size={20} radius="xl" variant="light" color={flag.enabled ? 'teal' : 'gray'}>
                      {flag.enabled ? <IconCheck size={13} /> : <IconX size={13} />}
                    </ThemeIcon>
                  }
                >
                  <Text size="sm" c={flag.enabled ? undefined : 'dimmed'} inherit>
                    {flag.name} — {flag.enabled ? 'included' : 'not in your plan'}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        </Card>
      )}
      <Suspense fallback={<LoadingState label="Loading the chart…" />}>
        <UsageHistoryChart features={metered.map(({ featureKey, name, unit }) => ({ featureKey, name, unit }))} />
      </Suspense>
    </>
  );
}
