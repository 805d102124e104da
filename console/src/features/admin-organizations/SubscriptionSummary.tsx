import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AdminOrganizationDetailQuery } from '../../gql/graphql';
import { formatDate } from '../../format/dates';

type Subscription = AdminOrganizationDetailQuery['adminSubscription'];

const STATUS_COLORS: Record<Subscription['status'], string> = {
  ACTIVE: 'green',
  TRIALING: 'blue',
  PAST_DUE: 'orange',
  UNPAID: 'red',
  INCOMPLETE: 'yellow',
  CANCELED: 'gray',
  EXPIRED: 'gray',
};

export function SubscriptionStatusBadge({ status }: { status: Subscription['status'] }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {status.replace('_', ' ').toLowerCase()}
    </Badge>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

export function SubscriptionSummary({ subscription }: { subscription: Subscription }) {
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Text fw={700} size="lg">
          {subscription.planName}
        </Text>
        <Text c="dimmed" size="sm">
          v{subscription.planVersion} · {subscription.billingInterval === 'YEAR' ? 'yearly' : 'monthly'}
        </Text>
        <SubscriptionStatusBadge status={subscription.status} />
        {subscription.cancelAtPeriodEnd && (
          <Badge color="red" variant="outline">
            cancels {formatDate(subscription.currentPeriodEnd)}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label="Period start">{formatDate(subscription.currentPeriodStart)}</Fact>
        <Fact label="Period end">{formatDate(subscription.currentPeriodEnd)}</Fact>
        <Fact label="Trial">{subscription.trialEnd ? `ends ${formatDate(subscription.trialEnd)}` : '—'}</Fact>
        <Fact label="Scheduled change">
          {subscription.scheduledChange ? `${subscription.scheduledChange.planName} on ${formatDate(subscription.scheduledChange.effectiveAt)}` : '—'}
        </Fact>
      </SimpleGrid>
    </Stack>
  );
}
