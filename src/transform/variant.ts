// A variant's operations (remove, add, set and scale lines; its own controls) as a transform of its
// base, and `realise`, which applies the operations of every variant a loaded scenario holds (its
// own, its base's, its departments'), bottom-up. The loader keeps the operations as written.

import { append, error, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { parseRateText } from '../model/amount-text.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { fillLevels, scaleLine, type StatedLevel } from '../model/levels.js';
import { rateFromText } from '../model/money.js';
import type { BudgetLine, Department, LineAdjustment, RemovedLine, Scenario, VariantOps } from '../model/scenario.js';
import { closest } from '../schema/diagnose.js';
import type { WrittenLine } from '../schema/scenario.js';
import type { Path } from '../source/raw-tree.js';
import { assignLines } from '../load/assumptions.js';
import { demandContextOf } from '../load/drivers.js';
import { inflationContextOf } from '../load/inflation.js';
import { normaliseControls, normaliseLine } from '../load/lines.js';
import { selects } from '../load/select-lines.js';
import { money, year } from '../load/validated.js';
import type { LoadedSources } from '../load/scenario.js';
import { writtenOps } from '../load/variant.js';
import type { Transform } from './transform.js';
import { applyFundingOps } from './variant-funding.js';
import { applyOverrides } from './what-if.js';

/**
 * The scenario with every variant's operations applied, innermost first: a variant's base before
 * the variant, each department of a whole council. A scenario with no variant in it is returned
 * as it is; one scenario held in two places (a department file named twice) is realised once.
 * Diagnostics: those of applyVariantOps, for each place, in the order the loader met the variants.
 */
export function realise(scenario: Scenario): Result<Scenario> {
  const memo = new Map<Scenario, Result<Scenario>>();
  const once = (s: Scenario): Result<Scenario> => {
    const known = memo.get(s) ?? realiseOne(s, once);
    memo.set(s, known);
    return known;
  };
  return once(scenario);
}

function realiseOne(s: Scenario, realised: (s: Scenario) => Result<Scenario>): Result<Scenario> {
  if (s.variant) {
    if (s.variant.removed) return { value: s, diagnostics: [] };
    const base = realised(s.variant.base);
    if (!base.value) return base;
    const applied = applyVariantOps(base.value, s.variant.ops);
    return { ...applied, diagnostics: [...base.diagnostics, ...applied.diagnostics] };
  }
  if (!s.departments?.some((d) => d.kind === 'scenario' && d.scenario.variant)) return { value: s, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const departments = s.departments.map((d): Department | undefined => {
    if (d.kind !== 'scenario') return d;
    const r = realised(d.scenario);
    append(diagnostics, r.diagnostics);
    return r.value && { ...d, scenario: r.value };
  });
  const all = departments.filter((d) => d !== undefined);
  if (hasErrors(diagnostics) || all.length < departments.length) return { diagnostics };
  return { value: { ...s, departments: all }, diagnostics };
}

/**
 * A load's result with its variants realised: the load's diagnostics, then the operations'. When
 * the load has no value, the operations of the variants it did load are still checked, so that
 * every error of every file is reported in one run.
 */
export function realiseLoaded(loaded: LoadedSources): Result<Scenario> {
  if (!loaded.value) return { diagnostics: [...loaded.diagnostics, ...(loaded.unrealised ?? []).flatMap((v) => realise(v).diagnostics)] };
  const r = realise(loaded.value);
  return { ...r, diagnostics: [...loaded.diagnostics, ...r.diagnostics] };
}

/**
 * A variant's operations applied to its base: remove → add → set → scale, then its controls; each
 * change is recorded on the line so `explain` and `compare` can show it. Diagnostics, located in
 * the variant file: `unknown-ref`, `duplicate-ref`, `year-outside-period`, `level-missing`,
 * `empty-selection` and those of normalising an added line.
 */
export const applyVariantOps: Transform<VariantOps> = (base, ops) => {
  const { doc, written: w } = writtenOps(ops);
  const diagnostics: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value(p);
  const file = doc.file;
  const years = base.years;
  const inPeriod = (y: FiscalYear): boolean => years.includes(y);
  const first = years[0] ?? '';
  const last = years[years.length - 1] ?? '';
  const outside = (y: FiscalYear, loc: Location): Diagnostic =>
    error(
      'year-outside-period',
      `${y} is outside the MTFS period of ${base.file} (${first} to ${last})`,
      loc,
      `use a year from ${first} to ${last}`,
    );

  const lines = new Map<string, BudgetLine>(base.lines.map((l) => [l.ref, l]));
  const unknownRef = (ref: string, loc: Location): Diagnostic => {
    const guess = closest(ref, [...lines.keys()]);
    return error(
      'unknown-ref',
      `${base.file} has no line ${ref}`,
      loc,
      guess ? `did you mean \`${guess}\`?` : `lines are ${[...lines.keys()].join(', ')}`,
    );
  };
  const adjust = (line: BudgetLine, a: LineAdjustment): BudgetLine => ({ ...line, adjustments: [...(line.adjustments ?? []), a] });

  const removed: RemovedLine[] = [];
  (w.remove ?? []).forEach((r, i) => {
    const line = lines.get(r.ref);
    if (!line) {
      diagnostics.push(unknownRef(r.ref, at(['remove', i, 'ref'])));
      return;
    }
    lines.delete(r.ref);
    removed.push({ line, variantFile: file, origin: at(['remove', i]), reason: r.reason });
  });

  (w.add ?? []).forEach((written: WrittenLine, i) => {
    const existing = lines.get(written.ref);
    if (existing) {
      diagnostics.push(
        error(
          'duplicate-ref',
          `line ${written.ref} already exists in ${base.file}`,
          at(['add', i, 'ref']),
          `the base's ${written.ref} is at ${existing.origin.file}:${existing.origin.line}:${existing.origin.column}; use \`set\` to change its levels or give the new line its own ref`,
        ),
      );
      return;
    }
    const normalised = normaliseLine(
      { written, doc, base: ['add', i] },
      {
        period: years,
        refs: new Set(),
        inPeriod,
        outside,
        demand: demandContextOf(base, lines.values()),
        inflation: inflationContextOf(base, lines.values()),
        classes: base.classifications,
      },
    );
    append(diagnostics, normalised.diagnostics);
    const line = normalised.value;
    if (line) lines.set(line.ref, adjust(line, { kind: 'add', variantFile: file, origin: at(['add', i]), reason: line.source }));
  });

  (w.set ?? []).forEach((s, i) => {
    const line = lines.get(s.ref);
    if (!line) {
      diagnostics.push(unknownRef(s.ref, at(['set', i, 'ref'])));
      return;
    }
    const stated: StatedLevel[] = [];
    for (const [text, amount] of Object.entries(s.levels)) {
      const y = year(text);
      if (!inPeriod(y)) diagnostics.push(outside(y, doc.locator.key(['set', i, 'levels', text])));
      else stated.push({ year: y, amount: money(amount), origin: at(['set', i, 'levels', text]) });
    }
    const method = s.unstated ?? line.unstated;
    const filled = fillLevels(years, stated, method);
    if (filled.unstated.length > 0) {
      diagnostics.push(
        error(
          'level-missing',
          `set ${s.ref} does not state ${filled.unstated.join(', ')} and names no method for unstated years`,
          doc.locator.key(['set', i, 'levels']),
          'give every year, or `unstated: hold` or `unstated: linear`',
        ),
      );
      return;
    }
    // set levels are written out: no longer built from drivers or inflation,
    // and no longer derived from gross and income: a set states the net levels only
    const {
      drivers: _builtBy,
      driversOrigin: _at,
      inflation: _inflation,
      inflationOrigin: _inflationAt,
      factors: _factors,
      grossIncome: _split,
      ...fixed
    } = line;
    lines.set(
      s.ref,
      adjust(
        { ...fixed, levels: filled.levels, ...(method ? { unstated: method } : {}) },
        { kind: 'set', variantFile: file, origin: at(['set', i]), reason: s.source },
      ),
    );
  });

  (w.scale ?? []).forEach((sc, i) => {
    const rate = parseRateText(sc.factor);
    if (!rate.ok) return; // the schema has already reported it
    const factor = rateFromText(rate.canonical);
    for (const [j, ref] of (sc.select.refs ?? []).entries()) {
      if (!lines.has(ref)) diagnostics.push(unknownRef(ref, at(['scale', i, 'select', 'refs', j])));
    }
    const chosen = [...lines.values()].filter((l) => selects(sc.select, l, base.classifications));
    if (chosen.length === 0) {
      diagnostics.push(
        error(
          'empty-selection',
          'this selection matches no line',
          at(['scale', i, 'select']),
          'check the conditions: every condition given must hold (reconciling lines are chosen only by ref)',
        ),
      );
      return;
    }
    for (const line of chosen) {
      lines.set(
        line.ref,
        adjust(scaleLine(line, factor), { kind: 'scale', variantFile: file, origin: at(['scale', i]), reason: sc.reason, factor }),
      );
    }
  });

  const funding = applyFundingOps(base.funding, w.funding, doc, years, base.file);
  append(diagnostics, funding.diagnostics);
  const controls = normaliseControls(w.controls, doc, inPeriod, outside, base.units);
  append(diagnostics, controls.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  const { controlsSource: _baseControls, ...inherited } = base; // the base's published controls do not apply
  const changed: Scenario = {
    ...inherited,
    file,
    ...(w.title ? { title: w.title } : {}),
    ...(w.status ? { status: w.status } : {}),
    ...(w.date ? { date: w.date } : {}),
    ...(w.source ? { source: w.source } : {}),
    lines: [...lines.values()],
    ...(funding.value ? { funding: funding.value } : {}),
    assumptions: assignLines(base.assumptions ?? [], [...lines.values()], base.classifications),
    controls: controls.value,
    ...(w.controls ? { controlsSource: w.controls.source } : {}),
    inputs: [file, ...base.inputs],
    variant: { base, ops, ...(w.description ? { description: w.description } : {}), removed },
  };
  const set = applyParameters(changed, w.parameters ?? [], (i) => at(['parameters', i, 'set']), file);
  append(diagnostics, set.diagnostics);
  return set.value && !hasErrors(diagnostics) ? { value: set.value, diagnostics } : { diagnostics };
};

/**
 * A variant's `parameters:`, each applied as `--set` applies it, in order. What each changed is
 * recorded as set by the variant (not as a command-line what-if); an entry that `--set` would refuse
 * is an `invalid-value` error located at the entry.
 */
function applyParameters(
  scenario: Scenario,
  entries: readonly { readonly set: string; readonly reason: string }[],
  at: (i: number) => Location,
  file: string,
): Result<Scenario> {
  const diagnostics: Diagnostic[] = [];
  const before = scenario.whatIf ?? [];
  let s = scenario;
  const sets: { text: string; file: string; reason: string }[] = [];
  entries.forEach((e, i) => {
    const r = applyOverrides(s, [e.set], (text) => `set by the variant ${file}: ${text} (${e.reason})`);
    for (const d of r.diagnostics) {
      diagnostics.push({
        ...d,
        code: d.code === 'usage' ? 'invalid-value' : d.code,
        message: d.message.replace(/^--set /, 'parameters: '),
        location: at(i),
      });
    }
    if (!r.value) return;
    for (const text of (r.value.whatIf ?? []).slice(before.length)) sets.push({ text, file, reason: e.reason });
    s = { ...r.value, whatIf: before };
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  if (sets.length === 0) return { value: s, diagnostics };
  const { whatIf: _none, ...rest } = s;
  return {
    value: { ...rest, ...(before.length ? { whatIf: before } : {}), variantSets: [...(scenario.variantSets ?? []), ...sets] },
    diagnostics,
  };
}
