// Demand drivers: the `drivers:` section of a scenario → DemandDriver values, in two steps. Reading
// (schema, form, ranges, population files) needs no MTFS years; resolving checks that every year the
// MTFS needs is covered (population, rates, arrivals, uplifts) and fills the population series.
// Every problem is a located diagnostic; all of them are collected before stopping.

import type { z } from 'zod/mini';
import { append, error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import {
  baseYearOf,
  upliftYearsNeeded,
  WEEKS_IN_A_YEAR_AT_MOST,
  type DemandDriver,
  type DriverUsers,
  type Parameter,
  type ParameterStatus,
  type PerYear,
  type Provenance,
} from '../model/demand.js';
import { parseFiscalYear, startOf, type FiscalYear } from '../model/fiscal-year.js';
import type { Dec, Money, Rate } from '../model/money.js';
import type { BudgetLine, Scenario } from '../model/scenario.js';
import { fillSeries, type SeriesGap, type SeriesMethod, type SeriesExtend } from '../model/series.js';
import { closest, validate } from '../schema/diagnose.js';
import { driverNameSchema, driverSchema, type WrittenDriver, type WrittenPerYear } from '../schema/drivers.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { parseParameterValue, type ValueKind } from './driver-parameters.js';
import { findBand, populationTable, type PopulationBand, type PopulationTable } from './population-table.js';
import { csvOf, sourceFile, textOf, type SourceSet } from './read-source.js';
import { relativeTo } from './reader.js';

interface DriverEntry {
  readonly name: string;
  readonly written: WrittenDriver;
  readonly base: Path;
  /** Population drivers: the band found in the file, and the file as mtfs read it. */
  readonly population?: { readonly band: PopulationBand; readonly file: string };
}

export interface ReadDrivers {
  readonly doc: RawDocument;
  readonly entries: readonly DriverEntry[];
  /** Every name under `drivers:`, valid or not: a line naming one of them is not an unknown driver. */
  readonly declared: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Validates each driver on its own and reads the population files they name (each once; added to
 * `sources` and `inputs`). Diagnostics: the schema's, driver-form, rate-range, negative-count,
 * invalid-value, unit-cost-year, unknown-band, and the population file's own.
 */
export function readDrivers(doc: RawDocument, scenarioFile: string, set: SourceSet, inputs: string[]): ReadDrivers {
  const diagnostics: Diagnostic[] = [];
  const raw = (doc.tree as { drivers?: unknown }).drivers;
  if (raw === undefined) return { doc, entries: [], declared: [], diagnostics };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push(
      error(
        'invalid-value',
        '`drivers` is a mapping of driver names to drivers',
        doc.locator.value(['drivers']),
        'write each driver as `name:` with its fields indented below',
      ),
    );
    return { doc, entries: [], declared: [], diagnostics };
  }
  const tables = new Map<string, PopulationTable | undefined>();
  const entries: DriverEntry[] = [];
  const declared = Object.keys(raw);
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const base: Path = ['drivers', name];
    const nameOk = driverNameSchema().safeParse(name);
    if (!nameOk.success) {
      diagnostics.push(
        error('invalid-value', nameOk.error.issues[0]?.message ?? 'bad driver name', doc.locator.key(base), 'rename the driver'),
      );
      continue;
    }
    const v = validate(driverSchema(), value, doc, base);
    append(diagnostics, v.diagnostics);
    // check every field that is valid on its own, so one bad field hides nothing else
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const fields = v.data ?? validFields(value);
    const problems = checkDriver(name, fields, new Set(Object.keys(value)), doc, base);
    append(diagnostics, problems);
    let population: DriverEntry['population'];
    const ref = fields.population;
    if (ref) {
      const file = relativeTo(scenarioFile, ref.file);
      if (!tables.has(file)) {
        inputs.push(file);
        const table = readPopulationFile(file, doc.locator.value([...base, 'population', 'file']), set);
        append(diagnostics, table.diagnostics);
        tables.set(file, table.value);
      }
      const table = tables.get(file);
      if (!table) continue;
      const found = findBand(table, ref.area, ref.band);
      if (!found.ok) {
        const where = found.message.includes('no rows for area') ? 'area' : 'band';
        diagnostics.push(error('unknown-band', found.message, doc.locator.value([...base, 'population', where]), found.hint));
        continue;
      }
      population = { band: found.band, file };
    }
    if (v.data && problems.length === 0) entries.push({ name, written: v.data, base, ...(population ? { population } : {}) });
  }
  return { doc, entries, declared, diagnostics };
}

/** The fields of a driver that are valid on their own (their diagnostics come from validating the whole). */
function validFields(value: object): Partial<WrittenDriver> {
  const shape = driverSchema().shape;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // own keys only: a driver key such as `hasOwnProperty` must not find Object.prototype's
    const schema = Object.hasOwn(shape, k) ? (shape as Record<string, z.ZodMiniType>)[k] : undefined;
    const r = schema?.safeParse(v);
    if (r?.success) out[k] = r.data;
  }
  return out as Partial<WrittenDriver>;
}

function readPopulationFile(file: string, at: Location, set: SourceSet): Result<PopulationTable> {
  const f = sourceFile(set, file);
  const src = textOf(f, file, at);
  if (src.text === undefined) return { diagnostics: src.diagnostics };
  const csv = csvOf(f, file, src.text);
  const diagnostics = [...src.diagnostics, ...csv.diagnostics];
  if (!csv.table) return { diagnostics };
  const t = populationTable(csv.table);
  append(diagnostics, t.diagnostics);
  return t.diagnostics.length > 0 || !t.table ? { diagnostics } : { value: t.table, diagnostics };
}

/** Per-year parameters of a driver, with the kind of value each takes. */
const PER_YEAR: readonly { key: 'use_rate' | 'extra_population_growth' | 'users' | 'unit_cost_uplift'; kind: ValueKind }[] = [
  { key: 'use_rate', kind: 'share' },
  { key: 'extra_population_growth', kind: 'change' },
  { key: 'users', kind: 'count' },
  { key: 'unit_cost_uplift', kind: 'change' },
];

/**
 * The rules of a driver that zod cannot express: one source of users, value or values, ranges, a
 * price year. `w` holds the fields that are valid; `written` names every field written.
 */
function checkDriver(name: string, w: Partial<WrittenDriver>, written: ReadonlySet<string>, doc: RawDocument, base: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value([...base, ...p]);
  const key = (p: Path): Location => doc.locator.key([...base, ...p]);
  const forms = (['population', 'users', 'cohort'] as const).filter((k) => written.has(k));
  if (forms.length === 0) {
    out.push(
      error(
        'driver-form',
        `driver ${name} does not say where its users come from`,
        key([]),
        'give `population` with `use_rate`, or `users` (given directly), or `cohort`',
      ),
    );
  } else if (forms.length > 1) {
    out.push(
      error(
        'driver-form',
        `driver ${name} gives both \`${forms[0]}\` and \`${forms[1]}\``,
        key([forms[1] ?? '']),
        'a driver takes its users from one of population (with use_rate), users or cohort',
      ),
    );
  }
  if (written.has('population') && !written.has('use_rate')) {
    out.push(
      error(
        'driver-form',
        `driver ${name} has a population but no \`use_rate\``,
        key(['population']),
        'add `use_rate:` (users per head of the band) with its value, status and source',
      ),
    );
  }
  for (const k of ['use_rate', 'extra_population_growth'] as const) {
    if (written.has(k) && !written.has('population'))
      out.push(
        error('driver-form', `\`${k}\` applies to a population, and driver ${name} has none`, key([k]), 'add `population:` or remove it'),
      );
  }
  for (const { key: k, kind } of PER_YEAR) {
    const p = w[k] as WrittenPerYear | undefined;
    if (!p) continue;
    if ((p.value === undefined) === (p.values === undefined)) {
      out.push(
        error(
          'driver-form',
          `${name}.${k} needs ${p.value === undefined ? 'a `value` or `values`' : 'either `value` or `values`, not both'}`,
          key([k]),
          '`value:` applies to every year; `values:` gives one per year, e.g. {2018/19: 2%}',
        ),
      );
      continue;
    }
    if (p.value !== undefined) out.push(...rangeCheck(`${name}.${k}`, kind, p.value, at([k, 'value'])));
    for (const [y, text] of Object.entries(p.values ?? {})) out.push(...rangeCheck(`${name}.${k} ${y}`, kind, text, at([k, 'values', y])));
  }
  if (w.cohort) {
    const a = w.cohort.arrivals as WrittenPerYear;
    if ((a.value === undefined) === (a.values === undefined)) {
      out.push(
        error(
          'driver-form',
          `${name}.arrivals needs either \`value\` or \`values\``,
          key(['cohort', 'arrivals']),
          '`value:` applies to every year; `values:` gives one per year',
        ),
      );
    }
    if (a.value !== undefined) out.push(...rangeCheck(`${name}.arrivals`, 'count', a.value, at(['cohort', 'arrivals', 'value'])));
    for (const [y, text] of Object.entries(a.values ?? {}))
      out.push(...rangeCheck(`${name}.arrivals ${y}`, 'count', text, at(['cohort', 'arrivals', 'values', y])));
    out.push(...rangeCheck(`${name}.part_year`, 'share', w.cohort.part_year.value, at(['cohort', 'part_year', 'value'])));
  }
  if (!w.unit_cost) return out;
  out.push(...rangeCheck(`${name}.unit_cost`, 'pounds', w.unit_cost.amount, at(['unit_cost', 'amount'])));
  if (w.unit_cost.year === undefined) {
    out.push(
      error(
        'unit-cost-year',
        `the unit cost of ${name} does not say which year's prices it is in`,
        key(['unit_cost']),
        'add `year:`, e.g. `year: 2017/18` for a cost at 2017/18 prices; the uplift carries it to the other years',
      ),
    );
  }
  out.push(...weeksPerYearCheck(name, w.unit_cost, key, at));
  return out;
}

/** A weekly unit cost states the weeks it is annualised over; a yearly one does not. */
function weeksPerYearCheck(
  name: string,
  u: WrittenDriver['unit_cost'],
  key: (path: Path) => Location,
  at: (path: Path) => Location,
): Diagnostic[] {
  if (u.per === 'year') {
    if (u.weeks_per_year === undefined) return [];
    return [
      error(
        'unit-cost-weeks',
        `the unit cost of ${name} is a year's cost, so \`weeks_per_year\` does not apply`,
        key(['unit_cost', 'weeks_per_year']),
        'remove `weeks_per_year:`, or write the weekly cost with `per: week`',
      ),
    ];
  }
  if (u.weeks_per_year === undefined) {
    return [
      error(
        'unit-cost-weeks',
        `the unit cost of ${name} is weekly but does not say how many weeks make a year`,
        key(['unit_cost']),
        'add `weeks_per_year:`, e.g. 52 or 52.14 (365/7 to two places), and say in the source which the council uses',
      ),
    ];
  }
  const r = parseParameterValue('pounds', u.weeks_per_year);
  if (!r.ok) return [error(r.code, `${name}.unit_cost.weeks_per_year: ${r.message}`, at(['unit_cost', 'weeks_per_year']), r.hint)];
  const weeks = parsed('pounds', u.weeks_per_year);
  if (weeks.lte(0) || weeks.gt(WEEKS_IN_A_YEAR_AT_MOST)) {
    return [
      error(
        'unit-cost-weeks',
        `${name}.unit_cost.weeks_per_year is ${u.weeks_per_year}: a year has more than 0 and at most ${WEEKS_IN_A_YEAR_AT_MOST} weeks`,
        at(['unit_cost', 'weeks_per_year']),
        'write the weeks the cost is paid for in a year, e.g. 52 or 52.14',
      ),
    ];
  }
  return [];
}

function rangeCheck(what: string, kind: ValueKind, text: string, at: Location): Diagnostic[] {
  const r = parseParameterValue(kind, text);
  return r.ok ? [] : [error(r.code, `${what}: ${r.message}`, at, r.hint)];
}

/**
 * Checks that every year the MTFS needs (the base year, the year before `years`, and each of
 * `years`) is covered, fills the population series, and returns the drivers ready to compute.
 * Diagnostics: driver-year-missing, year-outside-period, invalid-value (compound growth from nil).
 */
export function resolveDrivers(r: ReadDrivers, years: readonly FiscalYear[]): { drivers: DemandDriver[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const drivers: DemandDriver[] = [];
  const baseYear = baseYearOf(years);
  const all = [baseYear, ...years];
  for (const e of r.entries) {
    const d = resolveDriver(e, r.doc, all);
    append(diagnostics, d.diagnostics);
    if (d.value && d.diagnostics.length === 0) drivers.push(d.value);
  }
  return { drivers, diagnostics };
}

function resolveDriver(e: DriverEntry, doc: RawDocument, all: readonly FiscalYear[]): Result<DemandDriver> {
  const diagnostics: Diagnostic[] = [];
  const w = e.written;
  const at = (p: Path): Location => doc.locator.value([...e.base, ...p]);
  const key = (p: Path): Location => doc.locator.key([...e.base, ...p]);
  const prov = (p: Path, x: { status: string; source: string; note?: string | undefined }): Provenance => ({
    status: x.status as ParameterStatus,
    source: x.source,
    ...(x.note ? { note: x.note } : {}),
    origin: at(p),
  });
  const [baseYear] = all;
  const mtfs = all.slice(1);
  const param = <T extends Dec>(p: Path, x: WrittenPerYear, kind: ValueKind, needed: readonly FiscalYear[]): Parameter<T> | undefined => {
    const r = perYearValue<T>(`${e.name}.${String(p[p.length - 1])}`, x, kind, needed, (q) => key([...p, ...q]));
    append(diagnostics, r.diagnostics);
    return r.value && { value: r.value, provenance: prov(p, x) };
  };

  let users: DriverUsers | undefined;
  if (w.population && w.use_rate && e.population) {
    const series = populationSeries(e, at, all);
    append(diagnostics, series.diagnostics);
    const population = series.value;
    const useRate = param<Rate>(['use_rate'], w.use_rate as WrittenPerYear, 'share', all);
    const extra = w.extra_population_growth
      ? param<Rate>(['extra_population_growth'], w.extra_population_growth as WrittenPerYear, 'change', mtfs)
      : undefined;
    if (population && useRate && (!w.extra_population_growth || extra)) {
      users = { kind: 'population', population, useRate, ...(extra ? { extraGrowth: extra } : {}) };
    }
  } else if (w.users) {
    const given = param<Dec>(['users'], w.users as WrittenPerYear, 'count', all);
    if (given) users = { kind: 'given', users: given };
  } else if (w.cohort) {
    const arrivals = param<Dec>(['cohort', 'arrivals'], w.cohort.arrivals as WrittenPerYear, 'count', mtfs);
    const partYear = parsed('share', w.cohort.part_year.value) as Rate;
    if (arrivals)
      users = { kind: 'cohort', arrivals, partYear: { value: partYear, provenance: prov(['cohort', 'part_year'], w.cohort.part_year) } };
  }

  const priceYear = year(w.unit_cost.year ?? '');
  const last = all[all.length - 1];
  if (!baseYear || !last) return { diagnostics };
  const uplift = param<Rate>(
    ['unit_cost_uplift'],
    w.unit_cost_uplift as WrittenPerYear,
    'change',
    upliftYearsNeeded(priceYear, baseYear, last),
  );
  if (!users || !uplift) return { diagnostics };
  const driver: DemandDriver = {
    name: e.name,
    description: w.description,
    users,
    unitCost: {
      amount: parsed('pounds', w.unit_cost.amount) as Money,
      ...(w.unit_cost.per === 'week'
        ? { per: 'week' as const, weeksPerYear: parsed('pounds', w.unit_cost.weeks_per_year ?? '') }
        : { per: 'year' as const }),
      priceYear,
      provenance: prov(['unit_cost'], w.unit_cost),
    },
    uplift,
    origin: key([]),
  };
  return { value: driver, diagnostics };
}

/** A per-year parameter: every needed year present, no year that is not needed (demand and inflation drivers). Diagnostics: year-outside-period, driver-year-missing. */
export function perYearValue<T extends Dec>(
  what: string,
  x: WrittenPerYear,
  kind: ValueKind,
  needed: readonly FiscalYear[],
  key: (p: Path) => Location,
): Result<PerYear<T>> {
  const diagnostics: Diagnostic[] = [];
  if (x.value !== undefined) return { value: { every: parsed(kind, x.value) as T }, diagnostics };
  const byYear = new Map<FiscalYear, T>();
  let ok = true;
  for (const [text, v] of Object.entries(x.values ?? {})) {
    const y = year(text);
    if (!needed.includes(y)) {
      diagnostics.push(
        error('year-outside-period', `${what} gives ${y}, which is not needed`, key(['values', text]), `give ${describeYears(needed)}`),
      );
      ok = false;
      continue;
    }
    byYear.set(y, parsed(kind, v) as T);
  }
  const missing = needed.filter((y) => !byYear.has(y));
  if (missing.length > 0) {
    diagnostics.push(
      error(
        'driver-year-missing',
        `${what} has no value for ${missing.join(', ')}`,
        key(['values']),
        `give ${describeYears(needed)}, or one \`value\` for every year`,
      ),
    );
    ok = false;
  }
  return ok ? { value: { byYear }, diagnostics } : { diagnostics };
}

const describeYears = (ys: readonly FiscalYear[]): string =>
  ys.length === 1 ? `a value for ${ys[0]}` : `a value for each year from ${ys[0]} to ${ys[ys.length - 1]}`;

/** The population of the band in the base year and every MTFS year: mid-year Y for the year starting in April Y. */
function populationSeries(
  e: DriverEntry,
  at: (p: Path) => Location,
  all: readonly FiscalYear[],
): Result<(DriverUsers & { kind: 'population' })['population']> {
  const ref = e.written.population;
  const found = e.population;
  if (!ref || !found) return { diagnostics: [] };
  const points = [...found.band.points.entries()].map(([y, c]) => ({ year: y, value: c.value }));
  const method = ref.method as SeriesMethod | undefined;
  const extend = ref.extend as SeriesExtend | undefined;
  const filled = fillSeries(points, all.map(startOf), method, extend);
  const label = `population ${found.band.band} (${found.band.area})`;
  const published = points.map((p) => p.year).sort((a, b) => a - b);
  const byReason = new Map<SeriesGap['reason'], number[]>();
  for (const g of filled.gaps) byReason.set(g.reason, [...(byReason.get(g.reason) ?? []), g.year]);
  const diagnostics = [...byReason].map(([reason, ys]) => populationGap(label, reason, ys, published, all, at));
  if (filled.gaps.length > 0) return { diagnostics };
  const values = new Map(all.map((y) => [y, filled.values.get(startOf(y)) ?? missingValue(y)]));
  return {
    diagnostics,
    value: {
      file: found.file,
      area: found.band.area,
      band: found.band.band,
      ...(method ? { method } : {}),
      ...(extend ? { extend } : {}),
      source: ref.source,
      origin: at(['population']),
      points,
      values,
    },
  };
}

function populationGap(
  label: string,
  reason: SeriesGap['reason'],
  ys: readonly number[],
  published: readonly number[],
  all: readonly FiscalYear[],
  at: (p: Path) => Location,
): Diagnostic {
  const mids = ys.map((y) => `mid-${y}`).join(', ');
  const needed = ys.map((y) => all.find((fy) => startOf(fy) === y) ?? '').join(', ');
  const where = `the file gives ${published.length ? published.join(', ') : 'no figures'}`;
  switch (reason) {
    case 'needs-method':
      return error(
        'driver-year-missing',
        `${label} has no figure for ${mids} (needed for ${needed}), between published years, and names no method`,
        at(['population', 'band']),
        'add `method: compound` (constant growth between the published points), `linear` or `hold`',
      );
    case 'outside':
      return error(
        'driver-year-missing',
        `${label} has no figure for ${mids} (needed for ${needed}): ${where}`,
        at(['population', 'band']),
        'add those mid-years to the file, or `extend: trend` (continue the growth of the nearest two points) or `extend: hold` — an estimate either way',
      );
    case 'trend-needs-two-points':
      return error(
        'driver-year-missing',
        `${label}: \`extend: trend\` needs two published points; ${where}`,
        at(['population', 'extend']),
        'add a second mid-year to the file, or use `extend: hold`',
      );
    case 'compound-needs-positive':
      return error(
        'invalid-value',
        `${label}: compound growth to ${mids} needs positive populations at both ends; ${where}`,
        at(['population', 'method']),
        'use `method: linear` or `hold`, or check the figures',
      );
  }
}

/** What a driver-built line is checked against: the drivers declared, and which line each builds. */
export interface DemandContext {
  /** True when every driver resolved, so the lines they build can be projected. */
  readonly complete: boolean;
  readonly declared: readonly string[];
  /** Which line each driver builds (filled in as lines are normalised). */
  readonly usedBy: Map<string, string>;
}

/** The context lines are normalised in: whether the drivers all resolved, and their names. */
export function demandContext(
  r: ReadDrivers,
  drivers: readonly DemandDriver[] | undefined,
  years: readonly FiscalYear[] | undefined,
): DemandContext {
  const complete = drivers !== undefined && drivers.length === r.entries.length && r.diagnostics.length === 0 && years !== undefined;
  return { complete, declared: r.declared, usedBy: new Map() };
}

/** The context for lines added by a variant: the base's drivers, and which of `lines` use them. */
export function demandContextOf(s: Scenario, lines: Iterable<BudgetLine>): DemandContext {
  const drivers = s.drivers ?? [];
  const usedBy = new Map<string, string>();
  for (const l of lines) for (const d of l.drivers ?? []) usedBy.set(d, l.ref);
  return { complete: drivers.length > 0, declared: drivers.map((d) => d.name), usedBy };
}

/**
 * Checks the drivers line `ref` names: true when the projection can build it from them.
 * Diagnostics: unknown-driver (a name not under `drivers:`), line-driver (a driver named twice,
 * or already building another line).
 */
export function checkLineDrivers(ctx: DemandContext, ref: string, names: readonly string[], at: Location): Result<true> {
  const diagnostics: Diagnostic[] = [];
  let ok = true;
  names.forEach((n, i) => {
    if (!ctx.declared.includes(n)) {
      const guess = closest(n, ctx.declared);
      diagnostics.push(
        error(
          'unknown-driver',
          `line ${ref} names driver \`${n}\`, which is not under \`drivers:\``,
          at,
          guess
            ? `did you mean \`${guess}\`?`
            : ctx.declared.length
              ? `the drivers are: ${ctx.declared.join(', ')}`
              : 'declare it under `drivers:` (see the README, "Demand drivers")',
        ),
      );
      ok = false;
    } else if (names.indexOf(n) !== i) {
      diagnostics.push(error('line-driver', `line ${ref} names driver ${n} twice`, at, 'name each driver once'));
      ok = false;
    } else if (ctx.usedBy.has(n)) {
      diagnostics.push(
        error(
          'line-driver',
          `driver ${n} already builds line ${ctx.usedBy.get(n) ?? ''}; line ${ref} would count its cost twice`,
          at,
          'give each driver to one line',
        ),
      );
      ok = false;
    } else {
      ctx.usedBy.set(n, ref);
    }
  });
  return ok && ctx.complete ? { value: true, diagnostics } : { diagnostics };
}

/** A year that passed the schema. */
function year(text: string): FiscalYear {
  const r = parseFiscalYear(text);
  if (!r.ok) throw new Error(`unvalidated year ${text}`);
  return r.year;
}

/** A value that passed the schema and `checkDriver`, as a decimal (rates as fractions). */
function parsed(kind: ValueKind, text: string): Dec {
  const r = parseParameterValue(kind, text);
  if (!r.ok) throw new Error(`unchecked value ${text}`);
  return r.value;
}

function missingValue(y: FiscalYear): never {
  throw new Error(`no population for ${y}`);
}
