import { StripeEventProcessingStatus } from '../../gql/enums';
import type { StripeEventFilterInput } from '../../gql/graphql';

export const PAGE_SIZE = 25;

/** The server's rule for the type filter (stripe-event.input.ts). */
export const STRIPE_EVENT_TYPE = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

/** Event types Tollgate acts on (the event mapper's cases); the filter takes any other type too. */
export const KNOWN_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_succeeded',
  'invoice.payment_failed',
  'invoice.marked_uncollectible',
  'invoice.updated',
  'invoice.voided',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'subscription_schedule.created',
  'subscription_schedule.updated',
  'subscription_schedule.released',
  'subscription_schedule.canceled',
  'subscription_schedule.completed',
  'subscription_schedule.aborted',
];

export interface WebhookFilters {
  type: string;
  status: StripeEventProcessingStatus | null;
}

const STATUSES = Object.values(StripeEventProcessingStatus) as string[];

export function filtersFromSearchParams(params: URLSearchParams): WebhookFilters {
  const status = params.get('status');
  return {
    type: params.get('type') ?? '',
    status: status && STATUSES.includes(status) ? (status as StripeEventProcessingStatus) : null,
  };
}

export function filtersToSearchParams(filters: WebhookFilters): Record<string, string> {
  return {
    ...(filters.type.trim() ? { type: filters.type.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
}

export function typeFilterError(type: string): string | null {
  const trimmed = type.trim();
  if (!trimmed || STRIPE_EVENT_TYPE.test(trimmed)) return null;
  return 'A Stripe event type looks like invoice.payment_failed';
}

/** The filters as the query's variables; a half-typed type is left out rather than sent to be refused. */
export function stripeEventVariables(filters: WebhookFilters): { filter: StripeEventFilterInput | null; first: number } {
  const type = filters.type.trim();
  const filter: StripeEventFilterInput = {
    ...(type && !typeFilterError(type) ? { type } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
  return { filter: Object.keys(filter).length > 0 ? filter : null, first: PAGE_SIZE };
}

export const STATUS_LABELS: Record<StripeEventProcessingStatus, { label: string; color: string; meaning: string }> = {
  [StripeEventProcessingStatus.Received]: { label: 'received', color: 'blue', meaning: 'Stored, not applied yet' },
  [StripeEventProcessingStatus.Processing]: { label: 'processing', color: 'yellow', meaning: 'Being applied now' },
  [StripeEventProcessingStatus.Applied]: { label: 'applied', color: 'teal', meaning: 'Changed Tollgate' },
  [StripeEventProcessingStatus.Ignored]: { label: 'ignored', color: 'gray', meaning: 'Nothing to do: an unknown type, older than what was applied, or a repeat' },
  [StripeEventProcessingStatus.Failed]: { label: 'failed', color: 'red', meaning: 'Failed; retried while a next attempt is set' },
};
