import { useQuery } from '@apollo/client/react';
import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { formatCount } from '../../format/numbers';
import { lastOrganizationId } from '../session/last-organization';
import { useViewer } from '../session/useViewer';
import { CheckoutCreditPurchaseDocument } from './checkout.graphql';
import { NoOrganization } from './CheckoutReturnPage';
import { StripeTakingLonger, WaitingForStripe } from './StripeWait';
import { returnOrganization } from './return-organization';
import { usePollUntil, type PollOptions } from './usePollUntil';

export const CREDITS_POLL: PollOptions = { intervalMs: 1000, timeoutMs: 30_000 };

/** /billing/credits/return?session_id=…: waits for the pack's credits (the purchase's ledger entry is keyed by the session). */
export function CreditsReturnPage() {
  const { viewer } = useViewer();
  const [params] = useSearchParams();
  if (!viewer) return null;
  const membership = returnOrganization(viewer.memberships, lastOrganizationId());
  if (!membership) return <NoOrganization />;
  return (
    <CreditPurchaseStatus
      organizationId={membership.organization.id}
      organizationName={membership.organization.name}
      sessionId={params.get('session_id')}
      poll={CREDITS_POLL}
    />
  );
}

interface CreditPurchaseStatusProps {
  organizationId: string;
  organizationName: string;
  sessionId: string | null;
  poll: PollOptions;
}

export function CreditPurchaseStatus({ organizationId, organizationName, sessionId, poll }: CreditPurchaseStatusProps) {
  const { data, error, refetch } = useQuery(CheckoutCreditPurchaseDocument, { variables: { organizationId }, fetchPolicy: 'network-only' });
  const purchase = sessionId ? data?.creditTransactions.nodes.find((t) => t.idempotencyKey === sessionId) : undefined;
  // Without a session id there is nothing to wait for: the page shows the balance as it is.
  const done = purchase !== undefined || (sessionId === null && data !== undefined);
  const { timedOut, retry } = usePollUntil(done, () => refetch(), poll);
  const credits = `/orgs/${organizationId}/credits`;

  if (done && data) {
    return (
      <Stack gap="lg" maw={640}>
        <Card withBorder padding="xl">
          <Stack gap="md">
            <Group gap="md" wrap="nowrap">
              <ThemeIcon size={48} radius="xl" color="teal" variant="light">
                <IconCircleCheck size={28} />
              </ThemeIcon>
              <Stack gap={2}>
                <Title order={2}>{purchase ? `${formatCount(purchase.amount)} credits added` : 'Your credit balance'}</Title>
                <Text c="dimmed" size="sm">
                  {organizationName} now has{' '}
                  <Text span fw={700} c="var(--mantine-color-text)" data-testid="new-credit-balance">
                    {formatCount(data.creditBalance.total)}
                  </Text>{' '}
                  credits ({formatCount(data.creditBalance.purchased)} purchased, which never expire).
                </Text>
              </Stack>
            </Group>
            <Group>
              <Button component={Link} to={credits}>
                Go to credits
              </Button>
            </Group>
          </Stack>
        </Card>
      </Stack>
    );
  }
  return (
    <Stack gap="lg" maw={640}>
      <PageHeader title="Finishing your purchase" description={organizationName} />
      {timedOut ? (
        <StripeTakingLonger error={error} onRetry={retry} backTo={credits} backLabel="Go to credits">
          Stripe has not confirmed the payment to Tollgate yet. The credits are added as soon as it does, once, however often you check.
        </StripeTakingLonger>
      ) : (
        <WaitingForStripe title="Adding your credits…">Waiting for Stripe to confirm the payment; this usually takes a few seconds.</WaitingForStripe>
      )}
    </Stack>
  );
}
