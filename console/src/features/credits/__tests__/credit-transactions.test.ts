import type { CreditTransactionFieldsFragment } from '../../../gql/graphql';
import { describeTransaction, filterProblem, formatDelta, transactionFilter } from '../credit-transactions';

describe('transaction filters to variables', () => {
  it('asks for everything when nothing is chosen', () => {
    expect(transactionFilter({ kinds: [], from: '', to: '' })).toBeNull();
  });

  it('sends the chosen kinds', () => {
    expect(transactionFilter({ kinds: ['PURCHASE', 'CONSUMPTION'], from: '', to: '' })).toEqual({ kinds: ['CONSUMPTION', 'PURCHASE'] });
  });

  it('turns the dates into the viewer’s local midnights, the end day included', () => {
    expect(transactionFilter({ kinds: [], from: '2026-11-01', to: '2026-11-15' })).toEqual({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 16).toISOString(),
    });
    expect(transactionFilter({ kinds: [], from: '', to: '2026-12-31' })).toEqual({ to: new Date(2027, 0, 1).toISOString() });
  });

  it('ignores a half-typed date and refuses a start after the end', () => {
    expect(transactionFilter({ kinds: [], from: '2026-1', to: '' })).toBeNull();
    expect(filterProblem({ kinds: [], from: '2026-11-15', to: '2026-11-01' })).toBe('The start date is after the end date.');
    expect(transactionFilter({ kinds: ['GRANT'], from: '2026-11-15', to: '2026-11-01' })).toBeNull();
    expect(filterProblem({ kinds: [], from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });
});

describe('transaction descriptions', () => {
  const base: CreditTransactionFieldsFragment = {
    id: 't1',
    kind: 'CONSUMPTION',
    amount: -75,
    purchasedDelta: -75,
    subscriptionDelta: 0,
    balanceAfter: 925,
    createdAt: '2026-11-23T10:00:00.000Z',
    eventKey: 'ai_inference',
    quantity: 3,
    unitCost: 25,
    reason: null,
    expiresAt: null,
    periodStart: null,
    idempotencyKey: 'k1',
    actorType: 'api_key',
  };
  const names = new Map([['ai_inference', 'AI inference']]);

  it('names the event, the quantity and its cost', () => {
    expect(describeTransaction(base, names)).toBe('AI inference × 3 at 25 credits each');
    expect(describeTransaction({ ...base, quantity: 1 }, names)).toBe('AI inference (25 credits)');
    expect(describeTransaction({ ...base, eventKey: 'retired_event', quantity: 1, unitCost: 1 }, names)).toBe('retired_event (1 credit)');
  });

  it('gives the admin’s reason for adjustments', () => {
    expect(describeTransaction({ ...base, kind: 'ADJUSTMENT', reason: 'Goodwill for the outage' }, names)).toBe('Adjusted by the platform: Goodwill for the outage');
  });

  it('signs amounts with a real minus', () => {
    expect(formatDelta(1000)).toBe('+1,000');
    expect(formatDelta(-25)).toBe('−25');
  });
});
