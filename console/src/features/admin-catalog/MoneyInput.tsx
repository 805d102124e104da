import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { currencyDecimals, currencySymbol, majorToMinor, minorToMajor } from './money-input';

export interface MoneyInputProps extends Omit<NumberInputProps, 'value' | 'onChange' | 'defaultValue' | 'decimalScale'> {
  /** Minor units (1500 = $15.00 in usd); null (or undefined) while empty. */
  value?: number | null;
  onChange: (minor: number | null) => void;
  currency: string;
}

/**
 * An amount typed in major units ($15.50) and reported in minor units (1550), the way the API wants money. The
 * typed text is kept while it is being typed ("15." stays "15."), and follows the value when it changes from
 * outside (a form reset, a server answer).
 */
export function MoneyInput({ value: given, onChange, currency, ...props }: MoneyInputProps) {
  const value = given ?? null;
  const decimals = currencyDecimals(currency);
  const [typed, setTyped] = useState<number | string>(() => minorToMajor(value, currency));

  useEffect(() => {
    if (majorToMinor(typed, currency) !== value) setTyped(minorToMajor(value, currency));
    // Only an outside change of value or currency re-syncs; the person's own typing never does.
  }, [value, currency]);

  return (
    <NumberInput
      {...props}
      value={typed}
      onChange={(next) => {
        setTyped(next);
        onChange(majorToMinor(next, currency));
      }}
      decimalScale={decimals}
      fixedDecimalScale={decimals > 0}
      allowDecimal={decimals > 0}
      allowNegative={false}
      thousandSeparator=","
      hideControls
      inputMode="decimal"
      leftSection={currencySymbol(currency)}
    />
  );
}
