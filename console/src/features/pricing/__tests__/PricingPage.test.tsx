import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { goToHostedPage } from '../../checkout/hosted-page';
import { inOrganization, MEMBER_ORG, PLANS, subscriptionFixture, type SubscriptionFixture } from '../../overview/__tests__/tenant-fixtures';
import { BillingCheckoutCreateDocument, PlanChangeDocument, PricingPlansDocument } from '../pricing.graphql';
import { PricingPage } from '../PricingPage';

jest.mock('../../checkout/hosted-page', () => ({ goToHostedPage: jest.fn() }));

const plansMock = (subscription: SubscriptionFixture, maxUsageCount = 1) => ({
  request: { query: PricingPlansDocument, variables: { organizationId: 'org-1' } },
  result: { data: { plans: PLANS, subscription } },
  maxUsageCount,
});

beforeEach(() => jest.mocked(goToHostedPage).mockClear());

describe('pricing page', () => {
  it('shows monthly prices with the yearly saving, and yearly prices after the toggle', async () => {
    renderWithConsole(inOrganization(<PricingPage />), { mocks: [plansMock(subscriptionFixture())] });
    const pro = await screen.findByRole('region', { name: 'Pro plan' });
    expect(within(pro).getByText('$15')).toBeInTheDocument();
    expect(within(pro).getByText(/save 17%/)).toBeInTheDocument();
    await userEvent.click(screen.getByText('Yearly · save up to 17%'));
    expect(within(pro).getByText('$150')).toBeInTheDocument();
    expect(within(pro).getByText('save $30 (17%)')).toBeInTheDocument();
    const enterprise = screen.getByRole('region', { name: 'Enterprise plan' });
    expect(within(enterprise).getByText('Contact us')).toBeInTheDocument();
    expect(within(enterprise).queryByRole('button')).not.toBeInTheDocument();
  });

  it('sends an organization on the free plan to Checkout for the chosen interval', async () => {
    const checkout = {
      request: { query: BillingCheckoutCreateDocument, variables: { organizationId: 'org-1', input: { planKey: 'pro', interval: 'YEAR' } } },
      result: { data: { createCheckoutSession: { __typename: 'BillingRedirect', url: 'https://checkout.test/cs_1', stripeSessionId: 'cs_1' } } },
    };
    renderWithConsole(inOrganization(<PricingPage />), { mocks: [plansMock(subscriptionFixture()), checkout] });
    await screen.findByRole('region', { name: 'Pro plan' });
    expect(screen.getByRole('button', { name: 'Your current plan' })).toBeDisabled();
    await userEvent.click(screen.getByText('Yearly · save up to 17%'));
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe: Pro' }));
    await waitFor(() => expect(goToHostedPage).toHaveBeenCalledWith('https://checkout.test/cs_1'));
  });

  it('confirms a downgrade with when it takes effect, then reports it as scheduled', async () => {
    const business = subscriptionFixture({ planKey: 'business', planName: 'Business' });
    const scheduled = {
      ...business,
      scheduledChange: { __typename: 'ScheduledPlanChange', planKey: 'pro', planName: 'Pro', billingInterval: 'MONTH', effectiveAt: business.currentPeriodEnd },
    } as SubscriptionFixture;
    const change = {
      request: { query: PlanChangeDocument, variables: { organizationId: 'org-1', input: { planKey: 'pro', interval: 'MONTH' } } },
      result: { data: { changePlan: { __typename: 'PlanChangeResult', outcome: 'DOWNGRADE_SCHEDULED', subscription: scheduled } } },
    };
    const afterChange = { request: plansMock(business).request, result: { data: { plans: PLANS, subscription: scheduled } } };
    renderWithConsole(inOrganization(<PricingPage />), { mocks: [plansMock(business), change, afterChange] });
    await userEvent.click(await screen.findByRole('button', { name: 'Downgrade: Pro' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/You keep Business until the end of this period, Dec 7, 2026/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Schedule downgrade' }));
    expect(await screen.findByText('Pro starts on Dec 7, 2026')).toBeInTheDocument();
    const pro = await screen.findByRole('region', { name: 'Pro plan' });
    await waitFor(() => expect(within(pro).getByText('Starts on Dec 7, 2026')).toBeInTheDocument());
  });

  it('shows a refused change as an error, without leaving the page', async () => {
    const pro = subscriptionFixture({ planKey: 'pro', planName: 'Pro' });
    const refused = {
      request: { query: PlanChangeDocument, variables: { organizationId: 'org-1', input: { planKey: 'business', interval: 'MONTH' } } },
      result: { errors: [{ message: 'Upgrades are paid: subscribe through checkout (or ask a platform admin)', extensions: { code: 'FORBIDDEN' } }] },
    };
    renderWithConsole(inOrganization(<PricingPage />), { mocks: [plansMock(pro), refused] });
    await userEvent.click(await screen.findByRole('button', { name: 'Upgrade: Business' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Business starts now/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upgrade now' }));
    expect(await screen.findByText('The plan could not be changed to Business')).toBeInTheDocument();
    expect(screen.getByText('You do not have access to this.')).toBeInTheDocument();
  });

  it('gives members the table without any action', async () => {
    renderWithConsole(inOrganization(<PricingPage />, MEMBER_ORG), { mocks: [plansMock(subscriptionFixture({ planKey: 'pro', planName: 'Pro' }))] });
    expect(await screen.findByText(/Only owners and admins of Acme AI can change the plan/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Subscribe|Upgrade|Downgrade|Manage billing/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Your current plan' })).toBeDisabled();
  });
});
