const DAY_MS = 86_400_000;

export interface UsageWindow {
  /** Inclusive, the start of a UTC day. */
  from: string;
  /** Exclusive: the start of the UTC day after `now`, so today is in it. */
  to: string;
  /** Every UTC date of the window, YYYY-MM-DD, oldest first. */
  dates: string[];
}

/** The last `days` UTC days including today, as usageSummary counts them (per UTC day). */
export function lastDaysWindow(now: Date, days = 30): UsageWindow {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const start = tomorrow - days * DAY_MS;
  const dates = Array.from({ length: days }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
  return { from: new Date(start).toISOString(), to: new Date(tomorrow).toISOString(), dates };
}

export interface UsageDayPoint {
  date: string;
  /** Short label in the viewer's language ("Nov 23"). */
  label: string;
  /** Within the plan's limit. */
  included: number;
  /** Billed as overage. */
  overage: number;
}

interface RecordedDays {
  days: ReadonlyArray<{ date: string; quantity: number; overage: number }>;
}

/** One point per day of the window; the API lists only days with usage, so the others are zero. */
export function dailySeries(recorded: RecordedDays | undefined, dates: readonly string[], locale?: string): UsageDayPoint[] {
  const byDate = new Map((recorded?.days ?? []).map((d) => [d.date, d]));
  const format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return dates.map((date) => {
    const day = byDate.get(date);
    const quantity = day?.quantity ?? 0;
    const overage = day?.overage ?? 0;
    return { date, label: format.format(new Date(`${date}T00:00:00Z`)), included: quantity - overage, overage };
  });
}

/** The feature to chart first: the one with the most usage in the window, else the first metered one. */
export function busiestFeature(keys: readonly string[], totals: ReadonlyArray<{ featureKey: string; total: number }>): string | null {
  let best: { key: string; total: number } | null = null;
  for (const { featureKey, total } of totals) {
    if (keys.includes(featureKey) && total > 0 && (!best || total > best.total)) best = { key: featureKey, total };
  }
  return best?.key ?? keys[0] ?? null;
}
