// The saving options register: every saving line with its levels, in-year changes, classification,
// share of the total and rank, plus subtotals by nature and category that add up to the total; for a
// whole council, every department scenario's savings in the council's units. Pure.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { Approx, ZERO, sum, type Dec as Decimal, type Money, dec } from '../../model/money.js';
import { convert } from '../../model/units.js';
import { projectScenario, totalLevels, type LineSchedule, type Projection } from '../../project/project.js';
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
  const { savings, classifications } = registerSavings(p);
  const total = totalLevels(savings, years);
  const finalTotal = total.get(finalYear) ?? ZERO;
  const order = savings.map((s, i) => ({ s, i }));
  order.sort((a, b) => {
    const c = (b.s.levels.get(finalYear) ?? ZERO).comparedTo(a.s.levels.get(finalYear) ?? ZERO);
    return c !== 0 ? c : a.i - b.i;
  });
  const rank = new Map(order.map(({ i }, r) => [i, r + 1]));
  const entries = savings.map((schedule, i) => ({
    schedule,
    rank: rank.get(i) ?? 0,
    share: finalTotal.isZero() ? dec(0) : dec(new Approx(schedule.levels.get(finalYear) ?? ZERO).dividedBy(finalTotal)),
  }));
  return {
    projection: p,
    finalYear,
    entries,
    total,
    byNature: classSubtotals(classifications, 'saving', 'nature', savings, years)?.groups ?? [],
    byCategory: classSubtotals(classifications, 'saving', 'category', savings, years)?.groups ?? [],
  };
}

/**
 * The savings a register lists: a department's own; for a whole council, each department scenario's
 * savings in the council's units, described with the department's name (the classifications are
 * the first department's: a council's departments share one scheme or their subtotals are by code).
 */
function registerSavings(p: Projection): { savings: readonly LineSchedule[]; classifications: Projection['scenario']['classifications'] } {
  if (!p.departments) return { savings: p.savings, classifications: p.scenario.classifications };
  const units = p.scenario.units;
  const inCouncilUnits = (m: ReadonlyMap<FiscalYear, Money>, from: typeof units): Map<FiscalYear, Money> =>
    new Map(p.years.map((y) => [y, convert(m.get(y) ?? ZERO, from, units)]));
  const scenarios = p.departments.flatMap((b) => (b.department.kind === 'scenario' ? [b.department] : []));
  const savings = scenarios.flatMap((d) =>
    projectScenario(d.scenario).savings.map((s) => ({
      line: { ...s.line, description: `${d.name}: ${s.line.description}` },
      levels: inCouncilUnits(s.levels, d.scenario.units),
      changes: inCouncilUnits(s.changes, d.scenario.units),
    })),
  );
  return { savings, classifications: scenarios[0]?.scenario.classifications ?? p.scenario.classifications };
}

/** Σ subtotals per year: equals the register total exactly (tested). */
export const subtotalSum = (groups: readonly Subtotal[], y: FiscalYear): Money => sum(groups.map((g) => g.levels.get(y) ?? ZERO));
