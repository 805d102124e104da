import { daysUntil, formatDate } from '../dates';
import { usageColor } from '../numbers';

describe('daysUntil', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('rounds a part day up and never goes below zero', () => {
    expect(daysUntil('2026-11-23T14:00:00Z', now)).toBe(1);
    expect(daysUntil('2026-12-07T12:00:00Z', now)).toBe(14);
    expect(daysUntil('2026-11-20T12:00:00Z', now)).toBe(0);
  });
});

describe('formatDate', () => {
  it('shows a dash for a missing date and the locale’s format otherwise', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('2026-11-23T12:00:00Z', 'en-US')).toBe('Nov 23, 2026');
  });
});

describe('usageColor', () => {
  it('changes at the server’s warning levels: 80 %, 95 %, 100 %', () => {
    expect(usageColor(0.79)).toBe('teal');
    expect(usageColor(0.8)).toBe('yellow');
    expect(usageColor(0.95)).toBe('orange');
    expect(usageColor(1)).toBe('red');
  });
});
