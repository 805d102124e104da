import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../usage/usage-request';
import { meterIdentifierOf } from './stripe-overage-reporter.service';

describe('meter event identifiers', () => {
  const organizationId = '7d3c7a56-0c1e-4f4e-9a55-3f2b8f0f8c11';

  it('are stable per usage event, differ between events and fit Stripe’s 100 characters', () => {
    const longest = 'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(meterIdentifierOf(organizationId, longest)).toBe(meterIdentifierOf(organizationId, longest));
    expect(meterIdentifierOf(organizationId, longest).length).toBeLessThanOrEqual(100);
    expect(meterIdentifierOf(organizationId, 'a')).not.toBe(meterIdentifierOf(organizationId, 'b'));
    expect(meterIdentifierOf(organizationId, 'a')).not.toBe(meterIdentifierOf('8d3c7a56-0c1e-4f4e-9a55-3f2b8f0f8c11', 'a'));
  });
});
