import { formatMoney, type MoneyValue } from '../format/money';

export function Money({ value, compactWhole }: { value: MoneyValue | null | undefined; compactWhole?: boolean }) {
  if (!value) return <>—</>;
  return <>{formatMoney(value, { compactWhole })}</>;
}
