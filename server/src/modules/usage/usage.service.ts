import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { FeatureKind } from '../catalog/catalog.enums';
import { type FeatureContext, readFeatureContext, storedAnswerOf } from './entitlement-context';
import { recordBatch, type BatchEvent, type BatchEventResult } from './usage-batch';
import { type EntitlementAnswer, type RecordedFacts, answerFromRecorded, meteredAnswer, notEntitledAnswer } from './usage-answer';
import { MAX_BATCH_EVENTS, type NormalisedUsage, type UsageRequest, normaliseUsage, replayOf } from './usage-request';
import { CURRENT_STATE_SQL, RECORD_ONE_SQL, USAGE_SUMMARY_SQL } from './usage-sql';
import { IdempotencyRace, usageErrors } from './usage.errors';
import { queryPrepared } from '../../db/prepared-statements';
import type { CrossOrganizationLane, TenantBatcher } from '../../db/tenant-batcher';
import { type GroupedUsage, type RecordMode, usageLane } from './usage-group';

/**
 * A write that loses an idempotency key to a concurrent request is rolled back and run again, and then sees that
 * request's answer: each attempt settles at least one more key for good, so a write with n keys needs at most
 * n + 1 attempts. Lock cycles should not happen (counters, then keys, are locked in sorted order) but would be
 * retried a few times.
 */
const MAX_DEADLOCK_RETRIES = 3;
const MAX_SUMMARY_DAYS = 366;
const DAY_MS = 86_400_000;


export interface UsageSummary {
  from: Date;
  to: Date;
  features: Array<{ featureKey: string; total: number; overage: number; days: Array<{ date: string; quantity: number; overage: number }> }>;
}

function isDeadlock(error: unknown): boolean {
  const pg = error as { driverError?: { code?: string }; code?: string };
  return (pg.driverError?.code ?? pg.code) === '40P01';
}

/**
 * Records usage. Every write carries an idempotency key: the same key answers what it answered the first time
 * and changes nothing; reused for a different request it is a CONFLICT. Tracking is high-volume, so its events
 * are its record (no audit entries).
 */
export class UsageService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly batcher?: TenantBatcher,
  ) {
    this.lane = usageLane(clock);
  }

  /** How concurrent calls of one organization are recorded together (see usage-group.ts). */
  private readonly lane: CrossOrganizationLane<GroupedUsage, EntitlementAnswer>;

  /** Usage that already happened: recorded even past a block limit (the answer then says allowed=false, EXCEEDED). */
  track(organizationId: string, request: UsageRequest): Promise<EntitlementAnswer> {
    return this.record(organizationId, normaliseUsage(request), 'track');
  }

  /**
   * Check and record atomically: under a block limit the usage is recorded only if all of it fits (otherwise
   * nothing is, and the answer says why); under an overage limit it is recorded and the part past the limit is
   * kept as overage. A refusal is not stored, so the same key may succeed once the window resets.
   */
  checkAndTrack(organizationId: string, request: UsageRequest): Promise<EntitlementAnswer> {
    return this.record(organizationId, normaliseUsage(request), 'checkAndTrack');
  }

  /** Up to 1,000 events in one transaction of three statements; each event gets its own outcome. */
  async trackBatch(organizationId: string, events: BatchEvent[]): Promise<BatchEventResult[]> {
    if (!Array.isArray(events) || events.length === 0 || events.length > MAX_BATCH_EVENTS) {
      throw usageErrors.invalid('events', `events must hold 1 to ${MAX_BATCH_EVENTS} events`);
    }
    return this.retrying(() => this.database.inTenant(organizationId, (m) => recordBatch(m, organizationId, events, this.clock.now())), events.length + 1);
  }

  /** Totals per feature and per UTC day over [from, to). */
  async usageSummary(organizationId: string, range: { from: Date; to: Date }): Promise<UsageSummary> {
    const { from, to } = range;
    if (Number.isNaN(from.getTime())) throw usageErrors.invalid('from', 'from must be a date');
    if (Number.isNaN(to.getTime()) || to <= from) throw usageErrors.invalid('to', 'to must be after from');
    if (to.getTime() - from.getTime() > MAX_SUMMARY_DAYS * DAY_MS) throw usageErrors.invalid('to', `A summary spans at most ${MAX_SUMMARY_DAYS} days`);
    const rows: Array<{ feature_key: string; day: string; quantity: string; overage_quantity: string }> = await this.database.inTenant(
      organizationId,
      (m) => m.query(USAGE_SUMMARY_SQL, [organizationId, from, to]),
    );
    const features = new Map<string, UsageSummary['features'][number]>();
    for (const row of rows) {
      const feature = features.get(row.feature_key) ?? { featureKey: row.feature_key, total: 0, overage: 0, days: [] };
      const day = { date: row.day, quantity: Number(row.quantity), overage: Number(row.overage_quantity) };
      feature.total += day.quantity;
      feature.overage += day.overage;
      feature.days.push(day);
      features.set(row.feature_key, feature);
    }
    return { from, to, features: [...features.values()] };
  }

  private record(organizationId: string, usage: NormalisedUsage, mode: RecordMode): Promise<EntitlementAnswer> {
    const alone = () => this.retrying(() => this.database.inTenant(organizationId, (m) => this.recordOnce(m, organizationId, usage, mode)), 2);
    if (!this.batcher) return alone();
    return this.batcher.run(organizationId, this.lane, { usage, mode }, alone);
  }

  private async retrying<T>(work: () => Promise<T>, raceAttempts: number): Promise<T> {
    let races = 0;
    let deadlocks = 0;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof IdempotencyRace) races += 1;
        else if (isDeadlock(error)) deadlocks += 1;
        else throw error;
        if (races >= raceAttempts || deadlocks > MAX_DEADLOCK_RETRIES) throw usageErrors.busy();
      }
    }
  }

  /** Two statements: the context (with any earlier use of the key), then the conditional write. */
  private async recordOnce(manager: EntityManager, organizationId: string, usage: NormalisedUsage, mode: RecordMode): Promise<EntitlementAnswer> {
    const { featureKey, quantity, idempotencyKey, requestHash } = usage;
    const now = this.clock.now();
    const context = await readFeatureContext(manager, organizationId, featureKey, now, idempotencyKey);
    if (!context) throw usageErrors.unknownFeature(featureKey);
    if (context.replay) return replayOf(context.replay, requestHash);
    if (context.kind === FeatureKind.BOOLEAN) throw usageErrors.notMetered(featureKey);
    if (!context.entitled) {
      if (mode === 'track') throw usageErrors.notEntitled(featureKey);
      return notEntitledAnswer(featureKey);
    }
    const enforcedLimit = mode === 'checkAndTrack' && !context.overage ? context.limit : null;
    const [written] = await queryPrepared(manager, 'tg_usage_record_one', RECORD_ONE_SQL, [
      organizationId,
      featureKey,
      context.windowStart,
      quantity,
      enforcedLimit,
      context.limit,
      context.overage,
      now,
      idempotencyKey,
      requestHash,
      JSON.stringify(usage.metadata),
      context.windowEnd,
    ]);
    if (!written) return this.refusal(manager, organizationId, usage, context);
    if (!written.recorded) throw new IdempotencyRace();
    return answerFromRecorded(this.factsOf(featureKey, context, Number(written.used)));
  }

  /** Nothing was written: answer with the count as it is now, unless a concurrent request took this key meanwhile. */
  private async refusal(manager: EntityManager, organizationId: string, usage: NormalisedUsage, context: FeatureContext): Promise<EntitlementAnswer> {
    const [state] = await queryPrepared(manager, 'tg_usage_current_state', CURRENT_STATE_SQL, [organizationId, usage.featureKey, context.windowStart, usage.idempotencyKey]);
    const replay = storedAnswerOf(state);
    if (replay) return replayOf(replay, usage.requestHash);
    const used = Number(state.used ?? 0);
    const terms = { featureKey: usage.featureKey, limit: context.limit, resetsAt: context.windowEnd, overage: context.overage };
    return meteredAnswer(terms, used, used + usage.quantity);
  }

  private factsOf(featureKey: string, context: FeatureContext, used: number): RecordedFacts {
    return { featureKey, used, limit: context.limit, resetsAt: context.windowEnd, overage: context.overage };
  }
}
