import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class SubscriptionError extends DomainError {}

export const subscriptionErrors = {
  notFound: () => new SubscriptionError(ErrorCode.NOT_FOUND, 'This organization has no subscription'),
  unknownPlan: () => fieldError('planKey', 'No such plan', ErrorCode.NOT_FOUND),
  planArchived: () => fieldError('planKey', 'This plan takes no new subscribers'),
  noPriceForInterval: (interval: string) => fieldError('interval', `This plan has no ${interval}ly price; contact sales`),
  samePlan: () => fieldError('planKey', 'The organization is already on this plan and interval'),
  illegalTransition: (from: string, to: string) =>
    new SubscriptionError(ErrorCode.CONFLICT, `A ${from} subscription cannot become ${to}`),
  nothingScheduled: () => new SubscriptionError(ErrorCode.CONFLICT, 'No plan change is scheduled'),
  notCanceling: () => new SubscriptionError(ErrorCode.CONFLICT, 'The subscription is not set to cancel'),
  alreadyCanceling: () => new SubscriptionError(ErrorCode.CONFLICT, 'The subscription is already set to cancel at period end'),
  freePlanCannotCancel: () => new SubscriptionError(ErrorCode.CONFLICT, 'The free plan cannot be canceled'),
  upgradeNeedsCheckout: () =>
    new SubscriptionError(ErrorCode.FORBIDDEN, 'Upgrades are paid: subscribe through checkout (or ask a platform admin)'),
};
