import type { BillingInterval, FeatureKind, ResetPeriod } from '../../gql/graphql';
import { formatCount } from '../../format/numbers';
import type { MoneyValue } from '../../format/money';

export interface PriceTerms {
  monthlyPrice: MoneyValue | null;
  yearlyPrice: MoneyValue | null;
  yearlyDiscountPercent: number | null;
}

/** The price for an interval; null is a custom price (contact us). */
export function priceFor(version: PriceTerms, interval: BillingInterval): MoneyValue | null {
  return interval === 'YEAR' ? version.yearlyPrice : version.monthlyPrice;
}

/** Price per month in minor units, as the server ranks plans (plan-terms.ts): a custom price ranks above all. */
export function monthlyEquivalent(version: PriceTerms, interval: BillingInterval): number {
  const price = priceFor(version, interval);
  if (!price) return Number.POSITIVE_INFINITY;
  return interval === 'YEAR' ? price.amountMinor / 12 : price.amountMinor;
}

export interface YearlySaving {
  /** What a year costs less than twelve months, in minor units of the plan's currency. */
  amount: MoneyValue;
  /** Whole percent, the server's figure when it gives one. */
  percent: number;
}

/** How much paying yearly saves against twelve monthly payments; null for free, custom or no-discount plans. */
export function yearlySaving(version: PriceTerms): YearlySaving | null {
  const { monthlyPrice, yearlyPrice } = version;
  if (!monthlyPrice || !yearlyPrice || monthlyPrice.amountMinor <= 0) return null;
  const twelveMonths = monthlyPrice.amountMinor * 12;
  const saved = twelveMonths - yearlyPrice.amountMinor;
  if (saved <= 0) return null;
  const percent = version.yearlyDiscountPercent ?? Math.round((saved / twelveMonths) * 100);
  return { amount: { amountMinor: saved, currency: yearlyPrice.currency }, percent };
}

/** The biggest yearly discount on the table, for the interval toggle ("Yearly · save up to 17 %"); null when none. */
export function bestYearlyDiscount(versions: PriceTerms[]): number | null {
  const percents = versions.map((v) => yearlySaving(v)?.percent ?? 0).filter((p) => p > 0);
  return percents.length > 0 ? Math.max(...percents) : null;
}

const RESET_SUFFIX: Record<ResetPeriod, string> = {
  DAY: ' per day',
  MONTH: ' per month',
  BILLING_PERIOD: ' per billing period',
  NEVER: '',
};

export interface AllowanceTerms {
  limit: number | null;
  resetPeriod: ResetPeriod | null;
  feature: { name: string; unit: string | null; kind: FeatureKind };
}

/** "messages" from "Messages", but "API calls" stays as it is. */
function inSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}

/** "1,000 messages per day", "10 GB storage", "Unlimited API calls": a metered entitlement in words. */
export function formatAllowance({ limit, resetPeriod, feature }: AllowanceTerms, locale?: string): string {
  const name = inSentence(feature.name);
  const suffix = resetPeriod ? RESET_SUFFIX[resetPeriod] : '';
  if (limit === null) return `Unlimited ${name}`;
  // Abbreviated units (GB) read better between the number and the name.
  if (feature.unit && /^[A-Z]{2,}$/.test(feature.unit)) return `${formatCount(limit, locale)} ${feature.unit} ${name}${suffix}`;
  const counted = limit === 1 && name.endsWith('s') ? name.slice(0, -1) : name;
  return `${formatCount(limit, locale)} ${counted}${suffix}`;
}
