import type { CheckoutFlow } from '../checkout-flow';
import { missingParam, noSuch } from '../sandbox-errors';
import { newId, randomToken } from '../sandbox-ids';
import { paginate } from '../sandbox-lists';
import type { ApiRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import { customerOrThrow } from './customer.routes';

export function checkoutSessionOrThrow(store: SandboxStore, id: string): StripeObject {
  const session = store.checkoutSessions.get(id);
  if (!session) throw noSuch('checkout.session', id, 'session');
  return session;
}

/** Checkout Sessions and customer-portal sessions; both hand back a `url` to the sandbox's own pages. */
export function checkoutRoutes(store: SandboxStore, checkout: CheckoutFlow): ApiRoute[] {
  return [
    { method: 'POST', pattern: '/v1/checkout/sessions', handle: ({ params }) => checkout.create(params) },
    { method: 'GET', pattern: '/v1/checkout/sessions/:id', handle: ({ pathParams }) => checkoutSessionOrThrow(store, pathParams.id!) },
    { method: 'POST', pattern: '/v1/checkout/sessions/:id/expire', handle: ({ pathParams }) => checkout.expire(checkoutSessionOrThrow(store, pathParams.id!)) },
    { method: 'GET', pattern: '/v1/checkout/sessions/:id/line_items', handle: ({ pathParams }) => checkout.lineItems(checkoutSessionOrThrow(store, pathParams.id!)) },
    {
      method: 'GET',
      pattern: '/v1/checkout/sessions',
      handle: ({ params }) => {
        const sessions = [...store.checkoutSessions.values()].filter(
          (s) =>
            (params.customer === undefined || s.customer === params.customer) &&
            (params.subscription === undefined || s.subscription === params.subscription) &&
            (params.payment_intent === undefined || s.payment_intent === params.payment_intent) &&
            (params.status === undefined || s.status === params.status),
        );
        return paginate('/v1/checkout/sessions', sessions, params);
      },
    },
    {
      method: 'POST',
      pattern: '/v1/billing_portal/sessions',
      handle: ({ params }) => {
        if (!params.customer) throw missingParam('customer');
        customerOrThrow(store, params.customer, 'customer');
        const id = newId('bps');
        const session: StripeObject = {
          id,
          object: 'billing_portal.session',
          configuration: params.configuration ?? `bpc_${randomToken(24)}`,
          created: store.now(),
          customer: params.customer,
          customer_account: null,
          flow: null,
          livemode: false,
          locale: params.locale ?? null,
          on_behalf_of: null,
          return_url: params.return_url ?? null,
          url: `${store.baseUrl()}/portal/${id}`,
        };
        store.portalSessions.set(id, session);
        return session;
      },
    },
  ];
}
