import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { AdminCatalogPlanTermsChangeDocument } from '../catalog.graphql';
import { PlanTermsForm } from '../PlanForms';
import { features, proPlan, proVersion1 } from './fixtures';

/** The current terms as changePlanTerms input: what the form sends when nothing but the price changes. */
const currentTerms = {
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
    { featureKey: 'legacy_exports', enabled: true },
  ],
};

function termsMock(input: object, result: object) {
  let calls = 0;
  return {
    mock: { request: { query: AdminCatalogPlanTermsChangeDocument, variables: { planId: 'plan-pro', input } }, result: () => ((calls += 1), result) },
    calls: () => calls,
  };
}

const version2 = { ...proVersion1, id: 'ver-pro-2', version: 2, monthlyPrice: { __typename: 'Money', amountMinor: 2000, currency: 'usd' } };
const answered = { data: { changePlanTerms: { ...proPlan, currentVersion: version2, versions: [proVersion1, version2] } } };

function renderForm(mocks: object[]) {
  const onDone = jest.fn();
  renderWithConsole(<PlanTermsForm plan={proPlan} features={features} onDone={onDone} />, { mocks: mocks as never });
  return { onDone };
}

describe('PlanTermsForm', () => {
  it('says that new terms become a new version for new subscribers', async () => {
    renderForm([]);
    expect(await screen.findByText('New terms become version 2')).toBeInTheDocument();
    expect(screen.getByText(/organizations already on Pro keep version 1/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save as version 2' })).toBeInTheDocument();
  });

  it('sends the changed price in minor units with the rest of the terms, and reports the new version', async () => {
    const sent = termsMock({ ...currentTerms, monthlyPriceMinor: 2000 }, answered);
    const { onDone } = renderForm([sent.mock]);
    const monthly = await screen.findByRole('textbox', { name: 'Monthly price' });
    await userEvent.clear(monthly);
    await userEvent.type(monthly, '20');
    await userEvent.click(screen.getByRole('button', { name: 'Save as version 2' }));
    expect(await screen.findByText('Pro is now at version 2')).toBeInTheDocument();
    expect(sent.calls()).toBe(1);
    expect(onDone).toHaveBeenCalled();
  });

  it('refuses a metered grant without a limit before anything is sent', async () => {
    const sent = termsMock(currentTerms, answered);
    renderForm([sent.mock]);
    const limit = await screen.findByRole('textbox', { name: 'Limit (calls)' });
    await userEvent.clear(limit);
    await userEvent.click(screen.getByRole('button', { name: 'Save as version 2' }));
    expect(await screen.findByText('Enter a limit, or choose unlimited')).toBeInTheDocument();
    expect(limit).toHaveAttribute('aria-invalid', 'true');
    expect(sent.calls()).toBe(0);
  });

  it('shows the server’s field error on the field of the right feature', async () => {
    const message = 'limit must not be greater than 2147483647';
    const sent = termsMock(currentTerms, {
      errors: [{ message: 'Input is invalid', extensions: { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'entitlements.0.limit', messages: [message] }] } } }],
    });
    const { onDone } = renderForm([sent.mock]);
    await userEvent.click(await screen.findByRole('button', { name: 'Save as version 2' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Limit (calls)' })).toHaveAccessibleDescription(expect.stringContaining(message)));
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows an error no field can show above the buttons', async () => {
    const sent = termsMock(currentTerms, { errors: [{ message: 'Plan plan-pro not found', extensions: { code: 'NOT_FOUND' } }] });
    renderForm([sent.mock]);
    await userEvent.click(await screen.findByRole('button', { name: 'Save as version 2' }));
    expect(await screen.findByRole('alert', { name: 'Not saved' })).toHaveTextContent('Plan plan-pro not found');
  });
});
