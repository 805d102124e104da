import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { AdminOrganizationDetailQuery } from '../../gql/graphql';
import { formatDate } from '../../format/dates';
import { formatCount, usageColor } from '../../format/numbers';

type Feature = AdminOrganizationDetailQuery['adminEntitlements']['features'][number];

/** Metered entitlements as bars (used against the limit); boolean ones as on/off badges. */
export function EntitlementUsageList({ features }: { features: Feature[] }) {
  const metered = features.filter((f) => f.kind === 'METERED');
  const flags = features.filter((f) => f.kind !== 'METERED');
  return (
    <Stack gap="md">
      {metered.map((feature) => {
        const ratio = feature.limit ? feature.used / feature.limit : 0;
        return (
          <Stack key={feature.featureKey} gap={4}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={500}>
                {feature.name}
              </Text>
              <Text size="sm" c="dimmed">
                {formatCount(feature.used)} / {feature.limit === null ? 'unlimited' : formatCount(feature.limit)} {feature.unit ?? ''}
                {feature.resetsAt ? ` · resets ${formatDate(feature.resetsAt)}` : ''}
              </Text>
            </Group>
            <Progress
              value={feature.limit === null ? 0 : Math.min(100, ratio * 100)}
              color={usageColor(ratio)}
              aria-label={`${feature.name} usage`}
            />
          </Stack>
        );
      })}
      {flags.length > 0 && (
        <Group gap="xs">
          {flags.map((feature) => (
            <Badge key={feature.featureKey} variant={feature.enabled ? 'light' : 'outline'} color={feature.enabled ? 'teal' : 'gray'}>
              {feature.name}: {feature.enabled ? 'on' : 'off'}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}
