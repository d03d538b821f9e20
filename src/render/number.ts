// Number presentation: grouping, brackets for negatives, conversion to £000 and the single place
// where display rounding happens (with a named mode). Never uses toLocaleString.

import { group } from '../model/grouped-number.js';
import { roundTo, type Dec as Decimal, type RoundingMode, dec } from '../model/money.js';
import type { Units } from '../model/scenario.js';

/** Units a table can hold: a scenario's, or £m for national figures. */
export type TableUnits = Units | '£m';

/** Tables show £ and £000 figures in £000, and £m figures in £m. */
export const displayUnits = (units: TableUnits): '£000' | '£m' => (units === '£m' ? '£m' : '£000');

/** A figure in `units` → the units tables show it in (`displayUnits`): £ to £000; £000 and £m as they are. */
export function toThousands(d: Decimal, units: TableUnits): Decimal {
  return units === '£' ? (d.dividedBy(1000) as Decimal) : d;
}

export interface DisplayOptions {
  readonly rounding: RoundingMode;
  /** Decimal places shown (0 for whole £000). */
  readonly dp: number;
}

/** Rounds for display: the one place a figure loses precision. */
export function roundForDisplay(d: Decimal, opts: DisplayOptions): Decimal {
  const r = roundTo(d, opts.dp, opts.rounding);
  return r.isZero() ? dec(0) : r;
}

/**
 * Committee style: 1,275 · (4,755) for negatives. A `deduction` is always bracketed, including a
 * nil deduction, which prints (0) as in the report.
 */
export function formatCommittee(rounded: Decimal, opts: DisplayOptions, deduction = false): string {
  const body = group(rounded.abs().toFixed(opts.dp));
  if (rounded.isNegative() && !rounded.isZero()) return `(${body})`;
  if (deduction && rounded.isZero()) return `(${body})`;
  return body;
}
