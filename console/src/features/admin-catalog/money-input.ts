import { minorUnitsPerMajor } from '../../format/money';
import { CURRENCY } from './catalog-rules';

/**
 * Prices are integer minor units in the API and major units on screen. These convert between the two for a
 * currency, including currencies without minor units (jpy) or with three digits of them (kwd).
 */
export function currencyDecimals(currency: string): number {
  const code = currency.trim().toLowerCase();
  // A half-typed code is not a currency yet: treat it like most currencies (2 decimals) until it is.
  if (!CURRENCY.test(code)) return 2;
  return Math.round(Math.log10(minorUnitsPerMajor(code)));
}

/** What the person typed (a number, or Mantine's text for an empty or half-typed value) → minor units; null when empty. */
export function majorToMinor(value: number | string, currency: string): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const major = typeof value === 'number' ? value : Number(String(value).replace(/,/g, ''));
  if (!Number.isFinite(major)) return null;
  // Rounding removes binary float noise (19.99 × 100 = 1998.9999…); the input never allows more decimals than the currency has.
  const minor = Math.round(major * 10 ** currencyDecimals(currency));
  return Number.isSafeInteger(minor) ? minor : null;
}

export function minorToMajor(minor: number | null, currency: string): number | '' {
  if (minor === null) return '';
  return minor / 10 ** currencyDecimals(currency);
}

/** The currency's sign for an input's left section ($, €, ¥), or its upper-case code when Intl has no sign. */
export function currencySymbol(currency: string, locale?: string): string {
  const code = currency.trim().toUpperCase();
  if (!CURRENCY.test(code.toLowerCase())) return '¤';
  const part = new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
    .formatToParts(0)
    .find((p) => p.type === 'currency');
  return part?.value ?? code;
}
