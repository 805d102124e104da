import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { AdminCreditsAdjustDocument } from '../admin-organization.graphql';
import { CreditAdjustmentForm } from '../CreditAdjustmentForm';
import { adjustmentInput, adjustmentKeys, newIdempotencyKey } from '../credit-adjustment';

const organizationId = '11111111-1111-4111-8111-111111111111';

function adjustMock(input: { amount: number; reason: string; idempotencyKey?: string }, result: object) {
  let called = 0;
  const variables = { organizationId, input: { idempotencyKey: 'key-1', ...input } };
  return {
    mock: { request: { query: AdminCreditsAdjustDocument, variables }, result: () => ((called += 1), result) },
    calls: () => called,
  };
}

describe('CreditAdjustmentForm', () => {
  it('turns a deduction into a negative amount and trims the reason', () => {
    expect(adjustmentInput({ direction: 'deduct', amount: 250, reason: '  refund  ' })).toEqual({ amount: -250, reason: 'refund' });
    expect(adjustmentInput({ direction: 'grant', amount: '40', reason: 'goodwill' })).toEqual({ amount: 40, reason: 'goodwill' });
  });

  it('keeps one idempotency key while the same adjustment is retried, and takes a new one for new values or after a success', () => {
    let n = 0;
    const keys = adjustmentKeys(() => `key-${(n += 1)}`);
    expect(keys.keyFor({ amount: -300, reason: 'Chargeback' })).toBe('key-1');
    expect(keys.keyFor({ amount: -300, reason: 'Chargeback' })).toBe('key-1');
    expect(keys.keyFor({ amount: -30, reason: 'Chargeback' })).toBe('key-2');
    keys.done();
    expect(keys.keyFor({ amount: -30, reason: 'Chargeback' })).toBe('key-3');
    expect(newIdempotencyKey()).toMatch(/^adj_[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it('refuses a missing amount or reason before anything is sent', async () => {
    const sent = adjustMock({ amount: 0, reason: '' }, { data: null });
    renderWithConsole(<CreditAdjustmentForm organizationId={organizationId} newIdempotencyKey={() => 'key-1'} />, { mocks: [sent.mock] });
    await userEvent.click(await screen.findByRole('button', { name: 'Grant credits' }));
    expect(await screen.findByText('Enter a whole number of credits, at least 1.')).toBeInTheDocument();
    expect(screen.getByText(/Say why/)).toBeInTheDocument();
    expect(sent.calls()).toBe(0);
  });

  it('sends a deduction and shows the new balance', async () => {
    const sent = adjustMock(
      { amount: -300, reason: 'Chargeback' },
      { data: { adminAdjustCredits: { __typename: 'CreditTransaction', id: 't1', amount: -300, balanceAfter: 1700 } } },
    );
    renderWithConsole(<CreditAdjustmentForm organizationId={organizationId} newIdempotencyKey={() => 'key-1'} />, { mocks: [sent.mock] });
    await userEvent.click(await screen.findByRole('radio', { name: 'Deduct' }));
    await userEvent.type(screen.getByRole('textbox', { name: /Credits/ }), '300');
    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'Chargeback');
    await userEvent.click(screen.getByRole('button', { name: 'Deduct credits' }));
    expect(await screen.findByText(/the balance is now 1,700/)).toBeInTheDocument();
    expect(sent.calls()).toBe(1);
  });

  it('shows the server’s field error on the field', async () => {
    const sent = adjustMock(
      { amount: 5, reason: 'x' },
      { errors: [{ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'input.reason', messages: ['reason is not allowed'] }] } } }] },
    );
    renderWithConsole(<CreditAdjustmentForm organizationId={organizationId} newIdempotencyKey={() => 'key-1'} />, { mocks: [sent.mock] });
    await userEvent.type(await screen.findByRole('textbox', { name: /Credits/ }), '5');
    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Grant credits' }));
    await waitFor(() => expect(screen.getByText('reason is not allowed')).toBeInTheDocument());
  });
});
