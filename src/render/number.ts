// Number presentation: grouping, brackets for negatives, exact conversion to the units shown and the
// single place where display rounding happens (with a named mode). Never uses toLocaleString.

import { group } from '../model/grouped-number.js';
import { roundTo, type Dec as Decimal, type RoundingMode, dec } from '../model/money.js';
import { convert, type Units } from '../model/units.js';

/** Units a table's money is held in: a scenario's, or £m for national figures. */
export type TableUnits = Units;

export interface DisplayOptions {
  readonly rounding: RoundingMode;
  /** Decimal places shown (0 for whole £000). */
  readonly dp: number;
  /** The units money is shown in as text (the scenario's, or `--units`); absent, each table's own units. */
  readonly units?: Units;
  /** `--units` as given: CSV, exact, is converted to these (absent, CSV keeps each table's own units). */
  readonly csvUnits?: Units;
}

/** The units a table's money is shown in: `--units` when given, else the table's own. */
export const shownUnits = (units: TableUnits, opts: Pick<DisplayOptions, 'units'>): Units => opts.units ?? units;

/** A figure held in `units` → the units it is shown in, exactly (rounding comes after, once). */
export const toShown = (d: Decimal, units: TableUnits, opts: Pick<DisplayOptions, 'units'>): Decimal =>
  convert(d, units, shownUnits(units, opts));

/** Decimal places shown by default in `units`: whole £ and £000, and £m to one place (£0.1m), as councils publish them. */
export const defaultDp = (units: Units): number => (units === '£m' ? 1 : 0);

/** Rounds for display: the one place a figure loses precision. */
export function roundForDisplay(d: Decimal, opts: DisplayOptions): Decimal {
  // a figure with no more places than are shown is its own rounding (most figures are whole £000)
  const r = d.decimalPlaces() <= opts.dp ? d : roundTo(d, opts.dp, opts.rounding);
  return r.isZero() ? dec(0) : r;
}

/**
 * Committee style: 1,275 · (4,755) for negatives. A `deduction` is always bracketed, including a
 * nil deduction, which prints (0) as in the report.
 */
export function formatCommittee(rounded: Decimal, opts: DisplayOptions, deduction = false): string {
  // toFixed rounds half away from zero, the same either side of zero: the digits of |x| are those of x without its sign
  const fixed = fixedPlaces(rounded, opts.dp);
  const body = group(fixed.startsWith('-') ? fixed.slice(1) : fixed);
  if (rounded.isNegative() && !rounded.isZero()) return `(${body})`;
  if (deduction && rounded.isZero()) return `(${body})`;
  return body;
}

/**
 * `d.toFixed(dp)`. A figure rounded for display has no more places than are shown: its own text with
 * zeros added is the same, without the copy and rounding decimal.js's `toFixed(dp)` makes of it.
 */
export function fixedPlaces(d: Decimal, dp: number): string {
  const places = d.decimalPlaces();
  if (places > dp) return d.toFixed(dp);
  const text = d.toFixed();
  if (places === dp) return text;
  return `${text}${places === 0 ? '.' : ''}${'0'.repeat(dp - places)}`;
}
