// Gross expenditure and income: a line's (or a department's) gross spend and income in each year,
// the kinds of income, and the income drivers (an annual uplift, a grant that ends). Net is always
// gross − income, exactly. Domain data and pure operations; no I/O.

import type { Location } from '../diagnostics/diagnostic.js';
import { compareYears, type FiscalYear } from './fiscal-year.js';
import type { Level, LevelBasis } from './level.js';
import { ZERO, sub, type Money, type Rate } from './money.js';
import type { PublishedTo } from './published-precision.js';

/**
 * The kinds of income a line may carry: a fixed list, the headings councils' revenue estimates use
 * for a social care department's income. A line carries one kind; several kinds are several lines.
 */
export const INCOME_TYPES = [
  'fees_and_charges',
  'client_contributions',
  'health_income',
  'pooled_budget_contributions',
  'specific_grants',
] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];

export const INCOME_TYPE_LABEL: Record<IncomeType, string> = {
  fees_and_charges: 'fees and charges',
  client_contributions: 'client contributions',
  health_income: 'health income',
  pooled_budget_contributions: 'pooled budget contributions',
  specific_grants: 'specific grants',
};

/** The income drivers of a line: an annual uplift after the last stated income, and a year income ends. */
export interface IncomeDrivers {
  /** Each year after the last stated income, income is last year's × (1 + uplift), exactly. */
  readonly uplift?: { readonly rate: Rate; readonly origin: Location };
  /** From this year income is nil (a grant that ends). */
  readonly ends?: { readonly year: FiscalYear; readonly origin: Location };
}

/**
 * A line's gross expenditure and income in every MTFS year, as their effect on the department's
 * gross spend and income (more income is positive). The line's effect on the net budget is
 * gross − income; its level (written as the amount of its kind) is that times the kind's sign.
 */
export interface GrossIncome {
  readonly gross: ReadonlyMap<FiscalYear, Level>;
  /** Income after the drivers (see `driveIncome`). */
  readonly income: ReadonlyMap<FiscalYear, Level>;
  /** Income as written and filled by the line's unstated method, before the drivers: what a changed driver starts from. */
  readonly writtenIncome: ReadonlyMap<FiscalYear, Level>;
  readonly incomeType?: IncomeType;
  readonly drivers: IncomeDrivers;
}

/** Net = gross − income, exactly (a nil result is 0, never −0). */
export const netOf = (gross: Money, income: Money): Money => {
  const n = sub(gross, income);
  return n.isZero() ? ZERO : n;
};

/**
 * Income after the income drivers: each year after the last stated one is last year's income
 * × (1 + uplift) (basis `uplift`), and every year from `ends` is nil (basis `ended`). Exact.
 * `filled` is the income filled by the line's unstated method.
 */
export function driveIncome(
  years: readonly FiscalYear[],
  filled: ReadonlyMap<FiscalYear, Level>,
  drivers: IncomeDrivers,
): Map<FiscalYear, Level> {
  const out = new Map<FiscalYear, Level>();
  const stated = years.filter((y) => filled.get(y)?.basis === 'stated');
  const lastStated = stated[stated.length - 1];
  let previous: Money | undefined;
  for (const y of years) {
    const l = filled.get(y) as Level;
    let level = l;
    const { uplift, ends } = drivers;
    if (ends && compareYears(y, ends.year) >= 0) {
      level = { amount: ZERO, basis: 'ended', origins: [ends.origin] };
    } else if (uplift && lastStated && compareYears(y, lastStated) > 0 && previous !== undefined) {
      const grown = previous.times(uplift.rate.plus(1)) as Money;
      level = { amount: grown.isZero() ? ZERO : grown, basis: 'uplift', origins: [...l.origins, uplift.origin] };
    }
    out.set(y, level);
    previous = level.amount;
  }
  return out;
}

/** The basis of a net figure made from a gross and an income level: the less certain of the two. */
export function netBasis(gross: LevelBasis, income: LevelBasis): LevelBasis {
  if (gross === income) return gross;
  for (const b of BASIS_ORDER) if (gross === b || income === b) return b;
  return gross;
}

/** Least certain first: an estimate, then a figure driven from a rate, then rules of the model. */
const BASIS_ORDER: readonly LevelBasis[] = ['linear', 'hold', 'growth', 'uplift', 'ended', 'ongoing', 'not-started', 'stated'];

/**
 * The line's level in each year from its gross and income: sign × (gross − income), with the
 * less certain basis of the two and both origins.
 */
export function levelsFromGrossIncome(years: readonly FiscalYear[], gi: GrossIncome, sign: 1 | -1): Map<FiscalYear, Level> {
  return new Map(
    years.map((y) => {
      const g = gi.gross.get(y) as Level;
      const i = gi.income.get(y) as Level;
      const net = netOf(g.amount, i.amount);
      const amount = sign < 0 ? (net.isZero() ? ZERO : (net.negated() as Money)) : net;
      return [y, { amount, basis: netBasis(g.basis, i.basis), origins: [...g.origins, ...i.origins] }];
    }),
  );
}

/** A department's gross budget and income as published for one year (e.g. a committee report's paragraph). */
export interface PublishedGrossIncome {
  readonly year: FiscalYear;
  readonly gross: Money;
  readonly income: Money;
  /** The net the source states beside them, where it does (checked: gross − income = net). */
  readonly net?: Money;
  /** Where the year is written. */
  readonly origin: Location;
  /** Where the gross and the income figures are written. */
  readonly grossOrigin: Location;
  readonly incomeOrigin: Location;
}

/** The department's gross and income statements, with their source and precision. */
export interface DepartmentGrossIncome {
  readonly years: readonly PublishedGrossIncome[];
  readonly publishedTo?: PublishedTo;
  readonly source: string;
  readonly note?: string;
  readonly origin: Location;
}

/** The line's gross and income with other income drivers (a what-if): income is driven afresh from what was written. */
export function withIncomeDrivers(gi: GrossIncome, drivers: IncomeDrivers, years: readonly FiscalYear[]): GrossIncome {
  return { ...gi, drivers, income: driveIncome(years, gi.writtenIncome, drivers) };
}
