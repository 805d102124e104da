import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import type { CreditTransactionFieldsFragment, CreditTransactionFilterInput, CreditTransactionKind } from '../../gql/graphql';

export const TRANSACTION_KINDS: ReadonlyArray<{ value: CreditTransactionKind; label: string; color: string }> = [
  { value: 'PURCHASE', label: 'Purchase', color: 'teal' },
  { value: 'GRANT', label: 'Plan grant', color: 'blue' },
  { value: 'CONSUMPTION', label: 'Usage', color: 'gray' },
  { value: 'EXPIRY', label: 'Expiry', color: 'orange' },
  { value: 'ADJUSTMENT', label: 'Adjustment', color: 'grape' },
];

export function kindBadge(kind: CreditTransactionKind): { label: string; color: string } {
  return TRANSACTION_KINDS.find((k) => k.value === kind) ?? { label: kind, color: 'gray' };
}

/** What the history's filter form holds: kinds, and dates as the date inputs give them (YYYY-MM-DD or ''). */
export interface TransactionFilterValues {
  kinds: CreditTransactionKind[];
  from: string;
  to: string;
}

export const NO_FILTER: TransactionFilterValues = { kinds: [], from: '', to: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight of a YYYY-MM-DD date, `plusDays` later: people pick days in their own time zone. */
function localMidnight(date: string, plusDays = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day + plusDays);
}

export function filterProblem(values: TransactionFilterValues): string | null {
  if (values.from && values.to && DATE.test(values.from) && DATE.test(values.to) && values.from > values.to) {
    return 'The start date is after the end date.';
  }
  return null;
}

/**
 * The API's filter for what the form says: both dates are whole days in the viewer's time zone, the end day
 * included (the API's `to` is exclusive, so it is the midnight after it). No conditions: no filter at all.
 */
export function transactionFilter(values: TransactionFilterValues): CreditTransactionFilterInput | null {
  if (filterProblem(values)) return null;
  const filter: CreditTransactionFilterInput = {};
  if (values.kinds.length > 0) filter.kinds = [...values.kinds].sort();
  if (DATE.test(values.from)) filter.from = localMidnight(values.from).toISOString();
  if (DATE.test(values.to)) filter.to = localMidnight(values.to, 1).toISOString();
  return Object.keys(filter).length > 0 ? filter : null;
}

export function isFiltered(values: TransactionFilterValues): boolean {
  return values.kinds.length > 0 || values.from !== '' || values.to !== '';
}

/** One line saying what a ledger entry was, in the words of the console rather than the ledger's fields. */
export function describeTransaction(transaction: CreditTransactionFieldsFragment, eventNames: ReadonlyMap<string, string>): string {
  switch (transaction.kind) {
    case 'CONSUMPTION': {
      const name = transaction.eventKey ? (eventNames.get(transaction.eventKey) ?? transaction.eventKey) : 'Usage';
      const quantity = transaction.quantity ?? 1;
      const cost = transaction.unitCost;
      const credits = (n: number) => `${formatCount(n)} credit${n === 1 ? '' : 's'}`;
      if (quantity === 1) return cost === null ? name : `${name} (${credits(cost)})`;
      return `${name} × ${formatCount(quantity)}${cost === null ? '' : ` at ${credits(cost)} each`}`;
    }
    case 'PURCHASE':
      return 'Credit pack bought';
    case 'GRANT':
      return transaction.expiresAt ? `Plan credits, expire on ${formatDate(transaction.expiresAt)}` : 'Plan credits';
    case 'EXPIRY':
      return 'Unused plan credits expired';
    case 'ADJUSTMENT':
      return transaction.reason ? `Adjusted by the platform: ${transaction.reason}` : 'Adjusted by the platform';
    default:
      return transaction.kind;
  }
}

/** "+1,000" / "−25": the sign always shown, a real minus sign. */
export function formatDelta(amount: number): string {
  if (amount > 0) return `+${formatCount(amount)}`;
  if (amount < 0) return `−${formatCount(-amount)}`;
  return '0';
}
