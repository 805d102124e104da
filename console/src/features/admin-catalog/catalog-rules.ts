/**
 * The server's input rules for the catalog (server/src/modules/catalog/catalog-rules.ts and the class-validator
 * rules of catalog.input.ts / plan.input.ts), repeated so a form can say what is wrong before it is sent. The
 * server stays the judge: its BAD_USER_INPUT field errors are shown on the same fields.
 */
export const FEATURE_KEY = /^[a-z][a-z0-9_]{0,62}$/;
export const PLAN_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
export const CREDIT_EVENT_KEY = FEATURE_KEY;
export const CREDIT_PRODUCT_KEY = PLAN_KEY;
export const CURRENCY = /^[a-z]{3}$/;

export const MAX_INT = 2_147_483_647;
export const MAX_TRIAL_DAYS = 365;
export const MAX_DESCRIPTION = 2000;

/** A form's number field: a number, or '' while empty (what Mantine's NumberInput reports). */
export type NumberField = number | string;

export function keyError(value: string, pattern: RegExp, allowsDash: boolean): string | null {
  if (pattern.test(value)) return null;
  if (!value) return 'Enter a key';
  return allowsDash
    ? 'Start with a lower-case letter, then lower case, digits, "_" or "-" (at most 63)'
    : 'Start with a lower-case letter, then lower case, digits or "_" (at most 63)';
}

export function nameError(value: string, max = 100): string | null {
  const length = value.trim().length;
  if (length === 0) return 'Enter a name';
  if (length > max) return `At most ${max} characters`;
  return null;
}

export function descriptionError(value: string): string | null {
  return value.length > MAX_DESCRIPTION ? `At most ${MAX_DESCRIPTION} characters` : null;
}

export function currencyError(value: string): string | null {
  return CURRENCY.test(value.trim()) ? null : 'A lower-case ISO 4217 code, e.g. usd';
}

/** A whole number in [min, max]; `label` names what is missing when the field is empty. */
export function integerError(value: NumberField | null | undefined, { min, max = MAX_INT, label }: { min: number; max?: number; label: string }): string | null {
  if (value === '' || value === null || value === undefined) return `Enter ${label}`;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) return 'A whole number';
  if (number < min) return `At least ${min}`;
  if (number > max) return `At most ${max.toLocaleString('en')}`;
  return null;
}

/** The field's number, for a value that passed `integerError`. */
export function toInteger(value: NumberField): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Keeps only the messages that are set, the shape Mantine's form wants from a `validate` function. */
export function compactErrors(errors: Record<string, string | null>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) if (message) result[path] = message;
  return result;
}
