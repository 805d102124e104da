import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { isUuid } from '../../shared/uuid';
import { FeatureKind } from '../catalog/catalog.enums';
import { type PlanEntitlements, readFeatureContext, readHourlyRequestLimit, readPlanEntitlements } from './entitlement-context';
import { type EntitlementAnswer, booleanAnswer, meteredAnswer, notEntitledAnswer, warningLevelOf } from './usage-answer';
import { checkQuantity } from './usage-request';
import { usageErrors } from './usage.errors';

/** Everything a plan grants, with the current window's usage and how close it is to the limit. */
export interface OrganizationEntitlements extends PlanEntitlements {
  features: Array<PlanEntitlements['features'][number] & { remaining: number | null; warningLevel: ReturnType<typeof warningLevelOf> }>;
}

/** Reads what an organization may do: one statement per question (see entitlement-context.ts). */
export class EntitlementService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** May the organization use `quantity` more of the feature now? Nothing is recorded. */
  async check(organizationId: string, featureKey: string, quantity = 1): Promise<EntitlementAnswer> {
    checkQuantity(quantity);
    const context = await this.database.inTenant(organizationId, (m) => readFeatureContext(m, organizationId, featureKey, this.clock.now(), null));
    if (!context) throw usageErrors.unknownFeature(featureKey);
    if (context.kind === FeatureKind.BOOLEAN) return booleanAnswer(featureKey, context.entitled);
    if (!context.entitled) return notEntitledAnswer(featureKey);
    const terms = { featureKey, limit: context.limit, resetsAt: context.windowEnd, overage: context.overage };
    return meteredAnswer(terms, context.used, context.used + quantity);
  }

  /** The organization's plan with every feature it lists and the usage of the current windows. */
  async entitlements(organizationId: string): Promise<OrganizationEntitlements> {
    const plan = await this.database.inTenant(organizationId, (m) => readPlanEntitlements(m, organizationId, this.clock.now()));
    // Only without any free plan in the catalog; the catalog loader always provides one.
    if (!plan) throw usageErrors.organizationNotFound();
    return {
      ...plan,
      features: plan.features.map((feature) => {
        const metered = feature.kind === FeatureKind.METERED && feature.enabled;
        return {
          ...feature,
          remaining: metered && feature.limit !== null ? Math.max(feature.limit - feature.used, 0) : null,
          warningLevel: metered ? warningLevelOf(feature.used, feature.limit) : warningLevelOf(0, null),
        };
      }),
    };
  }

  /** Platform admins: any organization's entitlements; an unknown organization is NOT_FOUND rather than "free". */
  async adminEntitlements(organizationId: string): Promise<OrganizationEntitlements> {
    if (!isUuid(organizationId)) throw usageErrors.organizationNotFound();
    const exists = await this.database.asPlatform((m) => m.query(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId]));
    if (exists.length === 0) throw usageErrors.organizationNotFound();
    return this.entitlements(organizationId.toLowerCase());
  }

  /** Client-app GraphQL requests per hour the organization's plan allows; null: unlimited. */
  hourlyRequestLimit(organizationId: string): Promise<number | null> {
    return this.database.inTenant(organizationId, (m) => readHourlyRequestLimit(m, organizationId));
  }
}
