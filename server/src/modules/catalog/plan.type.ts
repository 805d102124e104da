import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MoneyType } from '../../shared/money.type';
import { OverageBehavior, ResetPeriod } from './catalog.enums';
import { yearlyDiscountPercent } from './catalog-rules';
import type { EntitlementWithFeature, PlanWithTerms, VersionTerms } from './catalog.service';
import { FeatureType } from './catalog.type';

@ObjectType('PlanEntitlement', { description: 'What a plan version grants of one feature.' })
export class PlanEntitlementType {
  @Field(() => FeatureType)
  feature: FeatureType;

  @Field(() => Boolean)
  enabled: boolean;

  @Field(() => Int, { nullable: true, description: 'Metered features: the allowance per reset period; null: unlimited. Boolean features: null.' })
  limit: number | null;

  @Field(() => ResetPeriod, { nullable: true, description: 'Metered features only.' })
  resetPeriod: ResetPeriod | null;

  @Field(() => OverageBehavior)
  overage: OverageBehavior;

  @Field(() => Int, { nullable: true, description: 'OVERAGE only: minor units billed per overagePriceUnits units past the limit; null: counted, not billed.' })
  overagePriceMinor: number | null;

  @Field(() => Int, { description: 'How many units overagePriceMinor buys.' })
  overagePriceUnits: number;

  static from({ entitlement, feature }: EntitlementWithFeature): PlanEntitlementType {
    return Object.assign(new PlanEntitlementType(), {
      feature: FeatureType.from(feature),
      enabled: entitlement.enabled,
      limit: entitlement.limitValue,
      resetPeriod: entitlement.resetPeriod,
      overage: entitlement.overage,
      overagePriceMinor: entitlement.overagePriceMinor,
      overagePriceUnits: entitlement.overagePriceUnits,
    });
  }
}

@ObjectType('PlanVersion', { description: 'An immutable snapshot of a plan\'s terms; subscriptions keep the version they bought.' })
export class PlanVersionType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String)
  currency: string;

  @Field(() => MoneyType, { nullable: true, description: 'Null: custom price (contact sales).' })
  monthlyPrice: MoneyType | null;

  @Field(() => MoneyType, { nullable: true, description: 'Null: custom price (contact sales).' })
  yearlyPrice: MoneyType | null;

  @Field(() => Int, { nullable: true, description: 'Whole percent saved by paying yearly instead of 12 months; null for free or custom prices.' })
  yearlyDiscountPercent: number | null;

  @Field(() => Int)
  trialDays: number;

  @Field(() => Int, { description: 'Subscription credits granted at the start of every period; they expire at its end.' })
  creditsPerPeriod: number;

  @Field(() => Int, { nullable: true, description: 'Client-app requests per organization per hour; null: unlimited.' })
  hourlyRequestLimit: number | null;

  @Field(() => [PlanEntitlementType])
  entitlements: PlanEntitlementType[];

  @Field(() => Date)
  createdAt: Date;

  static from({ version, entitlements }: VersionTerms): PlanVersionType {
    return Object.assign(new PlanVersionType(), {
      id: version.id,
      version: version.version,
      currency: version.currency,
      monthlyPrice: MoneyType.orNull(version.monthlyPriceMinor, version.currency),
      yearlyPrice: MoneyType.orNull(version.yearlyPriceMinor, version.currency),
      yearlyDiscountPercent: yearlyDiscountPercent(version.monthlyPriceMinor, version.yearlyPriceMinor),
      trialDays: version.trialDays,
      creditsPerPeriod: version.creditsPerPeriod,
      hourlyRequestLimit: version.hourlyRequestLimit,
      entitlements: entitlements.map(PlanEntitlementType.from),
      createdAt: version.createdAt,
    });
  }
}

@ObjectType('Plan', { description: 'A tier of the pricing table, with the terms new subscribers get.' })
export class PlanType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  key: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  description: string;

  @Field(() => Boolean)
  isPublic: boolean;

  @Field(() => Int)
  sortOrder: number;

  @Field(() => Date, { nullable: true, description: 'Archived plans take no new subscribers; existing ones keep it.' })
  archivedAt: Date | null;

  @Field(() => PlanVersionType, { description: 'The terms new subscribers get.' })
  currentVersion: PlanVersionType;

  static from(entry: PlanWithTerms): PlanType {
    return Object.assign(new PlanType(), PlanType.fields(entry));
  }

  protected static fields({ plan, current }: PlanWithTerms) {
    return {
      id: plan.id,
      key: plan.key,
      name: plan.name,
      description: plan.description,
      isPublic: plan.isPublic,
      sortOrder: plan.sortOrder,
      archivedAt: plan.archivedAt,
      currentVersion: PlanVersionType.from(current!),
    };
  }
}

@ObjectType('PlatformPlan', { description: 'Platform admins: a plan with every version it has had.' })
export class PlatformPlanType extends PlanType {
  @Field(() => [PlanVersionType], { description: 'Oldest first.' })
  versions: PlanVersionType[];

  static fromHistory(entry: PlanWithTerms): PlatformPlanType {
    return Object.assign(new PlatformPlanType(), PlanType.fields(entry), { versions: entry.versions.map(PlanVersionType.from) });
  }
}
