import { auditFilterErrors, auditFilterInput, filtersFromSearchParams, filtersToSearchParams, NO_FILTERS } from '../audit-filters';

const orgId = '13f76e46-e5d6-49ef-9d85-9c7bcd569ede';

describe('audit filters → query variables', () => {
  it('sends no filter when none is set', () => {
    expect(auditFilterInput(NO_FILTERS)).toBeNull();
  });

  it('sends action, organization and actor as they are', () => {
    expect(auditFilterInput({ ...NO_FILTERS, action: ' credits.adjusted ', organizationId: orgId, actorType: 'USER' })).toEqual({
      action: 'credits.adjusted',
      organizationId: orgId,
      actorType: 'USER',
    });
  });

  it('turns the viewer’s calendar days into instants, the last day included (the API’s `to` is exclusive)', () => {
    expect(auditFilterInput({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-23' })).toEqual({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 24).toISOString(),
    });
    // The last day of a month rolls over into the next.
    expect(auditFilterInput({ ...NO_FILTERS, to: '2026-12-31' })).toEqual({ to: new Date(2027, 0, 1).toISOString() });
  });

  it('leaves out what the server would refuse, and says why', () => {
    const filters = { ...NO_FILTERS, action: 'Credits', from: '2026-11-23', to: '2026-11-01' };
    expect(auditFilterErrors(filters)).toEqual({ action: 'An action looks like subscription.upgraded', to: 'The end is before the start' });
    expect(auditFilterInput(filters)).toEqual({ from: new Date(2026, 10, 23).toISOString() });
  });

  it('round-trips through the URL and drops malformed values', () => {
    const filters = { action: 'plan.created', organizationId: orgId, actorType: 'SYSTEM' as const, from: '2026-11-01', to: '' };
    expect(filtersFromSearchParams(new URLSearchParams(filtersToSearchParams(filters)))).toEqual(filters);
    expect(filtersFromSearchParams(new URLSearchParams('organization=acme&actor=ROBOT&from=yesterday'))).toEqual(NO_FILTERS);
  });
});
