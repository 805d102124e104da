import { noSuch, SandboxApiError } from '../sandbox-errors';
import { arrayParam, paginate } from '../sandbox-lists';
import type { ApiRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import type { SubscriptionBilling } from '../subscription-billing';

/** Invoices, payment intents and events: read-mostly, plus paying an open invoice with the card on file. */
export function invoiceRoutes(store: SandboxStore, billing: SubscriptionBilling): ApiRoute[] {
  const invoiceOrThrow = (id: string) => {
    const invoice = store.invoices.get(id);
    if (!invoice) throw noSuch('invoice', id);
    return invoice;
  };
  return [
    { method: 'GET', pattern: '/v1/invoices/:id', handle: ({ pathParams }) => invoiceOrThrow(pathParams.id!) },
    {
      method: 'GET',
      pattern: '/v1/invoices',
      handle: ({ params }) => {
        const invoices = [...store.invoices.values()].filter(
          (i) =>
            (params.customer === undefined || i.customer === params.customer) &&
            (params.subscription === undefined || i.parent?.subscription_details?.subscription === params.subscription) &&
            (params.status === undefined || i.status === params.status),
        );
        return paginate('/v1/invoices', invoices, params);
      },
    },
    {
      method: 'GET',
      pattern: '/v1/invoices/:id/lines',
      handle: ({ pathParams, params }) => {
        const invoice = invoiceOrThrow(pathParams.id!);
        return paginate(`/v1/invoices/${invoice.id}/lines`, [...invoice.lines.data].reverse(), params);
      },
    },
    {
      method: 'POST',
      pattern: '/v1/invoices/:id/pay',
      handle: ({ pathParams }) => {
        const invoice = invoiceOrThrow(pathParams.id!);
        if (invoice.status === 'paid') throw new SandboxApiError(400, 'invalid_request_error', 'Invoice is already paid', 'invoice_payment_intent_requires_action');
        if (!billing.payOpenInvoice(invoice, false)) {
          throw new SandboxApiError(402, 'card_error', 'Your card was declined.', 'card_declined', undefined, { decline_code: 'generic_decline' });
        }
        return invoice;
      },
    },
    {
      method: 'GET',
      pattern: '/v1/payment_intents/:id',
      handle: ({ pathParams }) => {
        const intent = store.paymentIntents.get(pathParams.id!);
        if (!intent) throw noSuch('payment_intent', pathParams.id!);
        return intent;
      },
    },
    {
      method: 'GET',
      pattern: '/v1/payment_intents',
      handle: ({ params }) =>
        paginate('/v1/payment_intents', [...store.paymentIntents.values()].filter((p) => params.customer === undefined || p.customer === params.customer), params),
    },
    {
      method: 'GET',
      pattern: '/v1/events/:id',
      handle: ({ pathParams }) => {
        const event = store.events.get(pathParams.id!);
        if (!event) throw noSuch('event', pathParams.id!);
        return event;
      },
    },
    {
      method: 'GET',
      pattern: '/v1/events',
      handle: ({ params }) => {
        const types = arrayParam(params.types);
        const matches = (event: StripeObject) => {
          const wanted = params.type as string | undefined;
          if (wanted && !(wanted.endsWith('*') ? event.type.startsWith(wanted.slice(0, -1)) : event.type === wanted)) return false;
          return types.length === 0 || types.includes(event.type);
        };
        return paginate('/v1/events', [...store.events.values()].filter(matches), params);
      },
    },
  ];
}
