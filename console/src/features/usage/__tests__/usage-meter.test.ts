import { busiestFeature, dailySeries, lastDaysWindow } from '../usage-history';
import { meterView, resetsLabel, topUsage, type MeteredFeature } from '../usage-meter';

const metered = (used: number, limit: number | null, extra: Partial<MeteredFeature> = {}): MeteredFeature => ({
  featureKey: 'messages',
  name: 'Messages',
  kind: 'METERED',
  enabled: true,
  limit,
  used,
  unit: 'messages',
  resetsAt: null,
  overageBehavior: 'BLOCK',
  ...extra,
});
const NOW = new Date('2026-11-23T15:00:00.000Z');

describe('usage bar', () => {
  it('colours at 80 % and 95 % and turns red at the limit', () => {
    expect(meterView(metered(79, 100), NOW, 'en-US').color).toBe('teal');
    expect(meterView(metered(80, 100), NOW, 'en-US').color).toBe('yellow');
    expect(meterView(metered(95, 100), NOW, 'en-US').color).toBe('orange');
    expect(meterView(metered(100, 100), NOW, 'en-US')).toMatchObject({ color: 'red', percent: 100, status: 'Limit reached; more is refused' });
  });

  it('reads used against the limit, in the viewer’s number format', () => {
    expect(meterView(metered(1234, 5000), NOW, 'en-US')).toMatchObject({ amount: '1,234 / 5,000 messages', status: '24.7% used' });
  });

  it('says unlimited instead of drawing a fraction of nothing', () => {
    expect(meterView(metered(42, null), NOW, 'en-US')).toMatchObject({ unlimited: true, ratio: 0, amount: '42 messages (unlimited)', status: 'No limit on your plan' });
  });

  it('explains usage past the limit that is billed as overage', () => {
    const view = meterView(metered(1500, 1000, { overageBehavior: 'OVERAGE' }), NOW, 'en-US');
    expect(view).toMatchObject({ percent: 100, status: '500 over the limit, billed as overage' });
  });

  it('says when the window resets', () => {
    expect(resetsLabel(null, NOW, 'en-US')).toBe('Never resets');
    expect(resetsLabel('2026-11-24T00:00:00.000Z', NOW, 'en-US')).toBe('Resets in 9 hours');
    expect(resetsLabel('2026-12-01T00:00:00.000Z', NOW, 'en-US')).toMatch(/^Resets on Dec 1, 2026 \(in 7 days\)$/);
  });

  it('picks the features closest to their limits for the overview, unlimited ones last', () => {
    const features = [
      metered(10, 100, { featureKey: 'a' }),
      metered(5, null, { featureKey: 'b' }),
      metered(90, 100, { featureKey: 'c' }),
      metered(50, 100, { featureKey: 'd', kind: 'BOOLEAN' }),
      metered(60, 100, { featureKey: 'e' }),
    ];
    expect(topUsage(features).map((f) => f.featureKey)).toEqual(['c', 'e', 'a']);
  });
});

describe('usage history', () => {
  it('covers the last 30 UTC days including today', () => {
    const window = lastDaysWindow(NOW, 30);
    expect(window.from).toBe('2026-10-25T00:00:00.000Z');
    expect(window.to).toBe('2026-11-24T00:00:00.000Z');
    expect(window.dates).toHaveLength(30);
    expect(window.dates[0]).toBe('2026-10-25');
    expect(window.dates[29]).toBe('2026-11-23');
  });

  it('fills days without usage with zero and splits off the overage', () => {
    const points = dailySeries({ days: [{ date: '2026-11-22', quantity: 12, overage: 2 }] }, ['2026-11-21', '2026-11-22'], 'en-US');
    expect(points).toEqual([
      { date: '2026-11-21', label: 'Nov 21', included: 0, overage: 0 },
      { date: '2026-11-22', label: 'Nov 22', included: 10, overage: 2 },
    ]);
  });

  it('charts the busiest metered feature first', () => {
    const totals = [
      { featureKey: 'messages', total: 10 },
      { featureKey: 'api_calls', total: 900 },
      { featureKey: 'retired', total: 5000 },
    ];
    expect(busiestFeature(['messages', 'api_calls'], totals)).toBe('api_calls');
    expect(busiestFeature(['agents', 'messages'], [])).toBe('agents');
    expect(busiestFeature([], totals)).toBeNull();
  });
});
