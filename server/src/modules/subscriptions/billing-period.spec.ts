import { BillingInterval } from '../catalog/catalog.enums';
import { addInterval, periodContaining } from './billing-period';
import { canTransition } from './subscription-state';
import { SubscriptionStatus as S } from './subscription-status';

const at = (iso: string) => new Date(iso);

describe('billing periods', () => {
  it('adds a calendar month in UTC, clamping to the last day and keeping the anchor day', () => {
    expect(addInterval(at('2026-01-15T10:00:00Z'), BillingInterval.MONTH)).toEqual(at('2026-02-15T10:00:00Z'));
    expect(addInterval(at('2026-01-31T00:00:00Z'), BillingInterval.MONTH)).toEqual(at('2026-02-28T00:00:00Z'));
    expect(addInterval(at('2026-02-28T00:00:00Z'), BillingInterval.MONTH, 31)).toEqual(at('2026-03-31T00:00:00Z'));
    expect(addInterval(at('2028-01-31T00:00:00Z'), BillingInterval.MONTH)).toEqual(at('2028-02-29T00:00:00Z'));
    expect(addInterval(at('2026-12-20T00:00:00Z'), BillingInterval.MONTH)).toEqual(at('2027-01-20T00:00:00Z'));
  });

  it('adds a year, clamping 29 February', () => {
    expect(addInterval(at('2026-03-01T00:00:00Z'), BillingInterval.YEAR)).toEqual(at('2027-03-01T00:00:00Z'));
    expect(addInterval(at('2028-02-29T00:00:00Z'), BillingInterval.YEAR)).toEqual(at('2029-02-28T00:00:00Z'));
  });

  it('finds the period containing now after missed periods', () => {
    const period = periodContaining(at('2026-01-10T00:00:00Z'), BillingInterval.MONTH, at('2026-04-02T00:00:00Z'), 10);
    expect(period).toEqual({ start: at('2026-03-10T00:00:00Z'), end: at('2026-04-10T00:00:00Z') });
    const next = periodContaining(at('2026-01-10T00:00:00Z'), BillingInterval.MONTH, at('2026-01-10T00:00:00Z'), 10);
    expect(next).toEqual({ start: at('2026-01-10T00:00:00Z'), end: at('2026-02-10T00:00:00Z') });
  });
});

describe('subscription lifecycle transitions', () => {
  it.each([
    [S.TRIALING, S.ACTIVE, true],
    [S.ACTIVE, S.PAST_DUE, true],
    [S.PAST_DUE, S.ACTIVE, true],
    [S.ACTIVE, S.CANCELED, true],
    [S.TRIALING, S.EXPIRED, true],
    [S.PAST_DUE, S.EXPIRED, true],
    [S.EXPIRED, S.ACTIVE, false],
    [S.CANCELED, S.ACTIVE, false],
    [S.CANCELED, S.EXPIRED, false],
    [S.ACTIVE, S.TRIALING, false],
    [S.ACTIVE, S.INCOMPLETE, false],
  ])('%s → %s allowed: %s', (from, to, expected) => {
    expect(canTransition(from, to)).toBe(expected);
  });
});
