// Projection of a department's budget table by its layout: each year the base (last year's net, or
// the stated base with its restatement), transfers, the change of the lines each row chooses
// (signed by kind; savings as delivered, not those under development) and sums of rows; the net
// budget rolls into next year. Pure and exact.

import type { FiscalYear } from '../model/fiscal-year.js';
import { NET_ROW, type LayoutRow } from '../model/layout.js';
import { KIND_SIGN } from '../model/line-kind.js';
import { ExactSum } from '../model/exact-sum.js';
import { ZERO, add, moneyOfSum, sub, type Money } from '../model/money.js';
import { rowSelects } from '../model/row-select.js';
import type { Scenario } from '../model/scenario.js';
import { inBudget, lineLevels } from './delivered.js';

export interface LayoutValues {
  readonly values: ReadonlyMap<string, ReadonlyMap<FiscalYear, Money>>;
  /** For rows shown blank in text where nothing is stated: the years that are stated. */
  readonly stated: ReadonlyMap<string, ReadonlySet<FiscalYear>>;
}

/**
 * The signed total level of the lines each `lines` row chooses, in each year, in one pass over
 * the lines (a row's figure is the change of this total: the sum of its lines' changes).
 */
function rowLevelTotals(scenario: Scenario): Map<string, Money[]> {
  const { years } = scenario;
  const rows = scenario.layout.rows.filter((r): r is Extract<LayoutRow, { kind: 'lines' }> => r.kind === 'lines');
  // exact scaled-integer totals: a decimal for every line added would be made and dropped
  const totals = new Map(rows.map((r) => [r.id, years.map(() => new ExactSum())]));
  for (const line of scenario.lines) {
    const mine = inBudget(line) ? rows.filter((r) => rowSelects(r.select, line)) : [];
    if (mine.length === 0) continue;
    const negative = KIND_SIGN[line.type] < 0;
    const delivered = line.slippage ? lineLevels(line, years) : undefined;
    for (let i = 0; i < years.length; i++) {
      const y = years[i] as FiscalYear;
      const level = delivered ? delivered.get(y) : line.levels.get(y)?.amount;
      if (level === undefined) throw new Error(`line ${line.ref} has no level for ${y}`);
      for (const r of mine) ((totals.get(r.id) as ExactSum[])[i] as ExactSum).addDecimal(level, negative);
    }
  }
  return new Map([...totals].map(([id, sums]) => [id, sums.map(moneyOfSum)]));
}

/** Every row of the layout in every year. */
export function projectLayout(scenario: Scenario): LayoutValues {
  const { years, layout } = scenario;
  const values = new Map<string, Map<FiscalYear, Money>>(layout.rows.map((r) => [r.id, new Map()]));
  const stated = new Map<string, Set<FiscalYear>>();
  const levels = rowLevelTotals(scenario);
  let previousNet: Money | undefined = scenario.originalBudget?.amount;
  years.forEach((y, i) => {
    const statedBase = scenario.baseBudget?.amounts.get(y)?.amount;
    const broughtForward = previousNet ?? statedBase ?? ZERO;
    const base = statedBase ?? broughtForward;
    const value = (r: LayoutRow): Money => {
      switch (r.kind) {
        case 'base':
          return r.shows === 'brought_forward' ? broughtForward : r.shows === 'base' ? base : sub(base, broughtForward);
        case 'transfers':
          return scenario.transfers.get(y)?.amount ?? ZERO; // an unstated transfer is none: shown blank
        case 'lines': {
          const t = levels.get(r.id) as Money[];
          return i === 0 ? (t[0] as Money) : sub(t[i] as Money, t[i - 1] as Money);
        }
        case 'sum':
          return r.parts.reduce((total, p) => add(total, values.get(p)?.get(y) ?? ZERO), ZERO);
      }
    };
    for (const r of layout.rows) {
      values.get(r.id)?.set(y, value(r));
      const shown =
        r.kind === 'transfers'
          ? scenario.transfers.has(y)
          : r.kind === 'base' && r.shows === 'restatement'
            ? previousNet !== undefined
            : undefined;
      if (shown === undefined) continue;
      const set = stated.get(r.id) ?? new Set<FiscalYear>();
      if (shown) set.add(y);
      stated.set(r.id, set);
    }
    previousNet = values.get(NET_ROW)?.get(y) ?? ZERO;
  });
  return { values, stated };
}
