import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { goToHostedPage } from '../../checkout/hosted-page';
import { BillingPortalOpenDocument } from '../../pricing/pricing.graphql';
import { OverviewSummaryDocument, SubscriptionResumeDocument, SubscriptionUndoPlanChangeDocument } from '../overview.graphql';
import { OverviewPage } from '../OverviewPage';
import { subscriptionNotices } from '../subscription-status';
import { inOrganization, MEMBER_ORG, subscriptionFixture, type SubscriptionFixture } from './tenant-fixtures';

jest.mock('../../checkout/hosted-page', () => ({ goToHostedPage: jest.fn() }));

const feature = (featureKey: string, name: string, used: number, limit: number | null) => ({
  __typename: 'FeatureEntitlement',
  featureKey,
  name,
  kind: 'METERED',
  enabled: true,
  limit,
  used,
  unit: name.toLowerCase(),
  resetsAt: null,
  warningLevel: 'NONE',
});

function summary(subscription: SubscriptionFixture) {
  return {
    request: { query: OverviewSummaryDocument, variables: { organizationId: 'org-1' } },
    result: {
      data: {
        subscription,
        creditBalance: {
          __typename: 'CreditBalance',
          organizationId: 'org-1',
          total: 2100,
          purchased: 100,
          subscription: 2000,
          belowThreshold: false,
          nextExpiry: { __typename: 'CreditExpiry', amount: 2000, at: '2026-12-07T10:00:00.000Z' },
        },
        entitlements: {
          __typename: 'OrganizationEntitlements',
          planKey: subscription.planKey,
          planName: subscription.planName,
          features: [
            feature('agents', 'Agents', 1, 10),
            feature('messages', 'Messages', 960, 1000),
            feature('api_calls', 'API calls', 5, null),
            feature('workflows', 'Workflows', 20, 25),
            feature('storage', 'Storage', 1, 10),
          ],
        },
      },
    },
  };
}

const pastDue = subscriptionFixture({ planKey: 'pro', planName: 'Pro', status: 'PAST_DUE' });

beforeEach(() => jest.mocked(goToHostedPage).mockClear());

describe('subscription notices', () => {
  it('puts a failed payment first and announces trials, cancellations and scheduled changes', () => {
    expect(subscriptionNotices(pastDue).map((n) => n.kind)).toEqual(['payment']);
    const trial = subscriptionFixture({ planKey: 'pro', planName: 'Pro', status: 'TRIALING', trialDaysLeft: 3, trialEnd: '2026-11-26T10:00:00.000Z' });
    expect(subscriptionNotices(trial)).toEqual([{ kind: 'trial', daysLeft: 3, endsAt: '2026-11-26T10:00:00.000Z' }]);
    expect(subscriptionNotices({ ...trial, cancelAtPeriodEnd: true }).map((n) => n.kind)).toEqual(['cancellation']);
    expect(subscriptionNotices(subscriptionFixture())).toEqual([]);
  });
});

describe('overview page', () => {
  it('shows the plan, the credit balance and the usage closest to its limits', async () => {
    renderWithConsole(inOrganization(<OverviewPage />), { mocks: [summary(subscriptionFixture({ planKey: 'pro', planName: 'Pro' }))] });
    expect(await screen.findByTestId('current-plan-name')).toHaveTextContent('Pro');
    expect(screen.getByText('Renews on')).toBeInTheDocument();
    expect(screen.getByTestId('overview-credit-balance')).toHaveTextContent('2,100 credits');
    const meters = screen.getAllByTestId(/^usage-meter-/).map((m) => m.dataset.testid);
    expect(meters).toEqual(['usage-meter-messages', 'usage-meter-workflows', 'usage-meter-agents']);
  });

  it('sends an owner with a failed payment to the billing portal', async () => {
    const portal = {
      request: { query: BillingPortalOpenDocument, variables: { organizationId: 'org-1' } },
      result: { data: { createPortalSession: { __typename: 'BillingRedirect', url: 'https://portal.test/bps_1', stripeSessionId: 'bps_1' } } },
    };
    renderWithConsole(inOrganization(<OverviewPage />), { mocks: [summary(pastDue), portal] });
    expect(await screen.findByRole('alert')).toHaveTextContent('Your last payment failed');
    await userEvent.click(screen.getByRole('button', { name: 'Fix payment' }));
    await waitFor(() => expect(goToHostedPage).toHaveBeenCalledWith('https://portal.test/bps_1'));
  });

  it('tells a member about the failed payment without offering to fix it', async () => {
    renderWithConsole(inOrganization(<OverviewPage />, MEMBER_ORG), { mocks: [summary(pastDue)] });
    expect(await screen.findByText('Your last payment failed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fix payment' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Manage billing' })).not.toBeInTheDocument();
    expect(screen.getByText('Only an owner or admin can change this.')).toBeInTheDocument();
  });

  it('undoes a scheduled downgrade', async () => {
    const business = subscriptionFixture({ planKey: 'business', planName: 'Business' });
    const scheduled = {
      ...business,
      scheduledChange: { __typename: 'ScheduledPlanChange', planKey: 'pro', planName: 'Pro', billingInterval: 'MONTH', effectiveAt: business.currentPeriodEnd },
    } as SubscriptionFixture;
    const undo = {
      request: { query: SubscriptionUndoPlanChangeDocument, variables: { organizationId: 'org-1' } },
      result: { data: { undoScheduledPlanChange: business } },
    };
    renderWithConsole(inOrganization(<OverviewPage />), { mocks: [summary(scheduled), undo, summary(business)] });
    expect(await screen.findByText('Moving to Pro on Dec 7, 2026')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Undo change' }));
    expect(await screen.findByText('You stay on Business')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Moving to Pro on Dec 7, 2026')).not.toBeInTheDocument());
  });

  it('resumes a subscription set to cancel', async () => {
    const canceling = subscriptionFixture({ planKey: 'pro', planName: 'Pro', cancelAtPeriodEnd: true });
    const resume = {
      request: { query: SubscriptionResumeDocument, variables: { organizationId: 'org-1' } },
      result: { data: { resumeSubscription: { ...canceling, cancelAtPeriodEnd: false } } },
    };
    renderWithConsole(inOrganization(<OverviewPage />), { mocks: [summary(canceling), resume, summary({ ...canceling, cancelAtPeriodEnd: false })] });
    expect(await screen.findByText('Pro ends on Dec 7, 2026')).toBeInTheDocument();
    expect(screen.getByText('Ends on')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Undo cancellation' }));
    expect(await screen.findByText('Pro continues')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Renews on')).toBeInTheDocument());
  });

  it('shows the error with a retry when the summary cannot be loaded', async () => {
    renderWithConsole(inOrganization(<OverviewPage />), {
      mocks: [{ request: { query: OverviewSummaryDocument, variables: { organizationId: 'org-1' } }, error: new TypeError('Failed to fetch') }],
    });
    expect(await screen.findByText('This could not be loaded')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
