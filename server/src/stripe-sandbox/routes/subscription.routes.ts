import { invalidParam, missingParam, noSuch, SandboxApiError } from '../sandbox-errors';
import { arrayParam, booleanParam, integerParam, paginate } from '../sandbox-lists';
import type { ApiRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import { mergeMetadata } from '../stripe-objects';
import type { SubscriptionBilling } from '../subscription-billing';
import type { SubscriptionSchedules } from '../subscription-schedules';
import { priceOrThrow } from './catalog.routes';
import { customerOrThrow } from './customer.routes';

export function subscriptionOrThrow(store: SandboxStore, id: string, param = 'id'): StripeObject {
  const subscription = store.subscriptions.get(id);
  if (!subscription) throw noSuch('subscription', id, param);
  return subscription;
}

const PRORATION_BEHAVIORS = ['create_prorations', 'always_invoice', 'none'];

function updateSubscription(store: SandboxStore, billing: SubscriptionBilling, subscription: StripeObject, params: StripeObject): StripeObject {
  const onlyMetadata = Object.keys(params).every((key) => ['metadata', 'cancellation_details', 'expand'].includes(key));
  if (subscription.status === 'canceled' && !onlyMetadata) {
    throw new SandboxApiError(400, 'invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.');
  }
  const prorationBehavior = params.proration_behavior ?? 'create_prorations';
  if (!PRORATION_BEHAVIORS.includes(prorationBehavior)) throw invalidParam('proration_behavior', `Invalid proration_behavior: must be one of ${PRORATION_BEHAVIORS.join(', ')}`);
  const cancelAtPeriodEnd = booleanParam(params.cancel_at_period_end);
  if (cancelAtPeriodEnd !== undefined && subscription.schedule) {
    throw new SandboxApiError(400, 'invalid_request_error', `The subscription is managed by the subscription schedule \`${subscription.schedule}\`, and updating any cancelation behavior directly is not allowed. Please update the schedule instead.`);
  }
  const changes = arrayParam(params.items).map((item: StripeObject, index: number) => ({
    id: item.id as string | undefined,
    price: item.price ? priceOrThrow(store, item.price, `items[${index}][price]`) : undefined,
    quantity: integerParam(`items[${index}][quantity]`, item.quantity),
    deleted: booleanParam(item.deleted),
  }));
  for (const change of changes) {
    if (change.price && (!change.price.active || change.price.type !== 'recurring')) throw invalidParam('items', `The price \`${change.price.id}\` is not an active recurring price.`);
  }
  const before = structuredClone(subscription);
  // Stripe sends the subscription's update before the invoice an immediate proration creates.
  store.withEventsAfter(
    () => {
      if (params.metadata !== undefined) subscription.metadata = mergeMetadata(subscription.metadata, params.metadata);
      if (params.cancellation_details?.comment !== undefined) subscription.cancellation_details.comment = params.cancellation_details.comment || null;
      if (cancelAtPeriodEnd !== undefined) billing.setCancelAtPeriodEnd(subscription, cancelAtPeriodEnd);
      if (changes.length > 0) billing.changeItems(subscription, changes, prorationBehavior);
    },
    () => store.emitUpdated('customer.subscription.updated', before, subscription),
  );
  return subscription;
}

export function subscriptionRoutes(store: SandboxStore, billing: SubscriptionBilling, schedules: SubscriptionSchedules): ApiRoute[] {
  const scheduleOrThrow = (id: string) => {
    const schedule = store.schedules.get(id);
    if (!schedule) throw noSuch('subscription schedule', id);
    return schedule;
  };
  return [
    { method: 'GET', pattern: '/v1/subscriptions/:id', handle: ({ pathParams }) => subscriptionOrThrow(store, pathParams.id!) },
    {
      method: 'GET',
      pattern: '/v1/subscriptions',
      handle: ({ params }) => {
        const status = params.status as string | undefined;
        const subscriptions = [...store.subscriptions.values()].filter(
          (s) =>
            (params.customer === undefined || s.customer === params.customer) &&
            (params.price === undefined || s.items.data.some((i: StripeObject) => i.price.id === params.price)) &&
            (status === 'all' || (status === undefined ? s.status !== 'canceled' && s.status !== 'incomplete_expired' : s.status === status)),
        );
        return paginate('/v1/subscriptions', subscriptions, params);
      },
    },
    {
      method: 'POST',
      pattern: '/v1/subscriptions',
      handle: ({ params }) => {
        if (!params.customer) throw missingParam('customer');
        customerOrThrow(store, params.customer, 'customer');
        const items = arrayParam(params.items).map((item: StripeObject, index: number) => ({
          price: priceOrThrow(store, item.price, `items[${index}][price]`),
          quantity: integerParam(`items[${index}][quantity]`, item.quantity),
        }));
        if (items.length === 0) throw missingParam('items');
        const { subscription } = billing.create({
          customer: params.customer,
          items,
          trialPeriodDays: integerParam('trial_period_days', params.trial_period_days),
          metadata: mergeMetadata({}, params.metadata),
        });
        return subscription;
      },
    },
    {
      method: 'POST',
      pattern: '/v1/subscriptions/:id',
      handle: ({ pathParams, params }) => updateSubscription(store, billing, subscriptionOrThrow(store, pathParams.id!), params),
    },
    {
      method: 'DELETE',
      pattern: '/v1/subscriptions/:id',
      handle: ({ pathParams }) => {
        const subscription = subscriptionOrThrow(store, pathParams.id!);
        if (subscription.status === 'canceled') {
          throw new SandboxApiError(404, 'invalid_request_error', `No such subscription: '${subscription.id}'`, 'resource_missing', 'id');
        }
        billing.cancelNow(subscription, 'cancellation_requested');
        return subscription;
      },
    },
    {
      method: 'POST',
      pattern: '/v1/subscription_schedules',
      handle: ({ params }) => {
        if (!params.from_subscription) {
          throw new SandboxApiError(400, 'invalid_request_error', 'The Stripe sandbox creates subscription schedules only with `from_subscription`.', 'parameter_missing', 'from_subscription');
        }
        return schedules.fromSubscription(params.from_subscription, params.metadata);
      },
    },
    { method: 'GET', pattern: '/v1/subscription_schedules/:id', handle: ({ pathParams }) => scheduleOrThrow(pathParams.id!) },
    { method: 'POST', pattern: '/v1/subscription_schedules/:id', handle: ({ pathParams, params }) => schedules.update(scheduleOrThrow(pathParams.id!), params) },
    { method: 'POST', pattern: '/v1/subscription_schedules/:id/release', handle: ({ pathParams }) => schedules.release(scheduleOrThrow(pathParams.id!)) },
    { method: 'POST', pattern: '/v1/subscription_schedules/:id/cancel', handle: ({ pathParams }) => schedules.cancel(scheduleOrThrow(pathParams.id!)) },
    {
      method: 'GET',
      pattern: '/v1/subscription_schedules',
      handle: ({ params }) =>
        paginate('/v1/subscription_schedules', [...store.schedules.values()].filter((s) => params.customer === undefined || s.customer === params.customer), params),
    },
  ];
}
