// Loading a scenario variant: a file that `extends:` another scenario and removes, adds, sets or
// scales lines. The base is loaded unchanged; the variant's changes are applied in the order
// remove → add → set → scale, each recorded on the line so `explain` and `compare` can show it.

import { append, error, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { parseRateText } from '../model/amount-text.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { fillLevels, scaleLine, type StatedLevel } from '../model/levels.js';
import { rateFromText } from '../model/money.js';
import type { BudgetLine, LineAdjustment, RemovedLine, Scenario } from '../model/scenario.js';
import { closest, validate } from '../schema/diagnose.js';
import type { WrittenLine } from '../schema/scenario.js';
import { variantSchema, type WrittenVariant } from '../schema/variant.js';
import { assignLines } from './assumptions.js';
import { demandContextOf } from './drivers.js';
import { selects } from './select-lines.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { atReference } from './read-source.js';
import { normaliseControls, normaliseLine } from './lines.js';
import { relativeTo } from './reader.js';
import { money, year } from './validated.js';

/** How many `extends:` links a chain may have. */
export const MAX_VARIANT_DEPTH = 8;

/** Loads the base a variant names, with the chain of variants that led to it (to refuse cycles). */
export type LoadBase = (file: string, chain: readonly string[]) => Result<Scenario>;

export function loadVariant(doc: RawDocument, chain: readonly string[], loadBase: LoadBase): Result<Scenario> {
  const diagnostics: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value(p);
  const v = validate(variantSchema, doc.tree, doc);
  append(diagnostics, v.diagnostics);
  const ext = (doc.tree as { extends?: unknown }).extends;
  if (typeof ext !== 'string' || ext.trim() === '') return { diagnostics };

  const baseFile = relativeTo(doc.file, ext.trim());
  if (chain.includes(baseFile)) {
    diagnostics.push(
      error(
        'extends-cycle',
        `${doc.file} extends ${baseFile}, which already extends it: ${[...chain, baseFile].join(' → ')}`,
        at(['extends']),
        'a variant must extend a scenario that does not lead back to it',
      ),
    );
    return { diagnostics };
  }
  if (chain.length > MAX_VARIANT_DEPTH) {
    diagnostics.push(
      error(
        'extends-cycle',
        `more than ${MAX_VARIANT_DEPTH} variants extend one another`,
        at(['extends']),
        'extend the base scenario directly',
      ),
    );
    return { diagnostics };
  }
  // a variant named as a department is a department all the way down: its base may not have departments
  const base = loadBase(baseFile, chain);
  // the base file itself missing, a folder or too large is reported where the variant names it
  append(diagnostics, atReference(base.diagnostics, at(['extends']), `the scenario ${baseFile} named by \`extends\` does not exist`));
  if (!base.value || !v.data || hasErrors(diagnostics)) return { diagnostics };

  const applied = applyVariant(doc, v.data, base.value);
  append(diagnostics, applied.diagnostics);
  if (hasErrors(diagnostics) || !applied.value) return { diagnostics };
  return { value: applied.value, diagnostics };
}

/**
 * A variant's operations applied to its base: remove → add → set → scale, then its controls. The
 * loader applies them as it loads a variant file; transform/variant.ts offers them as a transform.
 */
export function applyVariant(doc: RawDocument, w: WrittenVariant, base: Scenario): Result<Scenario> {
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
      { period: years, refs: new Set(), inPeriod, outside, demand: demandContextOf(base, lines.values()) },
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
    // set levels are written out: no longer built from drivers
    const { drivers: _builtBy, driversOrigin: _at, factors: _factors, ...fixed } = line;
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
    const chosen = [...lines.values()].filter((l) => selects(sc.select, l));
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

  const controls = normaliseControls(w.controls, doc, inPeriod, outside);
  append(diagnostics, controls.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  const { controlsSource: _baseControls, ...inherited } = base; // the base's published controls do not apply
  return {
    value: {
      ...inherited,
      file,
      ...(w.title ? { title: w.title } : {}),
      ...(w.status ? { status: w.status } : {}),
      ...(w.date ? { date: w.date } : {}),
      ...(w.source ? { source: w.source } : {}),
      lines: [...lines.values()],
      assumptions: assignLines(base.assumptions ?? [], [...lines.values()]),
      controls: controls.value,
      ...(w.controls ? { controlsSource: w.controls.source } : {}),
      inputs: [file, ...base.inputs],
      variant: { base, ...(w.description ? { description: w.description } : {}), removed },
    },
    diagnostics,
  };
}
