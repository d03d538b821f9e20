// What-ifs from the command line: `--set <driver>.<parameter>[.<year>]=<value>` (or an inflation
// driver's or index series' path) → the scenario with those parameters changed (the projection builds
// the lines from them), and a line's income drivers (`<ref>.income_uplift=…`,
// transform/income-what-if.ts): a transform.
// Pure. Values use the grammar of the scenario file; a bad path or value is a `usage` diagnostic
// (exit 2) with a "did you mean".

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { valueIn, type DemandDriver, type Parameter, type PerYear } from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { ZERO, toPlain, type Dec, type Money, type Rate } from '../model/money.js';

import { DRIVER_PARAMETERS, parseParameterValue } from '../load/driver-parameters.js';
import { FORM, parseParameterPath, yearsOf, type InflationSet } from '../load/parameter-path.js';
import { describeInflation, isInflationTarget, withInflationOverride } from './inflation-what-if.js';
import type { Scenario } from '../model/scenario.js';
import { applyFundingOverrides, isFundingPath } from './funding-what-if.js';
import { WHAT_IF, type SourceLabel } from './transform.js';
import type { Result } from '../diagnostics/result.js';
import { applyIncomeOverride, isLineOverride } from './income-what-if.js';
import { applySettlementOverrides, isSettlementPath } from './settlement-what-if.js';

export interface Override {
  /** As the user wrote it, e.g. `older_people.use_rate=4%`. */
  readonly text: string;
  readonly driver: string;
  readonly parameter: string;
  readonly year?: FiscalYear;
  readonly value: Dec;
  /** The changed figure's source, when not a command-line what-if (a variant's parameter). */
  readonly source?: string;
}

/**
 * Applies every `--set` to the scenario's drivers, in order, and rebuilds the lines they build.
 * Returns the scenario unchanged when there is nothing to set. Diagnostics: `usage` only.
 */
export function applyOverrides(scenario: Scenario, all: readonly string[], label: SourceLabel = WHAT_IF): Result<Scenario> {
  // `funding.…` paths change the settlement (settlement-what-if.ts)
  if (all.some(isSettlementPath)) {
    const settlement = applySettlementOverrides(scenario, all.filter(isSettlementPath), label);
    if (!settlement.value) return settlement;
    return applyOverrides(
      settlement.value,
      all.filter((t) => !isSettlementPath(t)),
      label,
    );
  }
  // council tax rules and reserves are set by their own paths (funding-what-if.ts)
  const funding = all.filter(isFundingPath);
  if (funding.length > 0) {
    const r = applyFundingOverrides(scenario, funding);
    if (!r.value) return r;
    const rest = applyOverrides(
      r.value,
      all.filter((t) => !isFundingPath(t)),
      label,
    );
    return { ...rest, diagnostics: [...r.diagnostics, ...rest.diagnostics] };
  }
  const texts = all;
  if (texts.length === 0) return { value: scenario, diagnostics: [] };
  const drivers = scenario.drivers ?? [];
  const diagnostics: Diagnostic[] = [];
  const overrides: Override[] = [];
  const seen = new Set<string>();
  const onLines: string[] = [];
  for (const text of texts) {
    if (isLineOverride(text, scenario)) {
      const path = text.slice(0, text.indexOf('=')).trim();
      if (seen.has(path)) diagnostics.push(error('usage', `--set ${text}: ${path} is set twice`, undefined, 'give each parameter once'));
      seen.add(path);
      onLines.push(text);
      continue;
    }
    const o = parseOverride(text, drivers, scenario.years, { items: scenario.inflation ?? [], series: scenario.indexSeries ?? [] });
    if (!o.ok) {
      diagnostics.push(error('usage', `--set ${text}: ${o.message}`, undefined, o.hint));
      continue;
    }
    const path = `${o.value.driver}.${o.value.parameter}${o.value.year ? `.${o.value.year}` : ''}`;
    if (seen.has(path)) {
      diagnostics.push(error('usage', `--set ${text}: ${path} is set twice`, undefined, 'give each parameter once'));
      continue;
    }
    seen.add(path);
    overrides.push(label === WHAT_IF ? o.value : { ...o.value, source: label(text) });
  }
  // a line's income drivers (`<ref>.income_uplift`, `<ref>.income_ends`)
  let changed = withParameters(scenario, overrides);
  const lineNotes: string[] = [];
  for (const text of onLines) {
    const r = applyIncomeOverride(changed, text);
    diagnostics.push(...r.diagnostics);
    if (r.value) changed = r.value;
    if (r.note) lineNotes.push(r.note);
  }
  if (diagnostics.length > 0) return { diagnostics };
  const whatIf = overrides.map(
    (o) =>
      `${o.text} (the scenario has ${
        isInflationTarget(o.driver)
          ? describeInflation(scenario, { ...o, target: o.driver })
          : describe(
              drivers.find((d) => d.name === o.driver),
              o,
            )
      })`,
  );
  return { value: { ...changed, whatIf: [...(scenario.whatIf ?? []), ...whatIf, ...lineNotes] }, diagnostics };
}

/**
 * The scenario with driver parameters replaced: a plain edit of what is written (the projection
 * builds the lines from the drivers). Used by `--set` and by assumption ranges on driver parameters.
 */
export function withParameters(scenario: Scenario, overrides: readonly Override[]): Scenario {
  if (overrides.length === 0) return scenario;
  let out = scenario;
  for (const o of overrides) {
    out = isInflationTarget(o.driver)
      ? withInflationOverride(out, { ...o, target: o.driver })
      : { ...out, drivers: (out.drivers ?? []).map((d) => (d.name === o.driver ? override(d, o, scenario.years) : d)) };
  }
  return out;
}

type Parsed = { ok: true; value: Override } | { ok: false; message: string; hint: string };

function parseOverride(text: string, drivers: readonly DemandDriver[], years: readonly FiscalYear[], inflation: InflationSet): Parsed {
  const eq = text.indexOf('=');
  if (eq < 0)
    return { ok: false, message: 'expected a path, `=` and a value', hint: `write ${FORM}, e.g. older_people.unit_cost_uplift=3%` };
  const path = parseParameterPath(text.slice(0, eq), drivers, years, inflation);
  if (!path.ok) return path;
  const v = parseParameterValue(path.spec.kind, text.slice(eq + 1));
  if (!v.ok) return { ok: false, message: v.message, hint: v.hint };
  return {
    ok: true,
    value: { text, driver: path.driver, parameter: path.spec.name, ...(path.year ? { year: path.year } : {}), value: v.value },
  };
}

/** A parameter with one year (or every year) replaced; marked as a what-if, not a sourced figure. */
function replaced<T extends Dec>(p: Parameter<T> | undefined, o: Override, needed: readonly FiscalYear[], absent: T): Parameter<T> {
  const value: PerYear<T> = o.year
    ? { byYear: new Map(needed.map((y) => [y, y === o.year ? (o.value as T) : p ? valueIn(p.value, y) : absent])) }
    : { every: o.value as T };
  const origin = p?.provenance.origin;
  return { value, provenance: { status: 'assumed', source: o.source ?? WHAT_IF(o.text), ...(origin ? { origin } : {}) } };
}

function override(d: DemandDriver, o: Override, years: readonly FiscalYear[]): DemandDriver {
  const spec = DRIVER_PARAMETERS[d.users.kind].find((s) => s.name === o.parameter);
  if (!spec) throw new Error(`unchecked parameter ${o.parameter}`);
  const needed = yearsOf(d, spec, years);
  const u = d.users;
  const zero = ZERO as Dec as Rate; // no extra growth in the years an override does not name
  switch (o.parameter) {
    case 'unit_cost':
      return {
        ...d,
        unitCost: {
          ...d.unitCost,
          amount: o.value as Money,
          provenance: { ...d.unitCost.provenance, status: 'assumed', source: o.source ?? WHAT_IF(o.text) },
        },
      };
    case 'unit_cost_uplift':
      return { ...d, uplift: replaced(d.uplift, o, needed, zero) };
    case 'use_rate':
      return u.kind === 'population' ? { ...d, users: { ...u, useRate: replaced(u.useRate, o, needed, zero) } } : d;
    case 'extra_population_growth':
      return u.kind === 'population' ? { ...d, users: { ...u, extraGrowth: replaced(u.extraGrowth, o, needed, zero) } } : d;
    case 'users':
      return u.kind === 'given' ? { ...d, users: { ...u, users: replaced(u.users, o, needed, zero) } } : d;
    case 'arrivals':
      return u.kind === 'cohort' ? { ...d, users: { ...u, arrivals: replaced(u.arrivals, o, needed, zero) } } : d;
    case 'part_year':
      return u.kind === 'cohort'
        ? {
            ...d,
            users: {
              ...u,
              partYear: {
                value: o.value as Rate,
                provenance: { ...u.partYear.provenance, status: 'assumed', source: o.source ?? WHAT_IF(o.text) },
              },
            },
          }
        : d;
    default:
      throw new Error(`unhandled parameter ${o.parameter}`);
  }
}

/** What the scenario itself says for the parameter an override changes. */
function describe(d: DemandDriver | undefined, o: Override): string {
  if (!d) return 'nothing';
  const one = (p: PerYear<Dec> | undefined): string => {
    if (!p) return 'none';
    if (o.year) return toPlain(valueIn(p, o.year));
    return 'every' in p ? toPlain(p.every) : 'a value per year';
  };
  const u = d.users;
  switch (o.parameter) {
    case 'unit_cost':
      return `£${toPlain(d.unitCost.amount)} per ${d.unitCost.per}`;
    case 'unit_cost_uplift':
      return one(d.uplift.value);
    case 'use_rate':
      return u.kind === 'population' ? one(u.useRate.value) : 'none';
    case 'extra_population_growth':
      return u.kind === 'population' ? one(u.extraGrowth?.value) : 'none';
    case 'users':
      return u.kind === 'given' ? one(u.users.value) : 'none';
    case 'arrivals':
      return u.kind === 'cohort' ? one(u.arrivals.value) : 'none';
    case 'part_year':
      return u.kind === 'cohort' ? toPlain(u.partYear.value) : 'none';
    default:
      return 'none';
  }
}
