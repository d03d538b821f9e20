// Loading a scenario: YAML (and the CSV line tables it names) → validated, normalised Scenario.
// Pure given a FileReader. Collects every error it can find in one pass: each line is validated on
// its own, so a bad line does not hide problems elsewhere.

import { z } from 'zod';
import { append, error, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { compareYears, startOf as startOfYear, yearRange, type FiscalYear } from '../model/fiscal-year.js';
import type { DemandDriver } from '../model/demand.js';
import { defaultLayout } from '../model/layout.js';
import { fillLevels, levelsFromChanges, oneOffLevels, type StatedLevel } from '../model/levels.js';
import {
  NATURE_ORDER,
  type BudgetLine,
  type Control,
  type ControlRow,
  type Level,
  type LineStatus,
  type Nature,
  type Scenario,
  type SourcedAmount,
} from '../model/scenario.js';
import { amountSchema } from '../schema/common.js';
import { closest, validate } from '../schema/diagnose.js';
import {
  AMOUNT_FORMS,
  CONTROL_ROWS,
  lineSchema,
  scenarioHeaderSchema,
  type WrittenLine,
  type WrittenScenarioHeader,
} from '../schema/scenario.js';
import { MAX_MALFORMED_ROWS, parseCsv } from '../source/csv.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { parseYaml } from '../source/yaml.js';
import { normaliseAssumptions } from './assumptions.js';
import { normaliseCouncilSections, readCouncilSections } from './council-sections.js';
import type { LoadedScenarios } from './departments.js';
import { demandContext, lineDriverLevels, readDrivers, resolveDrivers, type DemandContext, type ReadDrivers } from './drivers.js';
import { normaliseLayout } from './layout.js';
import { lineTableRows } from './line-table.js';
import { outsidePeriod } from './period.js';
import { loadVariant } from './variant.js';
import { readSource } from './read-source.js';
import { relativeTo, type FileReader } from './reader.js';
import { money, year } from './validated.js';

export { money, year };

/** The service area of a line that states none. */
export const NO_SERVICE_AREA = 'not stated';

/** The longest MTFS period accepted; real ones are three to five years. */
export const MAX_PERIOD_YEARS = 30;

export interface Loaded<T> {
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
  /** Text of every file read, by file name, for diagnostic excerpts. */
  readonly sources: ReadonlyMap<string, string>;
}

interface LocatedLine {
  readonly written: WrittenLine;
  readonly doc: RawDocument;
  readonly base: Path;
}

/**
 * Reads, parses, validates and normalises a scenario, its line tables and (for a whole council)
 * its department scenarios. `chain` is the variants and councils that led here (to refuse cycles);
 * `asDepartment` loads a scenario named by another's `departments:`, which may not itself have
 * departments or funding.
 */
export function loadScenario(file: string, read: FileReader, chain: readonly string[] = [], asDepartment = false): Loaded<Scenario> {
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const inputs = [file];

  const src = readSource(read, file);
  append(diagnostics, src.diagnostics);
  if (src.text === undefined) return { diagnostics, sources };
  sources.set(file, src.text);

  const parsed = parseYaml(file, src.text);
  append(diagnostics, parsed.diagnostics);
  const doc = parsed.doc;
  if (!doc || hasErrors(parsed.diagnostics)) return { diagnostics, sources };
  if (doc.tree === null || typeof doc.tree !== 'object' || Array.isArray(doc.tree)) {
    diagnostics.push(
      error(
        'invalid-value',
        'a scenario file is a mapping of keys such as `authority:` and `lines:`',
        doc.locator.whole,
        'see the README for an example scenario',
      ),
    );
    return { diagnostics, sources };
  }
  if ('extends' in doc.tree) return loadVariant(doc, read, sources, [...chain, file], asDepartment);

  const header = validateHeader(doc);
  append(diagnostics, header.diagnostics);
  const drivers = readDrivers(doc, file, read, sources, inputs);
  append(diagnostics, drivers.diagnostics);
  const context = lineContext(header.fields, doc, drivers, diagnostics);

  // Each line is validated and normalised as soon as it is read, so that the rows, trees and
  // parsed fields of a large line table die young rather than all living until the end.
  const budgetLines: BudgetLine[] = [];
  const rawRefs: { ref: string; at: Location }[] = [];
  let writtenLines = 0;
  /** Validates and normalises one line; returns how many diagnostics it gave. */
  const take = (raw: unknown, d: RawDocument, base: Path, schema: z.ZodType<WrittenLine> = lineSchema): number => {
    const before = diagnostics.length;
    const ref = raw !== null && typeof raw === 'object' ? (raw as { ref?: unknown }).ref : undefined;
    if (typeof ref === 'string') rawRefs.push({ ref, at: d.locator.value([...base, 'ref']) });
    const v = validate(schema, raw, d, base);
    append(diagnostics, v.diagnostics);
    if (v.data) {
      writtenLines++;
      const line = normaliseLine({ written: v.data, doc: d, base }, context, diagnostics);
      if (line) budgetLines.push(line);
    }
    return diagnostics.length - before;
  };
  const rawLines = (doc.tree as { lines?: unknown }).lines;
  if (Array.isArray(rawLines)) rawLines.forEach((raw, i) => take(raw, doc, ['lines', i]));

  (header.fields.line_files ?? []).forEach((rel, i) => {
    const at = doc.locator.value(['line_files', i]);
    const csvFile = relativeTo(file, rel);
    inputs.push(csvFile);
    const csvSrc = readSource(read, csvFile, at);
    append(diagnostics, csvSrc.diagnostics);
    if (csvSrc.text === undefined) return;
    sources.set(csvFile, csvSrc.text);
    const csv = parseCsv(csvFile, csvSrc.text);
    append(diagnostics, csv.diagnostics);
    if (!csv.table) return;
    const rows = lineTableRows(csv.table, header.fields.amounts);
    append(diagnostics, rows.diagnostics);
    let rowErrors = 0;
    for (const rowDoc of rows.rows) {
      if (rowErrors >= MAX_MALFORMED_ROWS) {
        // a file of 300,000 wrong rows would take half a minute and gigabytes to report in full
        const header = csv.table.header[0]?.location ?? at;
        diagnostics.push(
          error(
            'invalid-value',
            `more than ${MAX_MALFORMED_ROWS} errors in the rows of ${csvFile}: checking stopped at line ${rowDoc.locator.whole.line}`,
            header,
            'check that this is a line table, and fix the first errors',
          ),
        );
        break;
      }
      rowErrors += take(rowDoc.tree, rowDoc, [], csvRowSchema);
    }
  });

  append(diagnostics, duplicateRefs(rawRefs));
  const council = readCouncilSections(file, doc, header.fields, asDepartment, (f) => loadScenario(f, read, [...chain, file], true));
  append(diagnostics, council.diagnostics);
  for (const [f, text] of council.sources) sources.set(f, text);
  inputs.push(...council.inputs);
  const normalised = normalise(file, council.fields, council.doc, context, budgetLines, writtenLines > 0, inputs, council.departments);
  append(diagnostics, normalised.diagnostics);
  if (hasErrors(diagnostics) || !normalised.value) return { diagnostics, sources };
  const assumptions = normaliseAssumptions(
    header.fields.assumptions,
    doc,
    normalised.value.lines,
    normalised.value.drivers ?? [],
    normalised.value.years,
    normalised.value.funding,
    diagnostics,
  );
  if (hasErrors(diagnostics)) return { diagnostics, sources };
  return { value: { ...normalised.value, assumptions }, diagnostics, sources };
}

type HeaderFields = Partial<WrittenScenarioHeader>;

/**
 * A line read from a CSV row: the same fields, without the check for unknown keys, which the
 * table's header has already made (a column that is not a line field is refused there).
 */
const csvRowSchema = z.object({
  ...lineSchema.shape,
  // and the years are the header's, already read as years
  levels: z.record(z.string(), amountSchema).optional(),
  changes: z.record(z.string(), amountSchema).optional(),
  // consumed by the table reader when it is `levels` or `changes`; left here only when it is neither
  amounts: z.enum(AMOUNT_FORMS).optional(),
});

/**
 * Validates the top-level keys one by one, so that a bad `original_budget` does not hide a bad
 * period or line file: every valid field is kept for the checks that need it.
 */
function validateHeader(doc: RawDocument): { fields: HeaderFields; diagnostics: Diagnostic[] } {
  const shape = scenarioHeaderSchema.shape;
  const keys = Object.keys(shape) as (keyof typeof shape)[];
  const unknownKeys = validate(z.strictObject(Object.fromEntries(keys.map((k) => [k, z.unknown().optional()]))), doc.tree, doc);
  const diagnostics: Diagnostic[] = [...unknownKeys.diagnostics];
  const fields: Record<string, unknown> = {};
  const tree = doc.tree as Record<string, unknown>;
  const misspelt = new Set(
    Object.keys(tree)
      .filter((k) => !Object.hasOwn(shape, k))
      .map((k) => closest(k, keys)),
  );
  for (const k of keys) {
    if (tree[k] === undefined && misspelt.has(k)) continue; // reported once, as an unknown key with a "did you mean"
    const v = validate(shape[k] as z.ZodType, tree[k], doc, [k]);
    append(diagnostics, v.diagnostics);
    if (v.diagnostics.length === 0) fields[k] = v.data;
  }
  return { fields: fields as HeaderFields, diagnostics };
}

/** What every line is normalised against: the period, and the demand drivers that build lines. */
export interface LineContext {
  readonly period: readonly FiscalYear[] | undefined;
  readonly inPeriod: (y: FiscalYear) => boolean;
  readonly outside: (y: FiscalYear, loc: Location) => Diagnostic;
  readonly demand: DemandContext;
  /** Refs already normalised: a later line with the same ref is left out (duplicateRefs reports it). */
  readonly refs: Set<string>;
  readonly transfers: Map<FiscalYear, SourcedAmount>;
  readonly drivers: DemandDriver[] | undefined;
}

/** The period (checked), transfers and resolved drivers: what lines and controls are read against. */
function lineContext(h: HeaderFields, doc: RawDocument, drivers: ReadDrivers, diagnostics: Diagnostic[]): LineContext {
  const at = (p: Path): Location => doc.locator.value(p);
  const keyAt = (p: Path): Location => doc.locator.key(p);

  let years: FiscalYear[] | undefined;
  if (h.period) {
    const from = year(h.period.from);
    const to = year(h.period.to);
    if (compareYears(to, from) < 0) {
      diagnostics.push(error('period', `the period ends (${to}) before it starts (${from})`, at(['period']), 'swap `from` and `to`'));
    } else if (startOfYear(to) - startOfYear(from) + 1 > MAX_PERIOD_YEARS) {
      diagnostics.push(error('period', `the period has more than ${MAX_PERIOD_YEARS} years`, at(['period']), 'an MTFS covers a few years'));
    } else {
      years = yearRange(from, to);
    }
  }
  const period = years;
  const inPeriod = (y: FiscalYear): boolean => period === undefined || period.includes(y);
  const outside = (y: FiscalYear, loc: Location): Diagnostic => outsidePeriod(y, period, loc);

  const transfers = new Map<FiscalYear, SourcedAmount>();
  for (const [text, amount] of Object.entries(h.transfers?.amounts ?? {})) {
    const y = year(text);
    if (!inPeriod(y)) diagnostics.push(outside(y, keyAt(['transfers', 'amounts', text])));
    else transfers.set(y, { amount: money(amount), origin: at(['transfers', 'amounts', text]) });
  }

  const resolved = period ? resolveDrivers(drivers, period) : undefined;
  append(diagnostics, resolved?.diagnostics ?? []);
  const demand = demandContext(drivers, resolved?.drivers, period, h.units);
  return { period, inPeriod, outside, demand, refs: new Set(), transfers, drivers: resolved?.drivers };
}

/** Applies the rules zod cannot express; checks what it can even when some header fields are invalid. */
function normalise(
  file: string,
  h: HeaderFields,
  doc: RawDocument,
  context: LineContext,
  budgetLines: BudgetLine[],
  hasLines: boolean,
  inputs: readonly string[],
  departmentScenarios: LoadedScenarios | undefined,
): { value?: Scenario; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value(p);
  const { period, inPeriod, outside, transfers } = context;
  const resolved = context.drivers ? { drivers: context.drivers } : undefined;

  const council = normaliseCouncilSections(h, doc, period, hasLines, departmentScenarios);
  append(diagnostics, council.diagnostics);
  const controls = normaliseControls(h.controls, doc, inPeriod, outside, diagnostics);
  const baseBudget = normaliseBaseBudget(h.base_budget, doc, period, inPeriod, outside, diagnostics);
  const layout =
    council.departments === undefined
      ? normaliseLayout(h.layout, doc, budgetLines, transfers.size > 0, baseBudget !== undefined)
      : undefined;
  append(diagnostics, layout?.diagnostics ?? []);

  const { authority, department, units, original_budget: original } = h;
  if (hasErrors(diagnostics) || !period || !authority || !department || !units || (!original && !baseBudget && !council.departments))
    return { diagnostics };
  return {
    value: {
      file,
      authority,
      department,
      ...(h.title ? { title: h.title } : {}),
      ...(h.source ? { source: h.source } : {}),
      units,
      years: period,
      ...(original
        ? { originalBudget: { amount: money(original.amount), source: original.source, origin: at(['original_budget', 'amount']) } }
        : {}),
      transfers,
      ...(h.transfers ? { transfersSource: h.transfers.source } : {}),
      ...(baseBudget ? { baseBudget } : {}),
      layout: layout?.value ?? defaultLayout(new Set(), false, false),
      lines: budgetLines,
      controls,
      ...(h.controls ? { controlsSource: h.controls.source } : {}),
      ...(council.departments ? { departments: council.departments } : {}),
      ...(council.funding ? { funding: council.funding } : {}),
      ...(council.apportionment ? { apportionment: council.apportionment } : {}),
      inputs,
      ...(resolved?.drivers.length ? { drivers: resolved.drivers } : {}),
      ...(h.compare_with ? { compareWith: { file: relativeTo(file, h.compare_with), origin: at(['compare_with']) } } : {}),
    },
    diagnostics,
  };
}

/** A base budget stated for every year of the period, or undefined (with diagnostics). */
function normaliseBaseBudget(
  written: WrittenScenarioHeader['base_budget'],
  doc: RawDocument,
  period: readonly FiscalYear[] | undefined,
  inPeriod: (y: FiscalYear) => boolean,
  outside: (y: FiscalYear, loc: Location) => Diagnostic,
  diagnostics: Diagnostic[],
): Scenario['baseBudget'] {
  if (!written) return undefined;
  const amounts = new Map<FiscalYear, SourcedAmount>();
  for (const [text, amount] of Object.entries(written.amounts)) {
    const y = year(text);
    if (!inPeriod(y)) diagnostics.push(outside(y, doc.locator.key(['base_budget', 'amounts', text])));
    else amounts.set(y, { amount: money(amount), origin: doc.locator.value(['base_budget', 'amounts', text]) });
  }
  const missing = (period ?? []).filter((y) => !amounts.has(y));
  if (missing.length) {
    diagnostics.push(
      error(
        'level-missing',
        `\`base_budget\` does not state ${missing.join(', ')}`,
        doc.locator.key(['base_budget', 'amounts']),
        'a stated base is stated for every year; to roll last year’s net budget forward, use `original_budget:` instead',
      ),
    );
  }
  return { amounts, source: written.source };
}

/** Published controls → Control values; years outside the period are reported. */
export function normaliseControls(
  written: WrittenScenarioHeader['controls'],
  doc: RawDocument,
  inPeriod: (y: FiscalYear) => boolean,
  outside: (y: FiscalYear, loc: Location) => Diagnostic,
  diagnostics: Diagnostic[],
): Control[] {
  const controls: Control[] = [];
  for (const row of CONTROL_ROWS) {
    for (const [text, amount] of Object.entries(written?.rows[row] ?? {})) {
      const y = year(text);
      if (!inPeriod(y)) {
        diagnostics.push(outside(y, doc.locator.key(['controls', 'rows', row, text])));
        continue;
      }
      controls.push({
        row: row as ControlRow,
        year: y,
        expected: money(amount),
        origin: doc.locator.value(['controls', 'rows', row, text]),
      });
    }
  }
  return controls;
}

export function normaliseLine(
  { written: w, doc: lineDoc, base }: LocatedLine,
  { period: years, refs, inPeriod, outside, demand }: Pick<LineContext, 'period' | 'refs' | 'inPeriod' | 'outside' | 'demand'>,
  diagnostics: Diagnostic[],
): BudgetLine | undefined {
  const lat = (p: Path): Location => lineDoc.locator.value([...base, ...p]);
  const lkey = (p: Path): Location => lineDoc.locator.key([...base, ...p]);
  if (refs.has(w.ref)) return undefined; // reported by duplicateRefs
  refs.add(w.ref);
  const refLoc = (): Location => lat(['ref']);

  const reconciling = w.reconciling === true;
  let ok = true;
  if (reconciling && !w.note) {
    diagnostics.push(
      error(
        'reconciling-note',
        `reconciling line ${w.ref} needs a \`note\` saying how its levels were derived`,
        refLoc(),
        'e.g. "published Appendix B total less the lines described in the text"',
      ),
    );
    ok = false;
  }
  if (!reconciling && !w.status && (w.type === 'growth' || w.type === 'saving')) {
    diagnostics.push(
      error('missing-key', `line ${w.ref} has no \`status\``, refLoc(), 'add `status: unchanged` (*), `amended` (**) or `new`'),
    );
    ok = false;
  }
  if (w.type === 'growth' && (w.category || w.nature)) {
    diagnostics.push(
      error(
        'saving-classification',
        `growth line ${w.ref} has a ${w.category ? '`category`' : '`nature`'}; only savings are classified`,
        lkey([w.category ? 'category' : 'nature']),
        'remove it, or set `type: saving`',
      ),
    );
    ok = false;
  }
  if (w.type === 'saving' && !reconciling && (!w.category || !w.nature)) {
    diagnostics.push(
      error(
        'saving-classification',
        `saving ${w.ref} needs a \`${!w.category ? 'category' : 'nature'}\``,
        refLoc(),
        !w.category ? 'category is Transformation or Departmental' : 'nature is Eff, SR, Inc or a mix such as SR/Eff',
      ),
    );
    ok = false;
  }

  const names = w.driver === undefined ? undefined : typeof w.driver === 'string' ? [w.driver] : w.driver;
  const written = w.levels !== undefined ? 'levels' : w.changes !== undefined ? 'changes' : undefined;
  if (w.levels !== undefined && w.changes !== undefined) {
    diagnostics.push(
      error(
        'invalid-value',
        `line ${w.ref} gives both \`levels\` and \`changes\``,
        lkey(['changes']),
        "write each year's level (`levels`) or each year's change (`changes`), not both",
      ),
    );
    ok = false;
  }
  if (names && (written !== undefined || w.unstated !== undefined)) {
    const both = written !== undefined ? `\`${written}\`` : '`unstated`';
    diagnostics.push(
      error(
        'line-driver',
        `line ${w.ref} gives both \`driver\` and ${both}`,
        lkey([written ?? 'unstated']),
        "a line's levels are either written (`levels`, `unstated`) or built from drivers (`driver`), not both",
      ),
    );
    ok = false;
  }
  if (names && w.type !== 'growth') {
    diagnostics.push(
      error(
        'line-driver',
        `${w.type === 'saving' ? 'saving' : `${w.type} line`} ${w.ref} names a driver; only growth lines are built from drivers`,
        lkey(['driver']),
        "write the line's `levels`, or make it a growth line",
      ),
    );
    ok = false;
  }
  if (!names && written === undefined) {
    diagnostics.push(
      error(
        'level-missing',
        `line ${w.ref} has neither \`levels\` nor \`driver\``,
        refLoc(),
        'give its level in each stated year, e.g. `levels: {2018/19: 250}`, or `driver: <name>`',
      ),
    );
    ok = false;
  }
  if (w.one_off && (names || w.changes !== undefined || w.unstated !== undefined)) {
    const what = names ? 'driver' : w.changes !== undefined ? 'changes' : 'unstated';
    diagnostics.push(
      error(
        'one-off',
        `one-off line ${w.ref} gives \`${what}\``,
        lkey([what]),
        'a one-off line states its amount in each year it applies (`levels`); it falls out the year after by itself',
      ),
    );
    ok = false;
  }
  if (w.changes !== undefined && w.unstated !== undefined) {
    diagnostics.push(
      error(
        'invalid-value',
        `line ${w.ref} gives \`changes\` and \`unstated\``,
        lkey(['unstated']),
        'a year with no stated change keeps the level of the year before: remove `unstated`',
      ),
    );
    ok = false;
  }

  const stated: StatedLevel[] = [];
  const amounts = w.levels ?? w.changes ?? {};
  for (const [text, amount] of Object.entries(amounts)) {
    const y = year(text);
    if (!inPeriod(y)) {
      diagnostics.push(outside(y, lkey([written ?? 'levels', text])));
      ok = false;
      continue;
    }
    stated.push({ year: y, amount: money(amount), origin: lat([written ?? 'levels', text]) });
  }
  if (written !== undefined && Object.keys(amounts).length === 0) {
    diagnostics.push(
      error(
        'level-missing',
        `line ${w.ref} states no ${written}`,
        lkey([written]),
        `give the ${written === 'levels' ? 'level' : 'change'} in at least one year, e.g. \`${written}: {2018/19: 250}\``,
      ),
    );
    ok = false;
  }
  if (names) {
    const built = lineDriverLevels(demand, w.ref, names, lat(['driver']), diagnostics);
    return ok && years && built ? budgetLine(w, built, lat, names) : undefined;
  }
  if (!ok || !years) return undefined;
  if (w.one_off) return budgetLine(w, oneOffLevels(years, stated), lat);
  if (written === 'changes') return budgetLine(w, levelsFromChanges(years, stated), lat);
  const filled = fillLevels(years, stated, w.unstated);
  if (filled.unstated.length > 0) {
    diagnostics.push(
      error(
        'level-missing',
        `line ${w.ref} does not state ${filled.unstated.join(', ')} and names no method for unstated years`,
        lkey(['levels']),
        'add the missing levels, or `unstated: hold` ("ongoing") or `unstated: linear` (straight line between stated levels)',
      ),
    );
    return undefined;
  }
  return budgetLine(w, filled.levels, lat);
}

/** The domain line; `lat` locates the written fields (origin of the line and of its status). */
function budgetLine(
  w: WrittenLine,
  levels: ReadonlyMap<FiscalYear, Level>,
  lat: (p: Path) => Location,
  drivers?: readonly string[],
): BudgetLine {
  // built field by field rather than with conditional spreads: one object per line, not ten
  const line: { -readonly [K in keyof BudgetLine]: BudgetLine[K] } = {
    ref: w.ref,
    type: w.type,
    description: w.description,
    nature: natureOf(w.nature),
    serviceArea: w.service_area ?? NO_SERVICE_AREA,
    levels,
    reconciling: w.reconciling === true,
    source: w.source,
    origin: lat([]),
  };
  if (w.status) {
    line.status = statusOf(w.status);
    line.statusOrigin = lat(['status']);
  }
  if (w.category) line.category = w.category;
  if (w.unstated) line.unstated = w.unstated;
  if (w.growth_type) line.growthType = w.growth_type;
  if (w.one_off) line.oneOff = true;
  if (w.changes !== undefined) line.writtenAs = 'changes';
  if (drivers) line.drivers = drivers;
  if (w.note) line.note = w.note;
  return line;
}

/** Every ref written more than once, in any file, whether or not its line is otherwise valid. */
export function duplicateRefs(refs: readonly { ref: string; at: Location }[]): Diagnostic[] {
  const first = new Map<string, Location>();
  const out: Diagnostic[] = [];
  for (const { ref, at } of refs) {
    const f = first.get(ref);
    if (!f) {
      first.set(ref, at);
      continue;
    }
    out.push(
      error(
        'duplicate-ref',
        `line ${ref} is defined twice`,
        at,
        `the first ${ref} is at ${f.file}:${f.line}:${f.column}; give each line its own ref`,
      ),
    );
  }
  return out;
}

function statusOf(s: NonNullable<WrittenLine['status']>): LineStatus {
  switch (s) {
    case '*':
    case 'unchanged':
      return 'unchanged';
    case '**':
    case 'amended':
      return 'amended';
    case 'new':
      return 'new';
  }
}

function natureOf(text: string | undefined): Nature[] {
  if (!text) return [];
  const parts = new Set(text.split('/') as Nature[]);
  return NATURE_ORDER.filter((n) => parts.has(n));
}
