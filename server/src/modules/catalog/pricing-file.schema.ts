import { z } from 'zod';
import { CreditConsumptionOrder, FeatureKind, OverageBehavior, ResetPeriod } from './catalog.enums';
import {
  CONSUMPTION_ORDER_SETTING,
  CREDIT_EVENT_KEY,
  CREDIT_PRODUCT_KEY,
  CURRENCY,
  FEATURE_KEY,
  FREE_PLAN_KEY,
  MAX_INT,
  MAX_MINOR_AMOUNT,
  MAX_TRIAL_DAYS,
  PLAN_KEY,
} from './catalog-rules';

/** server/catalog/pricing.json: the catalog a fresh database starts with. */

const text = z.string().trim().min(1).max(200);
const description = z.string().max(2000).default('');
const minorAmount = z.number().int().min(0).max(MAX_MINOR_AMOUNT);
const count = z.number().int().min(0).max(MAX_INT);
const currency = z.string().regex(CURRENCY, 'must be a lower-case ISO 4217 code, e.g. "usd"');
const keyOf = (pattern: RegExp) => z.string().regex(pattern, `must match ${pattern.source}`);

const feature = z.strictObject({
  key: keyOf(FEATURE_KEY),
  name: text,
  description,
  kind: z.enum(FeatureKind),
  unit: z.string().trim().min(1).max(50).nullable().default(null),
});

/**
 * One shape for both kinds (a union would hide the real problem behind "invalid input"); which fields a kind
 * allows is checked against the feature list below.
 */
const entitlement = z.strictObject({
  enabled: z.boolean().optional(),
  limit: count.nullable().optional(),
  resetPeriod: z.enum(ResetPeriod).optional(),
  overage: z.enum(OverageBehavior).optional(),
  /** What overage costs (billed through a Stripe meter): `amountMinor` per `perUnits` units past the limit. */
  overagePrice: z.strictObject({ amountMinor: z.number().int().min(0).max(MAX_INT), perUnits: z.number().int().min(1).max(MAX_INT).default(1) }).optional(),
});

const plan = z.strictObject({
  key: keyOf(PLAN_KEY),
  name: text,
  description,
  isPublic: z.boolean().default(true),
  sortOrder: z.number().int().min(-MAX_INT).max(MAX_INT).default(0),
  currency,
  monthlyPriceMinor: minorAmount.nullable(),
  yearlyPriceMinor: minorAmount.nullable(),
  trialDays: z.number().int().min(0).max(MAX_TRIAL_DAYS).default(0),
  creditsPerPeriod: count.default(0),
  hourlyRequestLimit: z.number().int().min(1).max(MAX_INT).nullable(),
  entitlements: z.record(z.string(), entitlement).default({}),
});

const creditEvent = z.strictObject({
  key: keyOf(CREDIT_EVENT_KEY),
  name: text,
  description,
  category: z.string().trim().min(1).max(50).default('general'),
  creditCost: z.number().int().min(1).max(MAX_INT),
  active: z.boolean().default(true),
});

const creditProduct = z.strictObject({
  key: keyOf(CREDIT_PRODUCT_KEY),
  name: text,
  description,
  credits: z.number().int().min(1).max(MAX_INT),
  priceMinor: minorAmount,
  currency,
});

function uniqueKeys(items: Array<{ key: string }>, list: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: [list, index, 'key'], message: `duplicate key "${item.key}"` });
    seen.add(item.key);
  });
}

export const pricingFileSchema = z
  .strictObject({
    $comment: z.string().optional(),
    features: z.array(feature),
    plans: z.array(plan).min(1),
    creditEvents: z.array(creditEvent).default([]),
    creditProducts: z.array(creditProduct).default([]),
    settings: z
      .strictObject({ [CONSUMPTION_ORDER_SETTING]: z.enum(CreditConsumptionOrder).default(CreditConsumptionOrder.PURCHASED_FIRST) })
      .default({ [CONSUMPTION_ORDER_SETTING]: CreditConsumptionOrder.PURCHASED_FIRST }),
  })
  .superRefine((file, ctx) => {
    uniqueKeys(file.features, 'features', ctx);
    uniqueKeys(file.plans, 'plans', ctx);
    uniqueKeys(file.creditEvents, 'creditEvents', ctx);
    uniqueKeys(file.creditProducts, 'creditProducts', ctx);
    if (!file.plans.some((p) => p.key === FREE_PLAN_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['plans'], message: `a plan with key "${FREE_PLAN_KEY}" is required (the fallback plan)` });
    }
    const kinds = new Map(file.features.map((f) => [f.key, f.kind]));
    file.plans.forEach((p, index) => {
      for (const [featureKey, grant] of Object.entries(p.entitlements)) {
        const path = ['plans', index, 'entitlements', featureKey];
        const problem = entitlementProblem(kinds.get(featureKey), grant);
        if (problem) ctx.addIssue({ code: 'custom', path: [...path, ...problem.at], message: problem.message });
      }
    });
  });

export type PricingFile = z.output<typeof pricingFileSchema>;
export type PricingPlan = PricingFile['plans'][number];
export type PricingEntitlement = z.output<typeof entitlement>;

function entitlementProblem(kind: FeatureKind | undefined, grant: PricingEntitlement): { at: string[]; message: string } | null {
  if (!kind) return { at: [], message: 'unknown feature (not in "features")' };
  if (kind === FeatureKind.BOOLEAN) {
    for (const field of ['limit', 'resetPeriod', 'overage', 'overagePrice'] as const) {
      if (grant[field] !== undefined) return { at: [field], message: `a boolean feature takes only "enabled", not "${field}"` };
    }
    if (grant.enabled === undefined) return { at: ['enabled'], message: 'a boolean feature needs "enabled"' };
    return null;
  }
  if (grant.limit === undefined) return { at: ['limit'], message: 'a metered feature needs "limit" (null: unlimited)' };
  if (grant.resetPeriod === undefined) return { at: ['resetPeriod'], message: 'a metered feature needs "resetPeriod"' };
  if (grant.overagePrice && grant.overage !== OverageBehavior.OVERAGE) return { at: ['overagePrice'], message: 'an overage price needs "overage": "overage"' };
  return null;
}

/** "plans[1].entitlements.messages.limit" */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export class PricingFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Array<{ path: string; message: string }>,
  ) {
    super(`${file} is not a valid pricing file:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'PricingFileError';
  }
}

/** Parses the file's text; throws PricingFileError naming each bad path (JSON syntax errors included). */
export function parsePricingFile(json: string, file: string): PricingFile {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new PricingFileError(file, [{ path: '(root)', message: `not JSON: ${(error as Error).message}` }]);
  }
  const result = pricingFileSchema.safeParse(raw);
  if (!result.success) {
    throw new PricingFileError(file, result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })));
  }
  return result.data;
}
