// The levels the budget counts: every line's written (or derived) levels, except that a saving is
// counted at the level it delivers after slippage, and a saving under development is not counted
// at all. Used by the layout's rows and the line schedules. Pure and exact.

import type { FiscalYear } from '../model/fiscal-year.js';
import type { Money } from '../model/money.js';
import { deliveredLevels } from '../model/saving-delivery.js';
import type { BudgetLine } from '../model/scenario.js';

/** True for a line the budget counts: every line but a saving still under development. */
export const inBudget = (line: BudgetLine): boolean => line.stage !== 'under-development';

/** A line's level in each year as the budget counts it: a saving's delivered level, after slippage. */
export function lineLevels(line: BudgetLine, years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  const planned = (y: FiscalYear): Money => {
    const level = line.levels.get(y)?.amount;
    if (level === undefined) throw new Error(`line ${line.ref} has no level for ${y}`);
    return level;
  };
  return deliveredLevels(years, planned, line.slippage);
}
