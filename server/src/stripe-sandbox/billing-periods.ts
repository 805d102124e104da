import type { StripeObject } from './sandbox-store';

const DAY = 86_400;

/** `anchor` moved by `count` intervals in UTC; months clamp to the month's last day (Jan 31 → Feb 28), as Stripe does. */
export function addIntervals(anchor: number, interval: string, count: number): number {
  if (interval === 'day') return anchor + count * DAY;
  if (interval === 'week') return anchor + count * 7 * DAY;
  const months = interval === 'year' ? count * 12 : count;
  const start = new Date(anchor * 1000);
  const target = new Date(start.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(start.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

/** The end of the billing period that starts at `start`, counted from the billing cycle anchor so days do not drift. */
export function periodEndAfter(anchor: number, start: number, recurring: StripeObject): number {
  const count = Number(recurring.interval_count ?? 1);
  for (let n = 1; n < 10_000; n++) {
    const end = addIntervals(anchor, recurring.interval, n * count);
    if (end > start) return end;
  }
  throw new Error('billing period out of range');
}

export const days = (n: number) => n * DAY;

/** "$20.00" — for invoice line descriptions and the sandbox pages. */
export function formatMoney(amount: number, currency: string): string {
  const value = (amount / 100).toFixed(2);
  return currency.toLowerCase() === 'usd' ? `$${value}` : `${value} ${currency.toUpperCase()}`;
}

export function describePrice(price: StripeObject, productName: string): string {
  const per = price.recurring ? ` / ${price.recurring.interval_count > 1 ? `${price.recurring.interval_count} ${price.recurring.interval}s` : price.recurring.interval}` : '';
  return `${productName} (at ${formatMoney(Number(price.unit_amount ?? 0), price.currency)}${per})`;
}
