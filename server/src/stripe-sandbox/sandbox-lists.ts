import { invalidParam } from './sandbox-errors';
import type { StripeObject } from './sandbox-store';

/** Stripe list semantics: newest first, `limit` (1–100, default 10), `starting_after` / `ending_before` cursors. */
export function paginate(url: string, items: Iterable<StripeObject>, params: StripeObject): StripeObject {
  const all = [...items].reverse();
  const limit = params.limit === undefined ? 10 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidParam('limit', 'Invalid integer: limit must be between 1 and 100.');
  let start = 0;
  let end = all.length;
  if (params.starting_after) {
    const index = all.findIndex((item) => item.id === params.starting_after);
    if (index < 0) throw invalidParam('starting_after', `No such object: '${params.starting_after}'`);
    start = index + 1;
  }
  if (params.ending_before) {
    const index = all.findIndex((item) => item.id === params.ending_before);
    if (index < 0) throw invalidParam('ending_before', `No such object: '${params.ending_before}'`);
    end = index;
    start = Math.max(0, end - limit);
  }
  const data = all.slice(start, Math.min(end, start + limit));
  return { object: 'list', data, has_more: start + data.length < end, url };
}

/** Form values arrive as strings: `"true"`/`"false"` to booleans, absent stays undefined. */
export function booleanParam(value: unknown): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value === true || value === 'true';
}

/** Stripe accepts arrays as `a[]=x` or `a[0]=x`; qs gives an array or, past its limit, an object. */
export function arrayParam(value: unknown): any[] {
  if (value === undefined || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.values(value);
  return [value];
}

/** An integer param, or a 400 naming it. */
export function integerParam(name: string, value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw invalidParam(name, `Invalid integer: ${String(value)}`);
  return n;
}
