// Reading a published series in any year: the published point itself, a straight line between
// the two published points around it when both are estimates on the same basis, nothing before the
// first point, and after the last that point held unless the series is not held. Pure; an
// interpolated value is rounded to `dp` decimal places half away from zero.

import { compareYears, startOf, type FiscalYear } from './fiscal-year.js';
import { interpolateRounded, type Money, dec } from './money.js';

/**
 * How a year's figure was obtained: `published`, `interpolated`, `held` (after the last point, that
 * point); or no figure: `not-comparable` (between points estimated on different bases) and
 * `not-published` (before the first point, or after the last of a series that is not held).
 */
export type SeriesBasis = 'published' | 'interpolated' | 'held' | 'not-comparable' | 'not-published';

export type SeriesValue =
  | { readonly amount: Money; readonly basis: 'published' | 'interpolated' | 'held' }
  | { readonly amount?: undefined; readonly basis: 'not-comparable' | 'not-published' };

/** What `seriesValue` needs of a point: its year, amount and the basis of its estimate. */
export interface ReadablePoint {
  readonly year: FiscalYear;
  readonly amount: Money;
  /** Points with different estimate bases are not joined by a straight line. */
  readonly estimateBasis?: string;
}

/**
 * The series' value in `year`. Between two points on the same estimate basis: linear in years,
 * rounded to `dp` places half away from zero; on different bases, `not-comparable`. Before the
 * first point: `not-published`, always (a series that starts later says nothing about earlier
 * years). After the last point: its amount, held (basis `held`, which callers must report as after
 * the published points), or `not-published` when `hold` is false. `points` must not be empty.
 */
export function seriesValue(points: readonly ReadablePoint[], year: FiscalYear, dp: number, hold = true): SeriesValue {
  const sorted = [...points].sort((a, b) => compareYears(a.year, b.year));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) throw new Error('a series needs at least one point');
  const exact = sorted.find((p) => p.year === year);
  if (exact) return { amount: exact.amount, basis: 'published' };
  if (compareYears(year, first.year) < 0) return { basis: 'not-published' };
  if (compareYears(year, last.year) > 0) return hold ? { amount: last.amount, basis: 'held' } : { basis: 'not-published' };
  const after = sorted.find((p) => compareYears(p.year, year) > 0) ?? last;
  const before = [...sorted].reverse().find((p) => compareYears(p.year, year) < 0) ?? first;
  if (before.estimateBasis !== after.estimateBasis) return { basis: 'not-comparable' };
  const span = startOf(after.year) - startOf(before.year);
  const step = startOf(year) - startOf(before.year);
  const rounded = interpolateRounded(before.amount, after.amount, step, span, dp, 'half-away-from-zero');
  return { amount: dec(rounded.isZero() ? 0 : rounded) as Money, basis: 'interpolated' };
}
