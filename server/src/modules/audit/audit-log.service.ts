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
  forOrganization(organizationId: string, filter: Omit<AuditFilter, 'organizationId'>, page: PageRequest): Promise<Page<AuditEntryEntity>> {
    return this.database.inTenant(organizationId, (m) => this.query(m, { ...filter, organizationId }, page));
  }

  /** Platform admins: every entry, optionally for one organization. */
  forPlatform(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryEntity>> {
    return this.database.asPlatform((m) => this.query(m, filter, page));
  }

  private query(manager: EntityManager, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryEntity>> {
    const query = manager.createQueryBuilder(AuditEntryEntity, 'entry').where('true');
    if (filter.organizationId) query.andWhere('entry.organization_id = :organizationId', { organizationId: filter.organizationId });
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.actorType) query.andWhere('entry.actor_type = :actorType', { actorType: filter.actorType });
    if (filter.from) query.andWhere('entry.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.created_at < :to', { to: filter.to });
    return newestFirstPage(query, PAGE_KEYS, page);
  }
}
