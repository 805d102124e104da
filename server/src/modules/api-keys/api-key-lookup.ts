import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PLATFORM_ROLE } from '../../db/database';
import type { ApiKeyScope } from './api-key-scope';

export interface StoredApiKey {
  id: string;
  organizationId: string;
  scopes: ApiKeyScope[];
  secretHash: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const PREFIX_PATTERN = /^tg_[a-z2-7]{12}$/;

/**
 * The key with this prefix, read as the platform role in ONE round trip: BEGIN, SET LOCAL ROLE, the SELECT
 * and COMMIT go as a single simple-protocol query (Database.asPlatform would pay four). The simple protocol
 * takes no parameters, so the prefix is written into the text; that is safe only because it matches
 * tg_[a-z2-7]{12}, which KEY_PATTERN has already ensured and which is checked again here. pg-pool discards a
 * connection whose query failed, so a transaction left aborted midway never goes back to the pool.
 */
export async function findApiKeyByPrefix(dataSource: DataSource, prefix: string): Promise<StoredApiKey | null> {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error('API key prefix must be validated before it is put in SQL');
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const results = (await pool.query(
    `BEGIN; SET LOCAL ROLE ${PLATFORM_ROLE};
     SELECT id, organization_id, scopes, secret_hash, last_used_at, revoked_at FROM api_keys WHERE prefix = '${prefix}';
     COMMIT`,
  )) as unknown as Array<{ rows: any[] }>;
  const row = results[2]?.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    scopes: row.scopes,
    secretHash: row.secret_hash,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
