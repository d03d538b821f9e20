// The national picture of a chosen mix: each option's yield and each need's cost in every year
// shown (the published point, a straight line between points on one basis, nothing before the
// first point, after the last that point held where the series allows), their totals where every
// item has a figure (a blank is never counted as nil), and
// sufficiency: the yield applied to the needs in the order given. Pure and exact except
// interpolation, which rounds to £0.1m half away from zero.

import { compareYears, type FiscalYear } from '../../model/fiscal-year.js';
import { ZERO, add, sub, type Money } from '../../model/money.js';
import type { FundingOption, NationalSeries, Need } from '../../model/national-options.js';
import { seriesValue, type SeriesValue } from '../../model/published-series.js';
import type { Selection } from './select.js';

/** Interpolated figures are rounded to this many decimal places of £m (£0.1m). */
export const INTERPOLATION_DP = 1;

export interface SeriesRow<T extends NationalSeries> {
  readonly item: T;
  readonly values: ReadonlyMap<FiscalYear, SeriesValue>;
}

export interface Sufficiency {
  readonly yield: ReadonlyMap<FiscalYear, Money>;
  readonly cost: ReadonlyMap<FiscalYear, Money>;
  /** Cost less yield: positive is a shortfall, negative a surplus; only in years with both. */
  readonly shortfall: ReadonlyMap<FiscalYear, Money>;
  /** By need id: the part of the need the yield does not reach, meeting needs in the order given. */
  readonly uncovered: ReadonlyMap<string, ReadonlyMap<FiscalYear, Money>>;
}

/** An item read in years after its published points (held at the last point). */
interface HeldYears {
  readonly id: string;
  readonly years: readonly FiscalYear[];
  readonly first: FiscalYear;
  readonly last: FiscalYear;
}

export interface NationalView {
  readonly years: readonly FiscalYear[];
  readonly options: readonly SeriesRow<FundingOption>[];
  readonly optionsTotal: ReadonlyMap<FiscalYear, Money>;
  readonly needs: readonly SeriesRow<Need>[];
  readonly needsTotal: ReadonlyMap<FiscalYear, Money>;
  /** When both options and needs are chosen. */
  readonly sufficiency?: Sufficiency;
  readonly held: readonly HeldYears[];
}

const sortYears = (ys: Iterable<FiscalYear>): FiscalYear[] => [...new Set(ys)].sort(compareYears);

/** Every year with a published point in any of `items`. */
export const publishedYears = (items: readonly NationalSeries[]): FiscalYear[] =>
  sortYears(items.flatMap((i) => i.points.map((p) => p.year)));

const valueOf = (item: NationalSeries, y: FiscalYear): SeriesValue => seriesValue(item.points, y, INTERPOLATION_DP, item.hold);

/**
 * The years to show by default: the published years at which every chosen item has a published or
 * interpolated figure (none held or missing); when there is no such year, every published year.
 */
export function defaultYears(items: readonly NationalSeries[]): FiscalYear[] {
  const all = publishedYears(items);
  const inside = all.filter((y) =>
    items.every((i) => {
      const v = valueOf(i, y);
      return v.basis === 'published' || v.basis === 'interpolated';
    }),
  );
  return inside.length > 0 ? inside : all;
}

function rows<T extends NationalSeries>(items: readonly T[], years: readonly FiscalYear[]): SeriesRow<T>[] {
  return items.map((item) => ({ item, values: new Map(years.map((y) => [y, valueOf(item, y)])) }));
}

/** The sum of the rows in each year where every row has a figure; no entry for the other years. */
function total(rs: readonly SeriesRow<NationalSeries>[], years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return new Map(
    years.flatMap((y) => {
      const amounts = rs.map((r) => r.values.get(y)?.amount);
      return amounts.every((a) => a !== undefined) ? [[y, amounts.reduce((acc: Money, a) => add(acc, a), ZERO)] as const] : [];
    }),
  );
}

function heldYears(rs: readonly SeriesRow<NationalSeries>[]): HeldYears[] {
  return rs.flatMap((r) => {
    const years = [...r.values].filter(([, v]) => v.basis === 'held').map(([y]) => y);
    const first = r.item.points[0]?.year;
    const last = r.item.points[r.item.points.length - 1]?.year;
    return years.length > 0 && first && last ? [{ id: r.item.id, years, first, last }] : [];
  });
}

/** Applies the yield to the needs in order: what each need leaves uncovered, and the overall shortfall. */
export function sufficiency(
  yieldTotal: ReadonlyMap<FiscalYear, Money>,
  needs: readonly SeriesRow<Need>[],
  years: readonly FiscalYear[],
): Sufficiency {
  const cost = total(needs, years);
  const uncovered = new Map<string, Map<FiscalYear, Money>>(needs.map((n) => [n.item.id, new Map()]));
  const shortfall = new Map<FiscalYear, Money>();
  for (const y of years) {
    const yieldOfYear = yieldTotal.get(y);
    const costOfYear = cost.get(y);
    if (yieldOfYear === undefined || costOfYear === undefined) continue;
    shortfall.set(y, sub(costOfYear, yieldOfYear));
    let left = yieldOfYear;
    for (const n of needs) {
      const need = n.values.get(y)?.amount ?? ZERO;
      const available = left.isNegative() ? ZERO : left;
      const covered = available.lessThan(need) ? available : need;
      uncovered.get(n.item.id)?.set(y, sub(need, covered));
      left = sub(left, covered);
    }
  }
  return {
    yield: yieldTotal,
    cost,
    shortfall,
    uncovered,
  };
}

/** The national yields, costs, totals and sufficiency of `selection` in `years`. */
export function nationalView(selection: Selection, years: readonly FiscalYear[]): NationalView {
  const options = rows(selection.options, years);
  const needs = rows(selection.needs, years);
  const optionsTotal = total(options, years);
  return {
    years,
    options,
    optionsTotal,
    needs,
    needsTotal: total(needs, years),
    ...(options.length > 0 && needs.length > 0 ? { sufficiency: sufficiency(optionsTotal, needs, years) } : {}),
    held: heldYears([...options, ...needs]),
  };
}
