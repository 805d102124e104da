import { subscriptionFixture, PLANS } from '../../overview/__tests__/tenant-fixtures';
import { planAction } from '../plan-actions';
import { bestYearlyDiscount, formatAllowance, yearlySaving } from '../plan-terms';
import { planChangeCopy } from '../plan-change-copy';

const byKey = (key: string) => PLANS.find((p) => p.key === key)!;
const usd = (amountMinor: number) => ({ amountMinor, currency: 'usd' });

describe('yearly saving', () => {
  it('is twelve months minus the yearly price, with the server’s percent', () => {
    expect(yearlySaving({ monthlyPrice: usd(1500), yearlyPrice: usd(15000), yearlyDiscountPercent: 17 })).toEqual({ amount: usd(3000), percent: 17 });
  });

  it('works the percent out when the server gives none', () => {
    expect(yearlySaving({ monthlyPrice: usd(1000), yearlyPrice: usd(9000), yearlyDiscountPercent: null })?.percent).toBe(25);
  });

  it('is nothing for free, custom or undiscounted plans', () => {
    expect(yearlySaving({ monthlyPrice: usd(0), yearlyPrice: usd(0), yearlyDiscountPercent: null })).toBeNull();
    expect(yearlySaving({ monthlyPrice: null, yearlyPrice: null, yearlyDiscountPercent: null })).toBeNull();
    expect(yearlySaving({ monthlyPrice: usd(1000), yearlyPrice: usd(12000), yearlyDiscountPercent: 0 })).toBeNull();
  });

  it('labels the toggle with the best discount on the table', () => {
    expect(bestYearlyDiscount(PLANS.map((p) => p.currentVersion))).toBe(17);
    expect(bestYearlyDiscount([byKey('free').currentVersion])).toBeNull();
  });
});

describe('plan action', () => {
  const free = subscriptionFixture();
  const proMonthly = subscriptionFixture({ planKey: 'pro', planName: 'Pro', status: 'ACTIVE' });

  it('marks the current plan and interval, and the free plan whatever the toggle says', () => {
    expect(planAction(byKey('free'), 'YEAR', free, PLANS)).toEqual({ kind: 'current' });
    expect(planAction(byKey('pro'), 'MONTH', proMonthly, PLANS)).toEqual({ kind: 'current' });
  });

  it('sends an organization on the free plan to Checkout for a paid plan', () => {
    expect(planAction(byKey('pro'), 'MONTH', free, PLANS)).toEqual({ kind: 'subscribe' });
    expect(planAction(byKey('business'), 'YEAR', free, PLANS)).toEqual({ kind: 'subscribe' });
  });

  it('shows Contact us for custom prices', () => {
    expect(planAction(byKey('enterprise'), 'MONTH', free, PLANS)).toEqual({ kind: 'contact' });
    expect(planAction(byKey('enterprise'), 'YEAR', proMonthly, PLANS)).toEqual({ kind: 'contact' });
  });

  it('upgrades to a dearer plan now and downgrades to a cheaper one at the period end', () => {
    expect(planAction(byKey('business'), 'MONTH', proMonthly, PLANS)).toEqual({ kind: 'upgrade' });
    const business = subscriptionFixture({ planKey: 'business', planName: 'Business' });
    expect(planAction(byKey('pro'), 'MONTH', business, PLANS)).toEqual({ kind: 'downgrade', effectiveAt: business.currentPeriodEnd });
  });

  it('sends a paid plan an admin set (not a Stripe subscription) to Checkout for an upgrade; downgrades stay scheduled', () => {
    const adminSetPro = subscriptionFixture({ planKey: 'pro', planName: 'Pro', billedThroughStripe: false });
    expect(planAction(byKey('business'), 'MONTH', adminSetPro, PLANS)).toEqual({ kind: 'subscribe' });
    const adminSetBusiness = subscriptionFixture({ planKey: 'business', planName: 'Business', billedThroughStripe: false });
    expect(planAction(byKey('pro'), 'MONTH', adminSetBusiness, PLANS)).toEqual({ kind: 'downgrade', effectiveAt: adminSetBusiness.currentPeriodEnd });
  });

  it('ranks intervals by the price per month, as the server does (yearly Pro is cheaper per month than monthly Pro)', () => {
    expect(planAction(byKey('pro'), 'YEAR', proMonthly, PLANS)).toEqual({ kind: 'downgrade', effectiveAt: proMonthly.currentPeriodEnd });
    const proYearly = subscriptionFixture({ planKey: 'pro', planName: 'Pro', billingInterval: 'YEAR' });
    expect(planAction(byKey('pro'), 'MONTH', proYearly, PLANS)).toEqual({ kind: 'upgrade' });
  });

  it('reaches the free plan by canceling the paid subscription at the period end', () => {
    expect(planAction(byKey('free'), 'MONTH', proMonthly, PLANS)).toEqual({ kind: 'cancel-to-free', effectiveAt: proMonthly.currentPeriodEnd });
  });

  it('shows a plan that is already scheduled instead of offering it again', () => {
    const scheduled = subscriptionFixture({
      planKey: 'business',
      planName: 'Business',
      scheduledChange: { __typename: 'ScheduledPlanChange', planKey: 'pro', planName: 'Pro', billingInterval: 'MONTH', effectiveAt: '2026-12-07T10:00:00.000Z' },
    } as never);
    expect(planAction(byKey('pro'), 'MONTH', scheduled, PLANS)).toEqual({ kind: 'scheduled', effectiveAt: '2026-12-07T10:00:00.000Z' });
    expect(planAction(byKey('pro'), 'YEAR', scheduled, PLANS).kind).toBe('downgrade');
    const canceling = { ...proMonthly, cancelAtPeriodEnd: true };
    expect(planAction(byKey('free'), 'MONTH', canceling, PLANS)).toEqual({ kind: 'scheduled', effectiveAt: proMonthly.currentPeriodEnd });
  });

  it('leaves the direction to the server when the current plan is not on the table', () => {
    const legacy = subscriptionFixture({ planKey: 'legacy', planName: 'Legacy' });
    expect(planAction(byKey('pro'), 'MONTH', legacy, PLANS)).toEqual({ kind: 'switch' });
  });
});

describe('plan change dialog', () => {
  const pro = subscriptionFixture({ planKey: 'pro', planName: 'Pro' });

  it('says an upgrade starts now with proration', () => {
    const copy = planChangeCopy({ kind: 'upgrade' }, { name: 'Business', price: usd(4900), interval: 'MONTH' }, pro, 'en-US');
    expect(copy?.title).toBe('Upgrade to Business (monthly)?');
    expect(copy?.body).toMatch(/starts now/);
    expect(copy?.body).toMatch(/prorated/);
    expect(copy?.body).toMatch(/\$49 per month/);
  });

  it('says a downgrade waits for the period end and can be undone', () => {
    const copy = planChangeCopy({ kind: 'downgrade', effectiveAt: pro.currentPeriodEnd }, { name: 'Pro', price: usd(15000), interval: 'YEAR' }, { ...pro, planName: 'Business' }, 'en-US');
    expect(copy?.body).toMatch(/You keep Business until the end of this period, Dec 7, 2026/);
    expect(copy?.body).toMatch(/undo/);
  });

  it('warns that moving to free cancels the subscription at the period end', () => {
    const copy = planChangeCopy({ kind: 'cancel-to-free', effectiveAt: pro.currentPeriodEnd }, { name: 'Free', price: usd(0), interval: 'MONTH' }, pro, 'en-US');
    expect(copy).toMatchObject({ confirmLabel: 'Cancel at period end', danger: true });
    expect(copy?.body).toMatch(/canceled at the end of this period, Dec 7, 2026/);
  });

  it('has no dialog for actions that are not changes', () => {
    expect(planChangeCopy({ kind: 'subscribe' }, { name: 'Pro', price: usd(1500), interval: 'MONTH' }, pro)).toBeNull();
  });
});

describe('allowances in words', () => {
  const feature = (name: string, unit: string | null) => ({ name, unit, kind: 'METERED' as const });
  it('names the amount, the unit and the reset period', () => {
    expect(formatAllowance({ limit: 1000, resetPeriod: 'DAY', feature: feature('Messages', 'messages') }, 'en-US')).toBe('1,000 messages per day');
    expect(formatAllowance({ limit: 10, resetPeriod: 'NEVER', feature: feature('Storage', 'GB') }, 'en-US')).toBe('10 GB storage');
    expect(formatAllowance({ limit: 1, resetPeriod: 'NEVER', feature: feature('Agents', 'agents') }, 'en-US')).toBe('1 agent');
    expect(formatAllowance({ limit: null, resetPeriod: 'MONTH', feature: feature('API calls', 'calls') }, 'en-US')).toBe('Unlimited API calls');
  });
});
