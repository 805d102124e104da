import Stripe from 'stripe';
import { addIntervals, periodEndAfter } from './billing-periods';
import { signatureHeader } from './webhook-dispatcher';

const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('sandbox billing periods', () => {
  it('keeps the anchor day across short months, as Stripe does', () => {
    const anchor = at('2027-01-31T10:00:00Z');
    const month = { interval: 'month', interval_count: 1 };
    const feb = periodEndAfter(anchor, anchor, month);
    const mar = periodEndAfter(anchor, feb, month);
    expect([iso(feb), iso(mar)]).toEqual(['2027-02-28T10:00:00.000Z', '2027-03-31T10:00:00.000Z']);
  });

  it('adds years, weeks and days in UTC', () => {
    expect(iso(addIntervals(at('2028-02-29T00:00:00Z'), 'year', 1))).toBe('2029-02-28T00:00:00.000Z');
    expect(iso(addIntervals(at('2026-11-23T12:00:00Z'), 'week', 2))).toBe('2026-12-07T12:00:00.000Z');
    expect(iso(addIntervals(at('2026-11-23T12:00:00Z'), 'day', 3))).toBe('2026-11-26T12:00:00.000Z');
  });
});

describe('sandbox webhook signature', () => {
  it('is the header the stripe SDK produces and accepts', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', data: { object: {} } });
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader(payload, 'whsec_test', timestamp);
    expect(header).toBe(Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_test', timestamp }));
    expect(new Stripe('sk_test_x').webhooks.constructEvent(payload, header, 'whsec_test').id).toBe('evt_1');
  });
});
