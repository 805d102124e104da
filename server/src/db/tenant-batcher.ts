import type { EntityManager } from 'typeorm';
import { DomainError } from '../shared/domain-error';
import type { Database } from './database';

interface PendingUnit<T> {
  /** The operation's work inside a transaction shared with others of the same organization. */
  unit: (manager: EntityManager) => Promise<T>;
  /** The same operation in a transaction of its own (with its usual retries). */
  alone: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

const settle = <T>(pending: PendingUnit<T>, work: Promise<T>) => work.then(pending.resolve, pending.reject);

/**
 * Coalesces concurrent hot-path operations of one organization into one transaction: one tenant scope, one
 * commit, and one holder of the organization's hot rows (a usage counter, the credit balance) instead of a queue
 * of transactions waiting on each other's locks. Operations run one after another inside it, in arrival order,
 * so each still gets its own exact answer.
 *
 * An operation arriving while none of its organization's is running runs alone at once: there is no added
 * latency when load is light. A DomainError thrown by an operation is its answer (the hot paths throw those
 * before writing anything); any other failure rolls the shared transaction back and every operation of that
 * group runs alone instead.
 */
export class TenantBatcher {
  private readonly queues = new Map<string, Array<PendingUnit<any>>>();
  /** How much coalescing happened: shared transactions, the operations in them, and groups that fell back. */
  readonly stats = { sharedTransactions: 0, sharedOperations: 0, fallbacks: 0 };

  constructor(
    private readonly database: Database,
    private readonly maxBatch = 64,
  ) {}

  run<T>(organizationId: string, unit: PendingUnit<T>['unit'], alone: PendingUnit<T>['alone']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queue = this.queues.get(organizationId);
      const pending = { unit, alone, resolve, reject };
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(organizationId, []);
      void this.drain(organizationId, [pending]);
    });
  }

  private async drain(organizationId: string, first: Array<PendingUnit<any>>): Promise<void> {
    let batch = first;
    while (batch.length > 0) {
      if (batch.length === 1) await settle(batch[0]!, batch[0]!.alone());
      else await this.runTogether(organizationId, batch);
      const queue = this.queues.get(organizationId)!;
      batch = queue.splice(0, this.maxBatch);
    }
    this.queues.delete(organizationId);
  }

  private async runTogether(organizationId: string, batch: Array<PendingUnit<any>>): Promise<void> {
    const outcomes: Array<{ value?: unknown; error?: unknown }> = [];
    try {
      await this.database.inTenant(organizationId, async (manager) => {
        for (const pending of batch) {
          try {
            outcomes.push({ value: await pending.unit(manager) });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            outcomes.push({ error });
          }
        }
      });
    } catch {
      this.stats.fallbacks += 1;
      await Promise.all(batch.map((pending) => settle(pending, pending.alone())));
      return;
    }
    this.stats.sharedTransactions += 1;
    this.stats.sharedOperations += batch.length;
    batch.forEach((pending, i) => (outcomes[i]!.error !== undefined ? pending.reject(outcomes[i]!.error) : pending.resolve(outcomes[i]!.value)));
  }
}
