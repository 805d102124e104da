import { BillingInterval } from '../catalog/catalog.enums';

/**
 * Adds one billing interval in UTC, clamping to the month's last day the way Stripe does
 * (Jan 31 + 1 month = Feb 28/29; the following period keeps the original anchor day).
 */
export function addInterval(start: Date, interval: BillingInterval, anchorDay = start.getUTCDate()): Date {
  const months = interval === BillingInterval.YEAR ? 12 : 1;
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(year, month, Math.min(anchorDay, lastDay), start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()),
  );
}

/** The period that contains `now`, stepping from `periodEnd` (a period that has already ended). */
export function periodContaining(periodEnd: Date, interval: BillingInterval, now: Date, anchorDay: number): { start: Date; end: Date } {
  let start = periodEnd;
  let end = addInterval(start, interval, anchorDay);
  while (end.getTime() <= now.getTime()) {
    start = end;
    end = addInterval(start, interval, anchorDay);
  }
  return { start, end };
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}
