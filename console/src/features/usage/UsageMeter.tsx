import { Group, Progress, Stack, Text } from '@mantine/core';
import { meterView, type MeteredFeature } from './usage-meter';

/** One metered entitlement: used against the limit, coloured at 80 % and 95 %, and when it resets. */
export function UsageMeter({ feature, compact = false }: { feature: MeteredFeature; compact?: boolean }) {
  const view = meterView(feature);
  return (
    <Stack gap={4} data-testid={`usage-meter-${feature.featureKey}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fw={500} size="sm" truncate>
          {feature.name}
        </Text>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {view.amount}
        </Text>
      </Group>
      <Progress
        value={view.unlimited ? 100 : view.percent}
        color={view.color}
        striped={view.unlimited}
        size={compact ? 'sm' : 'md'}
        aria-label={`${feature.name}: ${view.amount}`}
        aria-valuetext={view.unlimited ? `${view.amount}` : `${view.amount}, ${view.status}`}
        style={view.unlimited ? { opacity: 0.35 } : undefined}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c={view.ratio >= 0.95 ? view.color : 'dimmed'} fw={view.ratio >= 0.8 ? 600 : undefined}>
          {view.status}
        </Text>
        <Text size="xs" c="dimmed">
          {view.resets}
        </Text>
      </Group>
    </Stack>
  );
}
