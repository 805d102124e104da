import type { Logger } from 'pino';
import type { Database } from '../../db/database';

const FLUSH_DELAY_MS = 10_000;

/** Never moves last_used_at backwards: a late flush from one instance does not undo a newer one from another. */
const FLUSH_SQL = `
  UPDATE api_keys SET last_used_at = v.t
  FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, t)
  WHERE api_keys.id = v.id AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < v.t)`;

/**
 * When each API key was last used, written off the request path: uses are noted in memory and written about
 * ten seconds later, every pending key in one statement. A key's last use may thus show up to that much late,
 * and a crash loses at most those seconds of it.
 */
export class ApiKeyLastUse {
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  record(apiKeyId: string, at: Date): void {
    const known = this.pending.get(apiKeyId);
    if (!known || known < at) this.pending.set(apiKeyId, at);
    // Armed only while something is pending, and never what keeps the process alive.
    if (!this.stopped) this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS).unref();
  }

  /** A use noted but not yet written, so callers reading the stored time do not note it again. */
  pendingFor(apiKeyId: string): Date | undefined {
    return this.pending.get(apiKeyId);
  }

  /** Writes everything pending now; flushes run one after another. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** The last flush, before the database closes; nothing is scheduled afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.database.asPlatform((m) => m.query(FLUSH_SQL, [[...batch.keys()], [...batch.values()]]));
    } catch (error) {
      // Kept for the next flush, unless a newer use of the key was noted meanwhile.
      for (const [apiKeyId, at] of batch) this.record(apiKeyId, at);
      this.logger.warn({ err: error, keys: batch.size }, 'could not record API keys’ last use; will retry');
    }
  }
}
