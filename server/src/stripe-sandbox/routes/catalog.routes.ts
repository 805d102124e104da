import { invalidParam, missingParam, noSuch, SandboxApiError } from '../sandbox-errors';
import { arrayParam, booleanParam, paginate } from '../sandbox-lists';
import type { ApiRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import { mergeMetadata, priceObject, productObject } from '../stripe-objects';

export function priceOrThrow(store: SandboxStore, id: string, param = 'price'): StripeObject {
  const price = store.prices.get(id);
  if (!price) throw noSuch('price', id, param);
  return price;
}

function productOrThrow(store: SandboxStore, id: string, param = 'id'): StripeObject {
  const product = store.products.get(id);
  if (!product) throw noSuch('product', id, param);
  return product;
}

/** A lookup key belongs to one price; `transfer_lookup_key` moves it from the price holding it. */
function claimLookupKey(store: SandboxStore, price: StripeObject, lookupKey: string, transfer: boolean): void {
  const holder = [...store.prices.values()].find((p) => p.lookup_key === lookupKey && p.id !== price.id);
  if (holder && !transfer) {
    throw new SandboxApiError(400, 'invalid_request_error', `A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key_exists', 'lookup_key');
  }
  if (holder) {
    const before = structuredClone(holder);
    holder.lookup_key = null;
    store.emitUpdated('price.updated', before, holder);
  }
  price.lookup_key = lookupKey;
}

function createPrice(store: SandboxStore, params: StripeObject): StripeObject {
  if (!params.currency) throw missingParam('currency');
  let productId = params.product as string | undefined;
  if (!productId && params.product_data) productId = createProduct(store, params.product_data).id;
  if (!productId) throw missingParam('product');
  productOrThrow(store, productId, 'product');
  if (params.unit_amount === undefined && params.unit_amount_decimal === undefined && params.custom_unit_amount === undefined) throw missingParam('unit_amount');
  if (params.recurring) {
    if (!['day', 'week', 'month', 'year'].includes(params.recurring.interval)) throw invalidParam('recurring[interval]', 'Invalid recurring[interval]: must be one of day, week, month, or year');
    if (params.recurring.usage_type === 'metered' && params.recurring.meter && !store.meters.has(params.recurring.meter)) throw noSuch('billing meter', params.recurring.meter, 'recurring[meter]');
  }
  const price = priceObject(store.now(), productId, { ...params, lookup_key: undefined });
  if (params.lookup_key) claimLookupKey(store, price, params.lookup_key, booleanParam(params.transfer_lookup_key) === true);
  store.prices.set(price.id, price);
  store.emit('price.created', price);
  return price;
}

function createProduct(store: SandboxStore, params: StripeObject): StripeObject {
  if (!params.name) throw missingParam('name');
  if (params.id && store.products.has(params.id)) {
    throw new SandboxApiError(400, 'invalid_request_error', `Product already exists.`, 'resource_already_exists', 'id');
  }
  const product = productObject(store.now(), params);
  store.products.set(product.id, product);
  store.emit('product.created', product);
  if (params.default_price_data) {
    const price = createPrice(store, { ...params.default_price_data, product: product.id });
    product.default_price = price.id;
  }
  return product;
}

export function catalogRoutes(store: SandboxStore): ApiRoute[] {
  return [
    { method: 'POST', pattern: '/v1/products', handle: ({ params }) => createProduct(store, params) },
    { method: 'GET', pattern: '/v1/products/:id', handle: ({ pathParams }) => productOrThrow(store, pathParams.id!) },
    {
      method: 'POST',
      pattern: '/v1/products/:id',
      handle: ({ pathParams, params }) => {
        const product = productOrThrow(store, pathParams.id!);
        const before = structuredClone(product);
        for (const field of ['name', 'description', 'unit_label'] as const) {
          if (params[field] !== undefined) product[field] = params[field] === '' && field !== 'name' ? null : params[field];
        }
        if (params.active !== undefined) product.active = booleanParam(params.active);
        if (params.default_price !== undefined) product.default_price = params.default_price ? priceOrThrow(store, params.default_price, 'default_price').id : null;
        if (params.metadata !== undefined) product.metadata = mergeMetadata(product.metadata, params.metadata);
        product.updated = store.now();
        store.emitUpdated('product.updated', before, product);
        return product;
      },
    },
    {
      method: 'GET',
      pattern: '/v1/products',
      handle: ({ params }) => {
        const active = booleanParam(params.active);
        const ids = arrayParam(params.ids);
        const products = [...store.products.values()].filter((p) => (active === undefined || p.active === active) && (ids.length === 0 || ids.includes(p.id)));
        return paginate('/v1/products', products, params);
      },
    },
    { method: 'POST', pattern: '/v1/prices', handle: ({ params }) => createPrice(store, params) },
    { method: 'GET', pattern: '/v1/prices/:id', handle: ({ pathParams }) => priceOrThrow(store, pathParams.id!, 'id') },
    {
      method: 'POST',
      pattern: '/v1/prices/:id',
      handle: ({ pathParams, params }) => {
        const price = priceOrThrow(store, pathParams.id!, 'id');
        const before = structuredClone(price);
        if (params.active !== undefined) price.active = booleanParam(params.active);
        if (params.nickname !== undefined) price.nickname = params.nickname || null;
        if (params.metadata !== undefined) price.metadata = mergeMetadata(price.metadata, params.metadata);
        if (params.lookup_key !== undefined) {
          if (params.lookup_key === '') price.lookup_key = null;
          else claimLookupKey(store, price, params.lookup_key, booleanParam(params.transfer_lookup_key) === true);
        }
        store.emitUpdated('price.updated', before, price);
        return price;
      },
    },
    {
      method: 'GET',
      pattern: '/v1/prices',
      handle: ({ params }) => {
        const active = booleanParam(params.active);
        const lookupKeys = arrayParam(params.lookup_keys);
        const prices = [...store.prices.values()].filter(
          (p) =>
            (active === undefined || p.active === active) &&
            (lookupKeys.length === 0 || lookupKeys.includes(p.lookup_key)) &&
            (params.product === undefined || p.product === params.product) &&
            (params.type === undefined || p.type === params.type) &&
            (params.currency === undefined || p.currency === params.currency) &&
            (params.recurring?.interval === undefined || p.recurring?.interval === params.recurring.interval),
        );
        return paginate('/v1/prices', prices, params);
      },
    },
  ];
}
