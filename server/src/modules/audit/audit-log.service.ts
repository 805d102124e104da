import { newestFirstPage } from '../../shared/newest-first-page';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { Page, PageRequest } from '../../shared/pagination';
import type { Actor } from './actor';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  organizationId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditFilter {
  organizationId?: string;
  action?: string;
  actorType?: Actor['type'];
  from?: Date;
  to?: Date;
}

/** An entry as read back: who the actor is in words, where the reader may see that (else null). */
export type AuditEntryView = AuditEntryEntity & { actorName: string | null };

/** The audit log. `record` runs inside the caller's transaction, so the entry exists exactly when the change does. */
/** Logs are read from the latest entry back. */
const PAGE_KEYS = {
  alias: 'entry',
  timeColumn: 'created_at',
  idColumn: 'id',
  idType: 'uuid',
  timeOf: (row: AuditEntryEntity) => row.createdAt,
  idOf: (row: AuditEntryEntity) => row.id,
} as const;

export class AuditLogService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, actor: Actor, entry: AuditRecord): Promise<void> {
    const row = manager.create(AuditEntryEntity, {
      organizationId: entry.organizationId,
      actorType: actor.type,
      actorId: actor.id,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      createdAt: this.clock.now(),
    });
    await manager.save(AuditEntryEntity, row, { reload: false });
  }

  /** A tenant's own entries (RLS also limits it to them). */
  forOrganization(organizationId: string, filter: Omit<AuditFilter, 'organizationId'>, page: PageRequest): Promise<Page<AuditEntryView>> {
    return this.database.inTenant(organizationId, (m) => this.query(m, { ...filter, organizationId }, page));
  }

  /** Platform admins: every entry, optionally for one organization. */
  forPlatform(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryView>> {
    return this.database.asPlatform((m) => this.query(m, filter, page));
  }

  private async query(manager: EntityManager, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryView>> {
    const query = manager.createQueryBuilder(AuditEntryEntity, 'entry').where('true');
    if (filter.organizationId) query.andWhere('entry.organization_id = :organizationId', { organizationId: filter.organizationId });
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.actorType) query.andWhere('entry.actor_type = :actorType', { actorType: filter.actorType });
    if (filter.from) query.andWhere('entry.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.created_at < :to', { to: filter.to });
    const found = await newestFirstPage(query, PAGE_KEYS, page);
    const names = await actorNames(manager, found.items);
    return { ...found, items: found.items.map((entry) => Object.assign(entry, { actorName: names.get(`${entry.actorType}:${entry.actorId}`) ?? null })) };
  }
}

/**
 * Users by email, API keys by name and prefix, in one round trip for the page. Read with the reader's own role, so
 * row-level security decides: a tenant sees its members and keys, not the platform admin who adjusted its credits.
 */
async function actorNames(manager: EntityManager, entries: AuditEntryEntity[]): Promise<Map<string, string>> {
  const idsOf = (type: string) => [...new Set(entries.filter((e) => e.actorType === type && e.actorId).map((e) => e.actorId!))];
  const users = idsOf('user');
  const keys = idsOf('api_key');
  if (users.length === 0 && keys.length === 0) return new Map();
  const rows = (await manager.query(
    `SELECT 'user:' || id AS actor, email AS name FROM users WHERE id::text = ANY($1::text[])
     UNION ALL
     SELECT 'api_key:' || id, name || ' (' || prefix || '…)' FROM api_keys WHERE id::text = ANY($2::text[])`,
    [users, keys],
  )) as Array<{ actor: string; name: string }>;
  return new Map(rows.map((row) => [row.actor, row.name]));
}
