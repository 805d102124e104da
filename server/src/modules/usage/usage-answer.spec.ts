import fc from 'fast-check';
import { storedAnswerOf } from './entitlement-context';
import { UsageWarningLevel, meteredAnswer, warningLevelOf } from './usage-answer';
import { requestHashOf } from './usage-request';

describe('warning levels', () => {
  it.each([
    [0, 50, 'NONE'],
    [39, 50, 'NONE'],
    [40, 50, 'WARNING'],
    [47, 50, 'WARNING'],
    [48, 50, 'CRITICAL'],
    [50, 50, 'CRITICAL'],
    [51, 50, 'EXCEEDED'],
    [1, 0, 'EXCEEDED'],
    [0, 0, 'CRITICAL'],
    [999_999, null, 'NONE'],
  ])('%d of %s is %s', (projected, limit, level) => {
    expect(warningLevelOf(projected, limit)).toBe(level);
  });

  it('agrees with the percentages for every limit (exact integer arithmetic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_147_483_647 }), fc.integer({ min: 0, max: 3_000_000_000 }), (limit, projected) => {
        const level = warningLevelOf(projected, limit);
        const ratio = BigInt(projected) * 100n;
        const expected =
          projected > limit ? 'EXCEEDED' : ratio >= BigInt(limit) * 95n ? 'CRITICAL' : ratio >= BigInt(limit) * 80n ? 'WARNING' : 'NONE';
        expect(level).toBe(expected);
      }),
    );
  });
});

describe('answers', () => {
  const terms = { featureKey: 'messages', limit: 50, resetsAt: new Date('2026-11-24T00:00:00.000Z'), overage: false };

  it('refuses past a block limit and allows past an overage limit', () => {
    expect(meteredAnswer(terms, 45, 51)).toMatchObject({ allowed: false, used: 45, remaining: 5, warningLevel: UsageWarningLevel.EXCEEDED });
    expect(meteredAnswer({ ...terms, overage: true }, 45, 51)).toMatchObject({ allowed: true, overage: true, warningLevel: UsageWarningLevel.EXCEEDED });
    expect(meteredAnswer({ ...terms, limit: null }, 10_000, 10_001)).toMatchObject({ allowed: true, remaining: null, warningLevel: UsageWarningLevel.NONE });
  });

  it('rebuilds a recorded answer from its stored columns exactly (bigints as pg returns them)', () => {
    const row = { stored_hash: 'h', stored_feature_key: 'messages', stored_used: '53', stored_limit: '50', stored_resets_at: new Date(terms.resetsAt), stored_overage: false };
    expect(storedAnswerOf(row)).toEqual({ requestHash: 'h', answer: meteredAnswer(terms, 53, 53) });
    expect(storedAnswerOf({ ...row, stored_limit: null })!.answer).toEqual(meteredAnswer({ ...terms, limit: null }, 53, 53));
    expect(storedAnswerOf({ ...row, stored_hash: null })).toBeNull();
  });
});

describe('request hashes', () => {
  it('ignore metadata key order and change with feature, quantity or metadata', () => {
    const base = requestHashOf('messages', 2, { a: 1, b: { c: [1, 2] } });
    expect(requestHashOf('messages', 2, { b: { c: [1, 2] }, a: 1 })).toBe(base);
    expect(requestHashOf('messages', 3, { a: 1, b: { c: [1, 2] } })).not.toBe(base);
    expect(requestHashOf('api_calls', 2, { a: 1, b: { c: [1, 2] } })).not.toBe(base);
    expect(requestHashOf('messages', 2, { a: 1, b: { c: [2, 1] } })).not.toBe(base);
  });
});
