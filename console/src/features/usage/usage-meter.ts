import { formatDate, formatRelative } from '../../format/dates';
import { formatCount, formatPercent, usageColor } from '../../format/numbers';
import type { FeatureKind, OverageBehavior, ResetPeriod } from '../../gql/graphql';

const DAY_MS = 86_400_000;

export interface MeteredFeature {
  featureKey: string;
  name: string;
  kind: FeatureKind;
  enabled: boolean;
  limit: number | null;
  used: number;
  unit: string | null;
  resetsAt: string | null;
  resetPeriod?: ResetPeriod | null;
  overageBehavior?: OverageBehavior;
}

export interface MeterView {
  /** used / limit; 0 for unlimited. Past 1 when usage went over the limit (overage). */
  ratio: number;
  /** The bar's fill, 0–100. */
  percent: number;
  color: ReturnType<typeof usageColor>;
  unlimited: boolean;
  /** "320 / 1,000 messages", "12 messages (unlimited)". */
  amount: string;
  /** "32 % used", "Limit reached", "120 over the limit, billed as overage". */
  status: string;
  /** "Resets in 5 hours", "Resets on Dec 1, 2026 (in 8 days)", "Never resets". */
  resets: string;
}

export function usageRatio(used: number, limit: number | null): number {
  if (limit === null) return 0;
  if (limit <= 0) return used > 0 ? 1 : 0;
  return used / limit;
}

/** A metered entitlement as a usage bar says it: amounts, colour at 80 % and 95 %, what happens at the limit, reset. */
export function meterView(feature: MeteredFeature, now: Date = new Date(), locale?: string): MeterView {
  const unlimited = feature.limit === null;
  const ratio = usageRatio(feature.used, feature.limit);
  const unit = feature.unit ?? '';
  const used = formatCount(feature.used, locale);
  const amount = unlimited
    ? `${used} ${unit} (unlimited)`.replace('  ', ' ')
    : `${used} / ${formatCount(feature.limit ?? 0, locale)} ${unit}`.trim();
  let status: string;
  if (unlimited) status = 'No limit on your plan';
  else if (feature.used > (feature.limit ?? 0) && feature.overageBehavior === 'OVERAGE') {
    status = `${formatCount(feature.used - (feature.limit ?? 0), locale)} over the limit, billed as overage`;
  } else if (ratio >= 1) {
    if (feature.overageBehavior === 'OVERAGE') status = 'Limit reached; more is billed as overage';
    else status = feature.resetsAt ? 'Limit reached; more is refused until it resets' : 'Limit reached; more is refused';
  }
  else status = `${formatPercent(ratio, locale)} used`;
  return {
    ratio,
    percent: Math.min(100, Math.max(0, ratio * 100)),
    color: unlimited ? 'teal' : usageColor(ratio),
    unlimited,
    amount,
    status,
    resets: resetsLabel(feature.resetsAt, now, locale),
  };
}

export function resetsLabel(resetsAt: string | null, now: Date = new Date(), locale?: string): string {
  if (!resetsAt) return 'Never resets';
  const relative = formatRelative(resetsAt, now, locale);
  if (new Date(resetsAt).getTime() - now.getTime() < DAY_MS) return `Resets ${relative}`;
  return `Resets on ${formatDate(resetsAt, locale)} (${relative})`;
}

/** The metered features closest to their limits (unlimited ones last), for the overview. */
export function topUsage<T extends MeteredFeature>(features: readonly T[], count = 3): T[] {
  return features
    .filter((f) => f.kind === 'METERED' && f.enabled)
    .map((feature, index) => ({ feature, index, ratio: feature.limit === null ? -1 : usageRatio(feature.used, feature.limit) }))
    .sort((a, b) => b.ratio - a.ratio || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.feature);
}
