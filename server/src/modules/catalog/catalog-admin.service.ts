import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import { isUuid } from '../../shared/uuid';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { type CreditConsumptionOrder, FeatureKind } from './catalog.enums';
import { catalogErrors } from './catalog.errors';
import { CONSUMPTION_ORDER_SETTING } from './catalog-rules';
import type { CatalogService } from './catalog.service';
import { snapshot } from './catalog-snapshot';
import { CreditEventEntity } from './credit-event.entity';
import { CreditProductEntity } from './credit-product.entity';
import { FeatureEntity } from './feature.entity';
import { PlatformSettingEntity } from './platform-setting.entity';

export interface NewFeature {
  key: string;
  name: string;
  description: string;
  kind: FeatureKind;
  unit?: string | null;
}
export type FeatureChanges = Partial<Record<'name' | 'description' | 'unit', string | null>>;

export interface NewCreditEvent {
  key: string;
  name: string;
  description: string;
  category: string;
  creditCost: number;
  active: boolean;
}
export type CreditEventChanges = Partial<{ name: string | null; description: string | null; category: string | null; creditCost: number | null; active: boolean | null }>;

export interface NewCreditProduct {
  key: string;
  name: string;
  description: string;
  credits: number;
  priceMinor: number;
  currency: string;
}
export type CreditProductChanges = Partial<{
  name: string | null;
  description: string | null;
  credits: number | null;
  priceMinor: number | null;
  currency: string | null;
}>;

/**
 * Platform admins' editing of features, credit events, credit products and the consumption order. Each change is
 * one transaction with its audit entry; an unchanged value writes nothing.
 */
export class CatalogAdminService {
  constructor(
    private readonly database: Database,
    private readonly catalog: CatalogService,
    private readonly auditLog: AuditLogService,
    private readonly clock: Clock,
  ) {}

  createFeature(actor: Actor, input: NewFeature): Promise<FeatureEntity> {
    if (input.kind === FeatureKind.BOOLEAN && input.unit) throw catalogErrors.invalid('unit', 'A boolean feature has no unit');
    return this.insert(actor, FeatureEntity, 'feature', { ...input, name: input.name.trim(), unit: input.unit?.trim() ?? null, archivedAt: null });
  }

  updateFeature(actor: Actor, key: string, changes: FeatureChanges): Promise<FeatureEntity> {
    return this.database.asPlatform(async (m) => {
      const feature = await m.findOne(FeatureEntity, { where: { key }, lock: { mode: 'pessimistic_write' } });
      if (!feature) throw catalogErrors.featureNotFound(key);
      if (feature.kind === FeatureKind.BOOLEAN && changes.unit) throw catalogErrors.invalid('unit', 'A boolean feature has no unit');
      return this.apply(m, actor, FeatureEntity, 'feature', feature, { key }, {
        name: changes.name?.trim(),
        description: changes.description,
        unit: changes.unit?.trim(),
      });
    });
  }

  /** Archived features cannot be added to plan versions; versions that grant them keep them. */
  setFeatureArchived(actor: Actor, key: string, archived: boolean): Promise<FeatureEntity> {
    return this.database.asPlatform(async (m) => {
      const feature = await m.findOne(FeatureEntity, { where: { key }, lock: { mode: 'pessimistic_write' } });
      if (!feature) throw catalogErrors.featureNotFound(key);
      if ((feature.archivedAt !== null) === archived) return feature;
      return this.apply(m, actor, FeatureEntity, 'feature', feature, { key }, { archivedAt: archived ? this.clock.now() : null }, archived ? 'archived' : 'unarchived');
    });
  }

  createCreditEvent(actor: Actor, input: NewCreditEvent): Promise<CreditEventEntity> {
    return this.insert(actor, CreditEventEntity, 'credit_event', { ...input, name: input.name.trim(), category: input.category.trim() });
  }

  /** A new cost applies to consumptions from now on; past ones keep what they were charged. */
  updateCreditEvent(actor: Actor, id: string, changes: CreditEventChanges): Promise<CreditEventEntity> {
    return this.database.asPlatform(async (m) => {
      const event = isUuid(id) ? await m.findOne(CreditEventEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!event) throw catalogErrors.creditEventNotFound(id);
      if (changes.creditCost !== undefined && changes.creditCost !== null && changes.creditCost < 1) {
        throw catalogErrors.invalid('creditCost', 'creditCost must be at least 1');
      }
      return this.apply(m, actor, CreditEventEntity, 'credit_event', event, { id }, {
        name: changes.name?.trim(),
        description: changes.description,
        category: changes.category?.trim(),
        creditCost: changes.creditCost,
        active: changes.active,
      });
    });
  }

  createCreditProduct(actor: Actor, input: NewCreditProduct): Promise<CreditProductEntity> {
    return this.insert(actor, CreditProductEntity, 'credit_product', { ...input, name: input.name.trim(), archivedAt: null });
  }

  updateCreditProduct(actor: Actor, id: string, changes: CreditProductChanges): Promise<CreditProductEntity> {
    return this.database.asPlatform(async (m) => {
      const product = await this.lockProduct(m, id);
      if (changes.priceMinor !== undefined && changes.priceMinor !== null && changes.priceMinor < 0) {
        throw catalogErrors.invalid('priceMinor', 'priceMinor must be 0 or more');
      }
      return this.apply(m, actor, CreditProductEntity, 'credit_product', product, { id }, {
        name: changes.name?.trim(),
        description: changes.description,
        credits: changes.credits,
        priceMinor: changes.priceMinor,
        currency: changes.currency,
      });
    });
  }

  /** Archived products are no longer sold; purchases already made are unaffected. */
  setCreditProductArchived(actor: Actor, id: string, archived: boolean): Promise<CreditProductEntity> {
    return this.database.asPlatform(async (m) => {
      const product = await this.lockProduct(m, id);
      if ((product.archivedAt !== null) === archived) return product;
      return this.apply(m, actor, CreditProductEntity, 'credit_product', product, { id }, { archivedAt: archived ? this.clock.now() : null }, archived ? 'archived' : 'unarchived');
    });
  }

  setConsumptionOrder(actor: Actor, order: CreditConsumptionOrder): Promise<CreditConsumptionOrder> {
    return this.database.asPlatform(async (m) => {
      const before = await this.catalog.consumptionOrder(m);
      const stored = await m.findOne(PlatformSettingEntity, { where: { key: CONSUMPTION_ORDER_SETTING }, lock: { mode: 'pessimistic_write' } });
      if (stored && before === order) return order;
      await m.upsert(PlatformSettingEntity, { key: CONSUMPTION_ORDER_SETTING, value: order, updatedAt: this.clock.now() }, ['key']);
      await this.auditLog.record(m, actor, {
        organizationId: null,
        action: 'platform_setting.updated',
        targetType: 'platform_setting',
        targetId: CONSUMPTION_ORDER_SETTING,
        before: { value: stored ? before : null },
        after: { value: order },
      });
      return order;
    });
  }

  private async lockProduct(m: EntityManager, id: string): Promise<CreditProductEntity> {
    const product = isUuid(id) ? await m.findOne(CreditProductEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!product) throw catalogErrors.creditProductNotFound(id);
    return product;
  }

  /** Inserts a keyed row with its audit entry; an existing key (checked, or lost in a race) is CONFLICT on "key". */
  private async insert<T extends ObjectLiteral & { key: string }>(actor: Actor, target: EntityTarget<T>, kind: string, values: Partial<T> & { key: string }): Promise<T> {
    const what = kind.replace('_', ' ');
    const now = this.clock.now();
    try {
      return await this.database.asPlatform(async (m) => {
        if (await m.existsBy(target, { key: values.key } as never)) throw catalogErrors.duplicateKey('key', what, values.key);
        const row = await m.save(target, m.create(target, { ...values, createdAt: now, updatedAt: now } as never));
        await this.auditLog.record(m, actor, {
          organizationId: null,
          action: `${kind}.created`,
          targetType: kind,
          targetId: (row as { id?: string }).id ?? row.key,
          after: snapshot(row),
        });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw catalogErrors.duplicateKey('key', what, values.key);
      throw error;
    }
  }

  /** Writes the fields that changed (undefined/null in `changes` means "leave it") and audits before/after. */
  private async apply<T extends ObjectLiteral & { key: string }>(
    m: EntityManager,
    actor: Actor,
    target: EntityTarget<T>,
    kind: string,
    row: T,
    where: Record<string, string>,
    changes: Record<string, unknown>,
    verb = 'updated',
  ): Promise<T> {
    const changed: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(changes)) {
      const keepsNull = field === 'archivedAt';
      if ((value === undefined || (value === null && !keepsNull)) || sameValue(row[field], value)) continue;
      changed[field] = value;
    }
    if (Object.keys(changed).length === 0) return row;
    const before = snapshot(row);
    await m.update(target, where as never, { ...changed, updatedAt: this.clock.now() } as never);
    const updated = await m.findOneByOrFail(target, where as never);
    await this.auditLog.record(m, actor, {
      organizationId: null,
      action: `${kind}.${verb}`,
      targetType: kind,
      targetId: (row as { id?: string }).id ?? row.key,
      before,
      after: snapshot(updated),
    });
    return updated;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
