import type { BillingInterval } from '../../gql/graphql';
import { formatDate } from '../../format/dates';
import { formatMoney, type MoneyValue } from '../../format/money';
import { intervalLabel, type SubscriptionSummary } from '../overview/subscription-status';
import type { PlanAction } from './plan-actions';

export interface PlanChangeCopy {
  title: string;
  body: string;
  confirmLabel: string;
  danger: boolean;
}

const per = (interval: BillingInterval) => (interval === 'YEAR' ? 'year' : 'month');

/**
 * The confirm dialog for a plan change: it says when the change takes effect (upgrades now with proration,
 * downgrades and cancellations at the period end) so nobody has to guess what they are agreeing to.
 */
export function planChangeCopy(
  action: PlanAction,
  target: { name: string; price: MoneyValue | null; interval: BillingInterval },
  subscription: SubscriptionSummary,
  locale?: string,
): PlanChangeCopy | null {
  const periodEnd = formatDate(subscription.currentPeriodEnd, locale);
  const price = target.price ? `${formatMoney(target.price, { locale, compactWhole: true })} per ${per(target.interval)}` : null;
  const targetLabel = `${target.name} (${intervalLabel(target.interval)})`;
  switch (action.kind) {
    case 'upgrade':
      return {
        title: `Upgrade to ${targetLabel}?`,
        body:
          `${target.name} starts now. The difference for the rest of this period (until ${periodEnd}) is prorated and ` +
          `charged now to the payment method on file${price ? `; from ${periodEnd} you pay ${price}` : ''}.`,
        confirmLabel: 'Upgrade now',
        danger: false,
      };
    case 'downgrade':
      return {
        title: `Downgrade to ${targetLabel}?`,
        body:
          `You keep ${subscription.planName} until the end of this period, ${formatDate(action.effectiveAt, locale)}. ` +
          `${target.name} starts then${price ? ` at ${price}` : ''}; nothing is refunded for this period. You can undo this on the overview until then.`,
        confirmLabel: 'Schedule downgrade',
        danger: false,
      };
    case 'cancel-to-free':
      return {
        title: `Move to ${target.name}?`,
        body:
          `Your ${subscription.planName} subscription is canceled at the end of this period, ${formatDate(action.effectiveAt, locale)}: ` +
          `you keep ${subscription.planName} until then and are not charged again. You can undo this on the overview until then.`,
        confirmLabel: 'Cancel at period end',
        danger: true,
      };
    case 'switch':
      return {
        title: `Switch to ${targetLabel}?`,
        body: `If ${target.name} costs more, it starts now and the difference is prorated; if it costs less, it starts at the end of this period, ${periodEnd}.`,
        confirmLabel: 'Switch plan',
        danger: false,
      };
    default:
      return null;
  }
}
