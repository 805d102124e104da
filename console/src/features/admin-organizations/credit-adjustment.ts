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
