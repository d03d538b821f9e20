// Inflation drivers and index series: the `inflation:` and `index_series:` sections of a scenario (and
// the series file it names, read by the resolver) → InflationItem values. Reading checks each item
// and series on its own; resolving checks that every year the MTFS needs is covered. Every problem
// is a located diagnostic; all of them are collected before stopping.

import { append, error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { baseYearOf, type Parameter, type Provenance, type ParameterStatus } from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import {
  seriesYears,
  type IndexPoint,
  type IndexSeries,
  type InflationItem,
  type InflationKind,
  type SeriesForm,
} from '../model/inflation.js';
import type { Dec, Money, Rate } from '../model/money.js';
import type { BudgetLine, Scenario } from '../model/scenario.js';
import { closest, validate } from '../schema/diagnose.js';
import { driverNameSchema } from '../schema/drivers.js';
import {
  indexSeriesFileSchema,
  indexSeriesSectionSchema,
  inflationItemSchema,
  type WrittenIndexSeries,
  type WrittenInflationItem,
} from '../schema/inflation.js';
import type { WrittenPerYear } from '../schema/drivers.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { parseYaml } from '../source/yaml.js';
import { parseParameterValue, type ValueKind } from './driver-parameters.js';
import { perYearValue } from './drivers.js';
import { sourceFile, textOf, type SourceSet } from './read-source.js';
import { relativeTo } from './reader.js';
import { year } from './validated.js';

interface ItemEntry {
  readonly name: string;
  readonly written: WrittenInflationItem;
  readonly base: Path;
}

export interface ReadInflation {
  readonly doc: RawDocument;
  readonly entries: readonly ItemEntry[];
  /** Every name under `inflation:`, valid or not: a line naming one is not an unknown inflation driver. */
  readonly declared: readonly string[];
  readonly series: ReadonlyMap<string, IndexSeries>;
  readonly diagnostics: readonly Diagnostic[];
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Validates the index series (the file `index_series: file:` names, and the scenario's own) and each
 * inflation driver. Diagnostics: the schema's, invalid-value, inflation-form, unknown-index,
 * rate-format, rate-range, amount-format, and the series file's own.
 */
export function readInflation(doc: RawDocument, scenarioFile: string, set: SourceSet, inputs: string[]): ReadInflation {
  const diagnostics: Diagnostic[] = [];
  const tree = doc.tree as { inflation?: unknown; index_series?: unknown };
  const before = diagnostics.length;
  const series = readSeriesSection(doc, tree.index_series, scenarioFile, set, inputs, diagnostics);
  // a series file that could not be read is reported once, not again as every series it would hold
  const seriesIncomplete = diagnostics.length > before;
  const raw = tree.inflation;
  if (raw === undefined) return { doc, entries: [], declared: [], series, diagnostics };
  if (!isMapping(raw)) {
    diagnostics.push(
      error(
        'invalid-value',
        '`inflation` is a mapping of names to inflation drivers',
        doc.locator.value(['inflation']),
        'write each as `name:` with its fields indented below',
      ),
    );
    return { doc, entries: [], declared: [], series, diagnostics };
  }
  const entries: ItemEntry[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const base: Path = ['inflation', name];
    const nameOk = driverNameSchema().safeParse(name);
    if (!nameOk.success) {
      diagnostics.push(error('invalid-value', nameOk.error.issues[0]?.message ?? 'bad name', doc.locator.key(base), 'rename it'));
      continue;
    }
    const v = validate(inflationItemSchema(), value, doc, base);
    append(diagnostics, v.diagnostics);
    if (!v.data) continue;
    const problems = checkItem(name, v.data, series, doc, base, seriesIncomplete);
    append(diagnostics, problems);
    if (problems.length === 0) entries.push({ name, written: v.data, base });
  }
  return { doc, entries, declared: Object.keys(raw), series, diagnostics };
}

function readSeriesSection(
  doc: RawDocument,
  raw: unknown,
  scenarioFile: string,
  set: SourceSet,
  inputs: string[],
  diagnostics: Diagnostic[],
): Map<string, IndexSeries> {
  const out = new Map<string, IndexSeries>();
  if (raw === undefined) return out;
  const v = validate(indexSeriesSectionSchema(), raw, doc, ['index_series']);
  append(diagnostics, v.diagnostics);
  if (!v.data) return out;
  if (v.data.file !== undefined) {
    const file = relativeTo(scenarioFile, v.data.file.trim());
    inputs.push(file);
    const at = doc.locator.value(['index_series', 'file']);
    const source = sourceFile(set, file);
    const src = textOf(source, file, at);
    append(diagnostics, src.diagnostics);
    if (src.text !== undefined) {
      const parsed = source.yaml ?? asResult(parseYaml(file, src.text));
      const fileDoc = parsed.value;
      append(diagnostics, parsed.diagnostics);
      if (fileDoc && parsed.diagnostics.length === 0) {
        const f = validate(indexSeriesFileSchema(), fileDoc.tree, fileDoc);
        append(diagnostics, f.diagnostics);
        for (const [name, w] of Object.entries(f.data?.series ?? {})) {
          const s = seriesOf(name, w, file, fileDoc, ['series', name], diagnostics);
          if (s) out.set(name, s);
        }
      }
    }
  }
  for (const [name, w] of Object.entries(v.data.series ?? {})) {
    const path: Path = ['index_series', 'series', name];
    if (out.has(name)) {
      diagnostics.push(
        error(
          'invalid-value',
          `index series ${name} is also in ${out.get(name)?.file ?? 'the series file'}`,
          doc.locator.key(path),
          'give your own series another name, or use the file’s',
        ),
      );
      continue;
    }
    const s = seriesOf(name, w, doc.locator.whole.file, doc, path, diagnostics);
    if (s) out.set(name, s);
  }
  return out;
}

const asResult = (p: { doc?: RawDocument; diagnostics: readonly Diagnostic[] }): Result<RawDocument> =>
  p.doc ? { value: p.doc, diagnostics: p.diagnostics } : { diagnostics: p.diagnostics };

/** A series with its figures checked: rates as rates, levels as positive amounts. */
function seriesOf(
  name: string,
  w: WrittenIndexSeries,
  file: string,
  doc: RawDocument,
  path: Path,
  diagnostics: Diagnostic[],
): IndexSeries | undefined {
  const form = w.form as SeriesForm;
  const points = new Map<FiscalYear, IndexPoint>();
  let ok = true;
  for (const [text, p] of Object.entries(w.values)) {
    const at = doc.locator.value([...path, 'values', text, 'value']);
    const r = parseParameterValue(form === 'rate' ? 'change' : 'pounds', p.value);
    if (!r.ok) {
      diagnostics.push(error(r.code, `index series ${name} ${text}: ${r.message}`, at, r.hint));
      ok = false;
      continue;
    }
    if (form === 'level' && r.value.isZero()) {
      diagnostics.push(error('invalid-value', `index series ${name} ${text}: a level of nil has no annual change`, at, 'check the figure'));
      ok = false;
      continue;
    }
    points.set(year(text), {
      value: r.value,
      provenance: {
        status: p.status as ParameterStatus,
        source: p.source,
        ...(p.note ? { note: p.note } : {}),
        ...(p.external ? { external: true } : {}),
        ...(p.calibrated_to ? { calibratedTo: p.calibrated_to } : {}),
        origin: at,
      },
    });
  }
  if (!ok) return undefined;
  return { name, description: w.description, form, ...(w.unit ? { unit: w.unit } : {}), file, origin: doc.locator.key(path), points };
}

const PAY_ONLY = ['on_costs', 'pension'] as const;

/** The rules of an inflation driver that zod cannot express. */
function checkItem(
  name: string,
  w: WrittenInflationItem,
  series: ReadonlyMap<string, IndexSeries>,
  doc: RawDocument,
  base: Path,
  seriesIncomplete: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value([...base, ...p]);
  const key = (p: Path): Location => doc.locator.key([...base, ...p]);
  if ((w.index === undefined) === (w.rate === undefined)) {
    out.push(
      error(
        'inflation-form',
        w.index === undefined
          ? `inflation driver ${name} gives neither \`index\` nor \`rate\``
          : `inflation driver ${name} gives both \`index\` and \`rate\``,
        key(w.index === undefined ? [] : ['rate']),
        'name an index series (`index: cpi`), or give the annual rate directly (`rate: {value: 2%, status: …, source: …}`)',
      ),
    );
  }
  if (w.pass_through && w.index === undefined) {
    out.push(
      error(
        'inflation-form',
        `\`pass_through\` applies to an index, and inflation driver ${name} has none`,
        key(['pass_through']),
        'add `index:`, or fold the share into `rate`',
      ),
    );
  }
  for (const k of PAY_ONLY) {
    if (w[k] && w.kind !== 'pay')
      out.push(
        error(
          'inflation-form',
          `\`${k}\` applies to pay, and inflation driver ${name} is ${w.kind}`,
          key([k]),
          'remove it, or make the driver `kind: pay`',
        ),
      );
  }
  if (w.index !== undefined && !series.has(w.index) && seriesIncomplete) {
    out.push(
      error(
        'unknown-index',
        `inflation driver ${name} names index series \`${w.index}\`, which could not be read`,
        at(['index']),
        'fix the series file first',
      ),
    );
  } else if (w.index !== undefined && !series.has(w.index)) {
    const names = [...series.keys()];
    const guess = closest(w.index, names);
    out.push(
      error(
        'unknown-index',
        `inflation driver ${name} names index series \`${w.index}\`, which is not declared`,
        at(['index']),
        guess
          ? `did you mean \`${guess}\`?`
          : names.length
            ? `the series are: ${names.join(', ')}`
            : 'name a series file under `index_series: file:` (e.g. ../data/index-series.yaml) or give the series under `index_series: series:`',
      ),
    );
  }
  const base_ = parseParameterValue('amount', w.base.amount);
  if (!base_.ok) out.push(error(base_.code, `${name}.base: ${base_.message}`, at(['base', 'amount']), base_.hint));
  const rates: readonly { k: 'rate' | 'on_costs' | 'pension'; kind: ValueKind }[] = [
    { k: 'rate', kind: 'change' },
    { k: 'on_costs', kind: 'share' },
    { k: 'pension', kind: 'share' },
  ];
  for (const { k, kind } of rates) {
    const p = w[k] as WrittenPerYear | undefined;
    if (!p) continue;
    if ((p.value === undefined) === (p.values === undefined)) {
      out.push(
        error(
          'inflation-form',
          `${name}.${k} needs ${p.value === undefined ? 'a `value` or `values`' : 'either `value` or `values`, not both'}`,
          key([k]),
          '`value:` applies to every year; `values:` gives one per year, e.g. {2018/19: 2%}',
        ),
      );
      continue;
    }
    const texts: [Path, string][] =
      p.value !== undefined ? [[[k, 'value'], p.value]] : Object.entries(p.values ?? {}).map(([y, t]) => [[k, 'values', y], t]);
    for (const [path, text] of texts) {
      const r = parseParameterValue(kind, text);
      if (!r.ok) out.push(error(r.code, `${name}.${path.join('.')}: ${r.message}`, at(path), r.hint));
    }
  }
  if (w.pass_through) {
    const r = parseParameterValue('share', w.pass_through.value);
    if (!r.ok) out.push(error(r.code, `${name}.pass_through: ${r.message}`, at(['pass_through', 'value']), r.hint));
  }
  return out;
}

/**
 * Checks that the base is at base-year prices and every year the MTFS needs is covered (the rates,
 * on-costs and pension rates written, and the figures of the series named), and returns the items.
 * Diagnostics: inflation-form (a base in another year), driver-year-missing, year-outside-period,
 * index-year-missing.
 */
export function resolveInflation(r: ReadInflation, years: readonly FiscalYear[]): Result<InflationItem[]> {
  const diagnostics: Diagnostic[] = [];
  const items: InflationItem[] = [];
  const baseYear = baseYearOf(years);
  const all = [baseYear, ...years];
  for (const e of r.entries) {
    const w = e.written;
    const at = (p: Path): Location => r.doc.locator.value([...e.base, ...p]);
    const key = (p: Path): Location => r.doc.locator.key([...e.base, ...p]);
    const prov = (p: Path, x: { status: string; source: string; note?: string | undefined }): Provenance => ({
      status: x.status as ParameterStatus,
      source: x.source,
      ...(x.note ? { note: x.note } : {}),
      origin: at(p),
    });
    let ok = true;
    const param = (k: 'rate' | 'on_costs' | 'pension', kind: ValueKind, needed: readonly FiscalYear[]): Parameter<Rate> | undefined => {
      const x = w[k] as WrittenPerYear | undefined;
      if (!x) return undefined;
      const v = perYearValue<Rate>(`${e.name}.${k}`, x, kind, needed, (q) => key([k, ...q]));
      append(diagnostics, v.diagnostics);
      if (!v.value) ok = false;
      return v.value && { value: v.value, provenance: prov([k], x) };
    };
    const written = year(w.base.year);
    if (written !== baseYear) {
      diagnostics.push(
        error(
          'inflation-form',
          `the base of ${e.name} is in ${written}; an inflation driver inflates the base year, ${baseYear} (the year before the MTFS)`,
          at(['base', 'year']),
          `give the ${baseYear} budget as the base, with \`year: ${baseYear}\``,
        ),
      );
      ok = false;
    }
    const rate = param('rate', 'change', years);
    const onCosts = param('on_costs', 'share', all);
    const pension = param('pension', 'share', all);
    const series = w.index === undefined ? undefined : r.series.get(w.index);
    if (series) {
      const missing = seriesYears(series.form, years).filter((y) => !series.points.has(y));
      if (missing.length) {
        diagnostics.push(
          error(
            'index-year-missing',
            `index series ${series.name} (${series.file}) has no figure for ${missing.join(', ')}, which ${e.name} needs`,
            at(['index']),
            series.form === 'level'
              ? `a level series needs a figure for the base year ${baseYear} and every MTFS year: add them (with their sources), or use another series`
              : 'add the figures with their sources, or give the rate directly (`rate:`), marked as an estimate',
          ),
        );
        ok = false;
      }
    }
    if (!ok) continue;
    const amount = parseParameterValue('amount', w.base.amount);
    if (!amount.ok) continue;
    items.push({
      name: e.name,
      description: w.description,
      kind: w.kind as InflationKind,
      base: { amount: amount.value as Money, year: written, provenance: prov(['base'], w.base) },
      rate: series ? { kind: 'index', series, origin: at(['index']) } : { kind: 'given', rate: rate as Parameter<Rate> },
      ...(w.pass_through
        ? { passThrough: { value: parseShare(w.pass_through.value), provenance: prov(['pass_through'], w.pass_through) } }
        : {}),
      ...(onCosts ? { onCosts } : {}),
      ...(pension ? { pension } : {}),
      origin: key([]),
    });
  }
  return { value: items, diagnostics };
}

function parseShare(text: string): Rate {
  const r = parseParameterValue('share', text);
  if (!r.ok) throw new Error(`unchecked share ${text}`);
  return r.value as Dec as Rate;
}

/** What an inflation-built line is checked against: the items declared, and which line each builds. */
export interface InflationContext {
  readonly complete: boolean;
  readonly declared: readonly string[];
  readonly usedBy: Map<string, string>;
}

export function inflationContext(r: ReadInflation, items: readonly InflationItem[] | undefined): InflationContext {
  const complete = items !== undefined && items.length === r.entries.length && r.diagnostics.length === 0;
  return { complete, declared: r.declared, usedBy: new Map() };
}

/** The context for lines added by a variant: the base's inflation drivers, and which of `lines` use them. */
export function inflationContextOf(s: Scenario, lines: Iterable<BudgetLine>): InflationContext {
  const usedBy = new Map<string, string>();
  for (const l of lines) if (l.inflation) usedBy.set(l.inflation, l.ref);
  return { complete: true, declared: (s.inflation ?? []).map((i) => i.name), usedBy };
}

/**
 * Checks the inflation driver line `ref` names: true when the projection can build it.
 * Diagnostics: unknown-inflation, line-driver (a driver already building another line).
 */
export function checkLineInflation(ctx: InflationContext, ref: string, name: string, at: Location): Result<true> {
  if (!ctx.declared.includes(name)) {
    const guess = closest(name, ctx.declared);
    return {
      diagnostics: [
        error(
          'unknown-inflation',
          `line ${ref} names inflation driver \`${name}\`, which is not under \`inflation:\``,
          at,
          guess
            ? `did you mean \`${guess}\`?`
            : ctx.declared.length
              ? `the inflation drivers are: ${ctx.declared.join(', ')}`
              : 'declare it under `inflation:` (see docs/inflation.md)',
        ),
      ],
    };
  }
  const other = ctx.usedBy.get(name);
  if (other !== undefined) {
    return {
      diagnostics: [
        error(
          'line-driver',
          `inflation driver ${name} already builds line ${other}; line ${ref} would count it twice`,
          at,
          'give each driver to one line',
        ),
      ],
    };
  }
  ctx.usedBy.set(name, ref);
  return ctx.complete ? { value: true, diagnostics: [] } : { diagnostics: [] };
}
