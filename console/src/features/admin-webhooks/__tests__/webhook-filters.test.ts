import { filtersFromSearchParams, filtersToSearchParams, stripeEventVariables, typeFilterError } from '../webhook-filters';

describe('webhook filters → query variables', () => {
  it('sends nothing to filter on when no filter is set', () => {
    expect(stripeEventVariables(filtersFromSearchParams(new URLSearchParams('')))).toEqual({ filter: null, first: 25 });
  });

  it('reads type and status from the URL and sends both', () => {
    const filters = filtersFromSearchParams(new URLSearchParams('type=invoice.payment_failed&status=FAILED'));
    expect(stripeEventVariables(filters)).toEqual({ filter: { type: 'invoice.payment_failed', status: 'FAILED' }, first: 25 });
    expect(filtersToSearchParams(filters)).toEqual({ type: 'invoice.payment_failed', status: 'FAILED' });
  });

  it('ignores an unknown status in the URL and leaves out a half-typed type instead of sending it to be refused', () => {
    const filters = filtersFromSearchParams(new URLSearchParams('type=invoice.&status=BOGUS'));
    expect(filters.status).toBeNull();
    expect(typeFilterError(filters.type)).toBe('A Stripe event type looks like invoice.payment_failed');
    expect(stripeEventVariables(filters)).toEqual({ filter: null, first: 25 });
    expect(stripeEventVariables({ type: '  customer.subscription.updated ', status: null }).filter).toEqual({ type: 'customer.subscription.updated' });
  });
});
