// Inflation drivers: a line computed from a base and an index (pay, care fees, contract prices, income
// uplift), compounding on the inflated base year by year. Pure and exact: the only rounding is the
// annual change of a series written as levels (e.g. the National Living Wage in £ an hour).

import type { Location } from '../diagnostics/diagnostic.js';
import { baseYearOf, valueIn, type Parameter, type Provenance } from './demand.js';
import { previousYear, type FiscalYear } from './fiscal-year.js';
import { Approx, dec, roundTo, type Dec, type Money, type Rate } from './money.js';

/**
 * What an inflation line inflates: a pay bill, commissioned care fees, contract prices, pay and prices
 * together (general: one rate for a whole budget), or income (which reduces net spend).
 */
export type InflationKind = 'pay' | 'care-fees' | 'contract-prices' | 'general' | 'income';
export const INFLATION_KINDS: readonly InflationKind[] = ['pay', 'care-fees', 'contract-prices', 'general', 'income'];

/** How an index series is written: each year's annual change (CPI, a pay award) or each year's level (the NLW in £ an hour). */
export type SeriesForm = 'rate' | 'level';
export const SERIES_FORMS: readonly SeriesForm[] = ['rate', 'level'];

/** The annual change of a series written as levels is rounded once: 6 places of the fraction (0.0001%), half away from zero. */
export const LEVEL_CHANGE_ROUNDING = { dp: 6, mode: 'half-away-from-zero' } as const;

/** A figure of an index series, with where it comes from. `external`: from a document outside the project's sources. */
export interface IndexPoint {
  readonly value: Dec;
  readonly provenance: Provenance & {
    readonly external?: boolean;
    /** The published controls (`<row> <year>`) the figure was chosen to match: `mtfs check` reports them as calibrated. */
    readonly calibratedTo?: readonly string[];
  };
}

export interface IndexSeries {
  readonly name: string;
  readonly description: string;
  readonly form: SeriesForm;
  /** The unit of a level series, e.g. "£ an hour". */
  readonly unit?: string;
  /** The file the series is declared in (the data file, or the scenario). */
  readonly file: string;
  readonly origin: Location;
  readonly points: ReadonlyMap<FiscalYear, IndexPoint>;
}

/** Where a line's annual rate comes from: an index series (times a pass-through share), or rates given directly. */
export type InflationRate =
  | { readonly kind: 'index'; readonly series: IndexSeries; readonly origin: Location }
  | { readonly kind: 'given'; readonly rate: Parameter<Rate> };

export interface InflationItem {
  readonly name: string;
  readonly description: string;
  readonly kind: InflationKind;
  /** The base-year budget inflated, in the scenario's units (for pay: the pay bill before on-costs). */
  readonly base: { readonly amount: Money; readonly year: FiscalYear; readonly provenance: Provenance };
  readonly rate: InflationRate;
  /** The share of the index's change passed into the line (e.g. of the NLW increase into care fees); absent: all of it. */
  readonly passThrough?: { readonly value: Rate; readonly provenance: Provenance };
  /** Pay only: employer on-costs (national insurance and the like) as a share of pay, base year and every MTFS year. */
  readonly onCosts?: Parameter<Rate>;
  /** Pay only: the employer pension contribution rate as a share of pay, base year and every MTFS year (its steps). */
  readonly pension?: Parameter<Rate>;
  readonly origin: Location;
}

/** The years a series needs figures for. */
export const seriesYears = (form: SeriesForm, years: readonly FiscalYear[]): FiscalYear[] =>
  form === 'level' ? [baseYearOf(years), ...years] : [...years];

/**
 * The annual change of a series in year `y`: the figure itself for a rate series; for a level
 * series (level in y ÷ level in y−1) − 1, rounded once (LEVEL_CHANGE_ROUNDING).
 */
export function seriesChange(s: IndexSeries, y: FiscalYear): Dec {
  const point = s.points.get(y);
  if (!point) throw new Error(`${s.name} has no figure for ${y}`);
  if (s.form === 'rate') return point.value;
  const before = s.points.get(previousYear(y));
  if (!before) throw new Error(`${s.name} has no figure for ${previousYear(y)}`);
  const ratio = new Approx(point.value.toFixed()).dividedBy(new Approx(before.value.toFixed())).minus(1);
  return roundTo(dec(ratio.toFixed()), LEVEL_CHANGE_ROUNDING.dp, LEVEL_CHANGE_ROUNDING.mode);
}

export interface InflationYear {
  readonly year: FiscalYear;
  /** The index's change in the year (before pass-through); absent in the base year and for rates given directly. */
  readonly indexChange?: Dec;
  /** The rate applied to last year's inflated base; absent in the base year. */
  readonly rate?: Dec;
  /** The base inflated to this year: last year's × (1 + rate), exact. */
  readonly inflated: Dec;
  /** Pay only: on-costs + pension contribution as a share of pay. */
  readonly onCostRate?: Dec;
  /** The cost: the inflated base, for pay × (1 + on-cost rate). */
  readonly cost: Dec;
  /** cost − base-year cost, negated for income: the line's level, in the scenario's units. */
  readonly level: Money;
}

export interface InflationResult {
  readonly item: InflationItem;
  /** The base year first, then every MTFS year. */
  readonly years: readonly InflationYear[];
}

/** The rate of year `y`: the index's change × the pass-through share, or the rate given. */
export function rateIn(item: InflationItem, y: FiscalYear): { rate: Dec; indexChange?: Dec } {
  if (item.rate.kind === 'given') return { rate: valueIn(item.rate.rate.value, y) };
  const indexChange = seriesChange(item.rate.series, y);
  return { rate: item.passThrough ? indexChange.times(item.passThrough.value) : indexChange, indexChange };
}

/**
 * Every year of an inflation line, exact: inflated(base year) = base; inflated(y) = inflated(y−1) ×
 * (1 + rate(y)); cost = inflated (for pay × (1 + on-costs + pension)); level = cost − base-year cost,
 * negated for income (more income reduces net spend).
 */
export function computeInflation(item: InflationItem, years: readonly FiscalYear[]): InflationResult {
  const baseYear = baseYearOf(years);
  const onCost = (y: FiscalYear): Dec | undefined => {
    if (!item.onCosts && !item.pension) return undefined;
    return dec(0)
      .plus(item.onCosts ? valueIn(item.onCosts.value, y) : dec(0))
      .plus(item.pension ? valueIn(item.pension.value, y) : dec(0));
  };
  const costOf = (inflated: Dec, y: FiscalYear): { cost: Dec; onCostRate?: Dec } => {
    const r = onCost(y);
    return r === undefined ? { cost: inflated } : { cost: inflated.times(r.plus(1)), onCostRate: r };
  };
  const sign = item.kind === 'income' ? -1 : 1;
  const base = costOf(item.base.amount, baseYear);
  const out: InflationYear[] = [{ year: baseYear, inflated: item.base.amount, ...base, level: dec(0) as Money }];
  let inflated: Dec = item.base.amount;
  for (const y of years) {
    const r = rateIn(item, y);
    inflated = inflated.times(r.rate.plus(1));
    const c = costOf(inflated, y);
    const diff = c.cost.minus(base.cost).times(sign);
    out.push({
      year: y,
      ...(r.indexChange !== undefined ? { indexChange: r.indexChange } : {}),
      rate: r.rate,
      inflated,
      ...c,
      level: (diff.isZero() ? dec(0) : diff) as Money,
    });
  }
  return { item, years: out };
}

/** The levels of the line an inflation item builds, in every MTFS year (scenario units). */
export function inflationLineLevels(item: InflationItem, years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return new Map(
    computeInflation(item, years)
      .years.slice(1)
      .map((r) => [r.year, r.level]),
  );
}
