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
  if (!hasNoKeys(metadata) && JSON.stringify(metadata).length > MAX_METADATA_JSON_LENGTH) {
    throw usageErrors.invalid(`${prefix}metadata`, `metadata must be at most ${MAX_METADATA_JSON_LENGTH} characters of JSON`);
  }
  return { featureKey, quantity, idempotencyKey, metadata, requestHash: requestHashOf(featureKey, quantity, metadata) };
}

export function requestHashOf(featureKey: string, quantity: number, metadata: Record<string, unknown>): string {
  if (!hasNoKeys(metadata)) return hash('sha256', canonicalJson({ featureKey, quantity, metadata }), 'hex');
  // Most requests carry no metadata, and a batch repeats one feature and quantity up to 1,000 times.
  const memoKey = `${quantity}:${featureKey}`;
  let requestHash = hashesWithoutMetadata.get(memoKey);
  if (requestHash === undefined) {
    if (hashesWithoutMetadata.size >= MAX_MEMOISED_HASHES) hashesWithoutMetadata.clear();
    requestHash = hash('sha256', canonicalJson({ featureKey, quantity, metadata: {} }), 'hex');
    hashesWithoutMetadata.set(memoKey, requestHash);
  }
  return requestHash;
}

const MAX_MEMOISED_HASHES = 10_000;
/** Request hashes of metadata-free requests, by quantity and feature (bounded: cleared when full). */
const hashesWithoutMetadata = new Map<string, string>();

function hasNoKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

/** Same key: the first answer if the request is the same, CONFLICT if it is not. */
export function replayOf<T>(stored: { requestHash: string; answer: T }, requestHash: string): T {
  if (stored.requestHash !== requestHash) throw usageErrors.idempotencyConflict();
  return stored.answer;
}
