// Subtotals of line schedules by a classification (service area, nature, category, growth type),
// in a stable order: the order the scenario declares, else alphabetical. Pure; the groups of a
// classification always add up to the total exactly.

import type { FiscalYear } from '../model/fiscal-year.js';
import type { Money } from '../model/money.js';
import { CLASSIFICATION_HEADING, shownValue, type ClassificationName, type Classifications } from '../model/classification.js';
import type { LineKind } from '../model/line-kind.js';
import { lineClass, type BudgetLine } from '../model/scenario.js';
import { totalLevels, type LineSchedule } from './project.js';

export interface Subtotal {
  /** The value (codes of a mix joined with `/`), or a "not classified" group. */
  readonly key: string;
  /** How the value is printed: its declared label where the scenario shows labels, else the key. */
  readonly label?: string;
  readonly levels: ReadonlyMap<FiscalYear, Money>;
}

/** The group of reconciling lines with no value of a classification. */
export const NOT_CLASSIFIED = 'not classified (reconciling)';
/** The group of other lines with no value of a classification the scenario does not require. */
export const NO_VALUE = 'not classified';

/** Groups schedules by a key and totals their levels; groups are sorted by `order`. */
export function subtotals(
  schedules: readonly LineSchedule[],
  years: readonly FiscalYear[],
  key: (l: BudgetLine) => string,
  order: (a: string, b: string) => number,
): Subtotal[] {
  const groups = new Map<string, LineSchedule[]>();
  for (const s of schedules) {
    const k = key(s.line);
    const group = groups.get(k);
    if (group) group.push(s);
    else groups.set(k, [s]);
  }
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
const unclassified = (s: string): number => (s === NO_VALUE ? 1 : s === NOT_CLASSIFIED ? 2 : 0);
export const classifiedLast = (a: string, b: string): number => unclassified(a) - unclassified(b) || alphabetical(a, b);

/** The classifications subtotalled in `--detail`, in order (status is shown as marks instead). */
export const SUBTOTALLED = ['service_area', 'nature', 'category', 'growth_type'] as const satisfies readonly ClassificationName[];

/** A schedule's subtotals by one classification. */
export interface ClassSubtotals {
  readonly name: ClassificationName;
  readonly heading: string;
  readonly groups: readonly Subtotal[];
}

/**
 * The subtotals of one kind's schedules by a classification, or undefined where that schedule shows
 * none: service areas always; another classification where the scenario requires it of the kind or
 * a line of the kind has a value. Groups follow the declared order of values (a mix by the order of
 * its parts), else alphabetical; lines without a value come last.
 */
export function classSubtotals(
  classes: Classifications | undefined,
  kind: LineKind,
  name: ClassificationName,
  schedules: readonly LineSchedule[],
  years: readonly FiscalYear[],
): ClassSubtotals | undefined {
  const c = classes?.[name];
  const valued = schedules.some((s) => lineClass(s.line, name) !== undefined);
  if (name !== 'service_area' && !valued && !c?.requiredFor.includes(kind)) return undefined;
  const key = (l: BudgetLine): string => lineClass(l, name) ?? (l.reconciling ? NOT_CLASSIFIED : NO_VALUE);
  const codes = c?.values.map((v) => v.code) ?? [];
  const rank = (k: string): number[] =>
    unclassified(k) > 0 ? [codes.length + unclassified(k)] : k.split('/').map((p) => (codes.includes(p) ? codes.indexOf(p) : codes.length));
  const declaredOrder = (a: string, b: string): number => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
    return ra.length - rb.length || alphabetical(a, b);
  };
  const groups = subtotals(schedules, years, key, c ? declaredOrder : classifiedLast).map((g) =>
    unclassified(g.key) > 0 || !c || c.shown === 'code' ? g : { ...g, label: shownValue(c, g.key.split('/')) },
  );
  return { name, heading: c?.heading ?? CLASSIFICATION_HEADING[name], groups };
}
