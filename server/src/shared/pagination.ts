import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fieldError } from './domain-error';
import { isUuid } from './uuid';

export interface PageRequest {
  first: number;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export const MAX_PAGE_SIZE = 100;

interface CursorPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) throw new Error();
    if (!isUuid(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw fieldError('after', 'Cursor is not one this API returned');
  }
}

/**
 * Keyset pagination on (created_at, id): stable under inserts and cheap at any depth.
 * The alias's entity must have `createdAt` and `id`.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string; createdAt: Date }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  page: PageRequest,
): Promise<Page<T>> {
  const first = Math.min(Math.max(page.first, 1), MAX_PAGE_SIZE);
  if (page.after) {
    const position = decodeCursor(page.after);
    query.andWhere(`(${alias}.created_at, ${alias}.id) > (:cursorCreatedAt::timestamptz, :cursorId::uuid)`, {
      cursorCreatedAt: position.createdAt,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.createdAt`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(first + 1)
    .getMany();
  const items = rows.slice(0, first);
  const last = items[items.length - 1];
  return {
    items,
    hasNextPage: rows.length > first,
    endCursor: last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
