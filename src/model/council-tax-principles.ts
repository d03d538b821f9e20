// Council tax referendum principles (model): for each year, the core increase at which a council's
// council tax is excessive and the adult social care precept it may add (alone, and in total over a
// run of years), and the check of a plan's increases against them. Pure and exact.

import type { Location } from '../diagnostics/diagnostic.js';
import { compareYears, yearRange, type FiscalYear } from './fiscal-year.js';
import { dec, type Dec, type Rate } from './money.js';

/** A total ASC precept allowed over a run of years, e.g. 6% over 2017/18 to 2019/20. */
export interface AscPreceptTotal {
  readonly from: FiscalYear;
  readonly to: FiscalYear;
  readonly limit: Rate;
}

/** One year's principles, with the report that sets them. */
export interface PrinciplesYear {
  readonly year: FiscalYear;
  /** A core increase of this or more is excessive (needs a referendum). */
  readonly coreLimit: Rate;
  /** The most ASC precept a social care authority may add in the year. */
  readonly ascPreceptLimit?: Rate;
  readonly ascPreceptTotal?: AscPreceptTotal;
  /** The report, by title. */
  readonly source: string;
  /** True when the report is not among the project's own source documents. */
  readonly external: boolean;
  readonly note?: string;
  readonly origin: Location;
}

export interface CouncilTaxPrinciples {
  readonly file: string;
  readonly title: string;
  readonly years: ReadonlyMap<FiscalYear, PrinciplesYear>;
}

/** A plan's increase in one year, where it is written. */
export interface PlannedIncrease {
  readonly core: Rate;
  readonly ascPrecept: Rate;
  /** Written as one increase with no split: `core` is the whole, the precept is not known. */
  readonly whole?: true;
  readonly coreOrigin: Location;
  readonly ascPreceptOrigin: Location;
}

/** An increase the principles call excessive. */
export type Breach =
  | { readonly kind: 'core'; readonly year: FiscalYear; readonly rate: Rate; readonly rule: PrinciplesYear }
  | { readonly kind: 'asc-precept'; readonly year: FiscalYear; readonly rate: Rate; readonly rule: PrinciplesYear }
  | {
      readonly kind: 'asc-precept-total';
      /** The first year in which the running total passes the limit. */
      readonly year: FiscalYear;
      readonly total: Rate;
      readonly over: AscPreceptTotal;
      readonly rule: PrinciplesYear;
    };

export interface ReferendumCheck {
  readonly breaches: readonly Breach[];
  /** Years with an increase and principles: checked. */
  readonly checked: readonly FiscalYear[];
  /** Years with an increase but no principles in the file: not checked. */
  readonly noPrinciples: readonly FiscalYear[];
  /** Years whose increase is written as one figure with no split into core and ASC precept: not checked. */
  readonly unsplit: readonly FiscalYear[];
  /** Each total checked: the precepts of its run up to the last year checked, and that year. */
  readonly totals: readonly { readonly over: AscPreceptTotal; readonly upTo: FiscalYear; readonly total: Rate }[];
  /** Totals that could not be checked: an earlier year of the run has no precept given. */
  readonly totalsUnchecked: readonly { readonly over: AscPreceptTotal; readonly missing: readonly FiscalYear[] }[];
}

/**
 * Checks each planned increase against its year's principles: the core increase (excessive at the
 * limit or more), the ASC precept (at most its limit) and the running total of ASC precepts over a
 * run of years, counting `earlier` precepts for years before the plan. Years in `planned` order. An
 * increase written as one figure is not checked (which part is the precept is not known), nor is a
 * total over a run that includes it.
 */
export function checkReferendumPrinciples(
  planned: ReadonlyMap<FiscalYear, PlannedIncrease>,
  earlier: ReadonlyMap<FiscalYear, Rate>,
  principles: CouncilTaxPrinciples,
): ReferendumCheck {
  const breaches: Breach[] = [];
  const checked: FiscalYear[] = [];
  const noPrinciples: FiscalYear[] = [];
  const unsplit: FiscalYear[] = [];
  const totalsUnchecked: { over: AscPreceptTotal; missing: FiscalYear[] }[] = [];
  const reported = new Set<string>();
  const totals = new Map<string, { over: AscPreceptTotal; upTo: FiscalYear; total: Rate }>();
  const precept = (y: FiscalYear): Rate | undefined => {
    const inc = planned.get(y);
    return inc ? (inc.whole ? undefined : inc.ascPrecept) : earlier.get(y);
  };
  for (const [y, inc] of planned) {
    if (inc.whole) {
      unsplit.push(y);
      continue;
    }
    const rule = principles.years.get(y);
    if (!rule) {
      noPrinciples.push(y);
      continue;
    }
    checked.push(y);
    if (inc.core.gte(rule.coreLimit)) breaches.push({ kind: 'core', year: y, rate: inc.core, rule });
    if (rule.ascPreceptLimit && inc.ascPrecept.gt(rule.ascPreceptLimit))
      breaches.push({ kind: 'asc-precept', year: y, rate: inc.ascPrecept, rule });
    const over = rule.ascPreceptTotal;
    if (!over || compareYears(y, over.from) < 0 || compareYears(y, over.to) > 0) continue;
    const key = `${over.from}-${over.to}-${over.limit.toFixed()}`;
    if (reported.has(key)) continue;
    const run = yearRange(over.from, y);
    const missing = run.filter((r) => precept(r) === undefined);
    if (missing.length > 0) {
      reported.add(key);
      totalsUnchecked.push({ over, missing });
      continue;
    }
    const total = run.reduce<Dec>((acc, r) => acc.plus(precept(r) ?? 0), dec(0)) as Rate;
    totals.set(key, { over, upTo: y, total });
    if (total.gt(over.limit)) {
      reported.add(key);
      breaches.push({ kind: 'asc-precept-total', year: y, total, over, rule });
    }
  }
  return { breaches, checked, noPrinciples, unsplit, totals: [...totals.values()], totalsUnchecked };
}
