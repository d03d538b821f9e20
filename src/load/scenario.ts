// Loading a scenario: YAML (and the CSV line tables it names) → validated, normalised Scenario.
// Pure given a FileReader. Collects every error it can find in one pass: each line is validated on
// its own, so a bad line does not hide problems elsewhere.

import { z } from 'zod/mini';
import { append, error, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { compareYears, startOf as startOfYear, yearRange, type FiscalYear } from '../model/fiscal-year.js';
import { defaultLayout } from '../model/layout.js';
import { isRealised, type BudgetLine, type Scenario, type SourcedAmount } from '../model/scenario.js';
import { amountSchema } from '../schema/common.js';
import { closest, validate } from '../schema/diagnose.js';
import { lazySchema, object, optionalOf, strictObject } from '../schema/lazy.js';
import { AMOUNT_FORMS, lineSchema, scenarioHeaderFields, type WrittenLine, type WrittenScenarioHeader } from '../schema/scenario.js';
import { csvRowsByChunk, MAX_MALFORMED_ROWS } from '../source/csv.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { parseYaml } from '../source/yaml.js';
import { normaliseAssumptions } from './assumptions.js';
import { normaliseCouncilSections, readCouncilSections } from './council-sections.js';
import type { CouncilTaxPrinciples } from '../model/council-tax-principles.js';
import type { LoadedScenarios } from './departments.js';
import { demandContext, readDrivers, resolveDrivers, type ReadDrivers } from './drivers.js';
import { inflationContext, readInflation, resolveInflation, type ReadInflation } from './inflation.js';
import { duplicateRefs, normaliseControls, normaliseLine, type LineContext } from './lines.js';
import { normaliseGrossAndIncome } from './gross-income.js';
import { normaliseLayout } from './layout.js';
import { normaliseClassifications } from './classification.js';
import { lineTableRows, lineTableRowsStreamed } from './line-table.js';
import { foldable, LineTotals } from './line-totals.js';
import { outsidePeriod } from './period.js';
import { loadVariant } from './variant.js';
import { csvOf, sourceFile, textOf, type SourceSet } from './read-source.js';
import { resolveSources } from './resolve.js';
import { relativeTo, type FileReader, type Loaded } from './reader.js';
import { money, year } from './validated.js';

/** The longest MTFS period accepted; real ones are three to five years. */
export const MAX_PERIOD_YEARS = 30;

/**
 * Reads a scenario and every file it names, then loads it: the two stages, for callers that hold
 * a FileReader. The sources are the text of every file read, for diagnostic excerpts.
 */
export function loadScenario(file: string, read: FileReader): Loaded<Scenario> & LoadedSources {
  const set = resolveSources(file, read);
  return { ...loadSources(set, file), sources: set.texts };
}

/**
 * Validates and normalises the scenario `file` of a set already read (see resolveSources): its
 * line tables and (for a whole council) its department scenarios. A variant comes back as its base
 * with its operations as written (`realise` in transform/variant.ts applies them). Pure: reads nothing. A file
 * named several times is loaded once. `referencedAt`: where another file names this one (its
 * `compare_with:`), where a file that cannot be read is reported.
 */
export function loadSources(set: SourceSet, file: string, referencedAt?: Location, options: LoadOptions = {}): LoadedSources {
  const memo = new Map<string, Result<Scenario>>();
  // a set with a file past the input limit loads on its own: what it reports depends on which file that was
  const run = [...set.files.values()].some((f) => f.overLimit !== undefined) ? undefined : options.loaded;
  const load: LoadFile = (f, chain, asDepartment) => {
    // the chain matters only to refuse cycles: the same file in the same place loads the same
    const key = JSON.stringify([f, chain, asDepartment]);
    const known = memo.get(key);
    if (known) return known;
    const root = f === file && chain.length === 0;
    const atRoot = root && (referencedAt !== undefined || options.totals === true);
    // a file that names no other scenario loads the same after any chain: shared with the run's other loads
    const shared = !atRoot && run && namesNoScenario(set, f) ? run : undefined;
    const sharedKey = JSON.stringify([f, asDepartment]);
    const loaded =
      shared?.get(sharedKey) ??
      loadFile(set, f, chain, asDepartment, load, root ? referencedAt : undefined, root && options.totals === true);
    shared?.set(sharedKey, loaded);
    memo.set(key, loaded);
    return loaded;
  };
  const loaded = load(file, [], false);
  if (loaded.value) return loaded;
  // the variants that loaded under a file that did not: their operations may have errors to report too
  const values = [...memo.values()].flatMap((r) => (r.value ? [r.value] : []));
  const held = new Set(values.flatMap((v) => [...(v.variant ? [v.variant.base] : []), ...heldDepartments(v)]));
  const unrealised = values.filter((v) => !held.has(v) && !isRealised(v));
  return unrealised.length > 0 ? { ...loaded, unrealised } : loaded;
}

export interface LoadOptions {
  /**
   * The totals path (see line-totals.ts): the root scenario's plain lines are added up by class
   * as they are read, for a command that shows only the budget table. The load stops with no
   * value and no diagnostics at the first diagnostic of any kind or anything that needs the lines
   * one by one: the caller then loads again without it, which reports every problem where it is.
   */
  readonly totals?: boolean;
  /**
   * Scenarios loaded earlier in the same run, added to: a file that names no other scenario (no
   * `extends:`, no `departments:`) is loaded once however many scenarios of the run name it, as
   * the base of a variant compared with that base does. Keyed by file and whether it was loaded
   * as a department.
   */
  readonly loaded?: Map<string, Result<Scenario>>;
}

/** The file is a YAML mapping naming no other scenario: its load does not depend on what led to it. */
function namesNoScenario(set: SourceSet, file: string): boolean {
  const tree: unknown = set.files.get(file)?.yaml?.value?.tree;
  return tree !== null && typeof tree === 'object' && !Array.isArray(tree) && !('extends' in tree) && !('departments' in tree);
}

/** A load's result; when it has no value, the variants it did load, whose operations are still to apply. */
export interface LoadedSources extends Result<Scenario> {
  readonly unrealised?: readonly Scenario[];
}

const heldDepartments = (s: Scenario): Scenario[] => (s.departments ?? []).flatMap((d) => (d.kind === 'scenario' ? [d.scenario] : []));

type LoadFile = (file: string, chain: readonly string[], asDepartment: boolean) => Result<Scenario>;

/**
 * Loads one scenario file of the set. `chain` is the variants and councils that led here (to
 * refuse cycles); `asDepartment` loads a scenario named by another's `departments:`, which may not
 * itself have departments or funding.
 */
function loadFile(
  set: SourceSet,
  file: string,
  chain: readonly string[],
  asDepartment: boolean,
  load: LoadFile,
  referencedAt?: Location,
  totals = false,
): Result<Scenario> {
  const diagnostics: Diagnostic[] = [];
  const inputs = [file];

  const source = sourceFile(set, file);
  const src = textOf(source, file, referencedAt);
  append(diagnostics, src.diagnostics);
  if (src.text === undefined) return { diagnostics };

  const parsed = source.yaml ?? yamlResult(parseYaml(file, src.text));
  append(diagnostics, parsed.diagnostics);
  const doc = parsed.value;
  if (!doc || hasErrors(parsed.diagnostics)) return { diagnostics };
  if (doc.tree === null || typeof doc.tree !== 'object' || Array.isArray(doc.tree)) {
    diagnostics.push(
      error(
        'invalid-value',
        'a scenario file is a mapping of keys such as `authority:` and `lines:`',
        doc.locator.whole,
        'see the README for an example scenario',
      ),
    );
    return { diagnostics };
  }
  if ('extends' in doc.tree) return loadVariant(doc, [...chain, file], (base, baseChain) => load(base, baseChain, asDepartment));
  // a scenario with assumptions or drivers is never added up by class (foldable): the full load,
  // which the caller runs next, validates it once rather than twice
  if (totals && ('assumptions' in doc.tree || 'drivers' in doc.tree)) return { diagnostics: [] };

  const header = validateHeader(doc);
  append(diagnostics, header.diagnostics);
  const drivers = readDrivers(doc, file, set, inputs);
  append(diagnostics, drivers.diagnostics);
  const inflation = readInflation(doc, file, set, inputs);
  append(diagnostics, inflation.diagnostics);
  const lineContextRead = lineContext(header.fields, doc, drivers, inflation);
  append(diagnostics, lineContextRead.diagnostics);
  let context = lineContextRead.value;
  const folding = totals && context.period !== undefined && foldable(header.fields) ? new LineTotals(context.period) : undefined;
  if (totals && (!folding || diagnostics.length > 0)) return { diagnostics: [] };
  if (folding) context = { ...context, totals: folding };
  let needsFull = false;
  /** On the totals path: a diagnostic (a ref seen twice, an irregular table) sends the load back to the full path. */
  const abandon = (): boolean => folding !== undefined && (diagnostics.length > 0 || needsFull);

  // Each line is validated and normalised as soon as it is read, so that the rows, trees and
  // parsed fields of a large line table die young rather than all living until the end.
  const budgetLines: BudgetLine[] = [];
  const rawRefs: { ref: string; at: Location }[] = [];
  let writtenLines = 0;
  /** Validates and normalises one line; returns how many diagnostics it gave. */
  const take = (raw: unknown, d: RawDocument, base: Path, schema: z.ZodMiniType<WrittenLine> = lineSchema()): number => {
    const before = diagnostics.length;
    const ref = raw !== null && typeof raw === 'object' ? (raw as { ref?: unknown }).ref : undefined;
    if (typeof ref === 'string' && !folding) rawRefs.push({ ref, at: d.locator.value([...base, 'ref']) });
    const v = validate(schema, raw, d, base);
    append(diagnostics, v.diagnostics);
    if (v.data) {
      writtenLines++;
      if (folding && context.refs.has(v.data.ref)) needsFull = true;
      const line = normaliseLine({ written: v.data, doc: d, base }, context);
      append(diagnostics, line.diagnostics);
      if (line.value) budgetLines.push(line.value);
    }
    return diagnostics.length - before;
  };
  const rawLines = (doc.tree as { lines?: unknown }).lines;
  if (Array.isArray(rawLines)) for (let i = 0; i < rawLines.length && !abandon(); i++) take(rawLines[i], doc, ['lines', i]);

  // a line table past the input limit stops the reading of them all: no work on a run that cannot finish
  const lineFiles = header.fields.line_files ?? [];
  const overLimit = lineFiles.filter((rel) => sourceFile(set, relativeTo(file, rel)).overLimit !== undefined);
  (overLimit.length > 0 ? lineFiles.filter((rel) => overLimit.includes(rel)) : lineFiles).forEach((rel) => {
    if (abandon()) return;
    const i = lineFiles.indexOf(rel);
    const at = doc.locator.value(['line_files', i]);
    const csvFile = relativeTo(file, rel);
    inputs.push(csvFile);
    const csvSource = sourceFile(set, csvFile);
    const csvSrc = textOf(csvSource, csvFile, at);
    append(diagnostics, csvSrc.diagnostics);
    if (csvSrc.text === undefined) return;
    if (folding) {
      // the totals path: rows read a chunk at a time; anything irregular is left to the full load
      const chunked = csvRowsByChunk(csvFile, csvSrc.text);
      const streamed = chunked.header && lineTableRowsStreamed(chunked.header, chunked.rows, header.fields.amounts);
      if (streamed) {
        append(diagnostics, streamed.diagnostics);
        const schema = csvRowSchemaFor(streamed.fields, streamed.years);
        for (const rowDoc of streamed.rows) {
          if (abandon()) return;
          take(rowDoc.tree, rowDoc, [], schema);
        }
      }
      if (!streamed?.regular() || !chunked.regular()) needsFull = true;
      return;
    }
    const csv = csvOf(csvSource, csvFile, csvSrc.text);
    append(diagnostics, csv.diagnostics);
    if (!csv.table) return;
    const rows = lineTableRows(csv.table, header.fields.amounts);
    append(diagnostics, rows.diagnostics);
    const schema = csvRowSchemaFor(rows.fields, rows.years);
    let rowErrors = 0;
    for (const rowDoc of rows.rows) {
      if (abandon()) return;
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
      rowErrors += take(rowDoc.tree, rowDoc, [], schema);
    }
  });

  if (abandon()) return { diagnostics: [] };
  if (folding) budgetLines.push(...folding.lines());
  append(diagnostics, duplicateRefs(rawRefs));
  const council = readCouncilSections(file, doc, header.fields, asDepartment, (f) => load(f, [...chain, file], true), set);
  append(diagnostics, council.diagnostics);
  inputs.push(...council.inputs);
  const normalised = normalise(
    file,
    council.fields,
    council.doc,
    context,
    budgetLines,
    writtenLines > 0,
    inputs,
    council.departments,
    council.principles,
  );
  append(diagnostics, normalised.diagnostics);
  if (hasErrors(diagnostics) || !normalised.value) return { diagnostics };
  const assumptions = normaliseAssumptions(
    header.fields.assumptions,
    doc,
    normalised.value.lines,
    normalised.value.drivers ?? [],
    normalised.value.years,
    normalised.value.funding,
    normalised.value.classifications,
    { items: normalised.value.inflation ?? [], series: normalised.value.indexSeries ?? [] },
  );
  append(diagnostics, assumptions.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { value: { ...normalised.value, assumptions: assumptions.value }, diagnostics };
}

type HeaderFields = Partial<WrittenScenarioHeader>;

/**
 * The row schema of a line table with these field and year columns: the line fields that are its
 * columns (csvColumnSchemas), and `levels` and `changes` as objects of the table's years, each an
 * optional amount. It accepts and gives the same as the line schema without its check for unknown
 * keys (which the table's header has made: a column that is not a line field is refused there), with
 * `levels` and `changes` as records of amounts, on the table's rows (a row has only keys of its
 * columns, the years in the header's order; every line field a row needs is a column the header
 * must have), but zod's compiled parser then visits a row's dozen fields rather than all thirty a
 * line may have, and no records: about a fifth less time for each row validated.
 */
function csvRowSchemaFor(fields: readonly string[], years: readonly string[]): z.ZodMiniType<WrittenLine> {
  const key = `${fields.join(',')}\u0000${years.join(',')}`;
  let schema = rowSchemas.get(key);
  if (!schema) {
    const amounts = optionalOf(() => strictObject(Object.fromEntries(years.map((y) => [y, optionalAmount()]))));
    const columns = csvColumnSchemas();
    const picked = Object.fromEntries(fields.flatMap((f) => (Object.hasOwn(columns, f) ? [[f, columns[f]]] : [])));
    schema = object({ ...picked, levels: amounts, changes: amounts }) as unknown as z.ZodMiniType<WrittenLine>;
    rowSchemas.set(key, schema);
  }
  return schema;
}
const rowSchemas = new Map<string, z.ZodMiniType<WrittenLine>>();
/** A year's amount in a row, which may be blank: one schema for every year column of every table. */
const optionalAmount = lazySchema(() => optionalOf(amountSchema));

/**
 * The schema of each column a line table may have other than its years: a line's fields, and
 * `amounts` (consumed by the table reader when it is `levels` or `changes`; left here only when it is
 * neither). A plain shape, not an object schema: a table's own row schema is made of the columns it has.
 */
const csvColumnSchemas = lazySchema((): Record<string, z.ZodMiniType> => ({
  ...lineSchema().shape,
  amounts: optionalOf(() => z.enum(AMOUNT_FORMS)),
}));

/** The top-level keys a scenario may have, each taking any value: to report the keys it may not have. */
const headerKeysSchema = lazySchema(() => {
  const anything = optionalOf(() => z.unknown());
  return strictObject(Object.fromEntries(Object.keys(scenarioHeaderFields).map((k) => [k, anything])));
});

/**
 * Validates the top-level keys one by one, so that a bad `original_budget` does not hide a bad
 * period or line file: every valid field is kept for the checks that need it.
 */
function validateHeader(doc: RawDocument): { fields: HeaderFields; diagnostics: Diagnostic[] } {
  const keys = Object.keys(scenarioHeaderFields) as (keyof typeof scenarioHeaderFields)[];
  const tree = doc.tree as Record<string, unknown>;
  // a mapping whose keys are all scenario keys has nothing for the key check to report: its schema
  // (a strict object of every key) is built and run only when there is something to report
  const allKnown =
    typeof tree === 'object' &&
    tree !== null &&
    !Array.isArray(tree) &&
    Object.keys(tree).every((k) => Object.hasOwn(scenarioHeaderFields, k));
  const diagnostics: Diagnostic[] = allKnown ? [] : [...validate(headerKeysSchema(), doc.tree, doc).diagnostics];
  const fields: Record<string, unknown> = {};
  const misspelt = new Set(
    Object.keys(tree)
      .filter((k) => !Object.hasOwn(scenarioHeaderFields, k))
      .map((k) => closest(k, keys)),
  );
  for (const k of keys) {
    if (tree[k] === undefined && misspelt.has(k)) continue; // reported once, as an unknown key with a "did you mean"
    const field = scenarioHeaderFields[k];
    // an absent key that may be absent is valid: its schema is not built
    if (tree[k] === undefined && field.optional) {
      fields[k] = undefined;
      continue;
    }
    // a value that is there is validated by the schema inside an optional key's optional one
    const v = validate(tree[k] === undefined ? (field.schema() as z.ZodMiniType) : field.present(), tree[k], doc, [k]);
    append(diagnostics, v.diagnostics);
    if (v.diagnostics.length === 0) fields[k] = v.data;
  }
  return { fields: fields as HeaderFields, diagnostics };
}

/** The period (checked), transfers and resolved drivers: what lines and controls are read against. */
function lineContext(
  h: HeaderFields,
  doc: RawDocument,
  drivers: ReadDrivers,
  inflation: ReadInflation,
): { value: LineContext; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
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
  const demand = demandContext(drivers, resolved?.drivers, period);
  const items = period ? resolveInflation(inflation, period) : undefined;
  append(diagnostics, items?.diagnostics ?? []);
  return {
    value: {
      period,
      inPeriod,
      outside,
      demand,
      inflation: inflationContext(inflation, items?.value),
      inflationItems: items?.value,
      indexSeries: [...inflation.series.values()],
      refs: new Set(),
      transfers,
      drivers: resolved?.drivers,
      classes: normaliseClassifications(h.classifications),
    },
    diagnostics,
  };
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
  principles?: CouncilTaxPrinciples,
): { value?: Scenario; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value(p);
  const { period, inPeriod, outside, transfers } = context;
  const resolved = context.drivers ? { drivers: context.drivers } : undefined;

  const controls = normaliseControls(h.controls, doc, inPeriod, outside, h.units);
  append(diagnostics, controls.diagnostics);
  const council = normaliseCouncilSections(h, doc, period, hasLines, departmentScenarios, principles);
  append(diagnostics, council.diagnostics);
  const baseBudget = normaliseBaseBudget(h.base_budget, doc, period, inPeriod, outside);
  append(diagnostics, baseBudget.diagnostics);
  const grossAndIncome = normaliseGrossAndIncome(h.gross_and_income, doc, inPeriod, outside, h.units);
  append(diagnostics, grossAndIncome.diagnostics);
  const layout =
    council.departments === undefined
      ? normaliseLayout(h.layout, doc, budgetLines, transfers.size > 0, baseBudget.value !== undefined)
      : undefined;
  append(diagnostics, layout?.diagnostics ?? []);

  const { authority, department, units, original_budget: original } = h;
  if (hasErrors(diagnostics) || !period || !authority || !department || !units || (!original && !baseBudget.value && !council.departments))
    return { diagnostics };
  return {
    value: {
      file,
      authority,
      department,
      ...(h.title ? { title: h.title } : {}),
      ...(h.status ? { status: h.status } : {}),
      ...(h.date ? { date: h.date } : {}),
      ...(h.source ? { source: h.source } : {}),
      units,
      years: period,
      ...(original
        ? { originalBudget: { amount: money(original.amount), source: original.source, origin: at(['original_budget', 'amount']) } }
        : {}),
      transfers,
      ...(h.transfers ? { transfersSource: h.transfers.source } : {}),
      ...(baseBudget.value ? { baseBudget: baseBudget.value } : {}),
      layout: layout?.value ?? defaultLayout(new Set(), false, false),
      lines: budgetLines,
      ...(context.classes ? { classifications: context.classes } : {}),
      controls: controls.value,
      ...(h.controls ? { controlsSource: h.controls.source } : {}),
      ...(council.departments ? { departments: council.departments } : {}),
      ...(council.funding ? { funding: council.funding } : {}),
      ...(council.apportionment ? { apportionment: council.apportionment } : {}),
      inputs,
      ...(resolved?.drivers.length ? { drivers: resolved.drivers } : {}),
      ...(context.inflationItems?.length ? { inflation: context.inflationItems, indexSeries: context.indexSeries } : {}),
      ...(h.compare_with ? { compareWith: { file: relativeTo(file, h.compare_with.trim()), origin: at(['compare_with']) } } : {}),
      ...(grossAndIncome.value ? { grossAndIncome: grossAndIncome.value } : {}),
    },
    diagnostics,
  };
}

const yamlResult = (p: { doc?: RawDocument; diagnostics: readonly Diagnostic[] }): Result<RawDocument> =>
  p.doc ? { value: p.doc, diagnostics: p.diagnostics } : { diagnostics: p.diagnostics };

/** A base budget stated for every year of the period, or no value (with diagnostics). */
function normaliseBaseBudget(
  written: WrittenScenarioHeader['base_budget'],
  doc: RawDocument,
  period: readonly FiscalYear[] | undefined,
  inPeriod: (y: FiscalYear) => boolean,
  outside: (y: FiscalYear, loc: Location) => Diagnostic,
): Result<NonNullable<Scenario['baseBudget']>> {
  if (!written) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
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
  return { value: { amounts, source: written.source }, diagnostics };
}
