import type Stripe from 'stripe';
import { currentPeriodOf, downgradePhases, priceChangeItems } from './stripe-subscription-items';

const price = (id: string, usage: 'licensed' | 'metered') => ({ id, recurring: { interval: 'month', usage_type: usage } }) as unknown as Stripe.Price;
const item = (id: string, priceId: string, usage: 'licensed' | 'metered' = 'licensed') =>
  ({ id, price: price(priceId, usage), quantity: usage === 'licensed' ? 1 : undefined, current_period_start: 1_000, current_period_end: 2_000 }) as unknown as Stripe.SubscriptionItem;
const subscriptionWith = (...items: Stripe.SubscriptionItem[]) =>
  ({ id: 'sub_1', metadata: { organization_id: 'org-1', tollgate_plan_key: 'pro' }, items: { data: items } }) as unknown as Stripe.Subscription;

describe('priceChangeItems (upgrade now)', () => {
  it('swaps the flat price on the same item, so Stripe prorates it', () => {
    expect(priceChangeItems(subscriptionWith(item('si_base', 'price_pro')), { base: 'price_business', metered: [] })).toEqual([
      { id: 'si_base', price: 'price_business', quantity: 1 },
    ]);
  });

  it('removes the old plan’s metered items, adds the new plan’s, keeps a metered price both plans share', () => {
    const current = subscriptionWith(item('si_base', 'price_pro'), item('si_calls', 'price_pro_calls', 'metered'), item('si_shared', 'price_shared', 'metered'));
    expect(priceChangeItems(current, { base: 'price_business', metered: ['price_shared', 'price_business_storage'] })).toEqual([
      { id: 'si_base', price: 'price_business', quantity: 1 },
      { id: 'si_calls', deleted: true },
      { price: 'price_business_storage' },
    ]);
  });
});

describe('downgradePhases (at the period end)', () => {
  it('keeps today’s prices until the period end, then the new plan’s for one interval', () => {
    const current = subscriptionWith(item('si_base', 'price_business'), item('si_calls', 'price_business_calls', 'metered'));
    const schedule = { phases: [{ start_date: 900 }] } as unknown as Stripe.SubscriptionSchedule;
    const phases = downgradePhases(current, schedule, { planKey: 'pro', interval: 'year', prices: { base: 'price_pro_year', metered: ['price_pro_calls_year'] } });
    expect(phases).toEqual([
      {
        items: [{ price: 'price_business', quantity: 1 }, { price: 'price_business_calls' }],
        start_date: 900,
        end_date: 2_000,
        metadata: { organization_id: 'org-1', tollgate_plan_key: 'pro' },
      },
      {
        items: [{ price: 'price_pro_year', quantity: 1 }, { price: 'price_pro_calls_year' }],
        duration: { interval: 'year', interval_count: 1 },
        metadata: { organization_id: 'org-1', tollgate_plan_key: 'pro', tollgate_interval: 'year' },
      },
    ]);
  });
});

it('reads the billing period from the items (this API version has none on the subscription)', () => {
  expect(currentPeriodOf(subscriptionWith(item('si_base', 'price_pro')))).toEqual({ start: 1_000, end: 2_000 });
  expect(() => currentPeriodOf(subscriptionWith())).toThrow(/no items/);
});
