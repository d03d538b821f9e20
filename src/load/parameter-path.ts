// Reading a demand driver parameter path, `<driver>.<parameter>[.<year>]`, against a scenario's
// drivers: used by assumption ranges (when loading) and by `--set` what-ifs (transform/). Pure.

import { baseYearOf, upliftYearsNeeded, type DemandDriver } from '../model/demand.js';
import { parseFiscalYear, type FiscalYear } from '../model/fiscal-year.js';
import { closest } from '../schema/diagnose.js';
import { DRIVER_PARAMETERS, KIND_NAMES, type ParameterSpec } from './driver-parameters.js';

/** How a parameter path is written, for hints. */
export const FORM = '<driver>.<parameter>=<value>, or <driver>.<parameter>.<year>=<value> for one year';

export type ParsedPath =
  | { readonly ok: true; readonly driver: string; readonly spec: ParameterSpec; readonly year?: FiscalYear }
  | { readonly ok: false; readonly message: string; readonly hint: string };

/** Reads `<driver>.<parameter>[.<year>]` against the scenario's drivers, with "did you mean" hints. */
export function parseParameterPath(pathText: string, drivers: readonly DemandDriver[], years: readonly FiscalYear[]): ParsedPath {
  const parts = pathText.trim().split('.');
  const text = pathText.trim();
  const [name = '', parameter = '', yearText, ...rest] = parts;
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
