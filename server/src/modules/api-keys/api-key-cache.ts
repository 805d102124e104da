import type { ApiKeyScope } from './api-key-scope';

export interface CachedApiKey {
  apiKeyId: string;
  organizationId: string;
  scopes: ApiKeyScope[];
  secretHash: string;
  lastUsedAt: Date | null;
  cachedAt: number;
}

/**
 * Verified keys by prefix, so a client app's every request does not pay a database round trip to authenticate.
 * Bounded (oldest entries go first). It is only as good as the revocations it hears of: revocation forgets an
 * entry (here and, through ApiKeyRevocationListener, on every instance), and while revocations cannot be heard
 * the cache is suspended: emptied, and neither read nor filled.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, CachedApiKey>();
  /** Suspended until the owner says how revocations arrive (ApiKeyService.start). */
  private suspended = true;
  private changes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /**
   * Taken before a database read and handed to set(): a read that overlapped a forget (or a suspension) may
   * have seen the key before its revocation committed, so its result is not kept.
   */
  get generation(): number {
    return this.changes;
  }

  get(prefix: string, nowMs: number): CachedApiKey | undefined {
    if (this.suspended) return undefined;
    const entry = this.entries.get(prefix);
    if (!entry) return undefined;
    if (nowMs - entry.cachedAt >= this.ttlMs) {
      this.entries.delete(prefix);
      return undefined;
    }
    return entry;
  }

  set(prefix: string, entry: CachedApiKey, generation: number): void {
    if (this.ttlMs <= 0 || this.suspended || generation !== this.changes) return;
    this.entries.delete(prefix);
    this.entries.set(prefix, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(prefix: string): void {
    this.changes += 1;
    this.entries.delete(prefix);
  }

  /** Revocations may be going unheard: drop everything and verify every key in the database until resume(). */
  suspend(): void {
    this.changes += 1;
    this.suspended = true;
    this.entries.clear();
  }

  resume(): void {
    this.changes += 1;
    this.suspended = false;
  }
}
