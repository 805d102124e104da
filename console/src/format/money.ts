/** Money from the API is integer minor units plus a lower-case ISO 4217 code; people read it in their locale. */
export interface MoneyValue {
  amountMinor: number;
  currency: string;
}

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string | undefined, whole: boolean): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}|${whole}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Minor units per major unit for a currency (100 for usd, 1 for jpy, 1000 for kwd), as Intl knows it. */
export function minorUnitsPerMajor(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions()
    .maximumFractionDigits ?? 2;
  return 10 ** digits;
}

export interface FormatMoneyOptions {
  locale?: string;
  /** Drop the minor units when they are zero ($15 rather than $15.00), as pricing tables do. */
  compactWhole?: boolean;
}

export function formatMoney({ amountMinor, currency }: MoneyValue, options: FormatMoneyOptions = {}): string {
  const major = amountMinor / minorUnitsPerMajor(currency);
  const whole = Boolean(options.compactWhole) && Number.isInteger(major);
  return currencyFormatter(currency, options.locale, whole).format(major);
}

/** Parses what a person typed ("15", "15.5", "1,500.00") into minor units; null when it is not an amount. */
export function parseMoneyInput(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const perMajor = minorUnitsPerMajor(currency);
  const minor = Math.round(Number(cleaned) * perMajor);
  return Number.isSafeInteger(minor) ? minor : null;
}
