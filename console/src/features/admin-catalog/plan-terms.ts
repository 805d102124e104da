import { FeatureKind, OverageBehavior, ResetPeriod } from '../../gql/enums';
import type {
  AdminCatalogFeatureFieldsFragment,
  AdminCatalogPlanVersionFieldsFragment,
  CreatePlanInput,
  PlanEntitlementInput,
  PlanTermsInput,
  UpdatePlanInput,
} from '../../gql/graphql';
import {
  compactErrors,
  currencyError,
  descriptionError,
  integerError,
  keyError,
  MAX_INT,
  MAX_TRIAL_DAYS,
  nameError,
  PLAN_KEY,
  toInteger,
  type NumberField,
} from './catalog-rules';

/**
 * What a plan version does with a feature: leaves it out of the plan, lists it as not included ("off"), or grants
 * it ("on"; for metered features with a limit, a reset period and what happens past the limit).
 */
export type GrantState = 'omitted' | 'off' | 'on';

export interface EntitlementRow {
  featureKey: string;
  /** Shown and checked, never sent: the server knows the feature's kind. */
  kind: FeatureKind;
  grant: GrantState;
  unlimited: boolean;
  limit: NumberField;
  resetPeriod: ResetPeriod | null;
  overage: OverageBehavior;
  /** Minor units per `overagePriceUnits` units past the limit; null: counted, not billed. */
  overagePriceMinor: number | null;
  overagePriceUnits: NumberField;
}

export interface PlanTermsFormValues {
  currency: string;
  /** Custom price: "contact sales", no self-serve checkout for that interval. */
  monthlyCustom: boolean;
  monthlyPriceMinor: number | null;
  yearlyCustom: boolean;
  yearlyPriceMinor: number | null;
  trialDays: NumberField;
  creditsPerPeriod: NumberField;
  hourlyUnlimited: boolean;
  hourlyRequestLimit: NumberField;
  entitlements: EntitlementRow[];
}

export interface PlanDetailsFormValues {
  key: string;
  name: string;
  description: string;
  isPublic: boolean;
  sortOrder: NumberField;
}

export type PlanCreateFormValues = PlanDetailsFormValues & PlanTermsFormValues;

type Feature = Pick<AdminCatalogFeatureFieldsFragment, 'key' | 'kind' | 'archivedAt'>;
type Version = Pick<
  AdminCatalogPlanVersionFieldsFragment,
  'currency' | 'monthlyPrice' | 'yearlyPrice' | 'trialDays' | 'creditsPerPeriod' | 'hourlyRequestLimit' | 'entitlements'
>;

/**
 * The terms form's starting values: one row per feature a version may grant — every feature that is not archived,
 * plus archived ones the version already grants (the server lets a plan keep those, not add them).
 */
export function planTermsFormValues(version: Version | null, features: readonly Feature[]): PlanTermsFormValues {
  const granted = new Map((version?.entitlements ?? []).map((e) => [e.feature.key, e]));
  const rows = features
    .filter((feature) => !feature.archivedAt || granted.has(feature.key))
    .map((feature): EntitlementRow => {
      const grant = granted.get(feature.key);
      const metered = feature.kind === FeatureKind.Metered;
      return {
        featureKey: feature.key,
        kind: feature.kind,
        grant: grant ? (grant.enabled ? 'on' : 'off') : 'omitted',
        unlimited: metered && grant ? grant.limit === null : false,
        limit: grant?.limit ?? '',
        resetPeriod: grant?.resetPeriod ?? (metered ? ResetPeriod.Month : null),
        overage: grant?.overage ?? OverageBehavior.Block,
        overagePriceMinor: grant?.overagePriceMinor ?? null,
        overagePriceUnits: grant?.overagePriceUnits ?? 1,
      };
    });
  if (!version) {
    return {
      currency: 'usd',
      monthlyCustom: false,
      monthlyPriceMinor: null,
      yearlyCustom: false,
      yearlyPriceMinor: null,
      trialDays: 0,
      creditsPerPeriod: 0,
      hourlyUnlimited: true,
      hourlyRequestLimit: '',
      entitlements: rows,
    };
  }
  return {
    currency: version.currency,
    monthlyCustom: version.monthlyPrice === null,
    monthlyPriceMinor: version.monthlyPrice?.amountMinor ?? null,
    yearlyCustom: version.yearlyPrice === null,
    yearlyPriceMinor: version.yearlyPrice?.amountMinor ?? null,
    trialDays: version.trialDays,
    creditsPerPeriod: version.creditsPerPeriod,
    hourlyUnlimited: version.hourlyRequestLimit === null,
    hourlyRequestLimit: version.hourlyRequestLimit ?? '',
    entitlements: rows,
  };
}

export function emptyPlanDetails(): PlanDetailsFormValues {
  return { key: '', name: '', description: '', isPublic: true, sortOrder: 0 };
}

function priceError(custom: boolean, minor: number | null, interval: string): string | null {
  if (custom) return null;
  if (minor === null) return `Enter the ${interval} price, or mark it custom`;
  if (minor < 0) return 'At least 0';
  if (minor > MAX_INT) return 'That amount is too large';
  return null;
}

function entitlementErrors(row: EntitlementRow, index: number): Record<string, string | null> {
  if (row.grant === 'omitted' || row.kind !== FeatureKind.Metered) return {};
  const path = `entitlements.${index}`;
  const overage = row.overage === OverageBehavior.Overage;
  return {
    [`${path}.limit`]: row.unlimited ? null : integerError(row.limit, { min: 0, label: 'a limit, or choose unlimited' }),
    [`${path}.resetPeriod`]: row.resetPeriod ? null : 'Choose when usage resets',
    [`${path}.overagePriceMinor`]:
      overage && row.overagePriceMinor !== null && row.overagePriceMinor > MAX_INT ? 'That amount is too large' : null,
    [`${path}.overagePriceUnits`]: overage ? integerError(row.overagePriceUnits, { min: 1, label: 'how many units the price buys' }) : null,
  };
}

/** The terms rules of plan.input.ts and plan-admin.service.ts, as form errors keyed by the form's paths. */
export function validatePlanTerms(values: PlanTermsFormValues): Record<string, string> {
  return compactErrors({
    currency: currencyError(values.currency),
    monthlyPriceMinor: priceError(values.monthlyCustom, values.monthlyPriceMinor, 'monthly'),
    yearlyPriceMinor: priceError(values.yearlyCustom, values.yearlyPriceMinor, 'yearly'),
    trialDays: integerError(values.trialDays, { min: 0, max: MAX_TRIAL_DAYS, label: 'trial days (0 for none)' }),
    creditsPerPeriod: integerError(values.creditsPerPeriod, { min: 0, label: 'credits per period (0 for none)' }),
    hourlyRequestLimit: values.hourlyUnlimited ? null : integerError(values.hourlyRequestLimit, { min: 1, label: 'a request limit, or choose unlimited' }),
    ...Object.assign({}, ...values.entitlements.map(entitlementErrors)),
  });
}

export function validatePlanDetails(values: PlanDetailsFormValues, { withKey }: { withKey: boolean }): Record<string, string> {
  return compactErrors({
    key: withKey ? keyError(values.key, PLAN_KEY, true) : null,
    name: nameError(values.name),
    description: descriptionError(values.description),
    sortOrder: integerError(values.sortOrder, { min: -MAX_INT, label: 'a position (0 sorts first)' }),
  });
}

export function validatePlanCreate(values: PlanCreateFormValues): Record<string, string> {
  return { ...validatePlanDetails(values, { withKey: true }), ...validatePlanTerms(values) };
}

function entitlementInput(row: EntitlementRow): PlanEntitlementInput {
  const enabled = row.grant === 'on';
  if (row.kind !== FeatureKind.Metered) return { featureKey: row.featureKey, enabled };
  const overage = row.overage === OverageBehavior.Overage;
  return {
    featureKey: row.featureKey,
    enabled,
    limit: row.unlimited ? null : toInteger(row.limit),
    resetPeriod: row.resetPeriod,
    overage: row.overage,
    // The server refuses an overage price on a blocking grant.
    overagePriceMinor: overage ? row.overagePriceMinor : null,
    overagePriceUnits: overage ? toInteger(row.overagePriceUnits) : null,
  };
}

export interface PlanTermsMapping {
  input: PlanTermsInput;
  /** The form row of each entitlement sent, by its index in `input.entitlements` (server errors name that index). */
  rowOfEntitlement: number[];
}

/** Valid form values → `PlanTermsInput` (the whole set: rows left out are not granted). */
export function toPlanTermsInput(values: PlanTermsFormValues): PlanTermsMapping {
  const rowOfEntitlement: number[] = [];
  const entitlements: PlanEntitlementInput[] = [];
  values.entitlements.forEach((row, index) => {
    if (row.grant === 'omitted') return;
    rowOfEntitlement.push(index);
    entitlements.push(entitlementInput(row));
  });
  return {
    input: {
      currency: values.currency.trim().toLowerCase(),
      monthlyPriceMinor: values.monthlyCustom ? null : values.monthlyPriceMinor,
      yearlyPriceMinor: values.yearlyCustom ? null : values.yearlyPriceMinor,
      trialDays: toInteger(values.trialDays),
      creditsPerPeriod: toInteger(values.creditsPerPeriod),
      hourlyRequestLimit: values.hourlyUnlimited ? null : toInteger(values.hourlyRequestLimit),
      entitlements,
    },
    rowOfEntitlement,
  };
}

export function toUpdatePlanInput(values: PlanDetailsFormValues): UpdatePlanInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    isPublic: values.isPublic,
    sortOrder: toInteger(values.sortOrder),
  };
}

export function toCreatePlanInput(values: PlanCreateFormValues): { input: CreatePlanInput; rowOfEntitlement: number[] } {
  const terms = toPlanTermsInput(values);
  const details = toUpdatePlanInput(values);
  const input: CreatePlanInput = {
    key: values.key.trim(),
    name: values.name.trim(),
    description: details.description ?? '',
    isPublic: values.isPublic,
    sortOrder: details.sortOrder ?? 0,
    ...terms.input,
  };
  return { input, rowOfEntitlement: terms.rowOfEntitlement };
}

const TERMS_FIELDS = ['currency', 'monthlyPriceMinor', 'yearlyPriceMinor', 'trialDays', 'creditsPerPeriod', 'hourlyRequestLimit'];
const DETAILS_FIELDS = ['key', 'name', 'description', 'isPublic', 'sortOrder'];
const ROW_FIELDS: Record<string, string> = {
  featureKey: 'grant',
  enabled: 'grant',
  limit: 'limit',
  resetPeriod: 'resetPeriod',
  overage: 'overage',
  overagePriceMinor: 'overagePriceMinor',
  overagePriceUnits: 'overagePriceUnits',
};

/**
 * The server names entitlements by their index in the input; the form by its row. Returns the form path of a
 * server field path, or null for a field the form does not have.
 */
export function planFormPath(rowOfEntitlement: readonly number[], { withDetails }: { withDetails: boolean }) {
  return (serverPath: string): string | null => {
    const grant = /^entitlements\.(\d+)\.(\w+)$/.exec(serverPath);
    if (grant) {
      const row = rowOfEntitlement[Number(grant[1])];
      const field = ROW_FIELDS[grant[2]!];
      return row === undefined || !field ? null : `entitlements.${row}.${field}`;
    }
    if (TERMS_FIELDS.includes(serverPath)) return serverPath;
    if (withDetails && DETAILS_FIELDS.includes(serverPath)) return serverPath;
    return null;
  };
}
