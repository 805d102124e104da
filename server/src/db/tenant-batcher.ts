import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../shared/domain-error';
import type { Database } from './database';

/** One operation's answer inside a group: a value, or the DomainError that is its answer. */
export type GroupOutcome<O> = { value: O } | { error: DomainError };

/**
 * A kind of hot-path operation that can run many at once. `execute` gets the queued items of one organization,
 * in arrival order, inside one tenant transaction, and answers each as if they had run one after another in that
 * order — but with a fixed number of statements for the whole group (one lock, one set-based write, one commit).
 * A DomainError for one item goes in that item's outcome; anything thrown rolls the group back.
 */
export interface BatchLane<I, O> {
  name: string;
  acrossOrganizations?: false;
  execute(manager: EntityManager, organizationId: string, items: I[]): Promise<Array<GroupOutcome<O>>>;
}

/** An item of a group that may hold several organizations' calls. */
export interface OrganizationItem<I> {
  organizationId: string;
  item: I;
}

/**
 * A lane whose statements take an organization per item, so one group carries the concurrent calls of every
 * organization: across many organizations, one transaction and one commit serve many callers, as on a hot one.
 * The group runs with exactly its organizations visible (Database.inOrganizations).
 */
export interface CrossOrganizationLane<I, O> {
  name: string;
  acrossOrganizations: true;
  execute(manager: EntityManager, items: Array<OrganizationItem<I>>): Promise<Array<GroupOutcome<O>>>;
}

export type AnyLane<I, O> = BatchLane<I, O> | CrossOrganizationLane<I, O>;

interface PendingItem<I, O> {
  organizationId: string;
  item: I;
  /** The same operation in a transaction of its own (with its usual retries). */
  alone: () => Promise<O>;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Callers answered before the event loop looks at I/O again. Answering one runs the rest of its request (GraphQL
 * result, HTTP response: ~60 µs each); the next group's first answer from PostgreSQL usually arrives meanwhile, and
 * that group holds the lane (and, on a hot organization, its counter's lock) until it sends its last flight. In
 * chunks, the group goes on between them instead of after all of a large group's callers. On the bench, alternating
 * runs of the four single-call scenarios (6 pairs): +20 % operations per second, 10 pairs of 12 faster.
 */
const ANSWER_CHUNK = 4;

const settle = <O>(pending: PendingItem<unknown, O>, work: Promise<O>) => work.then(pending.resolve, pending.reject);

interface LaneState {
  /** Lone operations and groups of this lane (and organization, for a per-organization lane) running now. */
  running: number;
  queue: Array<PendingItem<any, any>>;
}

/**
 * Coalesces concurrent hot-path operations into one transaction: one scope, one holder of the hot rows (a usage
 * counter, the credit balance), one commit, instead of a queue of transactions waiting on each other's locks and
 * a commit per caller. A lane groups per organization, or — a cross-organization lane — the calls of every
 * organization together, so that many organizations each calling now and then share commits as one hot one does.
 *
 * An operation arriving while fewer than `inFlight` of its lane are running runs alone at once, so light load adds
 * no latency; those arriving meanwhile queue, and the next one to finish takes them all as its next group (a group
 * even if only one queued). If a group fails for any reason other than a per-item DomainError, it is rolled back
 * and every operation in it runs alone instead.
 */
export class TenantBatcher {
  private readonly lanes = new Map<string, LaneState>();
  /** How much coalescing happened: shared transactions, the operations and organizations in them, groups that fell back. */
  readonly stats = { sharedTransactions: 0, sharedOperations: 0, fallbacks: 0, sharedOrganizations: 0 };
  private readonly maxBatch: number;
  private readonly inFlight: number;

  /**
   * `inFlight`: how many lone operations or groups of one lane run at once (HOT_PATH_GROUPS_IN_FLIGHT). With two,
   * one group prepares (scope, plan, keys) while the other holds the hot rows; rows are locked in sorted order, so
   * groups queue behind each other, never deadlock. On the bench (2 cores) two were no faster than one and four
   * slower (smaller groups, more commits), so one is the default. `maxBatch`: the most operations in one group.
   */
  constructor(
    private readonly database: Database,
    private readonly logger?: Logger,
    options: { maxBatch?: number; inFlight?: number } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 128;
    this.inFlight = options.inFlight ?? 1;
  }

  run<I, O>(organizationId: string, lane: AnyLane<I, O>, item: I, alone: () => Promise<O>): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const key = lane.acrossOrganizations ? lane.name : `${lane.name}:${organizationId}`;
      const pending: PendingItem<I, O> = { organizationId, item, alone, resolve, reject };
      let state = this.lanes.get(key);
      if (!state) this.lanes.set(key, (state = { running: 0, queue: [] }));
      if (state.running >= this.inFlight) {
        state.queue.push(pending);
        return;
      }
      state.running += 1;
      void this.drain(key, state, lane, pending);
    });
  }

  /**
   * Runs a lane's work one unit (a lone operation or a group) after another. A finished unit's callers are answered
   * only after the next unit has started: answering them runs the rest of each caller's request (its GraphQL
   * result, its HTTP response) on this thread, and the next group's statements should already be on their way to
   * PostgreSQL meanwhile, not wait behind that work.
   */
  private async drain<I, O>(key: string, state: LaneState, lane: AnyLane<I, O>, first: PendingItem<I, O>): Promise<void> {
    let running = this.runAlone(first);
    for (;;) {
      const answerCallers = await running;
      const next = state.queue.splice(0, this.maxBatch);
      if (next.length > 0) running = this.runTogether(lane, next);
      answerCallers();
      if (next.length === 0) break;
    }
    state.running -= 1;
    if (state.running === 0 && this.lanes.get(key) === state) this.lanes.delete(key);
  }

  /**
   * Runs the lone operation of a lane that was idle; resolves (never rejects) with what answers its caller. An
   * operation taken from the queue runs as a group even by itself (runTogether): the grouped form takes two round
   * trips where the lone one takes five (usage) or eight (credits). On the bench's hot organization a lane could
   * settle into a group of 31 alternating with one straggler run alone (~800–980 lone runs a run, in each of 4
   * runs), every caller waiting out the straggler's eight round trips; with this, 13–22 lone runs, and no 31+1.
   * (A light-load caller still runs alone: a refused consumption then rolls back a write-off of lapsed credits.)
   */
  private runAlone<O>(pending: PendingItem<unknown, O>): Promise<() => void> {
    return Promise.resolve()
      .then(() => pending.alone())
      .then(
        (value) => () => pending.resolve(value),
        (error: unknown) => () => pending.reject(error),
      );
  }

  private async runTogether<I, O>(lane: AnyLane<I, O>, batch: Array<PendingItem<I, O>>): Promise<() => void> {
    let outcomes: Array<GroupOutcome<O>>;
    try {
      outcomes = await this.executeGroup(lane, batch);
      if (outcomes.length !== batch.length) throw new Error(`lane ${lane.name} answered ${outcomes.length} of ${batch.length} items`);
    } catch (error) {
      // Expected rarely (a key taken by another instance meanwhile); anything frequent here is a bug worth seeing.
      this.logger?.warn({ err: error, lane: lane.name, size: batch.length }, 'grouped operations fell back to one transaction each');
      this.stats.fallbacks += 1;
      await Promise.all(batch.map((pending) => settle(pending, pending.alone())));
      return () => undefined;
    }
    this.stats.sharedTransactions += 1;
    this.stats.sharedOperations += batch.length;
    this.stats.sharedOrganizations += organizationsOf(batch).length;
    const answer = (from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        const outcome = outcomes[i]!;
        if ('error' in outcome) batch[i]!.reject(outcome.error);
        else batch[i]!.resolve(outcome.value);
      }
    };
    return () => {
      const answerFrom = (from: number) => {
        answer(from, Math.min(batch.length, from + ANSWER_CHUNK));
        if (from + ANSWER_CHUNK < batch.length) setImmediate(answerFrom, from + ANSWER_CHUNK);
      };
      answerFrom(0);
    };
  }

  private executeGroup<I, O>(lane: AnyLane<I, O>, batch: Array<PendingItem<I, O>>): Promise<Array<GroupOutcome<O>>> {
    if (lane.acrossOrganizations) {
      const items = batch.map(({ organizationId, item }) => ({ organizationId, item }));
      return this.database.inOrganizations(organizationsOf(batch), (manager) => lane.execute(manager, items));
    }
    const { organizationId } = batch[0]!;
    return this.database.inTenant(organizationId, (manager) => lane.execute(manager, organizationId, batch.map((p) => p.item)));
  }
}

/** Sorted, so concurrent groups name the same organizations the same way. */
function organizationsOf(batch: Array<{ organizationId: string }>): string[] {
  return [...new Set(batch.map((p) => p.organizationId))].sort();
}

/** Runs `work` for one item and turns a DomainError into that item's outcome (anything else is thrown). */
export async function outcomeOf<O>(work: () => O | Promise<O>): Promise<GroupOutcome<O>> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof DomainError) return { error };
    throw error;
  }
}
