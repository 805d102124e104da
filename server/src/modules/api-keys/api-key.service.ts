import { randomBytes } from 'node:crypto';
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

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    cacheTtlMs = 0,
  ) {
    this.cache = new ApiKeyCache(cacheTtlMs);
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
    return this.database.inTenant(organizationId, async (m) => {
      const apiKey = await m.findOneBy(ApiKeyEntity, { id: apiKeyId, organizationId });
      if (!apiKey) throw apiKeyErrors.notFound();
      this.cache.forget(apiKey.prefix);
      if (!apiKey.revokedAt) {
        apiKey.revokedAt = this.clock.now();
        await m.update(ApiKeyEntity, { id: apiKey.id, revokedAt: IsNull() }, { revokedAt: apiKey.revokedAt });
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
      await this.touch(cached, now);
      return { apiKeyId: cached.apiKeyId, organizationId: cached.organizationId, scopes: cached.scopes };
    }
    const apiKey = await this.database.asPlatform((m) => m.findOneBy(ApiKeyEntity, { prefix }));
    if (!apiKey || apiKey.revokedAt || !sameDigest(apiKey.secretHash, secretHash)) return null;
    const entry = {
      apiKeyId: apiKey.id,
      organizationId: apiKey.organizationId,
      scopes: apiKey.scopes,
      secretHash: apiKey.secretHash,
      lastUsedAt: apiKey.lastUsedAt,
      cachedAt: now.getTime(),
    };
    this.cache.set(prefix, entry);
    await this.touch(entry, now);
    return { apiKeyId: apiKey.id, organizationId: apiKey.organizationId, scopes: apiKey.scopes };
  }

  /** Records last use at most once a minute per key, so nearly every request skips this write. */
  private async touch(entry: CachedApiKey, now: Date): Promise<void> {
    if (entry.lastUsedAt && now.getTime() - entry.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
    entry.lastUsedAt = now;
    await this.database.asPlatform((m) => m.update(ApiKeyEntity, { id: entry.apiKeyId }, { lastUsedAt: now }));
  }
}
