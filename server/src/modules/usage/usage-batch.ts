import { registerEnumType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../shared/domain-error';
import type { ErrorCode } from '../../shared/error-code';
import { FeatureKind } from '../catalog/catalog.enums';
import { type BatchFeatureContext, readFeatureContexts, storedAnswerOf, type StoredAnswer } from './entitlement-context';
import { type EntitlementAnswer, answerFromRecorded } from './usage-answer';
import { MAX_EVENT_AGE_MS, MAX_EVENT_SKEW_MS, type NormalisedUsage, type UsageRequest, normaliseUsage } from './usage-request';
import { EXISTING_KEYS_SQL, RECORD_BATCH_SQL } from './usage-sql';
import { IdempotencyRace, usageErrors } from './usage.errors';
import { isUniqueViolation } from '../../db/pg-errors';
import { queryPrepared } from '../../db/prepared-statements';

export interface BatchEvent extends UsageRequest {
  /** When the usage happened (default: now); it counts in the window that contains this moment. */
  occurredAt?: Date | null;
}

export enum UsageEventStatus {
  RECORDED = 'RECORDED',
  /** The idempotency key was already recorded (earlier, or earlier in this batch) for the same request. */
  DUPLICATE = 'DUPLICATE',
  REJECTED = 'REJECTED',
}
registerEnumType(UsageEventStatus, { name: 'UsageEventStatus' });

export interface BatchEventResult {
  index: number;
  idempotencyKey: string;
  status: UsageEventStatus;
  /** The entitlement after the event (RECORDED) or as first recorded (DUPLICATE). */
  answer: EntitlementAnswer | null;
  error: { code: ErrorCode; message: string; field: string | null } | null;
}

interface Candidate {
  index: number;
  usage: NormalisedUsage;
  /** Null: now (the statement's own `now`, so the usual event needs no timestamp of its own). */
  occurredAt: Date | null;
}

interface Accepted extends Candidate {
  context: BatchFeatureContext;
}

const rejected = (index: number, idempotencyKey: unknown, error: DomainError): BatchEventResult => {
  const fields = error.details?.fields as Array<{ field: string }> | undefined;
  return {
    index,
    idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : '',
    status: UsageEventStatus.REJECTED,
    answer: null,
    error: { code: error.code, message: error.message, field: fields?.[0]?.field ?? null },
  };
};

function checkOccurredAt(occurredAt: Date | null | undefined, now: Date, prefix: string): Date | null {
  if (occurredAt === null || occurredAt === undefined) return null;
  const at = occurredAt.getTime();
  if (Number.isNaN(at) || at < now.getTime() - MAX_EVENT_AGE_MS || at > now.getTime() + MAX_EVENT_SKEW_MS) {
    throw usageErrors.invalid(`${prefix}occurredAt`, 'occurredAt must be within the last 35 days (and not in the future)');
  }
  return occurredAt;
}

async function existingAnswers(manager: EntityManager, organizationId: string, keys: string[]): Promise<Map<string, StoredAnswer>> {
  if (keys.length === 0) return new Map();
  const rows: any[] = await queryPrepared(manager, 'tg_usage_batch_existing_keys', EXISTING_KEYS_SQL, [organizationId, keys]);
  return new Map(rows.map((row) => [row.idempotency_key as string, storedAnswerOf(row)!]));
}

/** Runs RECORD_BATCH_SQL; a key recorded meanwhile by a concurrent request is a race: the caller rolls back and reads again. */
async function recordAccepted(manager: EntityManager, parameters: unknown[]): Promise<any[]> {
  try {
    return await queryPrepared(manager, 'tg_usage_batch_record', RECORD_BATCH_SQL, parameters);
  } catch (error) {
    if (isUniqueViolation(error, 'usage_events_pkey')) throw new IdempotencyRace();
    throw error;
  }
}

/**
 * Each distinct payload (feature, quantity, metadata: what the request hash covers) once, and per event the 1-based
 * position of its own. A batch is mostly events of one kind; sending each event's hash and metadata made up most
 * of the statement's bytes, and writing them to the socket cost the server more CPU than any other step.
 */
function distinctPayloads(accepted: Accepted[]): { usages: NormalisedUsage[]; indexes: number[] } {
  const positionOf = new Map<string, number>();
  const usages: NormalisedUsage[] = [];
  const indexes = accepted.map(({ usage }) => {
    let position = positionOf.get(usage.requestHash);
    if (position === undefined) {
      usages.push(usage);
      positionOf.set(usage.requestHash, (position = usages.length));
    }
    return position;
  });
  return { usages, indexes };
}

/**
 * Records a batch inside the caller's tenant transaction: two reads (features and plan terms; keys already
 * used), rules per event in memory, then one set-based statement for every accepted event. A key used again
 * within the batch is a DUPLICATE of its first use (or a CONFLICT when the request differs).
 */
export async function recordBatch(manager: EntityManager, organizationId: string, events: BatchEvent[], now: Date): Promise<BatchEventResult[]> {
  const results: BatchEventResult[] = new Array(events.length);
  const candidates: Candidate[] = [];
  events.forEach((event, index) => {
    try {
      const prefix = `events.${index}.`;
      candidates.push({ index, usage: normaliseUsage(event, prefix), occurredAt: checkOccurredAt(event.occurredAt, now, prefix) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results[index] = rejected(index, event?.idempotencyKey, error);
    }
  });

  const contexts = await readFeatureContexts(manager, organizationId, [...new Set(candidates.map((c) => c.usage.featureKey))]);
  const stored = await existingAnswers(manager, organizationId, [...new Set(candidates.map((c) => c.usage.idempotencyKey))]);
  const firstUse = new Map<string, Candidate>();
  const repeats: Array<{ index: number; of: number }> = [];
  const accepted: Accepted[] = [];
  for (const candidate of candidates) {
    const { index, usage } = candidate;
    const key = usage.idempotencyKey;
    const earlier = stored.get(key);
    const first = firstUse.get(key);
    if (earlier || first) {
      const sameRequest = (earlier?.requestHash ?? first?.usage.requestHash) === usage.requestHash;
      if (!sameRequest) results[index] = rejected(index, key, usageErrors.idempotencyConflict());
      else if (earlier) results[index] = { index, idempotencyKey: key, status: UsageEventStatus.DUPLICATE, answer: earlier.answer, error: null };
      else repeats.push({ index, of: first!.index });
      continue;
    }
    firstUse.set(key, candidate);
    const context = contexts.get(usage.featureKey);
    if (!context) results[index] = rejected(index, key, usageErrors.unknownFeature(usage.featureKey));
    else if (context.kind === FeatureKind.BOOLEAN) results[index] = rejected(index, key, usageErrors.notMetered(usage.featureKey));
    else if (!context.entitled) results[index] = rejected(index, key, usageErrors.notEntitled(usage.featureKey));
    else accepted.push({ ...candidate, context });
  }

  if (accepted.length > 0) {
    const { periodStart, periodEnd } = accepted[0]!.context;
    // Each feature's terms once, not once per event.
    const terms = [...new Map(accepted.map((a) => [a.context.key, a.context])).values()];
    const payloads = distinctPayloads(accepted);
    const rows: any[] = await recordAccepted(manager, [
      organizationId,
      accepted.map((a) => a.index),
      payloads.indexes,
      accepted.map((a) => a.usage.idempotencyKey),
      accepted.some((a) => a.occurredAt !== null) ? accepted.map((a) => a.occurredAt) : null,
      payloads.usages.map((u) => u.featureKey),
      payloads.usages.map((u) => u.quantity),
      payloads.usages.map((u) => u.requestHash),
      payloads.usages.map((u) => JSON.stringify(u.metadata)),
      terms.map((t) => t.key),
      terms.map((t) => t.resetPeriod),
      terms.map((t) => t.limit),
      terms.map((t) => t.overage),
      periodStart,
      periodEnd,
      now,
    ]);
    // Window ends as epoch milliseconds (a number for pg to parse, not a timestamp string per row); one Date each.
    const dateOf = new Map<number, Date>();
    const resetsAtOf = (ms: number | null) => {
      if (ms === null) return null;
      let date = dateOf.get(ms);
      if (date === undefined) dateOf.set(ms, (date = new Date(ms)));
      return date;
    };
    for (const row of rows) {
      const answer = answerFromRecorded({
        featureKey: row.feature_key,
        used: Number(row.used_after),
        limit: row.limit_value === null ? null : Number(row.limit_value),
        resetsAt: resetsAtOf(row.window_end_ms),
        overage: row.overage,
      });
      results[row.position] = { index: row.position, idempotencyKey: events[row.position]!.idempotencyKey, status: UsageEventStatus.RECORDED, answer, error: null };
    }
  }

  for (const { index, of } of repeats) {
    const first = results[of]!;
    results[index] = first.status === UsageEventStatus.REJECTED ? { ...first, index } : { ...first, index, status: UsageEventStatus.DUPLICATE };
  }
  return results;
}
