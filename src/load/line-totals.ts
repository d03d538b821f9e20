// The totals path of loading: when a command needs only the budget table (`project` without
// --detail, `check`), plain lines are added into one line per class as they are read, so memory
// does not grow with the lines. Every figure of the table is a sum of line levels chosen by kind
// and classification, so it is the same, to the digit, as from the lines one by one. Pure.

import type { FiscalYear } from '../model/fiscal-year.js';
import { ExactSum } from '../model/exact-sum.js';
import type { BudgetLine, Level } from '../model/scenario.js';
import type { WrittenScenarioHeader } from '../schema/scenario.js';
import { amountText, money } from './validated.js';

/**
 * True when a scenario's table can be made from lines added up by class: nothing of it names a
 * line by its ref or builds a line from drivers (layout rows by `refs`, assumptions, drivers).
 */
export function foldable(h: Partial<WrittenScenarioHeader>): boolean {
  if (h.assumptions !== undefined || h.drivers !== undefined) return false;
  return !(h.layout?.rows ?? []).some((r) => r.lines?.refs !== undefined);
}

/**
 * The plain lines of a scenario added up by everything the table chooses lines by (kind and every
 * classification). The first line of each class is normalised as usual and stands for the class;
 * the levels of the others are added as written, exactly (ExactSum), without decimals or
 * locations of their own. Lines with anything the table shows by ref (reconciling, estimated or
 * driver-built levels) or that are not plain levels (one-off, changes, slippage) are kept whole.
 */
export class LineTotals {
  readonly #years: readonly FiscalYear[];
  readonly #groups = new Map<string, { line: BudgetLine; sums: ExactSum[] }>();

  constructor(years: readonly FiscalYear[]) {
    this.#years = years;
  }

  /** True when written levels state every year of the period and nothing else (canonical year labels). */
  covers(levels: Readonly<Record<string, string>>): boolean {
    let n = 0;
    for (const y in levels) {
      if (!this.#years.includes(y as FiscalYear)) return false;
      n++;
    }
    return n === this.#years.length;
  }

  /** Adds written levels (that `covers` the period) to the totals of class `key`; false when no line of the class has come yet. */
  add(key: string, levels: Readonly<Record<string, string>>): boolean {
    const group = this.#groups.get(key);
    if (!group) return false;
    this.#years.forEach((y, i) => {
      const text = levels[y] as string;
      const sum = group.sums[i] as ExactSum;
      // most amounts are canonical already (`1234.5`); others (`(4,755)`) are made so first
      if (!sum.tryAdd(text)) sum.add(amountText(text));
    });
    return true;
  }

  /** The first line of class `key`, normalised, with its written levels: it stands for the class. */
  start(key: string, line: BudgetLine, levels: Readonly<Record<string, string>>): void {
    this.#groups.set(key, { line, sums: this.#years.map(() => new ExactSum()) });
    this.add(key, levels);
  }

  /** One line per class, its levels the exact totals of the lines added; in the order first met. */
  lines(): BudgetLine[] {
    return [...this.#groups.values()].map(({ line, sums }) => {
      const levels = new Map<FiscalYear, Level>();
      this.#years.forEach((y, i) => {
        const first = line.levels.get(y) as Level;
        levels.set(y, { amount: money((sums[i] as ExactSum).text()), basis: 'stated', origins: first.origins });
      });
      return { ...line, levels };
    });
  }
}

/**
 * What a layout row, a control's subtotal or the summary can tell lines apart by: kind and every
 * classification, as `budgetLine` (lines.ts) sets them.
 */
export function lineClassKey(
  type: string,
  status: string | undefined,
  category: string | undefined,
  nature: readonly string[],
  serviceArea: string,
  growthType: string | undefined,
  rag: string | undefined,
  stage: string | undefined,
): string {
  // unambiguous: a NUL never reaches here (decodeText refuses it), and an absent field is not `=…`
  const part = (v: string | undefined): string => (v === undefined ? '' : `=${v}`);
  return `${type}\u0000${part(status)}\u0000${part(category)}\u0000${nature.join('\u0000')}\u0000/${serviceArea}\u0000${part(growthType)}\u0000${part(rag)}\u0000${part(stage)}`;
}
