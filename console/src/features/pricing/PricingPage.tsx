import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Divider, Group, List, SegmentedControl, SimpleGrid, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryStates';
import { formatDate } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { formatCount } from '../../format/numbers';
import type { BillingInterval, PricingPlansQuery } from '../../gql/graphql';
import { intervalLabel, FREE_PLAN_KEY } from '../overview/subscription-status';
import { useCurrentOrganization } from '../session/organization-context';
import { planAction, type PlanAction } from './plan-actions';
import { bestYearlyDiscount, formatAllowance, priceFor, yearlySaving } from './plan-terms';
import { PricingPlansDocument } from './pricing.graphql';
import { useBillingPortal } from './useBillingPortal';
import { usePlanActions } from './usePlanActions';

export type PricingPlan = PricingPlansQuery['plans'][number];

export function PricingPage() {
  const organization = useCurrentOrganization();
  const { data, loading, error, refetch } = useQuery(PricingPlansDocument, { variables: { organizationId: organization.id } });
  return (
    <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
      {(loaded) => <PricingTable plans={loaded.plans} subscription={loaded.subscription} />}
    </QueryBoundary>
  );
}

function PricingTable({ plans, subscription }: { plans: PricingPlan[]; subscription: PricingPlansQuery['subscription'] }) {
  const organization = useCurrentOrganization();
  const [params] = useSearchParams();
  const [interval, setInterval] = useState<BillingInterval>(subscription.billingInterval);
  const { runAction, busyPlanKey } = usePlanActions(subscription);
  const portal = useBillingPortal();
  const discount = bestYearlyDiscount(plans.map((p) => p.currentVersion));
  const onPaidPlan = subscription.planKey !== FREE_PLAN_KEY;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Plans"
        description={
          <>
            You are on <b>{subscription.planName}</b>
            {onPaidPlan && ` (${intervalLabel(subscription.billingInterval)})`}.
          </>
        }
        actions={
          organization.canAct &&
          onPaidPlan && (
            <Button variant="default" onClick={() => void portal.openPortal()} loading={portal.loading}>
              Manage billing
            </Button>
          )
        }
      />
      {params.get('checkout') === 'canceled' && (
        <Alert color="gray" icon={<IconInfoCircle size={18} />} title="Checkout canceled">
          Nothing was charged. You can pick a plan again whenever you are ready.
        </Alert>
      )}
      {!organization.canAct && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />}>
          Only owners and admins of {organization.name} can change the plan or manage billing.
        </Alert>
      )}
      {plans.length === 0 ? (
        <Text c="dimmed">No plans are on offer right now.</Text>
      ) : (
        <>
          <Group justify="center">
            <SegmentedControl
              aria-label="Billing interval"
              value={interval}
              onChange={(value) => setInterval(value as BillingInterval)}
              data={[
                { value: 'MONTH', label: 'Monthly' },
                { value: 'YEAR', label: discount ? `Yearly · save up to ${discount}%` : 'Yearly' },
              ]}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: Math.min(plans.length, 4) }} spacing="md">
            {plans.map((plan) => (
              <PlanCard
                key={plan.id}
                plan={plan}
                interval={interval}
                action={planAction(plan, interval, subscription, plans)}
                canAct={organization.canAct}
                busy={busyPlanKey === plan.key}
                disabled={busyPlanKey !== null}
                onAction={(action) => runAction(plan, interval, action)}
              />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function PlanPrice({ plan, interval }: { plan: PricingPlan; interval: BillingInterval }) {
  const version = plan.currentVersion;
  const price = priceFor(version, interval);
  const saving = yearlySaving(version);
  if (!price) {
    return (
      <Stack gap={2}>
        <Text fz={28} fw={700} lh={1.2}>
          Custom
        </Text>
        <Text size="sm" c="dimmed">
          Terms made for your organization.
        </Text>
      </Stack>
    );
  }
  if (price.amountMinor === 0) {
    return (
      <Stack gap={2}>
        <Text fz={28} fw={700} lh={1.2}>
          <Money value={price} compactWhole />
        </Text>
        <Text size="sm" c="dimmed">
          Free forever
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Group gap={4} align="baseline">
        <Text fz={28} fw={700} lh={1.2}>
          <Money value={price} compactWhole />
        </Text>
        <Text c="dimmed">/ {interval === 'YEAR' ? 'year' : 'month'}</Text>
      </Group>
      {interval === 'YEAR' ? (
        <Text size="sm" c="dimmed">
          {formatMoney({ amountMinor: Math.round(price.amountMinor / 12), currency: price.currency })} per month, billed yearly
          {saving && (
            <>
              {' · '}
              <Text span c="teal" fw={600} inherit>
                save {formatMoney(saving.amount, { compactWhole: true })} ({saving.percent}%)
              </Text>
            </>
          )}
        </Text>
      ) : (
        saving &&
        version.yearlyPrice && (
          <Text size="sm" c="dimmed">
            or <Money value={version.yearlyPrice} compactWhole /> per year, save {saving.percent}%
          </Text>
        )
      )}
    </Stack>
  );
}

const ACTION_LABELS: Partial<Record<PlanAction['kind'], string>> = {
  subscribe: 'Subscribe',
  upgrade: 'Upgrade',
  downgrade: 'Downgrade',
  'cancel-to-free': 'Downgrade',
  switch: 'Switch to this plan',
};

function PlanActionArea({ plan, action, canAct, busy, disabled, onAction }: PlanCardProps) {
  if (action.kind === 'current') {
    return (
      <Button variant="light" disabled fullWidth>
        Your current plan
      </Button>
    );
  }
  if (action.kind === 'scheduled') {
    return (
      <Text size="sm" c="dimmed" ta="center">
        Starts on {formatDate(action.effectiveAt)}
      </Text>
    );
  }
  if (action.kind === 'contact') {
    return (
      <Stack gap={2} align="center">
        <Text fw={600}>Contact us</Text>
        <Text size="xs" c="dimmed" ta="center">
          {plan.name} is set up by our sales team.
        </Text>
      </Stack>
    );
  }
  if (!canAct) return null;
  const label = ACTION_LABELS[action.kind] ?? 'Choose';
  return (
    <Button
      fullWidth
      variant={action.kind === 'upgrade' || action.kind === 'subscribe' ? 'filled' : 'default'}
      loading={busy}
      disabled={disabled && !busy}
      onClick={() => onAction(action)}
      aria-label={`${label}: ${plan.name}`}
    >
      {label}
    </Button>
  );
}

interface PlanCardProps {
  plan: PricingPlan;
  interval: BillingInterval;
  action: PlanAction;
  canAct: boolean;
  busy: boolean;
  disabled: boolean;
  onAction: (action: PlanAction) => void;
}

function PlanCard(props: PlanCardProps) {
  const { plan, interval, action } = props;
  const version = plan.currentVersion;
  const metered = version.entitlements.filter((e) => e.feature.kind === 'METERED' && e.enabled);
  const flags = version.entitlements.filter((e) => e.feature.kind === 'BOOLEAN');
  const current = action.kind === 'current';
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      shadow={current ? 'sm' : undefined}
      style={current ? { borderColor: 'var(--mantine-color-indigo-5)', borderWidth: 2 } : undefined}
      aria-label={`${plan.name} plan`}
      component="section"
    >
      <Stack gap="md" h="100%">
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap">
            <Title order={3} size="h4">
              {plan.name}
            </Title>
            {current && <Badge variant="filled">Current</Badge>}
            {action.kind === 'scheduled' && <Badge variant="light" color="yellow">Scheduled</Badge>}
          </Group>
          {/* Three lines' room from four columns up, so prices and buttons line up across the cards. */}
          <Text size="sm" c="dimmed" mih={{ lg: 60 }}>
            {plan.description}
          </Text>
        </Stack>
        <PlanPrice plan={plan} interval={interval} />
        <PlanActionArea {...props} />
        <Divider />
        <List spacing={6} size="sm" center>
          {version.trialDays > 0 && <Feature included>{version.trialDays}-day free trial</Feature>}
          {version.creditsPerPeriod > 0 && <Feature included>{creditsPerPeriod(version, interval)}</Feature>}
          {metered.map((entitlement) => (
            <Feature key={entitlement.feature.key} included>
              {formatAllowance(entitlement)}
              {entitlement.overage === 'OVERAGE' && entitlement.limit !== null && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  (then billed per use)
                </Text>
              )}
            </Feature>
          ))}
          <Feature included>
            {version.hourlyRequestLimit === null
              ? 'No hourly API request limit'
              : `${formatCount(version.hourlyRequestLimit)} API requests per hour`}
          </Feature>
          {flags.map((entitlement) => (
            <Feature key={entitlement.feature.key} included={entitlement.enabled}>
              {entitlement.feature.name}
            </Feature>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

/** Credits come every billing period: a month or a year for listed prices; the free plan always renews monthly. */
function creditsPerPeriod(version: PricingPlan['currentVersion'], interval: BillingInterval): string {
  const credits = `${formatCount(version.creditsPerPeriod)} credits`;
  const price = priceFor(version, interval);
  if (!price) return `${credits} each billing period`;
  if (price.amountMinor === 0) return `${credits} each month`;
  return `${credits} each ${interval === 'YEAR' ? 'year' : 'month'}`;
}

function Feature({ included, children }: { included: boolean; children: ReactNode }) {
  return (
    <List.Item
      icon={
        <ThemeIcon size={18} radius="xl" variant="light" color={included ? 'teal' : 'gray'}>
          {included ? <IconCheck size={12} /> : <IconX size={12} />}
        </ThemeIcon>
      }
    >
      <Text size="sm" c={included ? undefined : 'dimmed'} inherit>
        {!included && <VisuallyHidden>Not included: </VisuallyHidden>}
        {children}
      </Text>
    </List.Item>
  );
}
