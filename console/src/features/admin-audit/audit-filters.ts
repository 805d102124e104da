import { AuditActorKind } from '../../gql/enums';
import type { AdminAuditFilterInput } from '../../gql/graphql';

export const PAGE_SIZE = 25;

/** The server's rule for the action filter (audit.input.ts). */
export const AUDIT_ACTION = /^[a-z_]+\.[a-z_.]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Actions Tollgate records, to pick from; the filter takes any other action too. */
export const KNOWN_ACTIONS = [
  'api_key.created',
  'api_key.revoked',
  'billing.catalog_synced',
  'billing.checkout_created',
  'billing.credit_checkout_created',
  'billing.customer_created',
  'billing.portal_session_created',
  'catalog.loaded',
  'credit_event.created',
  'credit_event.updated',
  'credit_product.archived',
  'credit_product.created',
  'credit_product.updated',
  'credits.adjusted',
  'credits.expired',
  'credits.granted',
  'credits.low_balance_threshold_set',
  'credits.purchased',
  'credits.topped_up',
  'feature.archived',
  'feature.created',
  'feature.updated',
  'feature_flag.created',
  'feature_flag.updated',
  'feature_flag.override_set',
  'feature_flag.override_cleared',
  'plan.archived',
  'plan.created',
  'plan.terms_changed',
  'plan.unarchived',
  'plan.updated',
  'platform_setting.updated',
  'stripe.event_replayed',
  'stripe_sandbox.clock_advanced',
  'subscription.cancel_scheduled',
  'subscription.renewed',
  'subscription.started',
  'subscription.synced',
  'subscription.upgraded',
];

export interface AuditFilters {
  action: string;
  organizationId: string | null;
  actorType: AuditActorKind | null;
  /** Calendar days (YYYY-MM-DD) in the viewer's time zone, both inclusive. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { action: '', organizationId: null, actorType: null, from: '', to: '' };

const ACTOR_KINDS = Object.values(AuditActorKind) as string[];

export function filtersFromSearchParams(params: URLSearchParams): AuditFilters {
  const actor = params.get('actor');
  const organizationId = params.get('organization');
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    action: params.get('action') ?? '',
    organizationId: organizationId && UUID.test(organizationId) ? organizationId : null,
    actorType: actor && ACTOR_KINDS.includes(actor) ? (actor as AuditActorKind) : null,
    from: date('from'),
    to: date('to'),
  };
}

export function filtersToSearchParams(filters: AuditFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.action.trim()) params.action = filters.action.trim();
  if (filters.organizationId) params.organization = filters.organizationId;
  if (filters.actorType) params.actor = filters.actorType;
  if (filters.from) params.from = filters.from;
  if (filters.to) params.to = filters.to;
  return params;
}

export function auditFilterErrors(filters: AuditFilters): { action?: string; to?: string } {
  const action = filters.action.trim();
  return {
    ...(action && !AUDIT_ACTION.test(action) ? { action: 'An action looks like subscription.upgraded' } : {}),
    ...(filters.from && filters.to && filters.to < filters.from ? { to: 'The end is before the start' } : {}),
  };
}

/** Local midnight starting a calendar day, as the ISO instant the API compares against. */
function startOfLocalDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/**
 * The filters as the query's `filter`. Days are the viewer's: "from" is the start of that day, "to" includes its
 * whole day (the API's `to` is exclusive, so it gets the next day's start). Invalid parts are left out rather than
 * sent to be refused (the form shows why).
 */
export function auditFilterInput(filters: AuditFilters): AdminAuditFilterInput | null {
  const errors = auditFilterErrors(filters);
  const input: AdminAuditFilterInput = {};
  const action = filters.action.trim();
  if (action && !errors.action) input.action = action;
  if (filters.organizationId) input.organizationId = filters.organizationId;
  if (filters.actorType) input.actorType = filters.actorType;
  if (filters.from) input.from = startOfLocalDay(filters.from).toISOString();
  if (filters.to && !errors.to) {
    const end = startOfLocalDay(filters.to);
    end.setDate(end.getDate() + 1);
    input.to = end.toISOString();
  }
  return Object.keys(input).length > 0 ? input : null;
}
