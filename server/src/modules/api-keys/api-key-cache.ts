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
 * Recently verified keys by prefix, so a client app's every request does not pay a database round trip to
 * authenticate. Bounded (oldest entries go first) and short-lived; revocation removes the entry at once in this
 * process, and other instances notice within the TTL.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, CachedApiKey>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(prefix: string, nowMs: number): CachedApiKey | undefined {
    const entry = this.entries.get(prefix);
    if (!entry) return undefined;
    if (nowMs - entry.cachedAt >= this.ttlMs) {
      this.entries.delete(prefix);
      return undefined;
    }
    return entry;
  }

  set(prefix: string, entry: CachedApiKey): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(prefix);
    this.entries.set(prefix, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(prefix: string): void {
    this.entries.delete(prefix);
  }
}
