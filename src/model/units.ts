// The units amounts are written and shown in (£, £000, £m), the exact scale of each to pounds, and
// exact conversion between them. Shared by every part of the model; nothing here rounds.

import type { Dec } from './money.js';

/** Every unit a scenario may be written in, smallest first. */
export const UNITS = ['£', '£000', '£m'] as const;
export type Units = (typeof UNITS)[number];

/** One of each unit is 10 to this power pounds (£000: 1,000; £m: 1,000,000), so conversion never loses a digit. */
export const UNIT_EXPONENT: Readonly<Record<Units, number>> = { '£': 0, '£000': 3, '£m': 6 };

/** How many pounds one of `units` is, as plain decimal text: '1', '1000' or '1000000'. */
export const poundsPerUnit = (units: Units): string => `1${'0'.repeat(UNIT_EXPONENT[units])}`;

export const isUnits = (text: string): text is Units => (UNITS as readonly string[]).includes(text);

/**
 * `amount` in `from` → the same amount in `to`, exactly: a shift of the decimal point by a power
 * of ten, which keeps every significant digit. Returns the value's own type (Money stays Money).
 */
export function convert<T extends Dec>(amount: T, from: Units, to: Units): T {
  const shift = UNIT_EXPONENT[from] - UNIT_EXPONENT[to];
  if (shift === 0) return amount;
  return amount.times(`1e${shift}`) as T;
}

/** Pounds → `units`, exactly. */
export const fromPounds = <T extends Dec>(pounds: T, units: Units): T => convert(pounds, '£', units);

/** An amount in `units` → pounds, exactly. */
export const toPounds = <T extends Dec>(amount: T, units: Units): T => convert(amount, units, '£');
