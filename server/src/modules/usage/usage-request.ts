import { hash } from 'node:crypto';
import { usageErrors } from './usage.errors';
import { canonicalJson } from '../../shared/canonical-json';

/** One call records at most this many units (GraphQL Int is 32-bit; counters are bigint). */
export const MAX_QUANTITY = 1_000_000_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
export const MAX_METADATA_JSON_LENGTH = 4_096;
export const MAX_BATCH_EVENTS = 1_000;
/** Batched events may be reported late (as Stripe meters accept) but not from the future beyond clock skew. */
export const MAX_EVENT_AGE_MS = 35 * 86_400_000;
export const MAX_EVENT_SKEW_MS = 5 * 60_000;

export interface UsageRequest {
  featureKey: string;
  quantity: number;
  idempotencyKey: string;
  metadata?: Record<string, unknown> | null;
}

export interface NormalisedUsage {
  featureKey: string;
  quantity: number;
  idempotencyKey: string;
  metadata: Record<string, unknown>;
  /** What the idempotency key is bound to. */
  requestHash: string;
}

export function checkQuantity(quantity: number, field = 'quantity'): number {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw usageErrors.invalid(field, `${field} must be a whole number from 1 to ${MAX_QUANTITY}`);
  }
  return quantity;
}

/** Checks a write's fields (naming them under `prefix`, e.g. "events.3.") and binds its key to a request hash. */
export function normaliseUsage(request: UsageRequest, prefix = ''): NormalisedUsage {
  const { featureKey, idempotencyKey } = request;
  if (typeof featureKey !== 'string' || featureKey.length < 1 || featureKey.length > 63) {
    throw usageErrors.invalid(`${prefix}featureKey`, 'featureKey must be a feature key such as "messages"');
  }
  const quantity = checkQuantity(request.quantity, `${prefix}quantity`);
  if (typeof idempotencyKey !== 'string' || idempotencyKey.length < 1 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw usageErrors.invalid(`${prefix}idempotencyKey`, `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  const metadata = request.metadata ?? {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw usageErrors.invalid(`${prefix}metadata`, 'metadata must be a JSON object');
  if (JSON.stringify(metadata).length > MAX_METADATA_JSON_LENGTH) {
    throw usageErrors.invalid(`${prefix}metadata`, `metadata must be at most ${MAX_METADATA_JSON_LENGTH} characters of JSON`);
  }
  return { featureKey, quantity, idempotencyKey, metadata, requestHash: requestHashOf(featureKey, quantity, metadata) };
}

export function requestHashOf(featureKey: string, quantity: number, metadata: Record<string, unknown>): string {
  return hash('sha256', canonicalJson({ featureKey, quantity, metadata }), 'hex');
}

/** Same key: the first answer if the request is the same, CONFLICT if it is not. */
export function replayOf<T>(stored: { requestHash: string; answer: T }, requestHash: string): T {
  if (stored.requestHash !== requestHash) throw usageErrors.idempotencyConflict();
  return stored.answer;
}
