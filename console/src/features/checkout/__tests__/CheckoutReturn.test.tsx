import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { subscriptionFixture } from '../../overview/__tests__/tenant-fixtures';
import { ViewerDocument } from '../../session/session.graphql';
import { CheckoutCreditPurchaseDocument, CheckoutPlanLimitsDocument, CheckoutSubscriptionDocument } from '../checkout.graphql';
import { CheckoutReturnPage, CheckoutStatus } from '../CheckoutReturnPage';
import { CreditPurchaseStatus } from '../CreditsReturnPage';
import { OrganizationPageRedirect } from '../OrganizationPageRedirect';
import { returnOrganization } from '../return-organization';

const FAST = { intervalMs: 40, timeoutMs: 400 };
const free = subscriptionFixture();
const proTrial = subscriptionFixture({ id: 'sub-2', planKey: 'pro', planName: 'Pro', status: 'TRIALING', trialDaysLeft: 14, trialEnd: '2026-12-07T10:00:00.000Z' });

/** Answers the subscription query with whatever `state.current` is when asked, as often as asked. */
function subscriptionAnswers(state: { current: typeof free }) {
  return {
    request: { query: CheckoutSubscriptionDocument, variables: { organizationId: 'org-1' } },
    result: () => ({ data: { subscription: state.current } }),
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

const limits = {
  request: { query: CheckoutPlanLimitsDocument, variables: { organizationId: 'org-1' } },
  result: {
    data: {
      entitlements: {
        __typename: 'OrganizationEntitlements',
        planKey: 'pro',
        planName: 'Pro',
        hourlyRequestLimit: 1000,
        features: [
          { __typename: 'FeatureEntitlement', featureKey: 'messages', name: 'Messages', kind: 'METERED', enabled: true, limit: 1000, unit: 'messages', resetPeriod: 'DAY' },
          { __typename: 'FeatureEntitlement', featureKey: 'priority_support', name: 'Priority support', kind: 'BOOLEAN', enabled: true, limit: null, unit: null, resetPeriod: null },
        ],
      },
      creditBalance: { __typename: 'CreditBalance', organizationId: 'org-1', total: 2000 },
    },
  },
};

const membership = (id: string, name: string) => ({
  __typename: 'ViewerMembership',
  role: 'OWNER',
  organization: { __typename: 'Organization', id, name, slug: name.toLowerCase() },
});

describe('which organization a Stripe return belongs to', () => {
  const memberships = [membership('org-1', 'Acme'), membership('org-2', 'Globex')] as never[];
  it('is the one last worked in, else the first, else none', () => {
    expect(returnOrganization(memberships, 'org-2')).toBe(memberships[1]);
    expect(returnOrganization(memberships, 'org-gone')).toBe(memberships[0]);
    expect(returnOrganization(memberships, null)).toBe(memberships[0]);
    expect(returnOrganization([], 'org-1')).toBeNull();
  });
});

describe('checkout return page', () => {
  it('polls until the paid plan is live, then shows it with its limits', async () => {
    const state = { current: free };
    renderWithConsole(<CheckoutStatus organizationId="org-1" organizationName="Acme AI" poll={FAST} />, { mocks: [subscriptionAnswers(state), limits] });
    expect(await screen.findByText('Confirming your payment…')).toBeInTheDocument();
    state.current = proTrial;
    expect(await screen.findByRole('heading', { name: 'You are on Pro' })).toBeInTheDocument();
    expect(screen.getByText(/first payment is due on Dec 7, 2026/)).toBeInTheDocument();
    expect(await screen.findByText('1,000 messages per day')).toBeInTheDocument();
    expect(screen.getByText('1,000 API requests per hour')).toBeInTheDocument();
    expect(screen.getByText('Priority support')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the overview' })).toHaveAttribute('href', '/orgs/org-1');
  });

  it('says so when the confirmation takes longer, and checks again on request', async () => {
    const state = { current: free };
    renderWithConsole(<CheckoutStatus organizationId="org-1" organizationName="Acme AI" poll={FAST} />, { mocks: [subscriptionAnswers(state), limits] });
    expect(await screen.findByText('This is taking longer than usual', {}, { timeout: 2000 })).toBeInTheDocument();
    expect(screen.getByText(/Acme AI is still on Free/)).toBeInTheDocument();
    state.current = proTrial;
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByRole('heading', { name: 'You are on Pro' })).toBeInTheDocument();
  });

  it('stops waiting when the payment failed', async () => {
    const state = { current: subscriptionFixture({ planKey: 'pro', planName: 'Pro', status: 'INCOMPLETE' }) };
    renderWithConsole(<CheckoutStatus organizationId="org-1" organizationName="Acme AI" poll={FAST} />, { mocks: [subscriptionAnswers(state)] });
    expect(await screen.findByText('The payment did not go through')).toBeInTheDocument();
  });

  it('explains that a viewer without an organization has nothing to wait for', async () => {
    const viewer = {
      request: { query: ViewerDocument },
      result: {
        data: {
          me: {
            __typename: 'Me',
            user: { __typename: 'User', id: 'u1', email: 'lone@example.test', displayName: null, isPlatformAdmin: false },
            memberships: [],
          },
        },
      },
    };
    renderWithConsole(<CheckoutReturnPage />, { mocks: [viewer], route: '/billing/checkout/return?session_id=cs_1', path: '/billing/checkout/return' });
    expect(await screen.findByText('You do not belong to an organization')).toBeInTheDocument();
  });
});

describe('credit pack return page', () => {
  const answer = (nodes: unknown[], total: number) => ({
    data: {
      creditBalance: { __typename: 'CreditBalance', organizationId: 'org-1', total, purchased: total - 100, subscription: 100 },
      creditTransactions: { __typename: 'CreditTransactionConnection', nodes },
    },
  });
  const purchase = (id: string, key: string, amount: number) => ({ __typename: 'CreditTransaction', id, kind: 'PURCHASE', amount, createdAt: '2026-11-23T10:00:00.000Z', idempotencyKey: key });

  it('waits for the purchase made in this Checkout session, not an earlier one', async () => {
    const state = { current: answer([purchase('t1', 'cs_earlier', 5000)], 5100) };
    const mock = {
      request: { query: CheckoutCreditPurchaseDocument, variables: { organizationId: 'org-1' } },
      result: () => state.current,
      maxUsageCount: Number.POSITIVE_INFINITY,
    };
    renderWithConsole(<CreditPurchaseStatus organizationId="org-1" organizationName="Acme AI" sessionId="cs_now" poll={FAST} />, { mocks: [mock] });
    expect(await screen.findByText('Adding your credits…')).toBeInTheDocument();
    state.current = answer([purchase('t2', 'cs_now', 1000), purchase('t1', 'cs_earlier', 5000)], 6100);
    expect(await screen.findByRole('heading', { name: '1,000 credits added' })).toBeInTheDocument();
    expect(screen.getByTestId('new-credit-balance')).toHaveTextContent('6,100');
  });
});

describe('return URLs that name no organization', () => {
  it('lead to that page of the organization last worked in, keeping the query', async () => {
    window.localStorage.setItem('tollgate.lastOrganizationId', 'org-2');
    const viewer = {
      request: { query: ViewerDocument },
      result: {
        data: {
          me: {
            __typename: 'Me',
            user: { __typename: 'User', id: 'u1', email: 'owner@acme.test', displayName: null, isPlatformAdmin: false },
            memberships: [membership('org-1', 'Acme'), membership('org-2', 'Globex')],
          },
        },
      },
    };
    const { router } = renderWithConsole(<OrganizationPageRedirect page="pricing" />, {
      mocks: [viewer],
      route: '/pricing?checkout=canceled',
      path: '/pricing',
      extraRoutes: [{ path: '/orgs/:organizationId/pricing', element: <p>pricing page</p> }],
    });
    expect(await screen.findByText('pricing page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orgs/org-2/pricing');
    expect(router.state.location.search).toBe('?checkout=canceled');
    window.localStorage.clear();
  });
});
