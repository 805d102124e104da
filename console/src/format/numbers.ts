export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatPercent(ratio: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** Usage bar colour: the same thresholds as the server's warning levels (80 % warning, 95 % critical). */
export function usageColor(ratio: number): 'teal' | 'yellow' | 'orange' | 'red' {
  if (ratio >= 1) return 'red';
  if (ratio >= 0.95) return 'orange';
  if (ratio >= 0.8) return 'yellow';
  return 'teal';
}
