import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconClock, IconCoins, IconFileInvoice, IconGauge, IconKey, IconTags } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryStates';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import type { OverviewSummaryQuery } from '../../gql/graphql';
import { useBillingPortal } from '../pricing/useBillingPortal';
import { useCurrentOrganization } from '../session/organization-context';
import { topUsage } from '../usage/usage-meter';
import { UsageMeter } from '../usage/UsageMeter';
import { notifyFailure, notifySuccess } from './notify';
import { OverviewSummaryDocument, SubscriptionResumeDocument, SubscriptionUndoPlanChangeDocument } from './overview.graphql';
import {
  FREE_PLAN_KEY,
  intervalLabel,
  periodEndLabel,
  statusBadge,
  subscriptionNotices,
  type SubscriptionNotice,
  type SubscriptionSummary,
} from './subscription-status';

export function OverviewPage() {
  const organization = useCurrentOrganization();
  const { data, loading, error, refetch } = useQuery(OverviewSummaryDocument, { variables: { organizationId: organization.id } });
  return (
    <Stack gap="lg">
      <PageHeader title="Overview" description={organization.name} />
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {(summary) => <OverviewContent summary={summary} />}
      </QueryBoundary>
    </Stack>
  );
}

function OverviewContent({ summary }: { summary: OverviewSummaryQuery }) {
  const { subscription, creditBalance, entitlements } = summary;
  const base = `/orgs/${useCurrentOrganization().id}`;
  return (
    <Stack gap="lg">
      {subscriptionNotices(subscription).map((notice) => (
        <SubscriptionNoticeAlert key={notice.kind} notice={notice} subscription={subscription} />
      ))}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <PlanCard subscription={subscription} base={base} />
        <Card withBorder padding="lg" component="section" aria-labelledby="overview-credits">
          <Stack gap="sm" h="100%">
            <Group justify="space-between">
              <Text component="h3" m={0} id="overview-credits" size="sm" c="dimmed" fw={600} tt="uppercase">
                Credits
              </Text>
              {creditBalance.belowThreshold && (
                <Badge color="orange" variant="light">
                  Low balance
                </Badge>
              )}
            </Group>
            <Text fz={26} fw={700} lh={1.2} data-testid="overview-credit-balance">
              {formatCount(creditBalance.total)} credits
            </Text>
            <Text size="sm" c="dimmed">
              {formatCount(creditBalance.purchased)} purchased · {formatCount(creditBalance.subscription)} from your plan
            </Text>
            {creditBalance.nextExpiry && (
              <Text size="sm">
                {formatCount(creditBalance.nextExpiry.amount)} plan credits expire on {formatDate(creditBalance.nextExpiry.at)}.
              </Text>
            )}
            <Group mt="auto" gap="sm">
              <Button component={Link} to={`${base}/credits`} variant="light">
                View credits
              </Button>
            </Group>
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder padding="lg" component="section" aria-labelledby="overview-usage">
        <Stack gap="md">
          <Group justify="space-between">
            <Text component="h3" m={0} id="overview-usage" size="sm" c="dimmed" fw={600} tt="uppercase">
              Usage closest to its limit
            </Text>
            <Anchor component={Link} to={`${base}/usage`} size="sm">
              All usage
            </Anchor>
          </Group>
          {topUsage(entitlements.features).length === 0 ? (
            <Text size="sm" c="dimmed">
              {entitlements.planName} has no metered limits.
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
              {topUsage(entitlements.features).map((feature) => (
                <UsageMeter key={feature.featureKey} feature={feature} compact />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      </Card>
      <nav aria-label="Billing pages">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          <QuickLink to={`${base}/pricing`} icon={<IconTags size={18} />} label="Plans" />
          <QuickLink to={`${base}/usage`} icon={<IconGauge size={18} />} label="Usage" />
          <QuickLink to={`${base}/credits`} icon={<IconCoins size={18} />} label="Credits" />
          <QuickLink to={`${base}/invoices`} icon={<IconFileInvoice size={18} />} label="Invoices" />
          <QuickLink to={`${base}/api-keys`} icon={<IconKey size={18} />} label="API keys" />
        </SimpleGrid>
      </nav>
    </Stack>
  );
}

function QuickLink({ to, icon, label }: { to: string; icon: ReactNode; label: string }) {
  return (
    <Button component={Link} to={to} variant="default" leftSection={icon} justify="flex-start" fullWidth>
      {label}
    </Button>
  );
}

function PlanCard({ subscription, base }: { subscription: SubscriptionSummary; base: string }) {
  const organization = useCurrentOrganization();
  const portal = useBillingPortal();
  const badge = statusBadge(subscription.status);
  const paid = subscription.planKey !== FREE_PLAN_KEY;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="overview-plan">
      <Stack gap="sm" h="100%">
        <Text component="h3" m={0} id="overview-plan" size="sm" c="dimmed" fw={600} tt="uppercase">
          Current plan
        </Text>
        <Group gap="sm" align="center">
          <Text fz={26} fw={700} lh={1.2} data-testid="current-plan-name">
            {subscription.planName}
          </Text>
          <Badge color={badge.color} variant="light">
            {badge.label}
          </Badge>
          {paid && (
            <Text size="sm" c="dimmed">
              billed {intervalLabel(subscription.billingInterval)}
            </Text>
          )}
        </Group>
        <Group gap={6}>
          <IconCalendarEvent size={16} aria-hidden />
          <Text size="sm">
            {periodEndLabel(subscription)} <b>{formatDate(subscription.currentPeriodEnd)}</b>
          </Text>
        </Group>
        <Group mt="auto" gap="sm">
          <Button component={Link} to={`${base}/pricing`} variant="light">
            {paid ? 'Change plan' : 'See plans'}
          </Button>
          {organization.canAct && paid && (
            <Button variant="default" onClick={() => void portal.openPortal()} loading={portal.loading}>
              Manage billing
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function SubscriptionNoticeAlert({ notice, subscription }: { notice: SubscriptionNotice; subscription: SubscriptionSummary }) {
  const organization = useCurrentOrganization();
  const portal = useBillingPortal();
  const [undoChange, undoState] = useMutation(SubscriptionUndoPlanChangeDocument, { refetchQueries: [OverviewSummaryDocument] });
  const [resume, resumeState] = useMutation(SubscriptionResumeDocument, { refetchQueries: [OverviewSummaryDocument] });
  const askAdmin = (
    <Text size="sm" c="dimmed">
      Only an owner or admin can change this.
    </Text>
  );

  switch (notice.kind) {
    case 'payment':
      return (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={notice.status === 'INCOMPLETE' ? 'Payment not completed' : 'Your last payment failed'} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              Update the payment method to keep {subscription.planName}. Stripe retries the payment; if it keeps failing the organization moves
              to the free plan.
            </Text>
            {organization.canAct ? (
              <Button color="red" size="xs" onClick={() => void portal.openPortal()} loading={portal.loading}>
                Fix payment
              </Button>
            ) : (
              askAdmin
            )}
          </Stack>
        </Alert>
      );
    case 'trial':
      return (
        <Alert color="blue" icon={<IconClock size={18} />} title={`Trial: ${notice.daysLeft === 1 ? '1 day' : `${notice.daysLeft} days`} left`}>
          <Text size="sm">
            Your {subscription.planName} trial ends on {formatDate(notice.endsAt)}; the first payment is due then.
          </Text>
        </Alert>
      );
    case 'cancellation':
      return (
        <Alert color="yellow" icon={<IconCalendarEvent size={18} />} title={`${notice.planName} ends on ${formatDate(notice.effectiveAt)}`}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">The subscription was canceled: you keep {notice.planName} until then and move to the free plan afterwards.</Text>
            {organization.canAct ? (
              <Button
                size="xs"
                variant="white"
                color="dark"
                loading={resumeState.loading}
                onClick={() =>
                  void resume({ variables: { organizationId: organization.id } })
                    .then(() => notifySuccess(`${notice.planName} continues`, 'The cancellation was undone.'))
                    .catch((error: unknown) => notifyFailure('The cancellation could not be undone', error))
                }
              >
                Undo cancellation
              </Button>
            ) : (
              askAdmin
            )}
          </Stack>
        </Alert>
      );
    case 'scheduled-change':
      return (
        <Alert color="yellow" icon={<IconCalendarEvent size={18} />} title={`Moving to ${notice.planName} on ${formatDate(notice.effectiveAt)}`}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              You keep {subscription.planName} until then; {notice.planName} ({intervalLabel(notice.interval)}) starts at the next renewal.
            </Text>
            {organization.canAct ? (
              <Button
                size="xs"
                variant="white"
                color="dark"
                loading={undoState.loading}
                onClick={() =>
                  void undoChange({ variables: { organizationId: organization.id } })
                    .then(() => notifySuccess(`You stay on ${subscription.planName}`, 'The scheduled change was undone.'))
                    .catch((error: unknown) => notifyFailure('The scheduled change could not be undone', error))
                }
              >
                Undo change
              </Button>
            ) : (
              askAdmin
            )}
          </Stack>
        </Alert>
      );
  }
}
