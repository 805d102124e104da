import { invalidParam, missingParam, noSuch, SandboxApiError } from '../sandbox-errors';
import { newId, randomToken } from '../sandbox-ids';
import { integerParam, paginate } from '../sandbox-lists';
import type { ApiRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';

const FORMULAS = ['sum', 'count', 'last'];

/** Billing meters and meter events; events are summed into the invoices of metered prices using the meter. */
export function meterRoutes(store: SandboxStore): ApiRoute[] {
  const meterOrThrow = (id: string) => {
    const meter = store.meters.get(id);
    if (!meter) throw noSuch('billing meter', id);
    return meter;
  };
  const setStatus = (meter: StripeObject, status: 'active' | 'inactive') => {
    meter.status = status;
    meter.status_transitions.deactivated_at = status === 'inactive' ? store.now() : null;
    meter.updated = store.now();
    return meter;
  };
  return [
    {
      method: 'POST',
      pattern: '/v1/billing/meters',
      handle: ({ params }) => {
        if (!params.display_name) throw missingParam('display_name');
        if (!params.event_name) throw missingParam('event_name');
        if (!params.default_aggregation?.formula) throw missingParam('default_aggregation[formula]');
        if (!FORMULAS.includes(params.default_aggregation.formula)) throw invalidParam('default_aggregation[formula]', `Invalid default_aggregation[formula]: must be one of ${FORMULAS.join(', ')}`);
        if ([...store.meters.values()].some((m) => m.event_name === params.event_name && m.status === 'active')) {
          throw new SandboxApiError(400, 'invalid_request_error', `An active meter with event_name \`${params.event_name}\` already exists.`, 'resource_already_exists', 'event_name');
        }
        const now = store.now();
        const meter: StripeObject = {
          id: `mtr_test_${randomToken(24)}`,
          object: 'billing.meter',
          created: now,
          customer_mapping: { event_payload_key: params.customer_mapping?.event_payload_key ?? 'stripe_customer_id', type: 'by_id' },
          default_aggregation: { formula: params.default_aggregation.formula },
          display_name: params.display_name,
          event_name: params.event_name,
          event_time_window: params.event_time_window ?? null,
          livemode: false,
          status: 'active',
          status_transitions: { deactivated_at: null },
          updated: now,
          value_settings: { event_payload_key: params.value_settings?.event_payload_key ?? 'value' },
        };
        store.meters.set(meter.id, meter);
        return meter;
      },
    },
    { method: 'GET', pattern: '/v1/billing/meters/:id', handle: ({ pathParams }) => meterOrThrow(pathParams.id!) },
    {
      method: 'POST',
      pattern: '/v1/billing/meters/:id',
      handle: ({ pathParams, params }) => {
        const meter = meterOrThrow(pathParams.id!);
        if (params.display_name) meter.display_name = params.display_name;
        meter.updated = store.now();
        return meter;
      },
    },
    { method: 'POST', pattern: '/v1/billing/meters/:id/deactivate', handle: ({ pathParams }) => setStatus(meterOrThrow(pathParams.id!), 'inactive') },
    { method: 'POST', pattern: '/v1/billing/meters/:id/reactivate', handle: ({ pathParams }) => setStatus(meterOrThrow(pathParams.id!), 'active') },
    {
      method: 'GET',
      pattern: '/v1/billing/meters',
      handle: ({ params }) => paginate('/v1/billing/meters', [...store.meters.values()].filter((m) => params.status === undefined || m.status === params.status), params),
    },
    {
      method: 'POST',
      pattern: '/v1/billing/meter_events',
      handle: ({ params }) => {
        if (!params.event_name) throw missingParam('event_name');
        if (!params.payload || typeof params.payload !== 'object') throw missingParam('payload');
        // The same identifier is the same event: a retried report is answered, never counted twice.
        const identifier = (params.identifier as string | undefined) ?? newId('mev').slice(4);
        const existing = store.meterEvents.get(identifier);
        if (existing) return existing;
        const meter = [...store.meters.values()].find((m) => m.event_name === params.event_name && m.status === 'active');
        if (!meter) throw new SandboxApiError(400, 'invalid_request_error', `No active meter was found for event_name \`${params.event_name}\`.`, 'resource_missing', 'event_name');
        const customerKey = meter.customer_mapping.event_payload_key;
        const valueKey = meter.value_settings.event_payload_key;
        if (!params.payload[customerKey]) throw missingParam(`payload[${customerKey}]`);
        if (meter.default_aggregation.formula !== 'count' && (params.payload[valueKey] === undefined || !Number.isFinite(Number(params.payload[valueKey])))) {
          throw invalidParam(`payload[${valueKey}]`, `The payload value for \`${valueKey}\` must be a number.`);
        }
        const event: StripeObject = {
          object: 'billing.meter_event',
          created: store.now(),
          event_name: params.event_name,
          identifier,
          livemode: false,
          payload: Object.fromEntries(Object.entries(params.payload).map(([k, v]) => [k, String(v)])),
          timestamp: integerParam('timestamp', params.timestamp) ?? store.now(),
        };
        store.meterEvents.set(identifier, event);
        return event;
      },
    },
  ];
}
