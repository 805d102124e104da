import { Field, Float, Int, ObjectType } from 'type-graphql';
import { FeatureKind, OverageBehavior, ResetPeriod } from '../catalog/catalog.enums';
import type { OrganizationEntitlements } from './entitlement.service';
import { type BatchEventResult, UsageEventStatus } from './usage-batch';
import { type EntitlementAnswer, UsageWarningLevel } from './usage-answer';
import type { UsageSummary } from './usage.service';

const USED = 'Used in the current window (after the quantity, when it was recorded). A whole number; Float because it may pass 2^31.';

@ObjectType('EntitlementCheck', { description: 'Whether an organization may use a feature (this much), and where its usage stands.' })
export class EntitlementCheckType {
  @Field(() => String) featureKey: string;
  @Field(() => Boolean, { description: 'False: refused (block limit, feature not in the plan, or an on/off feature that is off).' })
  allowed: boolean;
  @Field(() => FeatureKind) kind: FeatureKind;
  @Field(() => Float, { description: USED }) used: number;
  @Field(() => Int, { nullable: true, description: 'Null: unlimited (and for on/off features).' }) limit: number | null;
  @Field(() => Int, { nullable: true }) remaining: number | null;
  @Field(() => Date, { nullable: true, description: 'When the window ends and usage starts again from zero; null: never.' })
  resetsAt: Date | null;
  @Field(() => UsageWarningLevel) warningLevel: UsageWarningLevel;
  @Field(() => Boolean, { description: 'Usage past the limit is allowed and billed as overage.' }) overage: boolean;

  static from(answer: EntitlementAnswer): EntitlementCheckType {
    return Object.assign(new EntitlementCheckType(), answer);
  }
}

@ObjectType('FeatureEntitlement', { description: 'One feature of the plan, with the current window’s usage.' })
export class FeatureEntitlementType {
  @Field(() => String) featureKey: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) unit: string | null;
  @Field(() => FeatureKind) kind: FeatureKind;
  @Field(() => Boolean, { description: 'The plan grants it (on/off features: it is on).' }) enabled: boolean;
  @Field(() => Int, { nullable: true }) limit: number | null;
  @Field(() => ResetPeriod, { nullable: true }) resetPeriod: ResetPeriod | null;
  @Field(() => OverageBehavior) overageBehavior: OverageBehavior;
  @Field(() => Float, { description: USED }) used: number;
  @Field(() => Int, { nullable: true }) remaining: number | null;
  @Field(() => Date, { nullable: true }) resetsAt: Date | null;
  @Field(() => UsageWarningLevel) warningLevel: UsageWarningLevel;
}

@ObjectType('OrganizationEntitlements', { description: 'What the organization’s plan grants and how much of it is used.' })
export class OrganizationEntitlementsType {
  @Field(() => String) planKey: string;
  @Field(() => String) planName: string;
  @Field(() => Int) planVersion: number;
  @Field(() => Int, { nullable: true, description: 'Client-app (API key) requests per hour; null: unlimited.' })
  hourlyRequestLimit: number | null;
  @Field(() => [FeatureEntitlementType]) features: FeatureEntitlementType[];

  static from(entitlements: OrganizationEntitlements): OrganizationEntitlementsType {
    return Object.assign(new OrganizationEntitlementsType(), {
      ...entitlements,
      features: entitlements.features.map((f) =>
        Object.assign(new FeatureEntitlementType(), {
          featureKey: f.featureKey,
          name: f.featureName,
          unit: f.unit,
          kind: f.kind,
          enabled: f.enabled,
          limit: f.limit,
          resetPeriod: f.resetPeriod,
          overageBehavior: f.overage,
          used: f.used,
          remaining: f.remaining,
          resetsAt: f.resetsAt,
          warningLevel: f.warningLevel,
        }),
      ),
    });
  }
}

@ObjectType('UsageEventError')
export class UsageEventErrorType {
  @Field(() => String, { description: 'An ErrorCode value: BAD_USER_INPUT, FORBIDDEN (not in the plan) or CONFLICT (key reused).' })
  code: string;
  @Field(() => String) message: string;
  @Field(() => String, { nullable: true }) field: string | null;
}

@ObjectType('UsageEventResult', { description: 'The outcome of one event of a batch, by its position in the input.' })
export class UsageEventResultType {
  @Field(() => Int) index: number;
  @Field(() => String) idempotencyKey: string;
  @Field(() => UsageEventStatus) status: UsageEventStatus;
  @Field(() => EntitlementCheckType, { nullable: true }) entitlement: EntitlementCheckType | null;
  @Field(() => UsageEventErrorType, { nullable: true }) error: UsageEventErrorType | null;
}

@ObjectType('UsageBatchResult')
export class UsageBatchResultType {
  @Field(() => Int) recorded: number;
  @Field(() => Int) duplicates: number;
  @Field(() => Int) rejected: number;
  private outcomes: BatchEventResult[] = [];

  /** Built only when the client asks for it: a 1,000-event batch often wants just the counts. */
  @Field(() => [UsageEventResultType])
  get results(): UsageEventResultType[] {
    return this.outcomes.map((r) => ({
      index: r.index,
      idempotencyKey: r.idempotencyKey,
      status: r.status,
      entitlement: r.answer ? EntitlementCheckType.from(r.answer) : null,
      error: r.error,
    }));
  }

  static from(results: BatchEventResult[]): UsageBatchResultType {
    const counts = { [UsageEventStatus.RECORDED]: 0, [UsageEventStatus.DUPLICATE]: 0, [UsageEventStatus.REJECTED]: 0 };
    for (const result of results) counts[result.status] += 1;
    return Object.assign(new UsageBatchResultType(), {
      recorded: counts[UsageEventStatus.RECORDED],
      duplicates: counts[UsageEventStatus.DUPLICATE],
      rejected: counts[UsageEventStatus.REJECTED],
      outcomes: results,
    });
  }
}

@ObjectType('UsageDay')
export class UsageDayType {
  @Field(() => String, { description: 'UTC date, YYYY-MM-DD.' }) date: string;
  @Field(() => Float) quantity: number;
  @Field(() => Float, { description: 'The part billed as overage.' }) overage: number;
}

@ObjectType('FeatureUsage')
export class FeatureUsageType {
  @Field(() => String) featureKey: string;
  @Field(() => Float) total: number;
  @Field(() => Float) overage: number;
  @Field(() => [UsageDayType], { description: 'Days with usage, oldest first.' }) days: UsageDayType[];
}

@ObjectType('UsageSummary', { description: 'Recorded usage over [from, to), per feature and UTC day.' })
export class UsageSummaryType {
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
  @Field(() => [FeatureUsageType]) features: FeatureUsageType[];

  static from(summary: UsageSummary): UsageSummaryType {
    return Object.assign(new UsageSummaryType(), summary);
  }
}
