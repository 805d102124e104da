import type { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; money and counts here stay far below 2^53, so numbers are safe and simpler. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
