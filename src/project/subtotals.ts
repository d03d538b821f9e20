// Subtotals of line schedules by a classification (service area, nature, category), in a stable
// order. Pure; the groups of a classification always add up to the total exactly.

import type { FiscalYear } from '../model/fiscal-year.js';
import type { Money } from '../model/money.js';
import type { BudgetLine } from '../model/scenario.js';
import { totalLevels, type LineSchedule } from './project.js';

export interface Subtotal {
  readonly key: string;
  readonly levels: ReadonlyMap<FiscalYear, Money>;
}

/** The group of lines with no nature or category: reconciling lines. */
export const NOT_CLASSIFIED = 'not classified (reconciling)';

/** Groups schedules by a key and totals their levels; groups are sorted by `order`. */
export function subtotals(
  schedules: readonly LineSchedule[],
  years: readonly FiscalYear[],
  key: (l: BudgetLine) => string,
  order: (a: string, b: string) => number,
): Subtotal[] {
  const groups = new Map<string, LineSchedule[]>();
  for (const s of schedules) groups.set(key(s.line), [...(groups.get(key(s.line)) ?? []), s]);
  return [...groups.keys()].sort(order).map((k) => ({ key: k, levels: totalLevels(groups.get(k) ?? [], years) }));
}

const NATURE_RANK: Record<string, number> = { Eff: 0, SR: 1, Inc: 2 };
export const natureOrder = (a: string, b: string): number => {
  const rank = (s: string): string =>
    s === NOT_CLASSIFIED
      ? '~'
      : s
          .split('/')
          .map((n) => NATURE_RANK[n] ?? 9)
          .join('');
  return rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0;
};
export const alphabetical = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const classifiedLast = (a: string, b: string): number => (a === NOT_CLASSIFIED ? 1 : b === NOT_CLASSIFIED ? -1 : alphabetical(a, b));
