// The reserves roll-forward of one reserve: brought forward + contributions − uses = carried
// forward, year by year from an opening balance, exactly. Used by the projection (the general fund
// and each earmarked reserve) and by the loader's check that no earmarked reserve goes below nil.

import type { FiscalYear } from './fiscal-year.js';
import { ZERO, add, sub, type Money } from './money.js';

/** One year of a reserve: every figure exact, movements positive as written. */
export interface ReserveYear {
  readonly broughtForward: Money;
  readonly contributions: Money;
  /** Every draw on the reserve in the year (planned uses and one-off spend), positive. */
  readonly uses: Money;
  /** broughtForward + contributions − uses. */
  readonly carriedForward: Money;
}

/**
 * The roll-forward of one reserve over `years`: each year's carried forward is the next year's
 * brought forward. `contributions` and `uses` give each year's movement (nil where none).
 */
export function rollReserve(
  opening: Money,
  years: readonly FiscalYear[],
  contributions: (y: FiscalYear) => Money,
  uses: (y: FiscalYear) => Money,
): Map<FiscalYear, ReserveYear> {
  const out = new Map<FiscalYear, ReserveYear>();
  let balance = opening;
  for (const y of years) {
    const paidIn = contributions(y);
    const drawn = uses(y);
    const carriedForward = sub(add(balance, paidIn), drawn);
    out.set(y, { broughtForward: balance, contributions: paidIn, uses: drawn, carriedForward });
    balance = carriedForward;
  }
  return out;
}

/** The first year whose balance is below `floor` of that year (below nil when no floor is given). */
export function firstYearBelow(
  balances: ReadonlyMap<FiscalYear, Money>,
  floor: (y: FiscalYear) => Money = () => ZERO,
): FiscalYear | undefined {
  for (const [y, b] of balances) if (b.lessThan(floor(y))) return y;
  return undefined;
}

/** The sum of a year's amounts over several by-year maps (nil where a map has no figure). */
export function amountIn(y: FiscalYear, maps: readonly ReadonlyMap<FiscalYear, { readonly amount: Money }>[]): Money {
  return maps.reduce((acc, m) => add(acc, m.get(y)?.amount ?? ZERO), ZERO);
}
