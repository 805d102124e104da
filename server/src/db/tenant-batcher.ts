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
  execute(manager: EntityManager, organizationId: string, items: I[]): Promise<Array<GroupOutcome<O>>>;
}

interface PendingItem<I, O> {
  item: I;
  /** The same operation in a transaction of its own (with its usual retries). */
  alone: () => Promise<O>;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

const settle = <O>(pending: PendingItem<unknown, O>, work: Promise<O>) => work.then(pending.resolve, pending.reject);

/**
 * Coalesces concurrent hot-path operations of one organization (per lane) into one transaction: one tenant
 * scope, one holder of the organization's hot rows (a usage counter, the credit balance), one commit, instead of
 * a queue of transactions waiting on each other's locks.
 *
 * An operation arriving while none of its lane and organization is running runs alone at once, so light load
 * adds no latency; those arriving meanwhile queue and run as the next group. If a group fails for any reason
 * other than a per-item DomainError, it is rolled back and every operation in it runs alone instead.
 */
export class TenantBatcher {
  private readonly queues = new Map<string, Array<PendingItem<any, any>>>();
  /** How much coalescing happened: shared transactions, the operations in them, and groups that fell back. */
  readonly stats = { sharedTransactions: 0, sharedOperations: 0, fallbacks: 0 };

  constructor(
    private readonly database: Database,
    private readonly logger?: Logger,
    private readonly maxBatch = 128,
  ) {}

  run<I, O>(organizationId: string, lane: BatchLane<I, O>, item: I, alone: () => Promise<O>): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const key = `${lane.name}:${organizationId}`;
      const queue = this.queues.get(key);
      const pending: PendingItem<I, O> = { item, alone, resolve, reject };
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(key, []);
      void this.drain(key, organizationId, lane, [pending]);
    });
  }

  private async drain<I, O>(key: string, organizationId: string, lane: BatchLane<I, O>, first: Array<PendingItem<I, O>>): Promise<void> {
    let batch = first;
    while (batch.length > 0) {
      if (batch.length === 1) await settle(batch[0]!, batch[0]!.alone());
      else await this.runTogether(organizationId, lane, batch);
      const queue = this.queues.get(key)!;
      batch = queue.splice(0, this.maxBatch);
    }
    this.queues.delete(key);
  }

  private async runTogether<I, O>(organizationId: string, lane: BatchLane<I, O>, batch: Array<PendingItem<I, O>>): Promise<void> {
    let outcomes: Array<GroupOutcome<O>>;
    try {
      outcomes = await this.database.inTenant(organizationId, (manager) => lane.execute(manager, organizationId, batch.map((p) => p.item)));
      if (outcomes.length !== batch.length) throw new Error(`lane ${lane.name} answered ${outcomes.length} of ${batch.length} items`);
    } catch (error) {
      // Expected rarely (a key taken by another instance meanwhile); anything frequent here is a bug worth seeing.
      this.logger?.warn({ err: error, lane: lane.name, size: batch.length }, 'grouped operations fell back to one transaction each');
      this.stats.fallbacks += 1;
      await Promise.all(batch.map((pending) => settle(pending, pending.alone())));
      return;
    }
    this.stats.sharedTransactions += 1;
    this.stats.sharedOperations += batch.length;
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if ('error' in outcome) pending.reject(outcome.error);
      else pending.resolve(outcome.value);
    });
  }
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
