// Filling the years of a funding stream (a grant, business rates, a tax base): the line methods
// `hold` and `linear`, plus `growth` by a stated rate, and an end year after which the stream is
// nil. Pure; every estimate is rounded to whole units half away from zero and says so in its basis.

import { compareYears, type FiscalYear } from './fiscal-year.js';
import { fillLevels, type StatedLevel } from './levels.js';
import { ZERO, roundTo, type Money, type Rate, dec } from './money.js';
import type { Level } from './scenario.js';

type StreamMethod = 'hold' | 'linear' | 'growth';

/**
 * The amount in each of `years`. Before the first stated amount a stream has not started; after
 * `to` it has ended (both nil). A year after a stated one needs a method: `hold` (ongoing),
 * `linear` (between stated amounts) or `growth` (the previous year's amount × (1 + rate)).
 * Returns the years that need a method when `method` is undefined; `growth` needs a rate.
 */
export function fillStream(
  years: readonly FiscalYear[],
  stated: readonly StatedLevel[],
  method: StreamMethod | undefined,
  growth: Rate | undefined,
  to: FiscalYear | undefined,
): { levels: Map<FiscalYear, Level>; unstated: FiscalYear[] } {
  const active = years.filter((y) => to === undefined || compareYears(y, to) <= 0);
  if (method === 'growth' && growth === undefined) throw new Error('growth needs a rate');
  const filled =
    method === 'growth' && growth
      ? { levels: grow(active, stated, growth), unstated: [] }
      : fillLevels(active, stated, method === 'growth' ? undefined : method);
  const levels = new Map<FiscalYear, Level>();
  for (const y of years) levels.set(y, filled.levels.get(y) ?? { amount: ZERO, basis: 'ended', origins: [] });
  return { levels, unstated: filled.unstated };
}

function grow(years: readonly FiscalYear[], stated: readonly StatedLevel[], rate: Rate): Map<FiscalYear, Level> {
  const byYear = new Map(stated.map((s) => [s.year, s]));
  const out = new Map<FiscalYear, Level>();
  let previous: Level | undefined;
  for (const y of years) {
    const s = byYear.get(y);
    let level: Level;
    if (s) level = { amount: s.amount, basis: 'stated', origins: [s.origin] };
    else if (!previous || previous.basis === 'not-started') {
      const next = stated.find((p) => compareYears(p.year, y) > 0);
      level = { amount: ZERO, basis: 'not-started', origins: next ? [next.origin] : [] };
    } else {
      const amount = roundTo(previous.amount.times(rate.plus(1)), 0, 'half-away-from-zero');
      level = { amount: (amount.isZero() ? ZERO : dec(amount)) as Money, basis: 'growth', origins: previous.origins };
    }
    out.set(y, level);
    previous = level;
  }
  return out;
}
