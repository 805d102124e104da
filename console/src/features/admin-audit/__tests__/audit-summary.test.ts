import { describeLine, formatAuditValue, summarizeChange } from '../audit-summary';

describe('audit change summary', () => {
  it('lists changed, added and removed fields, and skips unchanged ones', () => {
    const lines = summarizeChange({ status: 'active', plan: 'pro', cancelAtPeriodEnd: false }, { status: 'past_due', plan: 'pro', retries: 2 });
    expect(lines).toEqual([
      { field: 'status', kind: 'changed', before: 'active', after: 'past_due' },
      { field: 'cancelAtPeriodEnd', kind: 'removed', before: false },
      { field: 'retries', kind: 'added', after: 2 },
    ]);
    expect(lines.map(describeLine)).toEqual(['status: active → past_due', 'cancelAtPeriodEnd: false → removed', 'retries: 2']);
  });

  it('treats a creation (no before) as every field added', () => {
    expect(summarizeChange(null, { amount: 100 })).toEqual([{ field: 'amount', kind: 'added', after: 100 }]);
    expect(summarizeChange(null, null)).toEqual([]);
  });

  it('shows what was, not “removed”, when an entry records no after (a replay)', () => {
    const lines = summarizeChange({ status: 'failed', attempts: 3 }, null);
    expect(lines.map(describeLine)).toEqual(['status was failed', 'attempts was 3']);
  });

  it('keeps values to one short line', () => {
    expect(formatAuditValue(['free', 'pro'])).toBe('free, pro');
    expect(formatAuditValue([])).toBe('none');
    expect(formatAuditValue(null)).toBe('—');
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}');
    expect(formatAuditValue('x'.repeat(80))).toHaveLength(60);
    expect(formatAuditValue('2026-12-23T15:30:50.977Z')).not.toContain('T15');
  });
});
