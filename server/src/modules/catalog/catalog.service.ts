import { type EntityManager, In, IsNull } from 'typeorm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { AuditLogService } from '../audit/audit-log.service';
import { systemActor } from '../audit/actor';
import { isUuid } from '../../shared/uuid';
import { CreditConsumptionOrder } from './catalog.enums';
import { CatalogError, catalogErrors } from './catalog.errors';
import { CONSUMPTION_ORDER_SETTING, DEFAULT_CONSUMPTION_ORDER, FREE_PLAN_KEY } from './catalog-rules';
import { type CatalogLoadSummary, DEFAULT_PRICING_FILE, applyPricingFile, loadedAnything, readPricingFile } from './catalog-loader';
import { CreditEventEntity } from './credit-event.entity';
import { CreditProductEntity } from './credit-product.entity';
import { FeatureEntity } from './feature.entity';
import { PlanEntitlementEntity } from './plan-entitlement.entity';
import { PlanVersionEntity } from './plan-version.entity';
import { PlanEntity } from './plan.entity';
import { PlatformSettingEntity } from './platform-setting.entity';

export interface EntitlementWithFeature {
  entitlement: PlanEntitlementEntity;
  feature: FeatureEntity;
}

/** One plan version with what it grants. */
export interface VersionTerms {
  version: PlanVersionEntity;
  entitlements: EntitlementWithFeature[];
}

/** A plan with its current version and, when asked for, every version (oldest first). */
export interface PlanWithTerms {
  plan: PlanEntity;
  current: VersionTerms | null;
  versions: VersionTerms[];
}

/**
 * Reads the catalog (plans and their versions, entitlements, credit events and products, platform settings) for
 * every other module, and loads the pricing file on start. Every read takes an optional EntityManager so callers
 * can read inside their own transaction (tenant and platform roles may both SELECT the catalog); without one it
 * runs as platform.
 */
export class CatalogService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLogService,
  ) {}

  /** Inserts what the database lacks from the pricing file (see catalog-loader.ts); admin edits survive. */
  async loadFromFile(file: string = DEFAULT_PRICING_FILE, logger?: Logger): Promise<CatalogLoadSummary> {
    const pricing = await readPricingFile(file);
    const summary = await this.database.asPlatform(async (m) => {
      const loaded = await applyPricingFile(m, pricing, file);
      if (loadedAnything(loaded)) {
        await this.auditLog.record(m, systemActor('catalog-loader'), {
          organizationId: null,
          action: 'catalog.loaded',
          targetType: 'catalog',
          targetId: path(file),
          after: { ...loaded },
        });
      }
      return loaded;
    });
    if (loadedAnything(summary)) logger?.info({ file, loaded: summary }, 'catalog loaded from the pricing file');
    return summary;
  }

  getPlanByKey(key: string, manager?: EntityManager): Promise<PlanEntity | null> {
    return this.read(manager, (m) => m.findOneBy(PlanEntity, { key }));
  }

  getPlan(id: string, manager?: EntityManager): Promise<PlanEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.read(manager, (m) => m.findOneBy(PlanEntity, { id }));
  }

  getPlanVersion(id: string, manager?: EntityManager): Promise<PlanVersionEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.read(manager, (m) => m.findOneBy(PlanVersionEntity, { id }));
  }

  /** The version new subscribers of `planKey` get. NOT_FOUND for an unknown key. Archived plans still answer. */
  currentVersionOf(planKey: string, manager?: EntityManager): Promise<PlanVersionEntity> {
    return this.read(manager, async (m) => {
      const plan = await m.findOneBy(PlanEntity, { key: planKey });
      if (!plan?.currentVersionId) throw catalogErrors.planNotFound(planKey);
      const version = await m.findOneBy(PlanVersionEntity, { id: plan.currentVersionId });
      if (!version) throw catalogErrors.planNotFound(planKey);
      return version;
    });
  }

  /** What a plan version grants, one row per feature, by feature key. */
  entitlementsOf(planVersionId: string, manager?: EntityManager): Promise<PlanEntitlementEntity[]> {
    if (!isUuid(planVersionId)) return Promise.resolve([]);
    return this.read(manager, (m) => m.find(PlanEntitlementEntity, { where: { planVersionId }, order: { featureKey: 'ASC' } }));
  }

  /** Entitlements joined with their features (name, kind, unit), for display and entitlement checks. */
  entitlementsWithFeatures(planVersionIds: string[], manager?: EntityManager): Promise<Map<string, EntitlementWithFeature[]>> {
    return this.read(manager, (m) => this.loadEntitlements(m, planVersionIds));
  }

  /** The current version of the plan with key "free": where organizations without a paid subscription stand. */
  async freePlanVersion(manager?: EntityManager): Promise<PlanVersionEntity> {
    return this.currentVersionOf(FREE_PLAN_KEY, manager).catch((error: unknown) => {
      throw error instanceof CatalogError ? catalogErrors.noFreePlan() : error;
    });
  }

  /** Any credit event by key, active or not (callers decide what an inactive event means). */
  creditEventByKey(key: string, manager?: EntityManager): Promise<CreditEventEntity | null> {
    return this.read(manager, (m) => m.findOneBy(CreditEventEntity, { key }));
  }

  listCreditEvents(options: { includeInactive?: boolean } = {}, manager?: EntityManager): Promise<CreditEventEntity[]> {
    return this.read(manager, (m) =>
      m.find(CreditEventEntity, { where: options.includeInactive ? {} : { active: true }, order: { category: 'ASC', creditCost: 'ASC', key: 'ASC' } }),
    );
  }

  /** Credit packs on sale (not archived), smallest first. */
  listCreditProducts(options: { includeArchived?: boolean } = {}, manager?: EntityManager): Promise<CreditProductEntity[]> {
    return this.read(manager, (m) =>
      m.find(CreditProductEntity, { where: options.includeArchived ? {} : { archivedAt: IsNull() }, order: { credits: 'ASC', key: 'ASC' } }),
    );
  }

  /** A credit product by id or key, archived or not. */
  getCreditProduct(idOrKey: string, manager?: EntityManager): Promise<CreditProductEntity | null> {
    return this.read(manager, (m) => m.findOneBy(CreditProductEntity, isUuid(idOrKey) ? { id: idOrKey } : { key: idOrKey }));
  }

  listFeatures(options: { includeArchived?: boolean } = {}, manager?: EntityManager): Promise<FeatureEntity[]> {
    return this.read(manager, (m) => m.find(FeatureEntity, { where: options.includeArchived ? {} : { archivedAt: IsNull() }, order: { key: 'ASC' } }));
  }

  /** Which credits a consumption draws first; purchased_first when the setting is missing or unreadable. */
  consumptionOrder(manager?: EntityManager): Promise<CreditConsumptionOrder> {
    return this.read(manager, async (m) => {
      const setting = await m.findOneBy(PlatformSettingEntity, { key: CONSUMPTION_ORDER_SETTING });
      const value = setting?.value;
      return Object.values(CreditConsumptionOrder).includes(value as CreditConsumptionOrder)
        ? (value as CreditConsumptionOrder)
        : DEFAULT_CONSUMPTION_ORDER;
    });
  }

  /** Public, non-archived plans in sort order, each with its current version's terms. */
  publicPlans(): Promise<PlanWithTerms[]> {
    return this.database.asPlatform(async (m) => {
      const plans = await m.find(PlanEntity, { where: { isPublic: true, archivedAt: IsNull() }, order: { sortOrder: 'ASC', key: 'ASC' } });
      return (await this.withTerms(m, plans, { allVersions: false })).filter((p) => p.current !== null);
    });
  }

  /** Plans with their current version and (allVersions) every version, each with its entitlements and features. */
  async withTerms(m: EntityManager, plans: PlanEntity[], options: { allVersions: boolean }): Promise<PlanWithTerms[]> {
    if (plans.length === 0) return [];
    const versions = options.allVersions
      ? await m.find(PlanVersionEntity, { where: { planId: In(plans.map((p) => p.id)) }, order: { version: 'ASC' } })
      : await m.findBy(PlanVersionEntity, { id: In(plans.map((p) => p.currentVersionId).filter((id): id is string => id !== null)) });
    const entitlements = await this.loadEntitlements(m, versions.map((v) => v.id));
    const terms = versions.map((version) => ({ version, entitlements: entitlements.get(version.id) ?? [] }));
    return plans.map((plan) => ({
      plan,
      current: terms.find((t) => t.version.id === plan.currentVersionId) ?? null,
      versions: options.allVersions ? terms.filter((t) => t.version.planId === plan.id) : [],
    }));
  }

  private async loadEntitlements(m: EntityManager, planVersionIds: string[]): Promise<Map<string, EntitlementWithFeature[]>> {
    const result = new Map<string, EntitlementWithFeature[]>(planVersionIds.map((id) => [id, []]));
    const ids = planVersionIds.filter(isUuid);
    if (ids.length === 0) return result;
    const rows = await m.find(PlanEntitlementEntity, { where: { planVersionId: In(ids) }, order: { featureKey: 'ASC' } });
    const features = await m.findBy(FeatureEntity, { key: In([...new Set(rows.map((r) => r.featureKey))]) });
    const featureByKey = new Map(features.map((f) => [f.key, f]));
    for (const entitlement of rows) {
      result.get(entitlement.planVersionId)?.push({ entitlement, feature: featureByKey.get(entitlement.featureKey)! });
    }
    return result;
  }

  private read<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.database.asPlatform(work);
  }
}

function path(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}
