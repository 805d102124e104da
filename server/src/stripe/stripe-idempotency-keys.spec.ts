import { idempotencyKeys as keys } from './stripe-idempotency-keys';

describe('idempotency keys', () => {
  it('name what the write does', () => {
    expect(keys.customerCreate('org-1')).toBe('customer-create:org-1');
    expect(keys.subscriptionCheckout('org-1', 'pro', 'month', 'n1')).toBe('checkout:org-1:pro:month:n1');
    expect(keys.meterEvent('evt-1')).toBe('meter-event:evt-1');
  });

  it('repeat for a retry of the same change and differ for the same change made again from a later state', () => {
    expect(keys.subscriptionPriceChange('sub_1', 's@3', 'price_b')).toBe(keys.subscriptionPriceChange('sub_1', 's@3', 'price_b'));
    expect(keys.subscriptionPriceChange('sub_1', 's@3', 'price_b')).not.toBe(keys.subscriptionPriceChange('sub_1', 's@5', 'price_b'));
    expect(keys.cancelAtPeriodEnd('sub_1', 's@3')).not.toBe(keys.resume('sub_1', 's@3'));
  });

  it('stay within Stripe’s 255 characters', () => {
    const uuid = '8c0e6a4e-4a4f-4c77-9a5c-0f7a3c1e2b6d';
    const longest = keys.overagePriceCreate('a'.repeat(63), 99999, 'f'.repeat(63), 'month');
    expect(longest.length).toBeLessThanOrEqual(255);
    expect(keys.subscriptionCheckout(uuid, 'p'.repeat(63), 'month', uuid).length).toBeLessThanOrEqual(255);
  });
});
