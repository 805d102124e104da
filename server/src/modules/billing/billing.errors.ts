import { DomainError, fieldError } from '../../shared/domain-error';
import { ErrorCode } from '../../shared/error-code';

export class BillingError extends DomainError {}

export const billingErrors = {
  freePlanNeedsNoCheckout: () => fieldError('planKey', 'The free plan needs no checkout'),
  contactSales: (interval: string) => fieldError('interval', `This plan has no listed ${interval}ly price; contact sales`),
  alreadySubscribed: () =>
    new BillingError(ErrorCode.CONFLICT, 'The organization already has a paid subscription: change its plan instead of checking out again'),
  notSyncedToStripe: (what: string) =>
    new BillingError(ErrorCode.CONFLICT, `${what} has no Stripe price yet: a platform admin must sync the catalog to Stripe (npm run stripe:sync)`),
  unknownCreditProduct: () => fieldError('productKey', 'No such credit pack', ErrorCode.NOT_FOUND),
  creditProductArchived: () => fieldError('productKey', 'This credit pack is no longer sold'),
  freePlanMeansCancel: () => fieldError('planKey', 'To move to the free plan, cancel the subscription (it ends at the period end)'),
};
