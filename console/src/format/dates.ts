/** The API speaks ISO-8601 UTC; people read dates in their own locale and time zone. */
const DAY_MS = 86_400_000;

export function formatDate(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Whole days from `now` until `iso`, rounded up (a trial ending in 2 h has 1 day left); 0 once it has passed. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now.getTime()) / DAY_MS));
}

/** "in 3 days", "in 5 hours", "2 days ago", in the viewer's language. */
export function formatRelative(iso: string, now: Date = new Date(), locale?: string): string {
  const diffMs = new Date(iso).getTime() - now.getTime();
  const formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(diffMs);
  if (abs >= DAY_MS) return formatter.format(Math.round(diffMs / DAY_MS), 'day');
  if (abs >= 3_600_000) return formatter.format(Math.round(diffMs / 3_600_000), 'hour');
  return formatter.format(Math.round(diffMs / 60_000), 'minute');
}
