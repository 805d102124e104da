import type { AdminCatalogFeatureFieldsFragment, AdminCatalogPlanFieldsFragment, AdminCatalogPlanVersionFieldsFragment } from '../../../gql/graphql';

/** Catalog data as the API returns it (with __typename, as Apollo's cache wants in mocked results). */
export const features: (AdminCatalogFeatureFieldsFragment & { __typename: 'Feature' })[] = [
  { __typename: 'Feature', key: 'api_calls', name: 'API calls', description: '', kind: 'METERED', unit: 'calls', archivedAt: null },
  { __typename: 'Feature', key: 'messages', name: 'Messages', description: '', kind: 'METERED', unit: 'messages', archivedAt: null },
  { __typename: 'Feature', key: 'priority_support', name: 'Priority support', description: '', kind: 'BOOLEAN', unit: null, archivedAt: null },
  { __typename: 'Feature', key: 'sso', name: 'SSO', description: '', kind: 'BOOLEAN', unit: null, archivedAt: null },
  { __typename: 'Feature', key: 'legacy_exports', name: 'Legacy exports', description: '', kind: 'BOOLEAN', unit: null, archivedAt: '2026-01-01T00:00:00Z' },
];

const feature = (key: string) => {
  const { __typename, key: k, name, kind, unit } = features.find((f) => f.key === key)!;
  return { __typename, key: k, name, kind, unit };
};

export const proVersion1: AdminCatalogPlanVersionFieldsFragment & { __typename: 'PlanVersion' } = {
  __typename: 'PlanVersion',
  id: 'ver-pro-1',
  version: 1,
  createdAt: '2026-11-01T00:00:00Z',
  currency: 'usd',
  monthlyPrice: { __typename: 'Money', amountMinor: 1500, currency: 'usd' } as never,
  yearlyPrice: { __typename: 'Money', amountMinor: 15000, currency: 'usd' } as never,
  yearlyDiscountPercent: 17,
  trialDays: 14,
  creditsPerPeriod: 2000,
  hourlyRequestLimit: 1000,
  entitlements: [
    {
      __typename: 'PlanEntitlement',
      enabled: true,
      limit: 50000,
      resetPeriod: 'MONTH',
      overage: 'OVERAGE',
      overagePriceMinor: 1,
      overagePriceUnits: 100,
      feature: feature('api_calls'),
    },
    { __typename: 'PlanEntitlement', enabled: true, limit: null, resetPeriod: 'DAY', overage: 'BLOCK', overagePriceMinor: null, overagePriceUnits: 1, feature: feature('messages') },
    { __typename: 'PlanEntitlement', enabled: false, limit: null, resetPeriod: null, overage: 'BLOCK', overagePriceMinor: null, overagePriceUnits: 1, feature: feature('priority_support') },
    // Archived since, still granted: the form keeps offering it.
    { __typename: 'PlanEntitlement', enabled: true, limit: null, resetPeriod: null, overage: 'BLOCK', overagePriceMinor: null, overagePriceUnits: 1, feature: feature('legacy_exports') },
  ] as never,
};

export const proPlan: AdminCatalogPlanFieldsFragment & { __typename: 'PlatformPlan' } = {
  __typename: 'PlatformPlan',
  id: 'plan-pro',
  key: 'pro',
  name: 'Pro',
  description: 'For small teams',
  isPublic: true,
  sortOrder: 1,
  archivedAt: null,
  currentVersion: proVersion1,
  versions: [proVersion1],
};
