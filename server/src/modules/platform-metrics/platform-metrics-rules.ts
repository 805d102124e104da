import { isUuid } from '../../shared/uuid';
import { OrganizationOverviewSortField as Field, type OrganizationOverviewSortInput, type SortDirection } from './platform-metrics.input';
import { platformMetricsErrors } from './platform-metrics.errors';

/** A revenue query spans at most this many years: two years of days is 731 points. */
export const MAX_RANGE_YEARS = 2;

/** Usage at or above this share of a limit is "near the limit" (the console's warning level). */
export const NEAR_LIMIT_PERCENT = 80;

/**
 * The low-balance threshold of an organization that has no credit balance row yet: the column default of
 * credit_balances.low_balance_threshold (and credits/credit-history.ts's DEFAULT_LOW_BALANCE_THRESHOLD).
 */
export const DEFAULT_LOW_BALANCE_THRESHOLD = 1000;

/** [from, to) must be a forward range of at most two calendar years. */
export function checkRevenueRange(from: Date, to: Date): void {
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw platformMetricsErrors.invalid('from', 'from must be a date');
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw platformMetricsErrors.invalid('to', 'to must be a date');
  if (to.getTime() <= from.getTime()) throw platformMetricsErrors.invalid('to', 'to must be after from');
  const latest = new Date(from.getTime());
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_RANGE_YEARS);
  if (to.getTime() > latest.getTime()) throw platformMetricsErrors.invalid('to', `The range spans at most ${MAX_RANGE_YEARS} years`);
}

/** Where a page of the organization list ends: the sort it belongs to, the last row's sort value (as SQL text) and id. */
export interface OverviewPosition {
  value: string;
  id: string;
}

const CURSOR_TAG = 'org-overview';

/** What a sort value of each field looks like as text, so a forged cursor is a field error, never a SQL cast error. */
const VALUE_SHAPE: Record<Field, (value: string) => boolean> = {
  [Field.NAME]: (value) => value.length <= 1_000,
  [Field.CREATED_AT]: (value) => !Number.isNaN(Date.parse(value)),
  [Field.MRR]: (value) => /^-?\d{1,18}$/.test(value),
  [Field.CREDIT_BALANCE]: (value) => /^-?\d{1,18}$/.test(value),
  [Field.USAGE]: (value) => /^-?\d{1,18}(\.\d{1,40})?$/.test(value),
};

export function encodeOverviewCursor(sort: OrganizationOverviewSortInput, position: OverviewPosition): string {
  return Buffer.from(JSON.stringify([CURSOR_TAG, sort.field, sort.direction, position.value, position.id])).toString('base64url');
}

/** The position a cursor names; refused when it was made for another sort (or not by this API). */
export function decodeOverviewCursor(cursor: string, sort: OrganizationOverviewSortInput): OverviewPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw platformMetricsErrors.badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw platformMetricsErrors.badCursor();
  const [tag, field, direction, value, id] = parsed as [unknown, unknown, unknown, unknown, unknown];
  if (tag !== CURSOR_TAG || field !== sort.field || direction !== (sort.direction as SortDirection)) throw platformMetricsErrors.badCursor();
  if (typeof value !== 'string' || !VALUE_SHAPE[sort.field](value)) throw platformMetricsErrors.badCursor();
  if (typeof id !== 'string' || !isUuid(id)) throw platformMetricsErrors.badCursor();
  return { value, id };
}
