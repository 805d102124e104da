import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fieldError } from './domain-error';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from './pagination';

/** Where a newest-first list continues: the last row's time and id (any text id, e.g. Stripe's). */
function encode(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decode(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || id.length === 0 || id.length > 255) throw new Error();
    return { at, id };
  } catch {
    throw fieldError('after', 'Cursor is not one this API returned');
  }
}

/**
 * Keyset pagination, newest first, on (time column, id): for logs and billing history, where the latest rows
 * matter most. `timeColumn`/`idColumn` are SQL column names of `alias`; `timeOf`/`idOf` read them off a row.
 */
export async function newestFirstPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keys: { alias: string; timeColumn: string; idColumn: string; idType: 'uuid' | 'text'; timeOf: (row: T) => Date; idOf: (row: T) => string },
  page: PageRequest,
): Promise<Page<T>> {
  const first = Math.min(Math.max(page.first, 1), MAX_PAGE_SIZE);
  const time = `${keys.alias}.${keys.timeColumn}`;
  const id = `${keys.alias}.${keys.idColumn}`;
  if (page.after) {
    const position = decode(page.after);
    if (keys.idType === 'uuid' && !/^[0-9a-f-]{36}$/i.test(position.id)) throw fieldError('after', 'Cursor is not one this API returned');
    query.andWhere(`(${time}, ${id}) < (:cursorAt::timestamptz, :cursorId::${keys.idType})`, { cursorAt: position.at, cursorId: position.id });
  }
  const rows = await query.orderBy(time, 'DESC').addOrderBy(id, 'DESC').limit(first + 1).getMany();
  const items = rows.slice(0, first);
  const last = items[items.length - 1];
  return { items, hasNextPage: rows.length > first, endCursor: last ? encode(keys.timeOf(last), keys.idOf(last)) : null };
}
