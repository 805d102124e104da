import { bucketLabel, rangeVariables, toMajor } from '../revenue-range';

describe('revenue ranges', () => {
  const now = new Date('2026-11-25T15:30:00Z'); // a Wednesday

  it('ends with the current bucket and covers whole UTC buckets', () => {
    expect(rangeVariables('30d', now)).toEqual({ from: '2026-10-27T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z', granularity: 'DAY' });
    expect(rangeVariables('12w', now)).toEqual({ from: '2026-09-07T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', granularity: 'WEEK' });
    expect(rangeVariables('12m', now)).toEqual({ from: '2025-12-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', granularity: 'MONTH' });
  });

  it('labels buckets in UTC and charts money in major units', () => {
    expect(bucketLabel('2026-11-01T00:00:00.000Z', 'MONTH', 'en-US')).toBe('Nov 26');
    expect(bucketLabel('2026-11-23T00:00:00.000Z', 'DAY', 'en-US')).toBe('Nov 23');
    expect(toMajor(275_000, 'usd')).toBe(2750);
    expect(toMajor(1250, 'jpy')).toBe(1250);
  });
});
