import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, List, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import type { SubscriptionSummaryFragment } from '../../gql/graphql';
import { FREE_PLAN_KEY, isPaidAndLive, needsPaymentFix } from '../overview/subscription-status';
import { formatAllowance } from '../pricing/plan-terms';
import { lastOrganizationId } from '../session/last-organization';
import { useViewer } from '../session/useViewer';
import { CheckoutPlanLimitsDocument, CheckoutSubscriptionDocument } from './checkout.graphql';
import { StripeTakingLonger, WaitingForStripe } from './StripeWait';
import { returnOrganization } from './return-organization';
import { usePollUntil, type PollOptions } from './usePollUntil';

/** The promise is access within 10 s of paying; the page waits three times that before saying so. */
export const CHECKOUT_POLL: PollOptions = { intervalMs: 1000, timeoutMs: 30_000 };

/** /billing/checkout/return?session_id=…: Stripe sends the payer here; the webhook applies the plan meanwhile. */
export function CheckoutReturnPage() {
  const { viewer } = useViewer();
  if (!viewer) return null;
  const membership = returnOrganization(viewer.memberships, lastOrganizationId());
  if (!membership) return <NoOrganization />;
  return <CheckoutStatus organizationId={membership.organization.id} organizationName={membership.organization.name} poll={CHECKOUT_POLL} />;
}

export function NoOrganization() {
  return (
    <Stack gap="lg" maw={640}>
      <PageHeader title="No organization to show" />
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="You do not belong to an organization">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            A payment always belongs to an organization, and this account is not a member of one, so there is nothing to show here. If you
            paid with another account, log in with that one; if you were removed from the organization, ask its owner.
          </Text>
          <Button component={Link} to="/no-organization" size="xs" variant="light">
            Create an organization
          </Button>
        </Stack>
      </Alert>
    </Stack>
  );
}

export function CheckoutStatus({ organizationId, organizationName, poll }: { organizationId: string; organizationName: string; poll: PollOptions }) {
  const { data, error, refetch } = useQuery(CheckoutSubscriptionDocument, { variables: { organizationId }, fetchPolicy: 'network-only' });
  const subscription = data?.subscription;
  const done = subscription !== undefined && isPaidAndLive(subscription);
  const { timedOut, retry } = usePollUntil(done, () => refetch(), poll);

  if (done) return <CheckoutDone organizationId={organizationId} subscription={subscription} />;
  const base = `/orgs/${organizationId}`;
  // Stripe made the subscription but the payment failed: waiting longer will not help.
  const paymentFailed = subscription !== undefined && subscription.planKey !== FREE_PLAN_KEY && needsPaymentFix(subscription.status);
  return (
    <Stack gap="lg" maw={640}>
      <PageHeader title="Finishing your subscription" description={organizationName} />
      {paymentFailed ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The payment did not go through" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              {subscription.planName} is waiting for a successful payment. Update the payment method from the overview to start it.
            </Text>
            <Button size="xs" color="red" component={Link} to={base}>
              Go to the overview
            </Button>
          </Stack>
        </Alert>
      ) : timedOut ? (
        <StripeTakingLonger error={error} onRetry={retry} backTo={base} backLabel="Go to the overview">
          Stripe has not confirmed the payment to Tollgate yet, so {organizationName} is still on {subscription?.planName ?? 'its previous plan'}.
          Nothing is lost: the plan switches as soon as the confirmation arrives, and you will not be charged twice.
        </StripeTakingLonger>
      ) : (
        <WaitingForStripe title="Confirming your payment…">Stripe is telling Tollgate about it; this usually takes a few seconds. You can keep this page open.</WaitingForStripe>
      )}
    </Stack>
  );
}

function CheckoutDone({ organizationId, subscription }: { organizationId: string; subscription: SubscriptionSummaryFragment }) {
  // The plan just changed, so its limits are asked for fresh rather than taken from the cache.
  const { data } = useQuery(CheckoutPlanLimitsDocument, { variables: { organizationId }, fetchPolicy: 'network-only' });
  const entitlements = data?.entitlements;
  const metered = entitlements?.features.filter((f) => f.kind === 'METERED' && f.enabled) ?? [];
  const flags = entitlements?.features.filter((f) => f.kind === 'BOOLEAN' && f.enabled) ?? [];
  const base = `/orgs/${organizationId}`;
  return (
    <Stack gap="lg" maw={720}>
      <Card withBorder padding="xl">
        <Stack gap="md">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon size={48} radius="xl" color="teal" variant="light">
              <IconCircleCheck size={28} />
            </ThemeIcon>
            <Stack gap={2}>
              <Title order={2} data-testid="checkout-plan">
                You are on {subscription.planName}
              </Title>
              <Text c="dimmed" size="sm">
                {subscription.status === 'TRIALING' && subscription.trialEnd
                  ? `Your trial has started; the first payment is due on ${formatDate(subscription.trialEnd)}.`
                  : `Paid until ${formatDate(subscription.currentPeriodEnd)}; it renews automatically.`}
              </Text>
            </Stack>
          </Group>
          {entitlements ? (
            <>
              <Text fw={600}>What {subscription.planName} gives you</Text>
              <List spacing={6} size="sm" center icon={<IconCheck size={16} color="var(--mantine-color-teal-6)" aria-hidden />} data-testid="checkout-limits">
                {metered.map((feature) => (
                  <List.Item key={feature.featureKey}>
                    {formatAllowance({ limit: feature.limit, resetPeriod: feature.resetPeriod, feature: { name: feature.name, unit: feature.unit, kind: feature.kind } })}
                  </List.Item>
                ))}
                <List.Item>
                  {entitlements.hourlyRequestLimit === null
                    ? 'No hourly API request limit'
                    : `${formatCount(entitlements.hourlyRequestLimit)} API requests per hour`}
                </List.Item>
                {flags.map((feature) => (
                  <List.Item key={feature.featureKey}>{feature.name}</List.Item>
                ))}
              </List>
              {data && (
                <Text size="sm" c="dimmed">
                  Credit balance: {formatCount(data.creditBalance.total)} credits.
                </Text>
              )}
            </>
          ) : (
            <Loader size="sm" aria-label="Loading the plan’s limits" />
          )}
          <Group gap="sm">
            <Button component={Link} to={base}>
              Go to the overview
            </Button>
            <Button component={Link} to={`${base}/usage`} variant="default">
              See usage
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
