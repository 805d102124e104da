import { formatMoney, minorUnitsPerMajor, parseMoneyInput } from '../money';

describe('formatMoney', () => {
  it('formats minor units in the currency, whatever its number of decimals', () => {
    expect(formatMoney({ amountMinor: 1500, currency: 'usd' }, { locale: 'en-US' })).toBe('$15.00');
    expect(formatMoney({ amountMinor: 1250, currency: 'jpy' }, { locale: 'en-US' })).toBe('¥1,250');
    expect(formatMoney({ amountMinor: 1500, currency: 'eur' }, { locale: 'de-DE' })).toBe('15,00\u00a0€');
  });

  it('drops zero minor units only when asked (pricing tables)', () => {
    expect(formatMoney({ amountMinor: 1500, currency: 'usd' }, { locale: 'en-US', compactWhole: true })).toBe('$15');
    expect(formatMoney({ amountMinor: 1550, currency: 'usd' }, { locale: 'en-US', compactWhole: true })).toBe('$15.50');
  });

  it('knows minor units per currency', () => {
    expect(minorUnitsPerMajor('usd')).toBe(100);
    expect(minorUnitsPerMajor('jpy')).toBe(1);
    expect(minorUnitsPerMajor('kwd')).toBe(1000);
  });
});

describe('parseMoneyInput', () => {
  it('turns typed amounts into minor units and refuses anything else', () => {
    expect(parseMoneyInput('15', 'usd')).toBe(1500);
    expect(parseMoneyInput('1,500.5', 'usd')).toBe(150050);
    expect(parseMoneyInput('0.1', 'usd')).toBe(10);
    expect(parseMoneyInput('-3', 'usd')).toBeNull();
    expect(parseMoneyInput('abc', 'usd')).toBeNull();
    expect(parseMoneyInput('', 'usd')).toBeNull();
  });
});
