import { hash } from 'node:crypto';
import { CreditConsumptionOrder } from '../catalog/catalog.enums';
import { creditErrors } from './credits.errors';
import { canonicalJson } from '../../shared/canonical-json';

/** PostgreSQL `integer`: balances, deltas and costs stay within it. */
export const MAX_CREDITS = 2_147_483_647;
/** Largest single purchase, adjustment or grant. */
export const MAX_CREDITS_PER_ENTRY = 1_000_000_000;
export const MAX_QUANTITY = 1_000_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
export const MAX_METADATA_JSON_LENGTH = 4_096;
export const MAX_REASON_LENGTH = 500;

/** What an idempotency key is bound to: a later request under the same key must hash the same. */
export function requestHashOf(kind: string, request: Record<string, unknown>): string {
  return hash('sha256', `${kind}:${canonicalJson(request)}`, 'hex');
}

export function checkPositiveInteger(field: string, value: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw creditErrors.invalid(field, `${field} must be a positive integer`);
  if (value > max) throw creditErrors.invalid(field, `${field} must be at most ${max}`);
  return value;
}

export function checkIdempotencyKey(key: string): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw creditErrors.invalid('idempotencyKey', `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  return key;
}

export function checkMetadata(metadata: Record<string, unknown> | null | undefined): Record<string, unknown> {
  if (metadata === null || metadata === undefined) return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw creditErrors.invalid('metadata', 'metadata must be a JSON object');
  if (JSON.stringify(metadata).length > MAX_METADATA_JSON_LENGTH) {
    throw creditErrors.invalid('metadata', `metadata must be at most ${MAX_METADATA_JSON_LENGTH} characters of JSON`);
  }
  return metadata;
}

export function checkReason(reason: string | null | undefined): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 1 || trimmed.length > MAX_REASON_LENGTH) {
    throw creditErrors.invalid('reason', `reason is required (at most ${MAX_REASON_LENGTH} characters)`);
  }
  return trimmed;
}

/** The consumption order setting as stored (a JSON string); anything else means the default, purchased first. */
export function consumptionOrderOf(value: unknown): CreditConsumptionOrder {
  return value === CreditConsumptionOrder.SUBSCRIPTION_FIRST ? CreditConsumptionOrder.SUBSCRIPTION_FIRST : CreditConsumptionOrder.PURCHASED_FIRST;
}

export interface CostSplit {
  fromPurchased: number;
  fromSubscription: number;
}

/** How `cost` is drawn from the two buckets, first bucket first; null when both together cannot cover it. */
export function splitCost(cost: number, buckets: { purchased: number; subscription: number }, order: CreditConsumptionOrder): CostSplit | null {
  if (cost > buckets.purchased + buckets.subscription) return null;
  if (order === CreditConsumptionOrder.SUBSCRIPTION_FIRST) {
    const fromSubscription = Math.min(cost, buckets.subscription);
    return { fromSubscription, fromPurchased: cost - fromSubscription };
  }
  const fromPurchased = Math.min(cost, buckets.purchased);
  return { fromPurchased, fromSubscription: cost - fromPurchased };
}
