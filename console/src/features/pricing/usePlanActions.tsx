import { useMutation } from '@apollo/client/react';
import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useCallback, useState } from 'react';
import { formatDate } from '../../format/dates';
import type { BillingInterval } from '../../gql/graphql';
import { goToHostedPage } from '../checkout/hosted-page';
import { notifyFailure, notifySuccess } from '../overview/notify';
import type { SubscriptionSummary } from '../overview/subscription-status';
import { useCurrentOrganization } from '../session/organization-context';
import type { PlanAction } from './plan-actions';
import { planChangeCopy } from './plan-change-copy';
import { priceFor } from './plan-terms';
import { BillingCheckoutCreateDocument, PlanChangeDocument, PricingPlansDocument, SubscriptionCancelDocument } from './pricing.graphql';
import type { PricingPlan } from './PricingPage';

// The table reloads after a change; other views (overview, usage) ask the server again when they open.
const AFTER_CHANGE = [PricingPlansDocument];

/** Subscribe (Checkout), upgrade/downgrade (confirm, then changePlan) and move to free (cancel at period end). */
export function usePlanActions(subscription: SubscriptionSummary) {
  const organization = useCurrentOrganization();
  const [busyPlanKey, setBusyPlanKey] = useState<string | null>(null);
  const [createCheckout] = useMutation(BillingCheckoutCreateDocument);
  const [changePlan] = useMutation(PlanChangeDocument, { refetchQueries: AFTER_CHANGE });
  const [cancelSubscription] = useMutation(SubscriptionCancelDocument, { refetchQueries: AFTER_CHANGE });

  const subscribe = useCallback(
    async (plan: PricingPlan, interval: BillingInterval) => {
      setBusyPlanKey(plan.key);
      try {
        const result = await createCheckout({ variables: { organizationId: organization.id, input: { planKey: plan.key, interval } } });
        // Stays busy while the browser leaves for Checkout.
        if (result.data) return goToHostedPage(result.data.createCheckoutSession.url);
      } catch (error) {
        notifyFailure(`Checkout for ${plan.name} could not be started`, error);
      }
      setBusyPlanKey(null);
    },
    [createCheckout, organization.id],
  );

  const change = useCallback(
    async (plan: PricingPlan, interval: BillingInterval, action: PlanAction) => {
      setBusyPlanKey(plan.key);
      try {
        if (action.kind === 'cancel-to-free') {
          const result = await cancelSubscription({ variables: { organizationId: organization.id } });
          const endsAt = result.data?.cancelSubscription.currentPeriodEnd;
          notifySuccess(`Your ${subscription.planName} subscription ends on ${formatDate(endsAt)}`, `You move to ${plan.name} then.`);
        } else {
          const result = await changePlan({ variables: { organizationId: organization.id, input: { planKey: plan.key, interval } } });
          const outcome = result.data?.changePlan;
          if (outcome?.outcome === 'DOWNGRADE_SCHEDULED') {
            const at = outcome.subscription.scheduledChange?.effectiveAt ?? outcome.subscription.currentPeriodEnd;
            notifySuccess(`${plan.name} starts on ${formatDate(at)}`, `You keep ${subscription.planName} until then.`);
          } else if (outcome) {
            notifySuccess(`You are now on ${outcome.subscription.planName}`);
          }
        }
      } catch (error) {
        notifyFailure(`The plan could not be changed to ${plan.name}`, error);
      } finally {
        setBusyPlanKey(null);
      }
    },
    [cancelSubscription, changePlan, organization.id, subscription.planName],
  );

  const runAction = useCallback(
    (plan: PricingPlan, interval: BillingInterval, action: PlanAction) => {
      if (action.kind === 'subscribe') return void subscribe(plan, interval);
      const copy = planChangeCopy(action, { name: plan.name, price: priceFor(plan.currentVersion, interval), interval }, subscription);
      if (!copy) return;
      modals.openConfirmModal({
        title: copy.title,
        children: <Text size="sm">{copy.body}</Text>,
        labels: { confirm: copy.confirmLabel, cancel: 'Keep my plan' },
        confirmProps: { color: copy.danger ? 'red' : undefined },
        onConfirm: () => void change(plan, interval, action),
      });
    },
    [change, subscribe, subscription],
  );

  return { runAction, busyPlanKey };
}
