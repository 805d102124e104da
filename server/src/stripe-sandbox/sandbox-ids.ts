import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random base62 text, like the tails of Stripe's ids. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

/** A Stripe-style id: `cus_…`, `sub_…`, `cs_test_…` (checkout sessions are longer, as Stripe's are). */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(prefix === 'cs_test' ? 58 : 24)}`;
}

/** Uppercase hex prefix used for a customer's invoice numbers (Stripe: e.g. `7FE1103`). */
export function invoicePrefix(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}
