// A yearly series from the years a source publishes (population by mid-year): stated points, a
// named method for the years between them and, only when asked, for the years beyond them. Pure.
// Stated values are kept exact; every computed value is rounded to whole units (whole people) half
// away from zero, because compound growth between two points needs an n-th root.

import { compoundRounded } from './compound-growth.js';
import { Approx, Dec, roundTo, dec } from './money.js';

/** How the years between two stated points are filled. */
export type SeriesMethod = 'compound' | 'linear' | 'hold';
/** How years before the first or after the last stated point are filled (none unless named). */
export type SeriesExtend = 'hold' | 'trend';
/** How a value was obtained: written, or the method that computed it (`trend` = extended growth). */
export type SeriesBasis = 'stated' | 'compound' | 'linear' | 'hold' | 'trend';

export const SERIES_METHODS: readonly SeriesMethod[] = ['compound', 'linear', 'hold'];
export const SERIES_EXTENDS: readonly SeriesExtend[] = ['hold', 'trend'];

/** The rounding of every computed value: whole units, half away from zero. */
export const SERIES_ROUNDING = { dp: 0, mode: 'half-away-from-zero' } as const;

export interface SeriesPoint {
  /** A calendar year (a population's mid-year). */
  readonly year: number;
  readonly value: Dec;
}

export interface SeriesValue {
  readonly value: Dec;
  readonly basis: SeriesBasis;
}

/** Why a year could not be filled. */
type SeriesGapReason =
  | 'needs-method' // between two points, and no method named
  | 'outside' // before the first or after the last point, and no `extend` named
  | 'trend-needs-two-points' // `extend: trend` with a single point
  | 'compound-needs-positive'; // compound growth from or to a value that is not positive

export interface SeriesGap {
  readonly year: number;
  readonly reason: SeriesGapReason;
}

/**
 * The value in each of `years`: stated where a point is written, else filled by `method` between
 * two points (compound: a × (b/a)^((y−a)/(b−a)); linear; hold the earlier value) or by `extend`
 * beyond them (hold the nearest value; trend: compound growth of the two nearest points continued).
 * Computed values are rounded to whole units half away from zero. Years that cannot be filled are
 * returned as gaps, never guessed.
 */
export function fillSeries(
  points: readonly SeriesPoint[],
  years: readonly number[],
  method: SeriesMethod | undefined,
  extend: SeriesExtend | undefined,
): { values: Map<number, SeriesValue>; gaps: SeriesGap[] } {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const values = new Map<number, SeriesValue>();
  const gaps: SeriesGap[] = [];
  const put = (year: number, r: SeriesValue | SeriesGapReason): void => {
    if (typeof r === 'string') gaps.push({ year, reason: r });
    else values.set(year, r);
  };
  for (const y of years) {
    const stated = sorted.find((p) => p.year === y);
    if (stated) {
      put(y, { value: stated.value, basis: 'stated' });
      continue;
    }
    const before = sorted.filter((p) => p.year < y).pop();
    const after = sorted.find((p) => p.year > y);
    if (before && after) put(y, between(before, after, y, method));
    else put(y, beyond(sorted, y, extend));
  }
  return { values, gaps };
}

function between(a: SeriesPoint, b: SeriesPoint, y: number, method: SeriesMethod | undefined): SeriesValue | SeriesGapReason {
  switch (method) {
    case undefined:
      return 'needs-method';
    case 'hold':
      return { value: a.value, basis: 'hold' };
    case 'linear': {
      const exact = a.value.plus(
        b.value
          .minus(a.value)
          .times(y - a.year)
          .dividedBy(b.year - a.year),
      );
      return { value: rounded(exact), basis: 'linear' };
    }
    case 'compound': {
      const v = compound(a, b, y);
      return v ? { value: v, basis: 'compound' } : 'compound-needs-positive';
    }
  }
}

function beyond(sorted: readonly SeriesPoint[], y: number, extend: SeriesExtend | undefined): SeriesValue | SeriesGapReason {
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || extend === undefined) return 'outside';
  switch (extend) {
    case 'hold':
      return { value: (y < first.year ? first : last).value, basis: 'hold' };
    case 'trend': {
      const pair = y < first.year ? [sorted[0], sorted[1]] : [sorted[sorted.length - 2], sorted[sorted.length - 1]];
      const [a, b] = pair;
      if (!a || !b || sorted.length < 2) return 'trend-needs-two-points';
      const v = compound(a, b, y);
      return v ? { value: v, basis: 'trend' } : 'compound-needs-positive';
    }
  }
}

/**
 * a × (b/a)^((y − a.year)/(b.year − a.year)), rounded; undefined unless both values are positive.
 * Defined as the 40-digit computation below, rounded once; the whole number is found in integers
 * instead wherever that is certain to give the same (compoundRounded), which is nearly always and
 * a small fraction of the time of a 40-digit fractional power.
 */
function compound(a: SeriesPoint, b: SeriesPoint, y: number): Dec | undefined {
  if (!a.value.isPositive() || a.value.isZero() || !b.value.isPositive() || b.value.isZero()) return undefined;
  const exact = compoundRounded(a.value, b.value, y - a.year, b.year - a.year);
  return exact === undefined ? compoundApprox(a, b, y) : dec(exact.toString());
}

/** compound at Approx's 40 digits, rounded once: a fractional power is not exact at any precision. */
export function compoundApprox(a: SeriesPoint, b: SeriesPoint, y: number): Dec {
  const ratio = new Approx(b.value).dividedBy(a.value);
  const exponent = new Approx(y - a.year).dividedBy(b.year - a.year);
  return rounded(dec(new Approx(a.value).times(Approx.pow(ratio, exponent))));
}

function rounded(x: Dec): Dec {
  const r = roundTo(x, SERIES_ROUNDING.dp, SERIES_ROUNDING.mode);
  return r.isZero() ? dec(0) : r;
}
