import type { EntityManager } from 'typeorm';
import { type CrossOrganizationLane, type GroupOutcome, type OrganizationItem, outcomeOf } from '../../db/tenant-batcher';
import { type PreparedStatement, queryPrepared, together } from '../../db/prepared-statements';
import { lastFlightWithCommit } from '../../db/database';
import type { Clock } from '../../clock';
import { FeatureKind } from '../catalog/catalog.enums';
import { type FeatureContext, groupContextKey, readGroupContextsLockingCounters, storedAnswerOf, type StoredAnswer, type StoredAnswerRow } from './entitlement-context';
import { type EntitlementAnswer, type RecordedFacts, answerFromRecorded, meteredAnswer, notEntitledAnswer } from './usage-answer';
import { type NormalisedUsage, replayOf } from './usage-request';
import { GROUP_EXISTING_KEYS_SQL, RECORD_GROUP_SQL } from './usage-sql';
import { usageErrors } from './usage.errors';

export type RecordMode = 'track' | 'checkAndTrack';

export interface GroupedUsage {
  usage: NormalisedUsage;
  mode: RecordMode;
}

interface PlannedEvent {
  organizationId: string;
  usage: NormalisedUsage;
  context: FeatureContext;
  overageQuantity: number;
  facts: RecordedFacts;
}

interface CounterWindow {
  organizationId: string;
  featureKey: string;
  windowStart: Date;
}

const counterKey = (organizationId: string, featureKey: string, windowStart: Date) => `${organizationId}\u0000${featureKey}\u0000${windowStart.toISOString()}`;
const eventKey = (organizationId: string, idempotencyKey: string) => `${organizationId}\u0000${idempotencyKey}`;

/**
 * Concurrent track/checkAndTrack calls as one group — of one organization or of many — in two round trips whatever
 * its size: the plan contexts with the counters locked (so the counts are current and stay so) and earlier uses
 * of the keys; then every event and every counter change in one statement, sent with the COMMIT. Each call's answer is
 * decided in arrival order against the running count of its organization's counter, exactly as lone calls in that
 * order would be answered: the last unit under a block limit goes to exactly one caller, and a key used twice in
 * the group is recorded once and replayed (or refused as a CONFLICT) for the second.
 */
export function usageLane(clock: Clock): CrossOrganizationLane<GroupedUsage, EntitlementAnswer> {
  return {
    name: 'usage',
    acrossOrganizations: true,
    async execute(manager, items) {
      const now = clock.now();
      // One flight (with BEGIN and the scope, see Database.inOrganizations): neither needs the other's answer, and
      // PostgreSQL runs them in this order, so the keys are read with the counters already locked.
      const [contexts, earlier] = await together(
        manager,
        () => readGroupContextsLockingCounters(manager, items.map(({ organizationId, item }) => ({ organizationId, featureKey: item.usage.featureKey })), now),
        () => earlierAnswers(manager, items),
      );
      // Each (organization, feature) has one window in a group; its count as locked, then as the group moves it.
      const counts = new Map([...contexts].map(([key, context]) => [key, context.used]));

      const planned: PlannedEvent[] = [];
      const outcomes: Array<GroupOutcome<EntitlementAnswer>> = [];
      for (const { organizationId, item } of items) {
        const { usage, mode } = item;
        outcomes.push(
          await outcomeOf(() => {
            const key = groupContextKey(organizationId, usage.featureKey);
            const context = contexts.get(key);
            if (!context) throw usageErrors.unknownFeature(usage.featureKey);
            const stored = earlier.get(eventKey(organizationId, usage.idempotencyKey));
            if (stored) return replayOf(stored, usage.requestHash);
            if (context.kind === FeatureKind.BOOLEAN) throw usageErrors.notMetered(usage.featureKey);
            if (!context.entitled) {
              if (mode === 'track') throw usageErrors.notEntitled(usage.featureKey);
              return notEntitledAnswer(usage.featureKey);
            }
            const used = counts.get(key)!;
            const terms = { featureKey: usage.featureKey, limit: context.limit, resetsAt: context.windowEnd, overage: context.overage };
            const after = used + usage.quantity;
            // A refusal records nothing (the same key may succeed later), as a lone checkAndTrack.
            if (mode === 'checkAndTrack' && !context.overage && context.limit !== null && after > context.limit) return meteredAnswer(terms, used, after);
            counts.set(key, after);
            const facts: RecordedFacts = { ...terms, used: after };
            const overageQuantity = context.overage && context.limit !== null ? Math.min(usage.quantity, Math.max(after - context.limit, 0)) : 0;
            planned.push({ organizationId, usage, context, overageQuantity, facts });
            const answer = answerFromRecorded(facts);
            earlier.set(eventKey(organizationId, usage.idempotencyKey), { requestHash: usage.requestHash, answer });
            return answer;
          }),
        );
      }
      // Last: with the COMMIT in its flight, nothing may fail after it (see lastFlightWithCommit).
      if (planned.length > 0) await lastFlightWithCommit(manager, [recordPlannedStatement(planned, now)]);
      return outcomes;
    },
  };
}

async function earlierAnswers(manager: EntityManager, items: Array<OrganizationItem<GroupedUsage>>): Promise<Map<string, StoredAnswer>> {
  const pairs = [...new Map(items.map((i) => [eventKey(i.organizationId, i.item.usage.idempotencyKey), i])).values()];
  const rows = await queryPrepared<StoredAnswerRow & { organization_id: string; idempotency_key: string }>(
    manager,
    'tg_usage_group_keys',
    GROUP_EXISTING_KEYS_SQL,
    [pairs.map((i) => i.organizationId), pairs.map((i) => i.item.usage.idempotencyKey)],
  );
  return new Map(rows.map((row) => [eventKey(row.organization_id, row.idempotency_key), storedAnswerOf(row)!]));
}

/** Timestamps for array parameters as ISO text: pg's own Date formatting was ~2 % of what the hot path allocated. */
const isoText = (date: Date | null) => (date === null ? null : date.toISOString());

/** Every planned event and every counter change, as one statement. */
function recordPlannedStatement(planned: PlannedEvent[], now: Date): PreparedStatement {
  const deltas = new Map<string, CounterWindow & { delta: number }>();
  for (const { organizationId, usage, context } of planned) {
    const key = counterKey(organizationId, usage.featureKey, context.windowStart!);
    const entry = deltas.get(key) ?? { organizationId, featureKey: usage.featureKey, windowStart: context.windowStart!, delta: 0 };
    entry.delta += usage.quantity;
    deltas.set(key, entry);
  }
  const counters = [...deltas.values()];
  return {
    name: 'tg_usage_group_record',
    text: RECORD_GROUP_SQL,
    values: [
      now,
      planned.map((p) => p.organizationId),
      planned.map((p) => p.usage.featureKey),
      planned.map((p) => p.usage.quantity),
      planned.map((p) => p.overageQuantity),
      planned.map((p) => isoText(p.context.windowStart)),
      planned.map((p) => p.usage.idempotencyKey),
      planned.map((p) => p.usage.requestHash),
      planned.map((p) => JSON.stringify(p.usage.metadata)),
      planned.map((p) => p.facts.used),
      planned.map((p) => p.facts.limit),
      planned.map((p) => isoText(p.facts.resetsAt)),
      planned.map((p) => p.facts.overage),
      counters.map((c) => c.organizationId),
      counters.map((c) => c.featureKey),
      counters.map((c) => isoText(c.windowStart)),
      counters.map((c) => c.delta),
    ],
  };
}
