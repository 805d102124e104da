import { formatDateTime } from '../../format/dates';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One top-level field of an audit entry: changed, added or removed (comparing `before` with `after`), or only as it
 * was (`previous`) when the entry records no `after` at all (a replay, a deletion).
 */
export interface ChangeLine {
  field: string;
  kind: 'changed' | 'added' | 'removed' | 'previous';
  before?: unknown;
  after?: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function summarizeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): ChangeLine[] {
  if (after === null && before !== null) {
    return Object.entries(before).map(([field, value]) => ({ field, kind: 'previous', before: value }));
  }
  const lines: ChangeLine[] = [];
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of fields) {
    const inBefore = before !== null && field in before;
    const inAfter = after !== null && field in after;
    if (inBefore && inAfter) {
      if (!same(before[field], after[field])) lines.push({ field, kind: 'changed', before: before[field], after: after[field] });
    } else if (inAfter) {
      lines.push({ field, kind: 'added', after: after![field] });
    } else {
      lines.push({ field, kind: 'removed', before: before![field] });
    }
  }
  return lines;
}

/** A value in one short line: instants in the viewer's locale, other text as is, lists joined, objects as compact JSON, cut at `max` characters. */
export function formatAuditValue(value: unknown, max = 60): string {
  let text: string;
  if (value === null || value === undefined) text = '—';
  else if (typeof value === 'string') text = ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value) && value.length === 0) text = 'none';
  else if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) text = value.join(', ');
  else text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function describeLine(line: ChangeLine): string {
  if (line.kind === 'changed') return `${line.field}: ${formatAuditValue(line.before)} → ${formatAuditValue(line.after)}`;
  if (line.kind === 'added') return `${line.field}: ${formatAuditValue(line.after)}`;
  if (line.kind === 'previous') return `${line.field} was ${formatAuditValue(line.before)}`;
  return `${line.field}: ${formatAuditValue(line.before)} → removed`;
}
