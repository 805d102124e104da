import { planFormPath, planTermsFormValues, toCreatePlanInput, toPlanTermsInput, validatePlanCreate, validatePlanTerms } from '../plan-terms';
import { features, proVersion1 } from './fixtures';

const rowOf = (values: ReturnType<typeof planTermsFormValues>, key: string) => values.entitlements.findIndex((r) => r.featureKey === key);

describe('plan terms form values', () => {
  it('starts from the current version: one row per feature, archived ones only where already granted', () => {
    const values = planTermsFormValues(proVersion1, features);
    expect(values.entitlements.map((r) => [r.featureKey, r.grant])).toEqual([
      ['api_calls', 'on'],
      ['messages', 'on'],
      ['priority_support', 'off'],
      ['sso', 'omitted'],
      ['legacy_exports', 'on'],
    ]);
    expect(values.entitlements[rowOf(values, 'messages')]).toMatchObject({ unlimited: true, resetPeriod: 'DAY' });
    expect(values).toMatchObject({ monthlyPriceMinor: 1500, monthlyCustom: false, hourlyUnlimited: false, hourlyRequestLimit: 1000 });

    // A new plan cannot be given an archived feature at all.
    expect(planTermsFormValues(null, features).entitlements.map((r) => r.featureKey)).not.toContain('legacy_exports');
  });
});

describe('validatePlanTerms (the server’s rules, before sending)', () => {
  it('accepts the current terms unchanged', () => {
    expect(validatePlanTerms(planTermsFormValues(proVersion1, features))).toEqual({});
  });

  it('names each field that breaks a rule, by the form’s path', () => {
    const values = planTermsFormValues(proVersion1, features);
    const api = rowOf(values, 'api_calls');
    values.monthlyPriceMinor = null;
    values.trialDays = 366;
    values.currency = 'USD';
    values.hourlyRequestLimit = 0;
    values.entitlements[api] = { ...values.entitlements[api]!, limit: '', overagePriceUnits: 0 };
    expect(validatePlanTerms(values)).toEqual({
      currency: 'A lower-case ISO 4217 code, e.g. usd',
      monthlyPriceMinor: 'Enter the monthly price, or mark it custom',
      trialDays: 'At most 365',
      hourlyRequestLimit: 'At least 1',
      [`entitlements.${api}.limit`]: 'Enter a limit, or choose unlimited',
      [`entitlements.${api}.overagePriceUnits`]: 'At least 1',
    });
  });

  it('needs nothing of a custom price, an unlimited limit or a row left out', () => {
    const values = planTermsFormValues(proVersion1, features);
    const api = rowOf(values, 'api_calls');
    Object.assign(values, { monthlyCustom: true, monthlyPriceMinor: null, hourlyUnlimited: true, hourlyRequestLimit: '' });
    values.entitlements[api] = { ...values.entitlements[api]!, unlimited: true, limit: '' };
    values.entitlements[rowOf(values, 'messages')]!.grant = 'omitted';
    values.entitlements[rowOf(values, 'messages')]!.resetPeriod = null;
    expect(validatePlanTerms(values)).toEqual({});
  });

  it('checks a new plan’s key and name as well', () => {
    const errors = validatePlanCreate({ ...planTermsFormValues(null, features), key: 'Team Plan', name: '  ', description: '', isPublic: true, sortOrder: 0, monthlyPriceMinor: 0, yearlyPriceMinor: 0 });
    expect(errors).toEqual({ key: 'Start with a lower-case letter, then lower case, digits, "_" or "-" (at most 63)', name: 'Enter a name' });
  });
});

describe('toPlanTermsInput (form values → changePlanTerms input)', () => {
  it('sends the whole set of grants in the API’s shape and remembers which row each came from', () => {
    const values = planTermsFormValues(proVersion1, features);
    values.entitlements[rowOf(values, 'sso')]!.grant = 'on';
    const { input, rowOfEntitlement } = toPlanTermsInput(values);
    expect(input).toEqual({
      currency: 'usd',
      monthlyPriceMinor: 1500,
      yearlyPriceMinor: 15000,
      trialDays: 14,
      creditsPerPeriod: 2000,
      hourlyRequestLimit: 1000,
      entitlements: [
        { featureKey: 'api_calls', enabled: true, limit: 50000, resetPeriod: 'MONTH', overage: 'OVERAGE', overagePriceMinor: 1, overagePriceUnits: 100 },
        { featureKey: 'messages', enabled: true, limit: null, resetPeriod: 'DAY', overage: 'BLOCK', overagePriceMinor: null, overagePriceUnits: null },
        { featureKey: 'priority_support', enabled: false },
        { featureKey: 'sso', enabled: true },
        { featureKey: 'legacy_exports', enabled: true },
      ],
    });
    expect(rowOfEntitlement).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves omitted rows out, turns custom prices and unlimited into null, and drops an overage price when blocking', () => {
    const values = planTermsFormValues(proVersion1, features);
    const api = rowOf(values, 'api_calls');
    values.entitlements[api] = { ...values.entitlements[api]!, overage: 'BLOCK', unlimited: true };
    values.entitlements[rowOf(values, 'messages')]!.grant = 'omitted';
    Object.assign(values, { yearlyCustom: true, hourlyUnlimited: true, trialDays: '7', currency: ' EUR ' });
    const { input, rowOfEntitlement } = toPlanTermsInput(values);
    expect(input).toMatchObject({ currency: 'eur', yearlyPriceMinor: null, hourlyRequestLimit: null, trialDays: 7 });
    expect(input.entitlements[0]).toEqual({
      featureKey: 'api_calls',
      enabled: true,
      limit: null,
      resetPeriod: 'MONTH',
      overage: 'BLOCK',
      overagePriceMinor: null,
      overagePriceUnits: null,
    });
    expect(input.entitlements.map((e) => e.featureKey)).toEqual(['api_calls', 'priority_support', 'legacy_exports']);
    // The server's "entitlements.1" is the form's priority_support row (row 2), not the omitted messages row.
    expect(rowOfEntitlement).toEqual([0, 2, 4]);
    expect(planFormPath(rowOfEntitlement, { withDetails: false })('entitlements.1.featureKey')).toBe('entitlements.2.grant');
    expect(planFormPath(rowOfEntitlement, { withDetails: false })('entitlements.2.limit')).toBe('entitlements.4.limit');
    expect(planFormPath(rowOfEntitlement, { withDetails: false })('key')).toBeNull();
    expect(planFormPath(rowOfEntitlement, { withDetails: true })('key')).toBe('key');
  });

  it('builds createPlan’s input from details and terms together', () => {
    const { input } = toCreatePlanInput({ ...planTermsFormValues(null, features), key: ' team ', name: ' Team ', description: '', isPublic: false, sortOrder: '3', monthlyPriceMinor: 2900, yearlyPriceMinor: 29000 });
    expect(input).toMatchObject({ key: 'team', name: 'Team', isPublic: false, sortOrder: 3, monthlyPriceMinor: 2900, yearlyPriceMinor: 29000, entitlements: [] });
  });
});
