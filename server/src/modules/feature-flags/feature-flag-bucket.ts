import { createHash } from 'node:crypto';

/**
 * Where an organization falls in a flag's rollout, 0..99: the first 4 bytes of SHA-256("flagKey:organizationId")
 * mod 100. Stable (the same organization stays in or out as the percentage only grows) and independent per flag
 * (a flag at 10% does not reach the same organizations as another flag at 10%).
 */
export function rolloutBucket(flagKey: string, organizationId: string): number {
  return createHash('sha256').update(`${flagKey}:${organizationId.toLowerCase()}`).digest().readUInt32BE(0) % 100;
}

/** An override wins; otherwise the flag must be on and the organization inside the rollout. */
export function flagEnabledFor(flag: { key: string; enabled: boolean; rolloutPercentage: number }, organizationId: string, override: boolean | null): boolean {
  if (override !== null) return override;
  return flag.enabled && rolloutBucket(flag.key, organizationId) < flag.rolloutPercentage;
}
