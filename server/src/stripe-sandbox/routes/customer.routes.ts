import { noSuch } from '../sandbox-errors';
import { paginate } from '../sandbox-lists';
import type { ApiRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import { customerObject, mergeMetadata } from '../stripe-objects';

export function createCustomer(store: SandboxStore, params: StripeObject): StripeObject {
  const customer = customerObject(store.now(), params);
  store.customers.set(customer.id, customer);
  store.emit('customer.created', customer);
  return customer;
}

export function customerOrThrow(store: SandboxStore, id: string, param = 'id'): StripeObject {
  const customer = store.customers.get(id);
  if (!customer || customer.deleted) throw noSuch('customer', id, param);
  return customer;
}

export function customerRoutes(store: SandboxStore): ApiRoute[] {
  return [
    { method: 'POST', pattern: '/v1/customers', handle: ({ params }) => createCustomer(store, params) },
    { method: 'GET', pattern: '/v1/customers/:id', handle: ({ pathParams }) => customerOrThrow(store, pathParams.id!) },
    {
      method: 'POST',
      pattern: '/v1/customers/:id',
      handle: ({ pathParams, params }) => {
        const customer = customerOrThrow(store, pathParams.id!);
        const before = structuredClone(customer);
        for (const field of ['email', 'name', 'description', 'phone'] as const) {
          if (params[field] !== undefined) customer[field] = params[field] === '' ? null : params[field];
        }
        if (params.metadata !== undefined) customer.metadata = mergeMetadata(customer.metadata, params.metadata);
        store.emitUpdated('customer.updated', before, customer);
        return customer;
      },
    },
    {
      method: 'DELETE',
      pattern: '/v1/customers/:id',
      handle: ({ pathParams }) => {
        const customer = customerOrThrow(store, pathParams.id!);
        store.customers.delete(customer.id);
        store.emit('customer.deleted', customer);
        return { id: customer.id, object: 'customer', deleted: true };
      },
    },
    {
      method: 'GET',
      pattern: '/v1/customers',
      handle: ({ params }) =>
        paginate('/v1/customers', [...store.customers.values()].filter((c) => params.email === undefined || c.email === params.email), params),
    },
  ];
}
