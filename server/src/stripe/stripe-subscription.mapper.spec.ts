import type Stripe from 'stripe';
import { stripePrice } from '../../test/support/stripe-objects';
import { nextScheduledPhaseOf } from './stripe-subscription.mapper';

const s = (iso: string) => Date.parse(iso) / 1000;
const PERIOD_START = s('2026-11-23T12:00:00Z');
const PERIOD_END = s('2026-12-23T12:00:00Z');
const NEXT_END = s('2027-01-23T12:00:00Z');

const phase = (start: number, end: number, prices: Array<string | Stripe.Price>) => ({ start_date: start, end_date: end, items: prices.map((price) => ({ price, quantity: 1 })) });
const schedule = (status: Stripe.SubscriptionSchedule.Status, phases: ReturnType<typeof phase>[], current: { start_date: number; end_date: number } | null) =>
  ({ id: 'sub_sched_1', object: 'subscription_schedule', status, phases, current_phase: current }) as unknown as Stripe.SubscriptionSchedule;

describe('nextScheduledPhaseOf', () => {
  const downgrade = [phase(PERIOD_START, PERIOD_END, ['price_business']), phase(PERIOD_END, NEXT_END, ['price_pro', 'price_pro_overage'])];

  it('is the phase after the current one, its prices by id when not expanded', () => {
    expect(nextScheduledPhaseOf(schedule('active', downgrade, { start_date: PERIOD_START, end_date: PERIOD_END }), new Date(PERIOD_END * 1000))).toEqual({
      startsAt: new Date(PERIOD_END * 1000),
      plan: { priceId: 'price_pro', planKey: null, interval: null },
      candidatePriceIds: ['price_pro', 'price_pro_overage'],
    });
  });

  it('names the plan from an expanded price and leaves metered prices out', () => {
    const pro = stripePrice({ id: 'price_pro', lookup_key: 'tollgate_plan_pro_year', recurring: { interval: 'year' } as never });
    const metered = stripePrice({ id: 'price_meter', recurring: { interval: 'year', usage_type: 'metered' } as never });
    const next = nextScheduledPhaseOf(schedule('active', [downgrade[0]!, phase(PERIOD_END, NEXT_END, [metered, pro])], null), new Date(PERIOD_END * 1000));
    expect(next).toMatchObject({ plan: { priceId: 'price_pro', planKey: 'pro', interval: 'year' }, candidatePriceIds: ['price_pro'] });
  });

  it('schedules nothing once the last phase runs, or when the schedule is released, completed or canceled', () => {
    expect(nextScheduledPhaseOf(schedule('active', downgrade, { start_date: PERIOD_END, end_date: NEXT_END }), new Date(NEXT_END * 1000))).toBeNull();
    for (const status of ['released', 'completed', 'canceled'] as const) {
      expect(nextScheduledPhaseOf(schedule(status, downgrade, null), new Date(PERIOD_END * 1000))).toBeNull();
    }
  });
});
