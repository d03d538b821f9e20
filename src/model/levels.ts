// Filling the years a source does not state: a line's stated levels plus a named method give its
// level in every MTFS year, each tagged with how it was obtained. Pure and exact except `linear`,
// which rounds to whole units half away from zero and says so in the basis.

import type { Location } from '../diagnostics/diagnostic.js';
import { compareYears, startOf, type FiscalYear } from './fiscal-year.js';
import { ZERO, interpolateRounded, type Dec, type Money, dec } from './money.js';
import type { GrossIncome } from './gross-income.js';
import { isBuilt, type BudgetLine, type Level, type UnstatedMethod } from './scenario.js';

export interface StatedLevel {
  readonly year: FiscalYear;
  readonly amount: Money;
  readonly origin: Location;
}

/**
 * The level in each of `years`. Before the first stated year a line has not started (nil); after
 * the last it continues ("ongoing"); between stated years `hold` keeps the earlier level and
 * `linear` draws a straight line. Any year after the first stated one needs a named method. Returns the years that need a method when `method` is undefined.
 */
export function fillLevels(
  years: readonly FiscalYear[],
  stated: readonly StatedLevel[],
  method: UnstatedMethod | undefined,
): { levels: Map<FiscalYear, Level>; unstated: FiscalYear[] } {
  const byYear = new Map<FiscalYear, StatedLevel>();
  for (const p of stated) byYear.set(p.year, p);
  let points: StatedLevel[] | undefined; // sorted, only when some year is not stated
  const levels = new Map<FiscalYear, Level>();
  const unstated: FiscalYear[] = [];
  for (const y of years) {
    const s = byYear.get(y);
    if (s) {
      levels.set(y, { amount: s.amount, basis: 'stated', origins: [s.origin] });
      continue;
    }
    unstated.push(y);
    points ??= [...stated].sort((a, b) => compareYears(a.year, b.year));
    // the last stated year before y and the first after it (no copy of the points for each year)
    let before: StatedLevel | undefined;
    let after: StatedLevel | undefined;
    for (let i = 0; i < points.length && !after; i++) {
      const p = points[i] as StatedLevel;
      const c = compareYears(p.year, y);
      if (c < 0) before = p;
      else if (c > 0) after = p;
    }
    if (!before) {
      levels.set(y, { amount: ZERO, basis: 'not-started', origins: after ? [after.origin] : [] });
    } else if (!after) {
      levels.set(y, { amount: before.amount, basis: 'ongoing', origins: [before.origin] });
    } else if (method === 'hold' || method === undefined) {
      levels.set(y, { amount: before.amount, basis: 'hold', origins: [before.origin] });
    } else {
      const span = startOf(after.year) - startOf(before.year);
      const step = startOf(y) - startOf(before.year);
      const amount = interpolateRounded(before.amount, after.amount, step, span, 0, 'half-away-from-zero') as Money;
      levels.set(y, {
        amount: amount.isZero() ? ZERO : (dec(amount) as Money),
        basis: 'linear',
        origins: [before.origin, after.origin],
      });
    }
  }
  if (unstated.length === 0) return { levels, unstated };
  return { levels, unstated: method === undefined ? unstated.filter((y) => needsMethod(y, stated)) : [] };
}

/** A year needs a named method only when it lies between two stated years (or after the last). */
function needsMethod(y: FiscalYear, points: readonly StatedLevel[]): boolean {
  return points.some((p) => compareYears(p.year, y) < 0);
}

/**
 * Levels from stated changes: each year's level is the sum of the changes stated up to it (a
 * year with no stated change keeps the level; before the first stated change the line is nil).
 * Exact: the same projection as the levels written out.
 */
export function levelsFromChanges(years: readonly FiscalYear[], stated: readonly StatedLevel[]): Map<FiscalYear, Level> {
  const byYear = new Map<FiscalYear, StatedLevel>();
  for (const p of stated) byYear.set(p.year, p);
  const levels = new Map<FiscalYear, Level>();
  let level = ZERO;
  const origins: Location[] = [];
  for (const y of years) {
    const s = byYear.get(y);
    if (s) {
      level = level.plus(s.amount) as Money;
      origins.push(s.origin);
    }
    levels.set(y, {
      amount: level.isZero() ? ZERO : level,
      basis: origins.length === 0 ? 'not-started' : 'changes',
      origins: origins.length === 0 && stated[0] ? [stated[0].origin] : [...origins],
    });
  }
  return levels;
}

/** A one-off line: each stated amount in its year only; nil before (not started) and after (fallen out). */
export function oneOffLevels(years: readonly FiscalYear[], stated: readonly StatedLevel[]): Map<FiscalYear, Level> {
  const byYear = new Map<FiscalYear, StatedLevel>();
  for (const p of stated) byYear.set(p.year, p);
  const levels = new Map<FiscalYear, Level>();
  let last: StatedLevel | undefined;
  for (const y of years) {
    const s = byYear.get(y);
    if (s) {
      levels.set(y, { amount: s.amount, basis: 'stated', origins: [s.origin] });
      last = s;
    } else {
      const next = stated.find((p) => compareYears(p.year, y) > 0);
      levels.set(
        y,
        last
          ? { amount: ZERO, basis: 'one-off-ended', origins: [last.origin] }
          : { amount: ZERO, basis: 'not-started', origins: next ? [next.origin] : [] },
      );
    }
  }
  return levels;
}

/** Every level multiplied by `factor` (a nil result is written 0, never −0). Exact. */
export function scaleLevels(levels: ReadonlyMap<FiscalYear, Level>, factor: Dec): Map<FiscalYear, Level> {
  return new Map(
    [...levels].map(([y, l]) => {
      const scaled = l.amount.times(factor);
      return [y, { ...l, amount: (scaled.isZero() ? ZERO : scaled) as Money }];
    }),
  );
}

/**
 * A line multiplied by `factor`: written levels (and gross and income) at once; a driver-built line
 * keeps the factor for the projection to apply after building its levels.
 */
export const scaleLine = (line: BudgetLine, factor: Dec): BudgetLine =>
  isBuilt(line)
    ? { ...line, factors: [...(line.factors ?? []), factor] }
    : {
        ...line,
        levels: scaleLevels(line.levels, factor),
        ...(line.grossIncome ? { grossIncome: scaleGrossIncome(line.grossIncome, factor) } : {}),
      };

/** Gross and income both multiplied by `factor` (a variant's scale, a risk draw), so net stays gross − income. */
export const scaleGrossIncome = (gi: GrossIncome, factor: Dec): GrossIncome => ({
  ...gi,
  gross: scaleLevels(gi.gross, factor),
  income: scaleLevels(gi.income, factor),
  writtenIncome: scaleLevels(gi.writtenIncome, factor),
});
