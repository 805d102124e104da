import { screen, within } from '@testing-library/react';
import { renderWithConsole } from '../../../test-utils/render';
import { inOrganization } from '../../overview/__tests__/tenant-fixtures';
import { UsageEntitlementsDocument, UsageHistoryDocument } from '../usage.graphql';
import { UsagePage } from '../UsagePage';

const entitlement = (featureKey: string, name: string, kind: 'METERED' | 'BOOLEAN', used: number, limit: number | null, enabled = true) => ({
  __typename: 'FeatureEntitlement',
  featureKey,
  name,
  kind,
  enabled,
  limit,
  used,
  remaining: limit === null ? null : limit - used,
  unit: kind === 'METERED' ? name.toLowerCase() : null,
  resetPeriod: kind === 'METERED' ? 'NEVER' : null,
  resetsAt: null,
  overageBehavior: 'BLOCK',
  warningLevel: 'NONE',
});

const entitlements = {
  request: { query: UsageEntitlementsDocument, variables: { organizationId: 'org-1' } },
  result: {
    data: {
      entitlements: {
        __typename: 'OrganizationEntitlements',
        planKey: 'pro',
        planName: 'Pro',
        hourlyRequestLimit: 1000,
        features: [
          entitlement('workflows', 'Workflows', 'METERED', 24, 25),
          entitlement('agents', 'Agents', 'METERED', 3, null),
          entitlement('priority_support', 'Priority support', 'BOOLEAN', 0, null, false),
          entitlement('custom_integrations', 'Custom integrations', 'BOOLEAN', 0, null, true),
        ],
      },
    },
  },
};

const history = (features: unknown[]) => ({
  request: { query: UsageHistoryDocument, variables: (v: Record<string, unknown>) => v.organizationId === 'org-1' },
  result: { data: { usageSummary: { __typename: 'UsageSummary', from: '2026-10-25T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z', features } } },
});

// jsdom lays nothing out, so recharts warns that its container has no size; the chart itself is recharts' business.
const warn = console.warn;
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('of chart should be greater than 0')) warn(...args);
  });
});
afterAll(() => jest.restoreAllMocks());

describe('usage page', () => {
  it('draws a bar per metered feature and lists the on/off features', async () => {
    renderWithConsole(inOrganization(<UsagePage />), { mocks: [entitlements, history([])] });
    const workflows = await screen.findByTestId('usage-meter-workflows');
    expect(within(workflows).getByText('24 / 25 workflows')).toBeInTheDocument();
    expect(within(workflows).getByText('96% used')).toBeInTheDocument();
    expect(within(workflows).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '96');
    expect(within(screen.getByTestId('usage-meter-agents')).getByText('3 agents (unlimited)')).toBeInTheDocument();
    expect(screen.getByText('Custom integrations — included')).toBeInTheDocument();
    expect(screen.getByText('Priority support — not in your plan')).toBeInTheDocument();
    expect(screen.getByText('API requests from your apps: 1,000 per hour')).toBeInTheDocument();
    expect(await screen.findByText('No workflows recorded in the last 30 days')).toBeInTheDocument();
  });

  it('totals the busiest feature of the last 30 days', async () => {
    const agents = { __typename: 'FeatureUsage', featureKey: 'agents', total: 7, overage: 0, days: [{ __typename: 'UsageDay', date: '2026-11-20', quantity: 7, overage: 0 }] };
    renderWithConsole(inOrganization(<UsagePage />), { mocks: [entitlements, history([agents])] });
    expect(await screen.findByTestId('usage-history-total')).toHaveTextContent('Total: 7 agents');
    expect(screen.getByRole('combobox', { name: 'Feature' })).toHaveValue('Agents');
  });
});
