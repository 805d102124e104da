/** The server's limits for one admin adjustment (credit-rules.ts): mirrored so a person sees them before submitting. */
export const MAX_ADJUSTMENT = 1_000_000_000;
export const MAX_REASON_LENGTH = 500;

export type AdjustmentDirection = 'grant' | 'deduct';

export interface CreditAdjustmentForm {
  direction: AdjustmentDirection;
  amount: number | string;
  reason: string;
}

export const creditAdjustmentRules = {
  amount: (value: number | string) => {
    const amount = typeof value === 'number' ? value : Number(value);
    if (value === '' || !Number.isInteger(amount) || amount < 1) return 'Enter a whole number of credits, at least 1.';
    if (amount > MAX_ADJUSTMENT) return `At most ${MAX_ADJUSTMENT.toLocaleString()} credits at once.`;
    return null;
  },
  reason: (value: string) => {
    if (!value.trim()) return 'Say why: it is recorded in the ledger and the audit log.';
    if (value.trim().length > MAX_REASON_LENGTH) return `At most ${MAX_REASON_LENGTH} characters.`;
    return null;
  },
};

/** The mutation input: a deduction is a negative amount on the purchased credits. */
export function adjustmentInput(form: CreditAdjustmentForm): { amount: number; reason: string } {
  const amount = Number(form.amount);
  return { amount: form.direction === 'deduct' ? -amount : amount, reason: form.reason.trim() };
}

/**
 * A new idempotency key. From getRandomValues, not randomUUID: the console may be served over plain HTTP on a
 * private address, where browsers leave randomUUID undefined.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `adj_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * One key per adjustment a person means to make: sending the same values again (a retry after a network error,
 * a double click) reuses the key, so the server moves the balance once; changed values are a new adjustment.
 */
export function adjustmentKeys(newKey: () => string = newIdempotencyKey) {
  let current: { values: string; key: string } | null = null;
  return {
    keyFor(input: { amount: number; reason: string }): string {
      const values = JSON.stringify(input);
      if (current?.values !== values) current = { values, key: newKey() };
      return current.key;
    },
    /** After a success: the next submission is a new adjustment even with the same values. */
    done(): void {
      current = null;
    },
  };
}
