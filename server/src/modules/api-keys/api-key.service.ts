import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { IsNull } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { isUuid } from '../../shared/uuid';
import { type Page, type PageRequest, keysetPage } from '../../shared/pagination';
import { newSecretToken, sameDigest, sha256 } from '../identity/secret-token';
import type { ApiKeyScope } from './api-key-scope';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { type CachedApiKey, ApiKeyCache } from './api-key-cache';
import { ApiKeyLastUse } from './api-key-last-use';
import { findApiKeyByPrefix } from './api-key-lookup';
import { API_KEY_REVOKED_CHANNEL, ApiKeyRevocationListener } from './api-key-revocation-listener';
import { ApiKeyEntity } from './api-key.entity';
import { apiKeyErrors } from './api-keys.errors';

export interface CreatedApiKey {
  apiKey: ApiKeyEntity;
  /** The whole key. Returned once, never stored. */
  secret: string;
}

export interface AuthenticatedApiKey {
  apiKeyId: string;
  organizationId: string;
  scopes: ApiKeyScope[];
}

const KEY_PATTERN = /^(tg_[a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;
const LAST_USED_GRANULARITY_MS = 60_000; // one write a minute per key, not one per request

function newPrefix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return `tg_${Array.from(randomBytes(12), (byte) => alphabet[byte % 32]).join('')}`;
}

/** API keys: `tg_<12-char prefix>_<43-char secret>`. The prefix finds the row, the SHA-256 proves the secret. */
export class ApiKeyService {
  private readonly cache: ApiKeyCache;
  private readonly lastUse: ApiKeyLastUse;
  private revocations: ApiKeyRevocationListener | undefined;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    cacheTtlMs = 0,
  ) {
    this.cache = new ApiKeyCache(cacheTtlMs);
    this.lastUse = new ApiKeyLastUse(database, logger);
  }

  /**
   * Turns the verification cache on, once revocations made anywhere can reach it. With a database URL, a
   * listener on it hears every instance's revocations (until it is listening, keys are verified in the
   * database). Without one (the embedded PGlite, which only this process can open), every revocation happens
   * in this process and revoke() forgets the key itself, so no listener is needed.
   */
  async start(revocationsDatabaseUrl: string | undefined): Promise<void> {
    if (!revocationsDatabaseUrl) {
      this.cache.resume();
      return;
    }
    this.revocations = new ApiKeyRevocationListener(
      revocationsDatabaseUrl,
      { revoked: (prefix) => this.cache.forget(prefix), live: () => this.cache.resume(), lost: () => this.cache.suspend() },
      this.logger,
    );
    await this.revocations.start();
  }

  /** Before the database closes: stops listening and writes the last uses still pending. */
  async stop(): Promise<void> {
    await this.revocations?.stop();
    this.revocations = undefined;
    this.cache.suspend();
    await this.lastUse.stop();
  }

  /** Writes pending last uses now (they are otherwise written within about ten seconds). */
  flushLastUse(): Promise<void> {
    return this.lastUse.flush();
  }

  async create(organizationId: string, name: string, scopes: ApiKeyScope[], actor: Actor): Promise<CreatedApiKey> {
    const prefix = newPrefix();
    const secret = `${prefix}_${newSecretToken()}`;
    const apiKey = await this.database.inTenant(organizationId, async (m) => {
      const created = await m.save(
        m.create(ApiKeyEntity, {
          organizationId,
          name: name.trim(),
          prefix,
          secretHash: sha256(secret),
          scopes: [...new Set(scopes)].sort(),
          createdByUserId: actor.type === 'user' ? actor.id : null,
        }),
      );
      await this.audit.record(m, actor, {
        organizationId,
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: created.id,
        after: { name: created.name, prefix, scopes: created.scopes },
      });
      return created;
    });
    return { apiKey, secret };
  }

  list(organizationId: string, page: PageRequest): Promise<Page<ApiKeyEntity>> {
    return this.database.inTenant(organizationId, (m) =>
      keysetPage(m.createQueryBuilder(ApiKeyEntity, 'key').where('key.organization_id = :organizationId', { organizationId }), 'key', page),
    );
  }

  async revoke(organizationId: string, apiKeyId: string, actor: Actor): Promise<ApiKeyEntity> {
    if (!isUuid(apiKeyId)) throw apiKeyErrors.notFound();
    const revoked = await this.database.inTenant(organizationId, async (m) => {
      const apiKey = await m.findOneBy(ApiKeyEntity, { id: apiKeyId, organizationId });
      if (!apiKey) throw apiKeyErrors.notFound();
      if (!apiKey.revokedAt) {
        apiKey.revokedAt = this.clock.now();
        await m.update(ApiKeyEntity, { id: apiKey.id, revokedAt: IsNull() }, { revokedAt: apiKey.revokedAt });
        // Delivered to every instance's listener (this one's too) when this transaction commits.
        await m.query(`SELECT pg_notify($1, $2)`, [API_KEY_REVOKED_CHANNEL, apiKey.prefix]);
        await this.audit.record(m, actor, {
          organizationId,
          action: 'api_key.revoked',
          targetType: 'api_key',
          targetId: apiKey.id,
          before: { revokedAt: null },
          after: { revokedAt: apiKey.revokedAt.toISOString() },
        });
      }
      return apiKey;
    });
    // After the commit: a lookup that began earlier and saw the key unrevoked is not cached (ApiKeyCache.generation).
    this.cache.forget(revoked.prefix);
    return revoked;
  }

  /** The key's organization and scopes, or null for anything malformed, unknown or revoked. */
  async authenticate(rawKey: string): Promise<AuthenticatedApiKey | null> {
    const match = KEY_PATTERN.exec(rawKey);
    if (!match) return null;
    const prefix = match[1]!;
    const secretHash = sha256(rawKey);
    const now = this.clock.now();
    const cached = this.cache.get(prefix, now.getTime());
    if (cached) {
      if (!sameDigest(cached.secretHash, secretHash)) return null;
      this.touch(cached, now);
      return { apiKeyId: cached.apiKeyId, organizationId: cached.organizationId, scopes: cached.scopes };
    }
    const generation = this.cache.generation;
    const apiKey = await findApiKeyByPrefix(this.database.dataSource, prefix);
    if (!apiKey || apiKey.revokedAt || !sameDigest(apiKey.secretHash, secretHash)) return null;
    const pendingUse = this.lastUse.pendingFor(apiKey.id);
    const entry = {
      apiKeyId: apiKey.id,
      organizationId: apiKey.organizationId,
      scopes: apiKey.scopes,
      secretHash: apiKey.secretHash,
      lastUsedAt: pendingUse && (!apiKey.lastUsedAt || pendingUse > apiKey.lastUsedAt) ? pendingUse : apiKey.lastUsedAt,
      cachedAt: now.getTime(),
    };
    this.cache.set(prefix, entry, generation);
    this.touch(entry, now);
    return { apiKeyId: apiKey.id, organizationId: apiKey.organizationId, scopes: apiKey.scopes };
  }

  /** Notes last use at most once a minute per key; the write itself is batched off the request (ApiKeyLastUse). */
  private touch(entry: CachedApiKey, now: Date): void {
    if (entry.lastUsedAt && now.getTime() - entry.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
    entry.lastUsedAt = now;
    this.lastUse.record(entry.apiKeyId, now);
  }
}
