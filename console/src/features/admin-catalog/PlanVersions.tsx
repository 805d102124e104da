import type { ReactNode } from 'react';
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Money } from '../../components/Money';
import { formatDateTime } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { formatCount } from '../../format/numbers';
import { FeatureKind, OverageBehavior, ResetPeriod } from '../../gql/enums';
import type { AdminCatalogPlanFieldsFragment, AdminCatalogPlanVersionFieldsFragment } from '../../gql/graphql';

type Version = AdminCatalogPlanVersionFieldsFragment;
type Entitlement = Version['entitlements'][number];

const RESETS: Record<ResetPeriod, string> = {
  [ResetPeriod.Day]: 'resets daily (UTC)',
  [ResetPeriod.Month]: 'resets monthly (UTC)',
  [ResetPeriod.BillingPeriod]: 'resets each billing period',
  [ResetPeriod.Never]: 'never resets',
};

/** One grant in words: "10,000 messages, resets daily (UTC), overage $1.00 per 100". */
export function describeEntitlement(grant: Entitlement, currency: string): string {
  if (!grant.enabled) return 'Off';
  if (grant.feature.kind === FeatureKind.Boolean) return 'On';
  const unit = grant.feature.unit ?? 'units';
  const amount = grant.limit === null ? `Unlimited ${unit}` : `${formatCount(grant.limit)} ${unit}`;
  const reset = grant.limit === null || !grant.resetPeriod ? '' : `, ${RESETS[grant.resetPeriod]}`;
  if (grant.overage !== OverageBehavior.Overage) return `${amount}${reset}, blocked past it`;
  if (grant.overagePriceMinor === null) return `${amount}${reset}, overage counted (not billed)`;
  const price = formatMoney({ amountMinor: grant.overagePriceMinor, currency });
  return `${amount}${reset}, overage ${price} per ${formatCount(grant.overagePriceUnits)}`;
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

export function PlanVersionSummary({ version, current }: { version: Version; current: boolean }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text fw={700}>Version {version.version}</Text>
            {current && (
              <Badge color="teal" variant="light">
                current — new subscribers
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Created {formatDateTime(version.createdAt)}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <Term label="Monthly">{version.monthlyPrice ? <Money value={version.monthlyPrice} /> : 'Custom'}</Term>
          <Term label="Yearly">
            {version.yearlyPrice ? <Money value={version.yearlyPrice} /> : 'Custom'}
            {version.yearlyDiscountPercent ? ` (−${version.yearlyDiscountPercent}%)` : ''}
          </Term>
          <Term label="Trial">{version.trialDays ? `${version.trialDays} days` : 'None'}</Term>
          <Term label="Credits / period">{formatCount(version.creditsPerPeriod)}</Term>
          <Term label="Requests / hour">{version.hourlyRequestLimit === null ? 'Unlimited' : formatCount(version.hourlyRequestLimit)}</Term>
        </SimpleGrid>
        {version.entitlements.length > 0 && (
          <Table.ScrollContainer minWidth={280}>
            <Table fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Feature</Table.Th>
                  <Table.Th>Grant</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {version.entitlements.map((grant) => (
                  <Table.Tr key={grant.feature.key}>
                    <Table.Td>{grant.feature.name}</Table.Td>
                    <Table.Td c={grant.enabled ? undefined : 'dimmed'}>{describeEntitlement(grant, version.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/** Every version of a plan, newest first (the API lists them oldest first). */
export function PlanVersionHistory({ plan }: { plan: AdminCatalogPlanFieldsFragment }) {
  const versions = [...plan.versions].sort((a, b) => b.version - a.version);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Subscriptions keep the version they bought until they change plan; only the current version is sold.
      </Text>
      {versions.map((version) => (
        <PlanVersionSummary key={version.id} version={version} current={version.id === plan.currentVersion.id} />
      ))}
    </Stack>
  );
}
