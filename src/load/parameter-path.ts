// Reading a parameter path against a scenario's drivers: a demand driver's `<driver>.<parameter>[.<year>]`,
// an inflation driver's `inflation.<name>.<parameter>[.<year>]` or an index series' annual change
// `index.<series>[.<year>]`. Used by assumption ranges (when loading) and by `--set` what-ifs. Pure.

import { baseYearOf, upliftYearsNeeded, type DemandDriver } from '../model/demand.js';
import { parseFiscalYear, previousYear, type FiscalYear } from '../model/fiscal-year.js';
import { seriesYears, type IndexSeries, type InflationItem } from '../model/inflation.js';
import { closest } from '../schema/diagnose.js';
import { DRIVER_PARAMETERS, KIND_NAMES, type ParameterSpec } from './driver-parameters.js';

/** How a parameter path is written, for hints. */
export const FORM =
  '<driver>.<parameter>=<value>, or <driver>.<parameter>.<year>=<value> for one year (inflation.<name>.<parameter> and index.<series> for inflation)';

/** The inflation drivers and index series a path may name. */
export interface InflationSet {
  readonly items: readonly InflationItem[];
  readonly series: readonly IndexSeries[];
}

/** The parameters of an inflation driver that `--set` and ranges can change. */
export const INFLATION_PARAMETERS: readonly (ParameterSpec & { readonly payOnly?: boolean; readonly indexOnly?: boolean })[] = [
  { name: 'base', kind: 'amount', perYear: false },
  { name: 'rate', kind: 'change', perYear: true },
  { name: 'pass_through', kind: 'share', perYear: false, indexOnly: true },
  { name: 'on_costs', kind: 'share', perYear: true, payOnly: true },
  { name: 'pension', kind: 'share', perYear: true, payOnly: true },
];

/** An index series' annual change: the one parameter of `index.<series>`. */
export const INDEX_CHANGE: ParameterSpec = { name: 'change', kind: 'change', perYear: true };

export type ParsedPath =
  | { readonly ok: true; readonly driver: string; readonly spec: ParameterSpec; readonly year?: FiscalYear }
  | { readonly ok: false; readonly message: string; readonly hint: string };

/** Reads `<driver>.<parameter>[.<year>]` against the scenario's drivers, with "did you mean" hints. */
export function parseParameterPath(
  pathText: string,
  drivers: readonly DemandDriver[],
  years: readonly FiscalYear[],
  inflation: InflationSet = { items: [], series: [] },
): ParsedPath {
  const parts = pathText.trim().split('.');
  const text = pathText.trim();
  const [name = '', parameter = '', yearText, ...rest] = parts;
  if ((name === 'inflation' || name === 'index') && !drivers.some((d) => d.name === name)) {
    return name === 'inflation' ? inflationPath(parts.slice(1), text, inflation, years) : indexPath(parts.slice(1), text, inflation, years);
  }
  if (parts.length < 2 || rest.length > 0 || name === '' || parameter === '') {
    return { ok: false, message: `\`${text}\` is not a parameter path`, hint: `write ${FORM}` };
  }
  if (drivers.length === 0)
    return {
      ok: false,
      message: 'this scenario has no demand drivers',
      hint: 'add a `drivers:` section (see the README, "Demand drivers")',
    };
  const driver = drivers.find((d) => d.name === name);
  if (!driver) {
    const names = drivers.map((d) => d.name);
    const guess = closest(name, names);
    return {
      ok: false,
      message: `no driver \`${name}\``,
      hint: guess ? `did you mean \`${guess}\`?` : `the drivers are: ${names.join(', ')}`,
    };
  }
  const kind = driver.users.kind;
  const specs = DRIVER_PARAMETERS[kind];
  const spec = specs.find((s) => s.name === parameter);
  const list = `its parameters are: ${specs.map((s) => s.name).join(', ')}`;
  if (!spec) {
    const elsewhere = Object.values(DRIVER_PARAMETERS).some((ss) => ss.some((s) => s.name === parameter));
    const guess = closest(
      parameter,
      specs.map((s) => s.name),
    );
    return {
      ok: false,
      message: elsewhere ? `${name} is ${KIND_NAMES[kind]}: it has no \`${parameter}\`` : `${name} has no parameter \`${parameter}\``,
      hint: guess ? `did you mean \`${guess}\`? (${list})` : list,
    };
  }
  let year: FiscalYear | undefined;
  if (yearText !== undefined) {
    if (!spec.perYear)
      return { ok: false, message: `${parameter} is one value for every year`, hint: `write ${name}.${parameter}=<value>` };
    const y = parseFiscalYear(yearText);
    if (!y.ok) return { ok: false, message: y.message, hint: y.hint };
    const needed = yearsOf(driver, spec, years);
    if (!needed.includes(y.year)) {
      return {
        ok: false,
        message: `${name}.${parameter} has no year ${y.year}`,
        hint: `its years are ${needed[0]} to ${needed[needed.length - 1]}`,
      };
    }
    year = y.year;
  }
  return { ok: true, driver: name, spec, ...(year ? { year } : {}) };
}

/** The years a per-year parameter covers. */
export function yearsOf(d: DemandDriver, spec: ParameterSpec, years: readonly FiscalYear[]): FiscalYear[] {
  const base = baseYearOf(years);
  switch (spec.name) {
    case 'use_rate':
    case 'users':
      return [base, ...years];
    case 'unit_cost_uplift':
      return upliftYearsNeeded(d.unitCost.priceYear, base, years[years.length - 1] ?? base);
    default:
      return [...years];
  }
}

/** A name the scenario does not have under `<prefix>.`: a guess at the nearest, or the names there are. */
function unknownName(
  name: string,
  names: readonly string[],
  prefix: string,
  words: { readonly what: string; readonly none: string; readonly list: string; readonly add: string },
): ParsedPath {
  const guess = closest(name, names);
  return {
    ok: false,
    message: names.length ? `no ${words.what} \`${name}\`` : words.none,
    hint: guess ? `did you mean \`${prefix}.${guess}\`?` : names.length ? `${words.list}: ${names.join(', ')}` : words.add,
  };
}

/** `inflation.<name>.<parameter>[.<year>]`, split after `inflation`. */
function inflationPath(parts: readonly string[], text: string, inflation: InflationSet, years: readonly FiscalYear[]): ParsedPath {
  const [name = '', parameter = '', yearText, ...rest] = parts;
  if (name === '' || parameter === '' || rest.length > 0)
    return {
      ok: false,
      message: `\`${text}\` is not a parameter path`,
      hint: 'write inflation.<name>.<parameter>=<value>, e.g. inflation.care_fees.rate=3%',
    };
  const names = inflation.items.map((i) => i.name);
  const item = inflation.items.find((i) => i.name === name);
  if (!item)
    return unknownName(name, names, 'inflation', {
      what: 'inflation driver',
      none: 'this scenario has no inflation drivers',
      list: 'the inflation drivers are',
      add: 'add an `inflation:` section (see docs/inflation.md)',
    });
  const specs = INFLATION_PARAMETERS.filter((s) => (!s.payOnly || item.kind === 'pay') && (!s.indexOnly || item.rate.kind === 'index'));
  const spec = specs.find((s) => s.name === parameter);
  const list = `its parameters are: ${specs.map((s) => s.name).join(', ')}`;
  if (!spec) {
    const guess = closest(
      parameter,
      specs.map((s) => s.name),
    );
    return {
      ok: false,
      message: `inflation driver ${name} (${item.kind}) has no parameter \`${parameter}\``,
      hint: guess ? `did you mean \`${guess}\`? (${list})` : list,
    };
  }
  const path = `inflation.${name}`;
  const y = pathYear(yearText, spec, path, inflationYears(spec, years));
  return y.ok ? { ok: true, driver: path, spec, ...(y.year ? { year: y.year } : {}) } : y;
}

/** `index.<series>[.<year>]`, split after `index`: the series' annual change. */
function indexPath(parts: readonly string[], text: string, inflation: InflationSet, years: readonly FiscalYear[]): ParsedPath {
  const [name = '', yearText, ...rest] = parts;
  if (name === '' || rest.length > 0)
    return {
      ok: false,
      message: `\`${text}\` is not a parameter path`,
      hint: 'write index.<series>=<annual change>, or index.<series>.<year>=<annual change>',
    };
  const names = inflation.series.map((s) => s.name);
  const series = inflation.series.find((s) => s.name === name);
  if (!series)
    return unknownName(name, names, 'index', {
      what: 'index series',
      none: 'this scenario declares no index series',
      list: 'the series are',
      add: 'add an `index_series:` section (see docs/inflation.md)',
    });
  const path = `index.${name}`;
  const needed = seriesYears('rate', years).filter((y) =>
    series.form === 'rate' ? series.points.has(y) : series.points.has(y) && series.points.has(previousYear(y)),
  );
  const y = pathYear(yearText, INDEX_CHANGE, path, needed);
  return y.ok ? { ok: true, driver: path, spec: INDEX_CHANGE, ...(y.year ? { year: y.year } : {}) } : y;
}

function pathYear(
  yearText: string | undefined,
  spec: ParameterSpec,
  path: string,
  needed: readonly FiscalYear[],
): { ok: true; year?: FiscalYear } | { ok: false; message: string; hint: string } {
  if (yearText === undefined) return { ok: true };
  if (!spec.perYear) return { ok: false, message: `${spec.name} is one value for every year`, hint: `write ${path}.${spec.name}=<value>` };
  const y = parseFiscalYear(yearText);
  if (!y.ok) return { ok: false, message: y.message, hint: y.hint };
  if (!needed.includes(y.year))
    return {
      ok: false,
      message: `${path}${spec === INDEX_CHANGE ? '' : `.${spec.name}`} has no year ${y.year}`,
      hint: needed.length ? `its years are ${needed[0]} to ${needed[needed.length - 1]}` : 'it has no years in this MTFS',
    };
  return { ok: true, year: y.year };
}

/** The years an inflation driver's per-year parameter covers. */
export function inflationYears(spec: ParameterSpec, years: readonly FiscalYear[]): FiscalYear[] {
  return spec.name === 'on_costs' || spec.name === 'pension' ? [baseYearOf(years), ...years] : [...years];
}
