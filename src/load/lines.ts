// Normalising one written budget line (from YAML, a CSV row or a variant's `add:`) and a scenario's
// published controls into domain values, against the period and the demand drivers. Shared by the
// scenario loader and the variant operations (transform/variant.ts); pure.

import { append, error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import type { DemandDriver } from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import type { IndexSeries, InflationItem } from '../model/inflation.js';
import { fillLevels, levelsFromChanges, oneOffLevels, type StatedLevel } from '../model/levels.js';
import { yearMapOf } from '../model/year-map.js';
import type { Classifications } from '../model/classification.js';
import type { BudgetLine, Control, Level, SourcedAmount } from '../model/scenario.js';
import type { WrittenLine, WrittenScenarioHeader } from '../schema/scenario.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { DEFAULT_ROUNDING } from '../model/money.js';
import { controlUnits, isMultipleOf, isPoundsControl } from '../model/published-precision.js';
import type { Units } from '../model/units.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { checkLineClasses, type LineClasses } from './classification.js';
import { checkLineDrivers, type DemandContext } from './drivers.js';
import { checkLineInflation, type InflationContext } from './inflation.js';
import { money, year } from './validated.js';
import { savingDelivery, type SavingDelivery } from './saving-delivery.js';
import { lineClassKey, type LineTotals } from './line-totals.js';
import { checkStatedNet, lineGrossIncome } from './gross-income.js';
import { levelsFromGrossIncome } from '../model/gross-income.js';
import { KIND_SIGN } from '../model/line-kind.js';

/** The service area of a line that states none. */
const NO_SERVICE_AREA = 'not stated';

export interface LocatedLine {
  readonly written: WrittenLine;
  readonly doc: RawDocument;
  readonly base: Path;
}

/** What every line is normalised against: the period, and the demand drivers that build lines. */
export interface LineContext {
  readonly period: readonly FiscalYear[] | undefined;
  readonly inPeriod: (y: FiscalYear) => boolean;
  readonly outside: (y: FiscalYear, loc: Location) => Diagnostic;
  readonly demand: DemandContext;
  readonly inflation: InflationContext;
  /** The inflation drivers, resolved against the period (absent when they could not be). */
  readonly inflationItems: InflationItem[] | undefined;
  /** The index series declared (the file's and the scenario's own). */
  readonly indexSeries: IndexSeries[];
  /** Refs already normalised: a later line with the same ref is left out (duplicateRefs reports it). */
  readonly refs: Set<string>;
  readonly transfers: Map<FiscalYear, SourcedAmount>;
  readonly drivers: DemandDriver[] | undefined;
  /** The vocabularies the scenario declares (a variant's base's); none: any value, none required. */
  readonly classes: Classifications | undefined;
  /** On the totals path: where plain lines are added up by class instead of kept (line-totals.ts). */
  readonly totals?: LineTotals;
}

/** Published controls → Control values; years outside the period are reported. */
/**
 * Published controls → Control values, each with its published precision (its own, else the
 * section's) and the section's rounding rule. Diagnostics: `year-outside-period`;
 * `control-precision` when a figure is not a whole number of the steps it was published to.
 */
export function normaliseControls(
  written: WrittenScenarioHeader['controls'],
  doc: RawDocument,
  inPeriod: (y: FiscalYear) => boolean,
  outside: (y: FiscalYear, loc: Location) => Diagnostic,
  units: Units | undefined,
): { value: Control[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const controls: Control[] = [];
  const rounding = written?.rounding ?? DEFAULT_ROUNDING;
  for (const [row, byYear] of Object.entries(written?.rows ?? {})) {
    for (const [text, value] of Object.entries(byYear)) {
      const y = year(text);
      const p: Path = ['controls', 'rows', row, text];
      if (!inPeriod(y)) {
        diagnostics.push(outside(y, doc.locator.key(p)));
        continue;
      }
      const own = typeof value === 'string' ? undefined : value.published_to;
      // Band D is in £ and pence: the section's precision (that of the money table) is not its own
      const pounds = isPoundsControl(row);
      const publishedTo = own ?? (pounds ? undefined : written?.published_to);
      const expected = money(typeof value === 'string' ? value : value.amount);
      const origin = doc.locator.value(typeof value === 'string' ? p : [...p, 'amount']);
      const rowUnits = units && controlUnits(row, units);
      if (publishedTo && rowUnits && !isMultipleOf(expected, publishedTo, rowUnits)) {
        diagnostics.push(
          error(
            'control-precision',
            `${row} ${y}: ${formatPlainGrouped(expected)} ${rowUnits} is not a figure published to the nearest ${publishedTo}`,
            origin,
            own
              ? 'write the figure as published, or correct `published_to`'
              : `write the figure as published, or give this control its own precision: \`{amount: ${expected.toFixed()}, published_to: £1}\``,
          ),
        );
        continue;
      }
      controls.push({ row, year: y, expected, origin, rounding, ...(publishedTo ? { publishedTo } : {}) });
    }
  }
  return { value: controls, diagnostics };
}

export function normaliseLine(
  { written: w, doc: lineDoc, base }: LocatedLine,
  {
    period: years,
    refs,
    inPeriod,
    outside,
    demand,
    inflation,
    classes,
    totals,
  }: Pick<LineContext, 'period' | 'refs' | 'inPeriod' | 'outside' | 'demand' | 'inflation' | 'classes' | 'totals'>,
): Result<BudgetLine> {
  const diagnostics: Diagnostic[] = [];
  const done = (line?: BudgetLine): Result<BudgetLine> => (line ? { value: line, diagnostics } : { diagnostics });
  // a table row's fields are at the root of its document (no path to prefix)
  const lat = (p: Path): Location => lineDoc.locator.value(base.length === 0 ? p : [...base, ...p]);
  const lkey = (p: Path): Location => lineDoc.locator.key(base.length === 0 ? p : [...base, ...p]);
  if (refs.has(w.ref)) return done(); // reported by duplicateRefs
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
  const checked = checkLineClasses(w, classes, { value: (f) => lat([f]), key: (f) => lkey([f]), ref: refLoc });
  append(diagnostics, checked.diagnostics);
  const classified = checked.value ?? { nature: [], natureWritten: [] };
  if (!checked.value) ok = false;

  const deliveryResult = savingDelivery(w, lat, lkey, inPeriod, outside);
  append(diagnostics, deliveryResult.diagnostics);
  const delivery = deliveryResult.value;
  if (!delivery) ok = false;

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
  const gi = lineGrossIncome(w, { years: years ?? [], inPeriod, outside, lat, lkey });
  append(diagnostics, gi.diagnostics);
  if (gi.written && (!gi.value || !years)) ok = false;
  if (w.inflation !== undefined) {
    const clash = names
      ? 'driver'
      : (written ?? (gi.written ? 'gross' : w.unstated !== undefined ? 'unstated' : w.one_off ? 'one_off' : undefined));
    if (clash) {
      diagnostics.push(
        error(
          'inflation-form',
          `line ${w.ref} gives both \`inflation\` and \`${clash}\``,
          lkey([clash]),
          "an inflation line's levels are built from its inflation driver: remove the other",
        ),
      );
      ok = false;
    }
    if (w.type !== 'growth') {
      diagnostics.push(
        error(
          'inflation-form',
          `${w.type === 'saving' ? 'saving' : `${w.type} line`} ${w.ref} names an inflation driver; only growth lines are built from them`,
          lkey(['inflation']),
          'make it a growth line: an income uplift is a growth line whose levels are negative',
        ),
      );
      ok = false;
    }
    const built = checkLineInflation(inflation, w.ref, w.inflation, lat(['inflation']));
    append(diagnostics, built.diagnostics);
    return done(
      ok && years && built.value && delivery ? budgetLine(w, classified, new Map(), lat, delivery, undefined, w.inflation) : undefined,
    );
  }
  if (!names && written === undefined && !gi.written) {
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

  // the totals path: a plain line of a class already met adds its written levels to the class's totals
  // (a line that states gross and income is kept whole: its split and its check need it)
  const foldKey =
    totals &&
    ok &&
    delivery &&
    !names &&
    !gi.written &&
    w.levels &&
    !w.changes &&
    !w.one_off &&
    !w.unstated &&
    !reconciling &&
    !delivery.slippage
      ? totals.covers(w.levels)
        ? lineClassKey(
            w.type,
            classified.status,
            w.category || undefined,
            classified.nature,
            w.service_area ?? NO_SERVICE_AREA,
            w.growth_type || undefined,
            delivery.rag,
            delivery.stage,
          )
        : undefined
      : undefined;
  if (foldKey !== undefined && w.levels && totals?.add(foldKey, w.levels)) return done();

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
    // the levels are the projection's to build (project/derive.ts): the line keeps what builds them
    const built = checkLineDrivers(demand, w.ref, names, lat(['driver']));
    append(diagnostics, built.diagnostics);
    return done(ok && years && built.value && delivery ? budgetLine(w, classified, new Map(), lat, delivery, names) : undefined);
  }
  if (!ok || !years || !delivery) return done();
  if (w.one_off) return done(budgetLine(w, classified, oneOffLevels(years, stated), lat, delivery));
  if (written === 'changes') return done(budgetLine(w, classified, levelsFromChanges(years, stated), lat, delivery));
  if (gi.value) {
    // the levels are derived from gross and income; levels written beside them are checked
    const derived = levelsFromGrossIncome(years, gi.value, KIND_SIGN[w.type]);
    const mismatches = checkStatedNet(w.ref, stated, derived, gi.value, KIND_SIGN[w.type]);
    append(diagnostics, mismatches);
    return done(mismatches.length > 0 ? undefined : { ...budgetLine(w, classified, derived, lat, delivery), grossIncome: gi.value });
  }
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
    return done();
  }
  const line = budgetLine(w, classified, yearMapOf(years, filled.levels) ?? filled.levels, lat, delivery);
  if (foldKey === undefined || !w.levels || !totals) return done(line);
  totals.start(foldKey, line, w.levels);
  return done();
}

/** The domain line; `lat` locates the written fields (origin of the line and of its status). */
function budgetLine(
  w: WrittenLine,
  classes: LineClasses,
  levels: ReadonlyMap<FiscalYear, Level>,
  lat: (p: Path) => Location,
  delivery: SavingDelivery,
  drivers?: readonly string[],
  inflation?: string,
): BudgetLine {
  // built field by field rather than with conditional spreads: one object per line, not ten
  const line: { -readonly [K in keyof BudgetLine]: BudgetLine[K] } = {
    ref: w.ref,
    type: w.type,
    description: w.description,
    nature: classes.nature,
    natureWritten: classes.natureWritten,
    serviceArea: w.service_area ?? NO_SERVICE_AREA,
    levels,
    reconciling: w.reconciling === true,
    source: w.source,
    origin: lat([]),
  };
  if (classes.status) {
    line.status = classes.status;
    line.statusOrigin = lat(['status']);
  }
  if (w.category) line.category = w.category;
  if (w.unstated) line.unstated = w.unstated;
  if (w.growth_type) line.growthType = w.growth_type;
  if (w.one_off) line.oneOff = true;
  if (w.changes !== undefined) line.writtenAs = 'changes';
  if (drivers) {
    line.drivers = drivers;
    line.driversOrigin = lat(['driver']);
  }
  if (inflation !== undefined) {
    line.inflation = inflation;
    line.inflationOrigin = lat(['inflation']);
  }
  if (w.note) line.note = w.note;
  if (delivery.rag) line.rag = delivery.rag;
  if (delivery.stage) line.stage = delivery.stage;
  if (delivery.slippage) line.slippage = delivery.slippage;
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
