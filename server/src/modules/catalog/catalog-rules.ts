import { CreditConsumptionOrder } from './catalog.enums';

/**
 * The catalog's shape rules, shared by the pricing file schema and the admin inputs. The key patterns are the
 * database CHECK constraints of migration 1763900000100, repeated here so a bad key is a field error, not a
 * constraint violation.
 */
export const FEATURE_KEY = /^[a-z][a-z0-9_]{0,62}$/;
export const PLAN_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
export const CREDIT_EVENT_KEY = FEATURE_KEY;
export const CREDIT_PRODUCT_KEY = PLAN_KEY;
export const CURRENCY = /^[a-z]{3}$/;

export const MAX_TRIAL_DAYS = 365;
/** GraphQL Int is 32-bit: amounts, limits and counts stay within it (about $21M in cents). */
export const MAX_MINOR_AMOUNT = 2_147_483_647;
export const MAX_INT = 2_147_483_647;

/** The plan every organization falls back to when it has no paid subscription. */
export const FREE_PLAN_KEY = 'free';

export const CONSUMPTION_ORDER_SETTING = 'credit_consumption_order';

export const DEFAULT_CONSUMPTION_ORDER = CreditConsumptionOrder.PURCHASED_FIRST;

/**
 * Whole percent saved by paying yearly instead of 12 monthly payments; null when either price is custom or the
 * plan is free.
 */
export function yearlyDiscountPercent(monthlyPriceMinor: number | null, yearlyPriceMinor: number | null): number | null {
  if (monthlyPriceMinor === null || yearlyPriceMinor === null || monthlyPriceMinor <= 0) return null;
  const twelveMonths = monthlyPriceMinor * 12;
  return Math.round(((twelveMonths - yearlyPriceMinor) * 100) / twelveMonths);
}
