import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { renderWithConsole } from '../../../test-utils/render';
import { currencyDecimals, majorToMinor, minorToMajor } from '../money-input';
import { MoneyInput } from '../MoneyInput';

describe('money in minor units', () => {
  it('converts what is typed in major units to integer minor units, per currency', () => {
    expect(majorToMinor(15.5, 'usd')).toBe(1550);
    expect(majorToMinor(19.99, 'usd')).toBe(1999); // 19.99 × 100 is 1998.999… in floating point
    expect(majorToMinor('1,500', 'usd')).toBe(150000);
    expect(majorToMinor(1500, 'jpy')).toBe(1500);
    expect(majorToMinor(1.234, 'kwd')).toBe(1234);
    expect(majorToMinor('', 'usd')).toBeNull();
    expect(majorToMinor('abc', 'usd')).toBeNull();
    expect(minorToMajor(1550, 'usd')).toBe(15.5);
    expect(minorToMajor(null, 'usd')).toBe('');
    expect(currencyDecimals('jpy')).toBe(0);
    expect(currencyDecimals('us')).toBe(2); // half-typed code
  });
});

function Harness({ initial, currency, onMinor }: { initial: number | null; currency: string; onMinor: (minor: number | null) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <MoneyInput
      label="Price"
      currency={currency}
      value={value}
      onChange={(minor) => {
        setValue(minor);
        onMinor(minor);
      }}
    />
  );
}

describe('MoneyInput', () => {
  it('shows minor units as a major amount and reports what is typed in minor units', async () => {
    const onMinor = jest.fn();
    renderWithConsole(<Harness initial={1500} currency="usd" onMinor={onMinor} />);
    const input = await screen.findByRole('textbox', { name: 'Price' });
    expect(input).toHaveValue('15.00');
    await userEvent.clear(input);
    await userEvent.type(input, '19.99');
    expect(onMinor).toHaveBeenLastCalledWith(1999);
    expect(input).toHaveValue('19.99');
    await userEvent.clear(input);
    expect(onMinor).toHaveBeenLastCalledWith(null);
  });

  it('takes no decimals for a currency without minor units', async () => {
    const onMinor = jest.fn();
    renderWithConsole(<Harness initial={null} currency="jpy" onMinor={onMinor} />);
    const input = await screen.findByRole('textbox', { name: 'Price' });
    await userEvent.type(input, '1200');
    expect(onMinor).toHaveBeenLastCalledWith(1200);
    expect(input).toHaveValue('1,200');
  });
});
