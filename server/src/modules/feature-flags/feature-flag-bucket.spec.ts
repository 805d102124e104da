import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { flagEnabledFor, rolloutBucket } from './feature-flag-bucket';

describe('rollout buckets', () => {
  it('are stable: the same flag and organization always land in the same bucket', () => {
    // Pinned values: a change to the hash would silently move organizations in or out of every rollout.
    expect(rolloutBucket('new-dashboard', '0b5a3c52-7a11-4c55-9a2e-6f0f3e1d2c4b')).toBe(68);
    expect(rolloutBucket('new-dashboard', '0B5A3C52-7A11-4C55-9A2E-6F0F3E1D2C4B')).toBe(68);
    expect(rolloutBucket('beta-exports', '11111111-2222-4333-8444-555555555555')).toBe(27);
    fc.assert(
      fc.property(fc.string(), fc.uuid(), (flag, organizationId) => {
        const bucket = rolloutBucket(flag, organizationId);
        expect(bucket).toBe(rolloutBucket(flag, organizationId));
        expect(Number.isInteger(bucket) && bucket >= 0 && bucket < 100).toBe(true);
      }),
    );
  });

  it('spread organizations roughly uniformly over 0..99', () => {
    const counts = new Array<number>(100).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i += 1) counts[rolloutBucket('uniformity', randomUUID())]! += 1;
    // Expected 200 per bucket; the standard deviation is about 14, so 130..270 is a five-sigma band.
    expect(Math.min(...counts)).toBeGreaterThan(130);
    expect(Math.max(...counts)).toBeLessThan(270);
    const chiSquare = counts.reduce((sum, c) => sum + (c - n / 100) ** 2 / (n / 100), 0);
    expect(chiSquare).toBeLessThan(160); // 99 degrees of freedom: p < 0.0001 above this
  });

  it('give each flag its own draw, and grow monotonically with the percentage', () => {
    const orgs = Array.from({ length: 2_000 }, () => randomUUID());
    const inA = orgs.filter((o) => rolloutBucket('flag-a', o) < 10);
    const inBoth = inA.filter((o) => rolloutBucket('flag-b', o) < 10);
    expect(inBoth.length).toBeLessThan(inA.length / 3); // independent: about 10% of flag-a's
    for (const organizationId of orgs.slice(0, 200)) {
      let wasOn = false;
      for (let percentage = 0; percentage <= 100; percentage += 5) {
        const on = flagEnabledFor({ key: 'grow', enabled: true, rolloutPercentage: percentage }, organizationId, null);
        expect(on || !wasOn).toBe(true);
        wasOn = on;
      }
      expect(wasOn).toBe(true);
    }
  });

  it('let an override win over the flag and its rollout', () => {
    const org = randomUUID();
    expect(flagEnabledFor({ key: 'x', enabled: false, rolloutPercentage: 100 }, org, true)).toBe(true);
    expect(flagEnabledFor({ key: 'x', enabled: true, rolloutPercentage: 100 }, org, false)).toBe(false);
    expect(flagEnabledFor({ key: 'x', enabled: true, rolloutPercentage: 0 }, org, null)).toBe(false);
    expect(flagEnabledFor({ key: 'x', enabled: false, rolloutPercentage: 100 }, org, null)).toBe(false);
  });
});
