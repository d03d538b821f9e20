// The saving options register: every saving line with its levels, in-year changes, classification,
// share of the total and rank, plus subtotals by nature and category that add up to the total. Pure.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { Approx, ZERO, sum, type Dec as Decimal, type Money, dec } from '../../model/money.js';
import { totalLevels, type LineSchedule, type Projection } from '../../project/project.js';
import { classSubtotals, type Subtotal } from '../../project/subtotals.js';

export interface RegisterEntry {
  readonly schedule: LineSchedule;
  /** 1 = largest level in the final year; ties keep the scenario's order. */
  readonly rank: number;
  /** Share of the total savings level in the final year, as a fraction (exact). */
  readonly share: Decimal;
}

export interface SavingsRegister {
  readonly projection: Projection;
  readonly finalYear: FiscalYear;
  readonly entries: readonly RegisterEntry[];
  readonly total: ReadonlyMap<FiscalYear, Money>;
  readonly byNature: readonly Subtotal[];
  readonly byCategory: readonly Subtotal[];
}

export function savingsRegister(p: Projection): SavingsRegister {
  const years = p.years;
  const finalYear = years[years.length - 1] as FiscalYear;
  const total = totalLevels(p.savings, years);
  const finalTotal = total.get(finalYear) ?? ZERO;
  const order = [...p.savings].map((s, i) => ({ s, i }));
  order.sort((a, b) => {
    const c = (b.s.levels.get(finalYear) ?? ZERO).comparedTo(a.s.levels.get(finalYear) ?? ZERO);
    return c !== 0 ? c : a.i - b.i;
  });
  const rank = new Map(order.map(({ s }, i) => [s.line.ref, i + 1]));
  const entries = p.savings.map((schedule) => ({
    schedule,
    rank: rank.get(schedule.line.ref) ?? 0,
    share: finalTotal.isZero() ? dec(0) : dec(new Approx(schedule.levels.get(finalYear) ?? ZERO).dividedBy(finalTotal)),
  }));
  return {
    projection: p,
    finalYear,
    entries,
    total,
    byNature: classSubtotals(p.scenario.classifications, 'saving', 'nature', p.savings, years)?.groups ?? [],
    byCategory: classSubtotals(p.scenario.classifications, 'saving', 'category', p.savings, years)?.groups ?? [],
  };
}

/** Σ subtotals per year: equals the register total exactly (tested). */
export const subtotalSum = (groups: readonly Subtotal[], y: FiscalYear): Money => sum(groups.map((g) => g.levels.get(y) ?? ZERO));
