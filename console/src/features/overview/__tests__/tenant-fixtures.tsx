import type { ReactElement } from 'react';
import type { PricingPlansQuery, SubscriptionSummaryFragment } from '../../../gql/graphql';
import { OrganizationProvider, type CurrentOrganization } from '../../session/organization-context';

// Canned data for the tenant views' component tests, shaped like the server's answers (with __typename).

export const OWNER_ORG: CurrentOrganization = { id: 'org-1', name: 'Acme AI', slug: 'acme-ai', role: 'OWNER', canAct: true };
export const MEMBER_ORG: CurrentOrganization = { ...OWNER_ORG, role: 'MEMBER', canAct: false };

export function inOrganization(element: ReactElement, organization: CurrentOrganization = OWNER_ORG): ReactElement {
  return <OrganizationProvider organization={organization}>{element}</OrganizationProvider>;
}

export type SubscriptionFixture = SubscriptionSummaryFragment & { __typename: 'Subscription' };

export function subscriptionFixture(overrides: Partial<SubscriptionFixture> = {}): SubscriptionFixture {
  return {
    __typename: 'Subscription',
    id: 'sub-1',
    planKey: 'free',
    planName: 'Free',
    planVersion: 1,
    status: 'ACTIVE',
    billingInterval: 'MONTH',
    currentPeriodStart: '2026-11-07T10:00:00.000Z',
    currentPeriodEnd: '2026-12-07T10:00:00.000Z',
    cancelAtPeriodEnd: false,
    canceledAt: null,
    trialDaysLeft: null,
    trialEnd: null,
    scheduledChange: null,
    // Paid plans in these tests are Stripe subscriptions unless a test says otherwise.
    billedThroughStripe: (overrides.planKey ?? 'free') !== 'free',
    ...overrides,
  };
}

const money = (amountMinor: number) => ({ __typename: 'Money' as const, amountMinor, currency: 'usd' });

const metered = (key: string, name: string, unit: string, limit: number | null, resetPeriod: 'DAY' | 'MONTH' | 'NEVER') => ({
  __typename: 'PlanEntitlement' as const,
  enabled: true,
  limit,
  overage: 'BLOCK' as const,
  resetPeriod,
  feature: { __typename: 'Feature' as const, key, name, kind: 'METERED' as const, unit },
});

const flag = (key: string, name: string, enabled: boolean) => ({
  __typename: 'PlanEntitlement' as const,
  enabled,
  limit: null,
  overage: 'BLOCK' as const,
  resetPeriod: null,
  feature: { __typename: 'Feature' as const, key, name, kind: 'BOOLEAN' as const, unit: null },
});

function plan(key: string, name: string, sortOrder: number, monthly: number | null, yearly: number | null, extra: { trialDays?: number; limit: number | null; support: boolean }) {
  return {
    __typename: 'Plan' as const,
    id: `plan-${key}`,
    key,
    name,
    description: `${name} plan`,
    sortOrder,
    currentVersion: {
      __typename: 'PlanVersion' as const,
      id: `version-${key}`,
      version: 1,
      currency: 'usd',
      monthlyPrice: monthly === null ? null : money(monthly),
      yearlyPrice: yearly === null ? null : money(yearly),
      yearlyDiscountPercent: monthly && yearly ? Math.round((1 - yearly / (monthly * 12)) * 100) : null,
      trialDays: extra.trialDays ?? 0,
      creditsPerPeriod: 100,
      hourlyRequestLimit: extra.limit === null ? null : 100,
      entitlements: [metered('messages', 'Messages', 'messages', extra.limit, 'DAY'), flag('priority_support', 'Priority support', extra.support)],
    },
  };
}

export const PLANS: PricingPlansQuery['plans'] = [
  plan('free', 'Free', 0, 0, 0, { limit: 50, support: false }),
  plan('pro', 'Pro', 10, 1500, 15000, { trialDays: 14, limit: 1000, support: false }),
  plan('business', 'Business', 20, 4900, 49000, { trialDays: 14, limit: 10000, support: true }),
  plan('enterprise', 'Enterprise', 30, null, null, { limit: null, support: true }),
];
