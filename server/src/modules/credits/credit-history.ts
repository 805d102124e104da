import type { EntityManager } from 'typeorm';
import { fieldError } from '../../shared/domain-error';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from '../../shared/pagination';
import { CreditBalanceEntity } from './credit-balance.entity';
import { CreditTransactionEntity } from './credit-transaction.entity';
import type { CreditTransactionKind } from './credits.enums';

export interface CreditTransactionFilter {
  kinds?: CreditTransactionKind[] | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

export interface CreditBalanceView {
  organizationId: string;
  total: number;
  purchased: number;
  subscription: number;
  /** The subscription credits that lapse next, and when; null when there are none. */
  nextExpiry: { amount: number; at: Date } | null;
  lowBalanceThreshold: number;
  belowThreshold: boolean;
}

const DEFAULT_LOW_BALANCE_THRESHOLD = 1000;

/**
 * What an organization can spend now. Subscription credits past their expiry count as zero even before the
 * expiry job (or the next write) has written them off in the ledger.
 */
export async function balanceView(manager: EntityManager, organizationId: string, now: Date): Promise<CreditBalanceView> {
  const row = await manager.findOneBy(CreditBalanceEntity, { organizationId });
  const purchased = row?.purchased ?? 0;
  const expiresAt = row?.subscriptionExpiresAt ?? null;
  const lapsed = expiresAt !== null && expiresAt.getTime() <= now.getTime();
  const subscription = lapsed ? 0 : (row?.subscription ?? 0);
  const lowBalanceThreshold = row?.lowBalanceThreshold ?? DEFAULT_LOW_BALANCE_THRESHOLD;
  return {
    organizationId,
    total: purchased + subscription,
    purchased,
    subscription,
    nextExpiry: subscription > 0 && expiresAt ? { amount: subscription, at: expiresAt } : null,
    lowBalanceThreshold,
    belowThreshold: purchased + subscription < lowBalanceThreshold,
  };
}

const CURSOR_PREFIX = 'credit:';

function encodeSeqCursor(seq: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');
}

function decodeSeqCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9]\d{0,17}$/.test(seq)) throw fieldError('after', 'Cursor is not one this API returned');
  return seq;
}

/**
 * One organization's ledger, newest first. Ordered by `seq` (the order entries were applied in) rather than the
 * shared (created_at, id) keyset: entries written within the same millisecond must still read in ledger order,
 * so that each row's balances follow from the one before it.
 */
export async function transactionsPage(
  manager: EntityManager,
  organizationId: string,
  filter: CreditTransactionFilter,
  page: PageRequest,
): Promise<Page<CreditTransactionEntity>> {
  const first = Math.min(Math.max(page.first, 1), MAX_PAGE_SIZE);
  const query = manager
    .createQueryBuilder(CreditTransactionEntity, 'entry')
    .where('entry.organization_id = :organizationId', { organizationId });
  if (filter.kinds?.length) query.andWhere('entry.kind IN (:...kinds)', { kinds: filter.kinds });
  if (filter.from) query.andWhere('entry.created_at >= :from', { from: filter.from });
  if (filter.to) query.andWhere('entry.created_at < :to', { to: filter.to });
  if (page.after) query.andWhere('entry.seq < :seq::bigint', { seq: decodeSeqCursor(page.after) });
  const rows = await query
    .orderBy('entry.seq', 'DESC')
    .limit(first + 1)
    .getMany();
  const items = rows.slice(0, first);
  const last = items[items.length - 1];
  return { items, hasNextPage: rows.length > first, endCursor: last ? encodeSeqCursor(last.seq) : null };
}
