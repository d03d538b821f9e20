// Demand drivers: a client group's users and average cost per user in the base year and every MTFS
// year, and the growth line they build. Pure and exact: users × unit cost = cost, and the line's level
// (cost − base-year cost) = volume effect + price effect, to the last digit. Products are computed at
// full (EXACT_PRECISION) precision; the only rounding is in the inputs' own derivation (population between published
// points, a unit cost deflated to an earlier year, a population adjusted by extra growth).

import type { Location } from '../diagnostics/diagnostic.js';
import { compareYears, previousYear, startOf, yearRange, type FiscalYear } from './fiscal-year.js';
import { Dec, divideRounded, roundTo, type Money, type Rate, dec } from './money.js';
import { fromPounds, type Units } from './units.js';
import type { SeriesBasis, SeriesExtend, SeriesMethod, SeriesPoint } from './series.js';

/** Where a parameter's figure comes from: quoted, computed from quoted figures, assumed, or calibrated. */
export type ParameterStatus = 'verbatim' | 'derived' | 'assumed' | 'calibrated';
export const PARAMETER_STATUSES: readonly ParameterStatus[] = ['verbatim', 'derived', 'assumed', 'calibrated'];

export interface Provenance {
  readonly status: ParameterStatus;
  readonly source: string;
  readonly note?: string;
  /** Where it is written; absent for a value set on the command line. */
  readonly origin?: Location;
}

/** One value for every year, or a value for each year. */
export type PerYear<T> = { readonly every: T } | { readonly byYear: ReadonlyMap<FiscalYear, T> };

export interface Parameter<T> {
  readonly value: PerYear<T>;
  readonly provenance: Provenance;
}

/** The value in year `y`; the loader has checked that every year needed is there. */
export function valueIn<T>(p: PerYear<T>, y: FiscalYear): T {
  if ('every' in p) return p.every;
  const v = p.byYear.get(y);
  if (v === undefined) throw new Error(`no value for ${y}`);
  return v;
}

interface PopulationSource {
  readonly file: string;
  readonly area: string;
  readonly band: string;
  readonly method?: SeriesMethod;
  readonly extend?: SeriesExtend;
  readonly source: string;
  readonly origin: Location;
  /** The published points, by calendar (mid-)year. */
  readonly points: readonly SeriesPoint[];
  /** The population in the base year and every MTFS year: the mid-year in which each year starts. */
  readonly values: ReadonlyMap<FiscalYear, { readonly value: Dec; readonly basis: SeriesBasis }>;
}

/** How a driver's users are obtained. */
export type DriverUsers =
  | {
      readonly kind: 'population';
      readonly population: PopulationSource;
      /** Users per head of the population band (0 to 1). */
      readonly useRate: Parameter<Rate>;
      /** A what-if: extra annual growth of the population, compounding from the base year. */
      readonly extraGrowth?: Parameter<Rate>;
    }
  | { readonly kind: 'given'; readonly users: Parameter<Dec> }
  | {
      readonly kind: 'cohort';
      /** People arriving in each MTFS year (none leave within the period). */
      readonly arrivals: Parameter<Dec>;
      /** The share of a year an arrival is in service in the year of arrival (0 to 1). */
      readonly partYear: { readonly value: Rate; readonly provenance: Provenance };
    };

export type DriverKind = DriverUsers['kind'];

/** A weekly cost is annualised over the weeks the scenario states (52, 52.14 …): councils differ. */
export const WEEKS_IN_A_YEAR_AT_MOST = 53;
/** A unit cost carried back before its price year is rounded to the penny, half away from zero. */
export const DEFLATED_ROUNDING = { dp: 2, mode: 'half-away-from-zero' } as const;
/** A population adjusted by extra growth is rounded to whole people, half away from zero. */
export const ADJUSTED_POPULATION_ROUNDING = { dp: 0, mode: 'half-away-from-zero' } as const;

export type UnitCost = {
  /** In pounds (£), per user per `per`, at `priceYear` prices. */
  readonly amount: Money;
  readonly priceYear: FiscalYear;
  readonly provenance: Provenance;
} & (
  | { readonly per: 'year' }
  /** `weeksPerYear`: the weeks a weekly cost is annualised over, as the scenario states them. */
  | { readonly per: 'week'; readonly weeksPerYear: Dec }
);

export interface DemandDriver {
  readonly name: string;
  readonly description: string;
  readonly users: DriverUsers;
  readonly unitCost: UnitCost;
  /** Annual change in the unit cost: the uplift of year y takes the cost from y−1 to y. */
  readonly uplift: Parameter<Rate>;
  readonly origin: Location;
}

/** How a year's unit cost was obtained. */
type UnitCostBasis = 'stated' | 'uplifted' | 'deflated';

interface DriverYear {
  readonly year: FiscalYear;
  /** Population drivers only: the band's population used (after any extra growth). */
  readonly population?: { readonly value: Dec; readonly basis: SeriesBasis; readonly adjusted: boolean };
  /** Cohort drivers only: people arriving in the year (none in the base year). */
  readonly arrivals?: Dec;
  /** Users in the year (for a cohort, full-year equivalents); never rounded. */
  readonly users: Dec;
  /** £ per user a year. */
  readonly unitCost: Dec;
  readonly unitCostBasis: UnitCostBasis;
  /** users × unit cost, £. */
  readonly cost: Money;
  /** cost − base-year cost, £: the growth line's level. */
  readonly level: Money;
  /** (users − base users) × base unit cost, £. */
  readonly volume: Money;
  /** users × (unit cost − base unit cost), £. */
  readonly price: Money;
}

export interface DriverDemand {
  readonly driver: DemandDriver;
  /** The base year first, then every MTFS year. */
  readonly years: readonly DriverYear[];
}

export interface Demand {
  readonly baseYear: FiscalYear;
  /** The MTFS years (without the base year). */
  readonly years: readonly FiscalYear[];
  readonly drivers: readonly DriverDemand[];
}

/** The base year of a driver: the year before the MTFS, whose budget the growth lines add to. */
export const baseYearOf = (years: readonly FiscalYear[]): FiscalYear => {
  const first = years[0];
  if (first === undefined) throw new Error('an MTFS has at least one year');
  return previousYear(first);
};

/** The years whose uplift a unit cost priced in `priceYear` needs to reach every year from `base` to `last`. */
export function upliftYearsNeeded(priceYear: FiscalYear, base: FiscalYear, last: FiscalYear): FiscalYear[] {
  const from = compareYears(priceYear, base) < 0 ? priceYear : base;
  const to = compareYears(priceYear, last) > 0 ? priceYear : last;
  return yearRange(from, to).slice(1);
}

/** The annual unit cost as written: a weekly cost × its stated weeks a year. Exact. */
const annualUnitCost = (u: UnitCost): Dec => (u.per === 'week' ? u.amount.times(u.weeksPerYear) : u.amount);

/**
 * The unit cost (£ a year) in each of `years`: the written cost in its price year; later years
 * compound the uplifts exactly (× (1 + r) each year); earlier years divide by them, rounded to the
 * penny half away from zero (DEFLATED_ROUNDING).
 */
export function unitCostsByYear(
  u: UnitCost,
  uplift: PerYear<Rate>,
  years: readonly FiscalYear[],
): Map<FiscalYear, { value: Dec; basis: UnitCostBasis }> {
  const annual = annualUnitCost(u);
  const factors = upliftFactors(uplift, u.priceYear, years);
  const out = new Map<FiscalYear, { value: Dec; basis: UnitCostBasis }>();
  for (const y of years) {
    const order = compareYears(y, u.priceYear);
    const factor = factors.get(y);
    if (order === 0) {
      out.set(y, { value: annual, basis: 'stated' });
    } else if (factor === undefined) {
      throw new Error(`no uplift factor for ${y}`);
    } else if (order > 0) {
      out.set(y, { value: annual.times(factor), basis: 'uplifted' });
    } else {
      const value = divideRounded(annual, factor, DEFLATED_ROUNDING.dp, DEFLATED_ROUNDING.mode);
      out.set(y, { value, basis: 'deflated' });
    }
  }
  return out;
}

/**
 * For each of `years` other than `priceYear`: Π (1 + r) over the years after the earlier of the two
 * up to and including the later, exact. Each product is the one before it times one more year
 * (exact products do not depend on their order), so a year's uplift is added once, not once for
 * every year that follows it.
 */
function upliftFactors(uplift: PerYear<Rate>, priceYear: FiscalYear, years: readonly FiscalYear[]): Map<FiscalYear, Dec> {
  const wanted = new Set(years);
  const out = new Map<FiscalYear, Dec>();
  const starts = years.map(startOf);
  const first = years[starts.indexOf(Math.min(...starts))];
  const last = years[starts.indexOf(Math.max(...starts))];
  if (first === undefined || last === undefined) return out;
  let factor = dec(1);
  for (const y of compareYears(last, priceYear) > 0 ? yearRange(priceYear, last).slice(1) : []) {
    factor = factor.times(valueIn(uplift, y).plus(1));
    if (wanted.has(y)) out.set(y, factor);
  }
  factor = dec(1);
  const earlier = compareYears(first, priceYear) < 0 ? yearRange(first, priceYear) : [];
  for (let i = earlier.length - 1; i > 0; i--) {
    // the uplift of year i takes a cost from year i − 1 to year i
    factor = factor.times(valueIn(uplift, earlier[i] as FiscalYear).plus(1));
    const y = earlier[i - 1] as FiscalYear;
    if (wanted.has(y)) out.set(y, factor);
  }
  return out;
}

/** Users in each year (base first), with the population or arrivals they come from. */
function usersByYear(d: DemandDriver, all: readonly FiscalYear[]): Pick<DriverYear, 'year' | 'users' | 'population' | 'arrivals'>[] {
  const users = d.users;
  switch (users.kind) {
    case 'population': {
      let factor = dec(1);
      return all.map((year, i) => {
        const written = users.population.values.get(year);
        if (!written) throw new Error(`no population for ${year}`);
        let value = written.value;
        if (users.extraGrowth && i > 0) {
          factor = factor.times(valueIn(users.extraGrowth.value, year).plus(1));
          const r = roundTo(written.value.times(factor), ADJUSTED_POPULATION_ROUNDING.dp, ADJUSTED_POPULATION_ROUNDING.mode);
          value = r.isZero() ? dec(0) : r;
        }
        return {
          year,
          population: { value, basis: written.basis, adjusted: users.extraGrowth !== undefined && i > 0 },
          users: value.times(valueIn(users.useRate.value, year)),
        };
      });
    }
    case 'given':
      return all.map((year) => ({ year, users: valueIn(users.users.value, year) }));
    case 'cohort': {
      let settled = dec(0); // arrivals of earlier MTFS years, in service all year
      return all.map((year, i) => {
        if (i === 0) return { year, users: dec(0) };
        const arrivals = valueIn(users.arrivals.value, year);
        const fye = settled.plus(arrivals.times(users.partYear.value));
        settled = settled.plus(arrivals);
        return { year, arrivals, users: fye };
      });
    }
  }
}

/**
 * Users, unit cost, cost, level and its volume/price split for every driver in the base year and
 * each of `years`. Exact: cost = users × unit cost; level = cost − base cost = volume + price, where
 * volume = (users − base users) × base unit cost and price = users × (unit cost − base unit cost).
 * `each` computes one driver (the base year first, then `years`): computeDriverDemand, or a caller's
 * record of drivers it has already computed.
 */
export function computeDemand(
  drivers: readonly DemandDriver[],
  years: readonly FiscalYear[],
  each: (driver: DemandDriver, all: readonly FiscalYear[]) => DriverDemand = computeDriverDemand,
): Demand {
  const baseYear = baseYearOf(years);
  const all = [baseYear, ...years];
  return { baseYear, years, drivers: drivers.map((driver) => each(driver, all)) };
}

/** One driver's demand in each of `all` (the base year first): see computeDemand. */
export function computeDriverDemand(driver: DemandDriver, all: readonly FiscalYear[]): DriverDemand {
  const costs = unitCostsByYear(driver.unitCost, driver.uplift.value, all);
  const rows = usersByYear(driver, all).map((u) => {
    const uc = costs.get(u.year);
    if (!uc) throw new Error(`no unit cost for ${u.year}`);
    return { ...u, unitCost: uc.value, unitCostBasis: uc.basis, cost: u.users.times(uc.value) as Money };
  });
  const base = rows[0];
  if (!base) throw new Error('no base year');
  return {
    driver,
    years: rows.map((r) => ({
      ...r,
      level: r.cost.minus(base.cost) as Money,
      volume: r.users.minus(base.users).times(base.unitCost) as Money,
      price: r.users.times(r.unitCost.minus(base.unitCost)) as Money,
    })),
  };
}

/**
 * The level of a line built from the named drivers in each MTFS year, in the scenario's units: the
 * sum of the drivers' levels, ÷ 1,000 for £000 (exact).
 */
export function driverLineLevels(demand: Demand, names: readonly string[], units: Units): Map<FiscalYear, Money> {
  const parts = names.map((n) => {
    const d = demand.drivers.find((x) => x.driver.name === n);
    if (!d) throw new Error(`no driver ${n}`);
    return d;
  });
  return new Map(
    demand.years.map((y) => {
      let total = dec(0);
      for (const p of parts) total = total.plus(p.years.find((r) => r.year === y)?.level ?? fail(y));
      return [y, inUnits(total, units)];
    }),
  );
}

/** Pounds → the scenario's units, exactly. */
export const inUnits = (pounds: Dec, units: Units): Money => {
  const v = fromPounds(pounds, units);
  return (v.isZero() ? dec(0) : v) as Money;
};

function fail(y: FiscalYear): never {
  throw new Error(`no level for ${y}`);
}
