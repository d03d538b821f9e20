// Reading a published series in any year: the published point itself, a straight line between
// the two published points around it, or — outside the published points — the nearest one held.
// Pure; an interpolated value is rounded to `dp` decimal places half away from zero.

import { compareYears, startOf, type FiscalYear } from './fiscal-year.js';
import { roundTo, type Money, dec } from './money.js';

export type SeriesBasis = 'published' | 'interpolated' | 'held';

export interface SeriesValue {
  readonly amount: Money;
  readonly basis: SeriesBasis;
}

/**
 * The series' value in `year`. Between two points: linear in years, rounded to `dp` places half
 * away from zero. Before the first point or after the last: that point's amount, held (basis
 * `held`, which callers must report as outside the published points). `points` must not be empty.
 */
export function seriesValue(points: readonly { year: FiscalYear; amount: Money }[], year: FiscalYear, dp: number): SeriesValue {
  const sorted = [...points].sort((a, b) => compareYears(a.year, b.year));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) throw new Error('a series needs at least one point');
  const exact = sorted.find((p) => p.year === year);
  if (exact) return { amount: exact.amount, basis: 'published' };
  if (compareYears(year, first.year) < 0) return { amount: first.amount, basis: 'held' };
  if (compareYears(year, last.year) > 0) return { amount: last.amount, basis: 'held' };
  const after = sorted.find((p) => compareYears(p.year, year) > 0) ?? last;
  const before = [...sorted].reverse().find((p) => compareYears(p.year, year) < 0) ?? first;
  const span = startOf(after.year) - startOf(before.year);
  const step = startOf(year) - startOf(before.year);
  const value = before.amount.plus(after.amount.minus(before.amount).times(step).dividedBy(span));
  const rounded = roundTo(value, dp, 'half-away-from-zero');
  return { amount: dec(rounded.isZero() ? 0 : rounded) as Money, basis: 'interpolated' };
}
