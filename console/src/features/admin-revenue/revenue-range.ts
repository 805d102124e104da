import type { MetricsGranularity } from '../../gql/graphql';
import { minorUnitsPerMajor } from '../../format/money';

export type RevenueRange = '30d' | '12w' | '12m';

export const RANGE_LABELS: Record<RevenueRange, string> = { '30d': 'Last 30 days', '12w': 'Last 12 weeks', '12m': 'Last 12 months' };

/** The query window for a range: whole UTC buckets ending with the current one (to = the start of the next bucket). */
export function rangeVariables(range: RevenueRange, now: Date = new Date()): { from: string; to: string; granularity: MetricsGranularity } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  if (range === '30d') {
    return { from: new Date(Date.UTC(y, m, d - 29)).toISOString(), to: new Date(Date.UTC(y, m, d + 1)).toISOString(), granularity: 'DAY' };
  }
  if (range === '12w') {
    const mondayOffset = (now.getUTCDay() + 6) % 7;
    const thisMonday = Date.UTC(y, m, d - mondayOffset);
    return { from: new Date(thisMonday - 11 * 7 * 86_400_000).toISOString(), to: new Date(thisMonday + 7 * 86_400_000).toISOString(), granularity: 'WEEK' };
  }
  return { from: new Date(Date.UTC(y, m - 11, 1)).toISOString(), to: new Date(Date.UTC(y, m + 1, 1)).toISOString(), granularity: 'MONTH' };
}

/** A bucket's label on the chart's axis, in the viewer's locale. */
export function bucketLabel(periodStart: string, granularity: MetricsGranularity, locale?: string): string {
  const date = new Date(periodStart);
  const options: Intl.DateTimeFormatOptions = granularity === 'MONTH' ? { month: 'short', year: '2-digit', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Chart values are in major units (the axis reads $1,250, not 125000). */
export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / minorUnitsPerMajor(currency);
}
