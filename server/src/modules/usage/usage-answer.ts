import { registerEnumType } from 'type-graphql';
import { FeatureKind } from '../catalog/catalog.enums';

/** How close usage is to its limit, counting the quantity asked about. */
export enum UsageWarningLevel {
  NONE = 'NONE',
  /** At least 80% of the limit. */
  WARNING = 'WARNING',
  /** At least 95% of the limit. */
  CRITICAL = 'CRITICAL',
  /** Past the limit (blocked, or billed as overage). */
  EXCEEDED = 'EXCEEDED',
}
registerEnumType(UsageWarningLevel, {
  name: 'UsageWarningLevel',
  description: 'NONE below 80% of the limit, WARNING from 80%, CRITICAL from 95%, EXCEEDED past 100% (the quantity included).',
});

/** The answer to "may this organization use this feature (this much)?", and to every usage write. */
export interface EntitlementAnswer {
  featureKey: string;
  allowed: boolean;
  kind: FeatureKind;
  /** Used in the current window (after the quantity when it was recorded). */
  used: number;
  /** Null: unlimited. */
  limit: number | null;
  remaining: number | null;
  /** When the window ends and the count starts again; null: never. */
  resetsAt: Date | null;
  warningLevel: UsageWarningLevel;
  /** The entitlement bills usage past its limit instead of refusing it. */
  overage: boolean;
}

/** What a metered entitlement says, for the window that contains "now". */
export interface MeteredTerms {
  featureKey: string;
  limit: number | null;
  resetsAt: Date | null;
  overage: boolean;
}

/**
 * The facts stored in usage_events' answer columns when usage is recorded (written by SQL, see usage-sql.ts). The
 * rest of the answer follows from them, so a replay answers exactly as the first call did.
 */
export interface RecordedFacts {
  featureKey: string;
  used: number;
  limit: number | null;
  resetsAt: Date | null;
  overage: boolean;
}

/** Integer arithmetic, so 80% and 95% are exact whatever the limit. */
export function warningLevelOf(projected: number, limit: number | null): UsageWarningLevel {
  if (limit === null) return UsageWarningLevel.NONE;
  if (projected > limit) return UsageWarningLevel.EXCEEDED;
  if (projected * 100 >= limit * 95) return UsageWarningLevel.CRITICAL;
  if (projected * 100 >= limit * 80) return UsageWarningLevel.WARNING;
  return UsageWarningLevel.NONE;
}

/**
 * `used` is what the window holds now; `projected` is what it would hold (or holds) with the quantity. A check
 * passes used and used + quantity; a recorded write passes the new count twice.
 */
export function meteredAnswer(terms: MeteredTerms, used: number, projected: number): EntitlementAnswer {
  const { featureKey, limit, resetsAt, overage } = terms;
  return {
    featureKey,
    kind: FeatureKind.METERED,
    allowed: limit === null || projected <= limit || overage,
    used,
    limit,
    remaining: limit === null ? null : Math.max(limit - used, 0),
    resetsAt,
    warningLevel: warningLevelOf(projected, limit),
    overage,
  };
}

export function answerFromRecorded(facts: RecordedFacts): EntitlementAnswer {
  const { featureKey, used, limit, resetsAt, overage } = facts;
  return meteredAnswer({ featureKey, limit, resetsAt, overage }, used, used);
}

export function booleanAnswer(featureKey: string, enabled: boolean): EntitlementAnswer {
  return {
    featureKey,
    kind: FeatureKind.BOOLEAN,
    allowed: enabled,
    used: 0,
    limit: null,
    remaining: null,
    resetsAt: null,
    warningLevel: UsageWarningLevel.NONE,
    overage: false,
  };
}

/** A metered feature the plan does not include: a limit of zero, with no window. */
export function notEntitledAnswer(featureKey: string): EntitlementAnswer {
  return {
    featureKey,
    kind: FeatureKind.METERED,
    allowed: false,
    used: 0,
    limit: 0,
    remaining: 0,
    resetsAt: null,
    warningLevel: UsageWarningLevel.EXCEEDED,
    overage: false,
  };
}
