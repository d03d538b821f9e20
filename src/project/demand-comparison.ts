// Driver-built lines beside the lines of the same ref in another scenario (`compare_with:`, e.g. the
// published MTFS): level, the other scenario's level and the difference, per year, exactly, in £.

import { driverLineLevels, type Demand } from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { sub, type Money } from '../model/money.js';
import type { BudgetLine, LevelBasis, Scenario } from '../model/scenario.js';
import { toPounds } from '../model/units.js';

interface ComparedLevel {
  /** £. */
  readonly amount: Money;
  readonly basis: LevelBasis;
}

export interface LineComparison {
  readonly line: BudgetLine;
  readonly drivers: readonly string[];
  /** The level built from the drivers, £, in each MTFS year. */
  readonly built: ReadonlyMap<FiscalYear, Money>;
  /** The line of the same ref in the compared scenario, when there is one. */
  readonly other?: {
    readonly line: BudgetLine;
    /** £, for the years both scenarios have. */
    readonly levels: ReadonlyMap<FiscalYear, ComparedLevel>;
    /** built − other, £. */
    readonly difference: ReadonlyMap<FiscalYear, Money>;
  };
}

/** Every driver-built line of `scenario`, with the same ref in `other` when given. Exact. */
export function compareDriverLines(scenario: Scenario, demand: Demand, other?: Scenario): LineComparison[] {
  return scenario.lines
    .filter((l) => l.drivers !== undefined)
    .map((line) => {
      const drivers = line.drivers ?? [];
      const built = driverLineLevels(demand, drivers, '£');
      const match = other?.lines.find((l) => l.ref === line.ref);
      if (!match || !other) return { line, drivers, built };
      const levels = new Map<FiscalYear, ComparedLevel>();
      const difference = new Map<FiscalYear, Money>();
      for (const y of demand.years) {
        const l = match.levels.get(y);
        const b = built.get(y);
        if (!l || !b) continue;
        const amount = toPounds(l.amount, other.units);
        levels.set(y, { amount, basis: l.basis });
        difference.set(y, sub(b, amount));
      }
      return { line, drivers, built, other: { line: match, levels, difference } };
    });
}
