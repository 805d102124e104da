import type { EntityManager } from 'typeorm';
import { type BatchLane, type GroupOutcome, outcomeOf } from '../../db/tenant-batcher';
import { queryPrepared } from '../../db/prepared-statements';
import type { Clock } from '../../clock';
import { FeatureKind } from '../catalog/catalog.enums';
import { type FeatureContext, readFeatureContext, storedAnswerOf, type StoredAnswer } from './entitlement-context';
import { type EntitlementAnswer, type RecordedFacts, answerFromRecorded, meteredAnswer, notEntitledAnswer } from './usage-answer';
import { type NormalisedUsage, replayOf } from './usage-request';
import { EXISTING_KEYS_SQL, LOCK_COUNTERS_SQL, RECORD_GROUP_SQL } from './usage-sql';
import { usageErrors } from './usage.errors';

export type RecordMode = 'track' | 'checkAndTrack';

export interface GroupedUsage {
  usage: NormalisedUsage;
  mode: RecordMode;
}

interface PlannedEvent {
  usage: NormalisedUsage;
  context: FeatureContext;
  overageQuantity: number;
  facts: RecordedFacts;
}

const counterKey = (featureKey: string, windowStart: Date) => `${featureKey}\u0000${windowStart.toISOString()}`;

/**
 * Concurrent track/checkAndTrack calls of one organization as one group, in a fixed number of statements
 * whatever its size: the plan context per feature, earlier uses of the keys, the counters locked (so the counts
 * are current and stay so), then every event and every counter change in one statement. Each call's answer is
 * decided in arrival order against the running count, exactly as lone calls in that order would be answered:
 * the last unit under a block limit goes to exactly one caller, and a key used twice in the group is recorded
 * once and replayed (or refused as a CONFLICT) for the second.
 */
export function usageLane(clock: Clock): BatchLane<GroupedUsage, EntitlementAnswer> {
  return {
    name: 'usage',
    async execute(manager, organizationId, items) {
      const now = clock.now();
      const contexts = new Map<string, FeatureContext | null>();
      for (const featureKey of new Set(items.map((i) => i.usage.featureKey))) {
        contexts.set(featureKey, await readFeatureContext(manager, organizationId, featureKey, now, null));
      }
      const earlier = await earlierAnswers(manager, organizationId, items);
      const counts = await lockCounters(manager, organizationId, contexts);

      const planned: PlannedEvent[] = [];
      const outcomes: Array<GroupOutcome<EntitlementAnswer>> = [];
      for (const { usage, mode } of items) {
        outcomes.push(
          await outcomeOf(() => {
            const context = contexts.get(usage.featureKey);
            if (!context) throw usageErrors.unknownFeature(usage.featureKey);
            const stored = earlier.get(usage.idempotencyKey);
            if (stored) return replayOf(stored, usage.requestHash);
            if (context.kind === FeatureKind.BOOLEAN) throw usageErrors.notMetered(usage.featureKey);
            if (!context.entitled) {
              if (mode === 'track') throw usageErrors.notEntitled(usage.featureKey);
              return notEntitledAnswer(usage.featureKey);
            }
            const key = counterKey(usage.featureKey, context.windowStart!);
            const used = counts.get(key)!;
            const terms = { featureKey: usage.featureKey, limit: context.limit, resetsAt: context.windowEnd, overage: context.overage };
            const after = used + usage.quantity;
            // A refusal records nothing (the same key may succeed later), as a lone checkAndTrack.
            if (mode === 'checkAndTrack' && !context.overage && context.limit !== null && after > context.limit) return meteredAnswer(terms, used, after);
            counts.set(key, after);
            const facts: RecordedFacts = { ...terms, used: after, resetsAt: context.windowEnd?.toISOString() ?? null };
            const overageQuantity = context.overage && context.limit !== null ? Math.min(usage.quantity, Math.max(after - context.limit, 0)) : 0;
            planned.push({ usage, context, overageQuantity, facts });
            const answer = answerFromRecorded(facts);
            earlier.set(usage.idempotencyKey, { requestHash: usage.requestHash, answer });
            return answer;
          }),
        );
      }
      if (planned.length > 0) await recordPlanned(manager, organizationId, planned, now);
      return outcomes;
    },
  };
}

async function earlierAnswers(manager: EntityManager, organizationId: string, items: GroupedUsage[]): Promise<Map<string, StoredAnswer>> {
  const rows = await queryPrepared<{ idempotency_key: string; request_hash: string; result: RecordedFacts }>(
    manager,
    'tg_usage_existing_keys',
    EXISTING_KEYS_SQL,
    [organizationId, items.map((i) => i.usage.idempotencyKey)],
  );
  return new Map(rows.map((row) => [row.idempotency_key, storedAnswerOf(row.request_hash, row.result)!]));
}

/** Locks every counter the group may move (creating it at zero), in sorted order, and returns its count. */
async function lockCounters(manager: EntityManager, organizationId: string, contexts: Map<string, FeatureContext | null>): Promise<Map<string, number>> {
  const windows = [...contexts.entries()].filter(([, c]) => c?.entitled && c.kind === FeatureKind.METERED && c.windowStart) as Array<[string, FeatureContext]>;
  if (windows.length === 0) return new Map();
  const rows = await queryPrepared<{ feature_key: string; window_start: Date; used: string }>(manager, 'tg_usage_lock_counters', LOCK_COUNTERS_SQL, [
    organizationId,
    windows.map(([featureKey]) => featureKey),
    windows.map(([, c]) => c.windowStart),
  ]);
  return new Map(rows.map((row) => [counterKey(row.feature_key, row.window_start), Number(row.used)]));
}

async function recordPlanned(manager: EntityManager, organizationId: string, planned: PlannedEvent[], now: Date): Promise<void> {
  const deltas = new Map<string, { featureKey: string; windowStart: Date; delta: number }>();
  for (const { usage, context } of planned) {
    const key = counterKey(usage.featureKey, context.windowStart!);
    const entry = deltas.get(key) ?? { featureKey: usage.featureKey, windowStart: context.windowStart!, delta: 0 };
    entry.delta += usage.quantity;
    deltas.set(key, entry);
  }
  await queryPrepared(manager, 'tg_usage_record_group', RECORD_GROUP_SQL, [
    organizationId,
    now,
    planned.map((p) => p.usage.featureKey),
    planned.map((p) => p.usage.quantity),
    planned.map((p) => p.overageQuantity),
    planned.map((p) => p.context.windowStart),
    planned.map((p) => p.usage.idempotencyKey),
    planned.map((p) => p.usage.requestHash),
    planned.map((p) => JSON.stringify(p.usage.metadata)),
    planned.map((p) => JSON.stringify(p.facts)),
    [...deltas.values()].map((d) => d.featureKey),
    [...deltas.values()].map((d) => d.windowStart),
    [...deltas.values()].map((d) => d.delta),
  ]);
}
