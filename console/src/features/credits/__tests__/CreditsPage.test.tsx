import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { goToHostedPage } from '../../checkout/hosted-page';
import { inOrganization, MEMBER_ORG } from '../../overview/__tests__/tenant-fixtures';
import { CreditsBalanceDocument, CreditsPurchaseDocument, CreditsTransactionsDocument } from '../credits.graphql';
import { CreditsPage } from '../CreditsPage';

jest.mock('../../checkout/hosted-page', () => ({ goToHostedPage: jest.fn() }));

const balance = {
  request: { query: CreditsBalanceDocument, variables: { organizationId: 'org-1' } },
  result: {
    data: {
      creditBalance: {
        __typename: 'CreditBalance',
        organizationId: 'org-1',
        total: 2350,
        purchased: 1000,
        subscription: 1350,
        belowThreshold: false,
        lowBalanceThreshold: 100,
        nextExpiry: { __typename: 'CreditExpiry', amount: 1350, at: '2026-12-07T10:00:00.000Z' },
      },
      creditEvents: [{ __typename: 'CreditEvent', id: 'e1', key: 'ai_inference', name: 'AI inference' }],
      creditProducts: [
        { __typename: 'CreditProduct', id: 'p1', key: 'credits_1000', name: '1,000 credits', description: 'A starter pack.', credits: 1000, price: { __typename: 'Money', amountMinor: 1000, currency: 'usd' } },
      ],
    },
  },
};

const transaction = (id: string, kind: string, amount: number) => ({
  __typename: 'CreditTransaction',
  id,
  kind,
  amount,
  purchasedDelta: amount,
  subscriptionDelta: 0,
  balanceAfter: 2350,
  createdAt: '2026-11-20T10:00:00.000Z',
  eventKey: kind === 'CONSUMPTION' ? 'ai_inference' : null,
  quantity: kind === 'CONSUMPTION' ? 2 : null,
  unitCost: kind === 'CONSUMPTION' ? 25 : null,
  reason: null,
  expiresAt: null,
  periodStart: null,
  idempotencyKey: null,
  actorType: 'user',
});

const page = (variables: Record<string, unknown>, nodes: unknown[], endCursor: string | null) => ({
  request: { query: CreditsTransactionsDocument, variables: { organizationId: 'org-1', first: 20, ...variables } },
  result: { data: { creditTransactions: { __typename: 'CreditTransactionConnection', nodes, pageInfo: { __typename: 'PageInfo', hasNextPage: endCursor !== null, endCursor } } } },
});

beforeEach(() => jest.mocked(goToHostedPage).mockClear());

describe('credits page', () => {
  it('shows the balance with its breakdown and next expiry', async () => {
    renderWithConsole(inOrganization(<CreditsPage />), { mocks: [balance, page({ filter: null }, [], null)] });
    expect(await screen.findByTestId('credit-balance')).toHaveTextContent('2,350');
    expect(screen.getByTestId('credit-balance-purchased')).toHaveTextContent('1,000');
    expect(screen.getByTestId('credit-balance-subscription')).toHaveTextContent('1,350');
    expect(screen.getByText('1,350 expire on Dec 7, 2026')).toBeInTheDocument();
    expect(await screen.findByText('No transactions yet')).toBeInTheDocument();
  });

  it('buys a credit pack through Checkout', async () => {
    const purchase = {
      request: { query: CreditsPurchaseDocument, variables: { organizationId: 'org-1', input: { productKey: 'credits_1000' } } },
      result: { data: { purchaseCredits: { __typename: 'BillingRedirect', url: 'https://checkout.test/cs_9', stripeSessionId: 'cs_9' } } },
    };
    renderWithConsole(inOrganization(<CreditsPage />), { mocks: [balance, page({ filter: null }, [], null), purchase] });
    await userEvent.click(await screen.findByRole('button', { name: 'Buy 1,000 credits' }));
    await waitFor(() => expect(goToHostedPage).toHaveBeenCalledWith('https://checkout.test/cs_9'));
  });

  it('offers members no purchase', async () => {
    renderWithConsole(inOrganization(<CreditsPage />, MEMBER_ORG), { mocks: [balance, page({ filter: null }, [], null)] });
    expect(await screen.findByText('Only owners and admins can buy credits.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Buy/ })).not.toBeInTheDocument();
  });

  it('sends the kind filter to the server and appends the next page', async () => {
    const all = page({ filter: null }, [transaction('t1', 'GRANT', 2000)], null);
    const firstPurchases = page({ filter: { kinds: ['PURCHASE'] } }, [transaction('t2', 'PURCHASE', 1000)], 'cursor-1');
    const morePurchases = page({ filter: { kinds: ['PURCHASE'] }, after: 'cursor-1' }, [transaction('t3', 'PURCHASE', 500)], null);
    renderWithConsole(inOrganization(<CreditsPage />), { mocks: [balance, all, firstPurchases, morePurchases] });
    const history = await screen.findByRole('region', { name: 'Transaction history' });
    expect(await within(history).findByText('+2,000')).toBeInTheDocument();

    await userEvent.click(within(history).getByRole('combobox', { name: 'Kinds' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Purchase' }));
    expect(await within(history).findByText('+1,000')).toBeInTheDocument();
    expect(within(history).queryByText('+2,000')).not.toBeInTheDocument();

    await userEvent.click(within(history).getByRole('button', { name: 'Load more' }));
    expect(await within(history).findByText('+500')).toBeInTheDocument();
    expect(within(history).getByText('+1,000')).toBeInTheDocument();
    expect(within(history).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('explains an empty filtered result and clears the filters', async () => {
    const all = page({ filter: null }, [transaction('t1', 'CONSUMPTION', -50)], null);
    const none = page({ filter: { from: new Date(2026, 10, 1).toISOString() } }, [], null);
    renderWithConsole(inOrganization(<CreditsPage />), { mocks: [balance, all, none, all] });
    const history = await screen.findByRole('region', { name: 'Transaction history' });
    expect(await within(history).findByText('AI inference × 2 at 25 credits each')).toBeInTheDocument();
    await userEvent.type(within(history).getByLabelText('From'), '2026-11-01');
    expect(await within(history).findByText('No transactions match these filters')).toBeInTheDocument();
    await userEvent.click(within(history).getByRole('button', { name: 'Clear filters' }));
    expect(await within(history).findByText('AI inference × 2 at 25 credits each')).toBeInTheDocument();
  });
});
