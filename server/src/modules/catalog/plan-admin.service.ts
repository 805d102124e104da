import { type EntityManager, In } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import { isUuid } from '../../shared/uuid';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { FeatureKind, OverageBehavior, type ResetPeriod } from './catalog.enums';
import { catalogErrors } from './catalog.errors';
import { FREE_PLAN_KEY } from './catalog-rules';
import type { CatalogService, PlanWithTerms } from './catalog.service';
import { snapshot } from './catalog-snapshot';
import { FeatureEntity } from './feature.entity';
import { PlanEntitlementEntity } from './plan-entitlement.entity';
import { PlanVersionEntity } from './plan-version.entity';
import { PlanEntity } from './plan.entity';

export interface EntitlementTerms {
  featureKey: string;
  enabled: boolean;
  /** Metered only; null or omitted: unlimited. */
  limit?: number | null;
  resetPeriod?: ResetPeriod | null;
  overage?: OverageBehavior | null;
  /** Overage only: minor units per `overagePriceUnits` units past the limit; null or omitted: not billed. */
  overagePriceMinor?: number | null;
  overagePriceUnits?: number | null;
}

/** A plan version's terms, in full. */
export interface PlanTerms {
  currency: string;
  monthlyPriceMinor?: number | null;
  yearlyPriceMinor?: number | null;
  trialDays: number;
  creditsPerPeriod: number;
  hourlyRequestLimit?: number | null;
  entitlements: EntitlementTerms[];
}

export interface NewPlan extends PlanTerms {
  key: string;
  name: string;
  description: string;
  isPublic: boolean;
  sortOrder: number;
}

export interface PlanChanges {
  name?: string | null;
  description?: string | null;
  isPublic?: boolean | null;
  sortOrder?: number | null;
}

/**
 * Platform admins' plan editing. Metadata changes in place; terms never do: a change of terms writes a new
 * plan_versions row and points the plan at it, so subscribers keep the version they bought. Every change is
 * audited in its own transaction.
 */
export class PlanAdminService {
  constructor(
    private readonly database: Database,
    private readonly catalog: CatalogService,
    private readonly auditLog: AuditLogService,
    private readonly clock: Clock,
  ) {}

  /** Every plan, archived included, with every version. */
  listAll(): Promise<PlanWithTerms[]> {
    return this.database.asPlatform(async (m) => {
      const plans = await m.find(PlanEntity, { order: { sortOrder: 'ASC', key: 'ASC' } });
      return this.catalog.withTerms(m, plans, { allVersions: true });
    });
  }

  async create(actor: Actor, input: NewPlan): Promise<PlanWithTerms> {
    const now = this.clock.now();
    try {
      return await this.database.asPlatform(async (m) => {
        if (await m.existsBy(PlanEntity, { key: input.key })) throw catalogErrors.duplicateKey('key', 'plan', input.key);
        const plan = await m.save(
          m.create(PlanEntity, {
            key: input.key,
            name: input.name.trim(),
            description: input.description,
            isPublic: input.isPublic,
            sortOrder: input.sortOrder,
            currentVersionId: null,
            archivedAt: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
        const terms = await this.normalize(m, input, new Set());
        const version = await this.insertVersion(m, plan, 1, terms);
        const entry = await this.history(m, plan.id);
        await this.auditLog.record(m, actor, {
          organizationId: null,
          action: 'plan.created',
          targetType: 'plan',
          targetId: plan.id,
          after: { plan: snapshot(entry.plan), version: termsSnapshot(version, terms) },
        });
        return entry;
      });
    } catch (error) {
      // Two admins creating the same key at once: the loser gets the same answer as a sequential duplicate.
      if (isUniqueViolation(error, 'uq_plans_key')) throw catalogErrors.duplicateKey('key', 'plan', input.key);
      throw error;
    }
  }

  update(actor: Actor, planId: string, changes: PlanChanges): Promise<PlanWithTerms> {
    return this.database.asPlatform(async (m) => {
      const plan = await this.lockPlan(m, planId);
      const before = snapshot(plan);
      const next = {
        name: changes.name?.trim() ?? plan.name,
        description: changes.description ?? plan.description,
        isPublic: changes.isPublic ?? plan.isPublic,
        sortOrder: changes.sortOrder ?? plan.sortOrder,
      };
      if (Object.entries(next).some(([field, value]) => plan[field as keyof typeof next] !== value)) {
        await m.update(PlanEntity, { id: plan.id }, { ...next, updatedAt: this.clock.now() });
        const after = snapshot({ ...plan, ...next });
        await this.auditLog.record(m, actor, { organizationId: null, action: 'plan.updated', targetType: 'plan', targetId: plan.id, before, after });
      }
      return this.history(m, plan.id);
    });
  }

  /** New terms → version n+1, now the plan's current one. Identical terms change nothing. */
  changeTerms(actor: Actor, planId: string, terms: PlanTerms): Promise<PlanWithTerms> {
    return this.database.asPlatform(async (m) => {
      const plan = await this.lockPlan(m, planId);
      const current = plan.currentVersionId ? await m.findOneByOrFail(PlanVersionEntity, { id: plan.currentVersionId }) : null;
      const currentGrants = current ? await m.findBy(PlanEntitlementEntity, { planVersionId: current.id }) : [];
      const normalized = await this.normalize(m, terms, new Set(currentGrants.map((g) => g.featureKey)));
      if (current && sameTerms(current, currentGrants, normalized)) return this.history(m, plan.id);

      const latest: { max: number | null } | undefined = await m
        .createQueryBuilder(PlanVersionEntity, 'v')
        .select('max(v.version)', 'max')
        .where('v.plan_id = :planId', { planId: plan.id })
        .getRawOne();
      const version = await this.insertVersion(m, plan, Number(latest?.max ?? 0) + 1, normalized);
      await this.auditLog.record(m, actor, {
        organizationId: null,
        action: 'plan.terms_changed',
        targetType: 'plan',
        targetId: plan.id,
        before: current ? termsSnapshot(current, { entitlements: currentGrants.map(grantTerms) }) : null,
        after: termsSnapshot(version, normalized),
      });
      return this.history(m, plan.id);
    });
  }

  /** Archived: out of `plans`, no new subscribers; subscribers keep it. Archiving twice is harmless. */
  archive(actor: Actor, planId: string): Promise<PlanWithTerms> {
    return this.setArchived(actor, planId, true);
  }

  unarchive(actor: Actor, planId: string): Promise<PlanWithTerms> {
    return this.setArchived(actor, planId, false);
  }

  private setArchived(actor: Actor, planId: string, archived: boolean): Promise<PlanWithTerms> {
    return this.database.asPlatform(async (m) => {
      const plan = await this.lockPlan(m, planId);
      if (archived && plan.key === FREE_PLAN_KEY) {
        throw catalogErrors.invalid('planId', 'The free plan is every organization\'s fallback and cannot be archived');
      }
      if ((plan.archivedAt !== null) !== archived) {
        const now = this.clock.now();
        await m.update(PlanEntity, { id: plan.id }, { archivedAt: archived ? now : null, updatedAt: now });
        await this.auditLog.record(m, actor, {
          organizationId: null,
          action: archived ? 'plan.archived' : 'plan.unarchived',
          targetType: 'plan',
          targetId: plan.id,
          before: { archivedAt: plan.archivedAt?.toISOString() ?? null },
          after: { archivedAt: archived ? now.toISOString() : null },
        });
      }
      return this.history(m, plan.id);
    });
  }

  private async lockPlan(m: EntityManager, planId: string): Promise<PlanEntity> {
    if (!isUuid(planId)) throw catalogErrors.planNotFound(planId);
    const plan = await m.findOne(PlanEntity, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw catalogErrors.planNotFound(planId);
    return plan;
  }

  private async history(m: EntityManager, planId: string): Promise<PlanWithTerms> {
    const plan = await m.findOneByOrFail(PlanEntity, { id: planId });
    const [entry] = await this.catalog.withTerms(m, [plan], { allVersions: true });
    return entry!;
  }

  private async insertVersion(m: EntityManager, plan: PlanEntity, number: number, terms: NormalizedTerms): Promise<PlanVersionEntity> {
    const version = await m.save(
      m.create(PlanVersionEntity, {
        planId: plan.id,
        version: number,
        currency: terms.currency,
        monthlyPriceMinor: terms.monthlyPriceMinor,
        yearlyPriceMinor: terms.yearlyPriceMinor,
        trialDays: terms.trialDays,
        creditsPerPeriod: terms.creditsPerPeriod,
        hourlyRequestLimit: terms.hourlyRequestLimit,
        createdAt: this.clock.now(),
      }),
    );
    if (terms.entitlements.length > 0) {
      await m.insert(
        PlanEntitlementEntity,
        terms.entitlements.map((e) => ({ planVersionId: version.id, ...e })),
      );
    }
    await m.update(PlanEntity, { id: plan.id }, { currentVersionId: version.id, updatedAt: this.clock.now() });
    return version;
  }

  /**
   * Checks terms against the features and fills defaults. Field names match the GraphQL input, e.g.
   * "entitlements.2.limit". Archived features may stay in a plan that already grants them, not be added.
   */
  private async normalize(m: EntityManager, terms: PlanTerms, alreadyGranted: Set<string>): Promise<NormalizedTerms> {
    for (const field of ['monthlyPriceMinor', 'yearlyPriceMinor'] as const) {
      const price = terms[field];
      if (price !== undefined && price !== null && (!Number.isInteger(price) || price < 0)) {
        throw catalogErrors.invalid(field, `${field} must be a whole number of minor units, 0 or more`);
      }
    }
    const keys = terms.entitlements.map((e) => e.featureKey);
    const features = keys.length ? await m.findBy(FeatureEntity, { key: In(keys) }) : [];
    const byKey = new Map(features.map((f) => [f.key, f]));
    const seen = new Set<string>();
    const entitlements = terms.entitlements.map((grant, index) => {
      const field = `entitlements.${index}`;
      const feature = byKey.get(grant.featureKey);
      if (!feature) throw catalogErrors.invalid(`${field}.featureKey`, `Unknown feature "${grant.featureKey}"`);
      if (seen.has(grant.featureKey)) throw catalogErrors.invalid(`${field}.featureKey`, `Feature "${grant.featureKey}" is listed twice`);
      seen.add(grant.featureKey);
      if (feature.archivedAt && !alreadyGranted.has(feature.key)) {
        throw catalogErrors.invalid(`${field}.featureKey`, `Feature "${grant.featureKey}" is archived`);
      }
      if (feature.kind === FeatureKind.BOOLEAN) {
        for (const extra of ['limit', 'resetPeriod', 'overage', 'overagePriceMinor', 'overagePriceUnits'] as const) {
          if (grant[extra] !== undefined && grant[extra] !== null) {
            throw catalogErrors.invalid(`${field}.${extra}`, `"${grant.featureKey}" is a boolean feature: it takes no ${extra}`);
          }
        }
        return { featureKey: feature.key, enabled: grant.enabled, limitValue: null, resetPeriod: null, overage: OverageBehavior.BLOCK, overagePriceMinor: null, overagePriceUnits: 1 };
      }
      if (!grant.resetPeriod) {
        throw catalogErrors.invalid(`${field}.resetPeriod`, `"${grant.featureKey}" is metered: resetPeriod is required`);
      }
      const overage = grant.overage ?? OverageBehavior.BLOCK;
      const priced = (grant.overagePriceMinor ?? null) !== null || (grant.overagePriceUnits ?? null) !== null;
      if (priced && overage !== OverageBehavior.OVERAGE) {
        const priceField = (grant.overagePriceMinor ?? null) !== null ? 'overagePriceMinor' : 'overagePriceUnits';
        throw catalogErrors.invalid(`${field}.${priceField}`, `An overage price needs overage OVERAGE ("${grant.featureKey}" blocks at its limit)`);
      }
      return {
        featureKey: feature.key,
        enabled: grant.enabled,
        limitValue: grant.limit ?? null,
        resetPeriod: grant.resetPeriod,
        overage,
        overagePriceMinor: grant.overagePriceMinor ?? null,
        overagePriceUnits: grant.overagePriceUnits ?? 1,
      };
    });
    return {
      currency: terms.currency,
      monthlyPriceMinor: terms.monthlyPriceMinor ?? null,
      yearlyPriceMinor: terms.yearlyPriceMinor ?? null,
      trialDays: terms.trialDays,
      creditsPerPeriod: terms.creditsPerPeriod,
      hourlyRequestLimit: terms.hourlyRequestLimit ?? null,
      entitlements: entitlements.sort((a, b) => a.featureKey.localeCompare(b.featureKey)),
    };
  }
}

type NormalizedGrant = Pick<
  PlanEntitlementEntity,
  'featureKey' | 'enabled' | 'limitValue' | 'resetPeriod' | 'overage' | 'overagePriceMinor' | 'overagePriceUnits'
>;

interface NormalizedTerms {
  currency: string;
  monthlyPriceMinor: number | null;
  yearlyPriceMinor: number | null;
  trialDays: number;
  creditsPerPeriod: number;
  hourlyRequestLimit: number | null;
  entitlements: NormalizedGrant[];
}

function grantTerms(g: NormalizedGrant): NormalizedGrant {
  const { featureKey, enabled, limitValue, resetPeriod, overage, overagePriceMinor, overagePriceUnits } = g;
  return { featureKey, enabled, limitValue, resetPeriod, overage, overagePriceMinor, overagePriceUnits };
}

function sameTerms(version: PlanVersionEntity, grants: PlanEntitlementEntity[], next: NormalizedTerms): boolean {
  const scalars = ['currency', 'monthlyPriceMinor', 'yearlyPriceMinor', 'trialDays', 'creditsPerPeriod', 'hourlyRequestLimit'] as const;
  if (scalars.some((field) => version[field] !== next[field])) return false;
  const current = grants.map(grantTerms).sort((a, b) => a.featureKey.localeCompare(b.featureKey));
  return JSON.stringify(current) === JSON.stringify(next.entitlements);
}

function termsSnapshot(version: PlanVersionEntity, terms: { entitlements: NormalizedGrant[] }): Record<string, unknown> {
  return { ...snapshot(version), entitlements: terms.entitlements.map(snapshot) };
}
