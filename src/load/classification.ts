// Classifications: the vocabularies a scenario declares (`classifications:`) → Classifications, and
// the check of one line's values against them (a value outside a vocabulary, a value a kind may not
// carry, a required value missing). Pure; shared by the scenario loader and the variant loader.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import {
  CLASSIFICATION_HEADING,
  statusOf,
  type Classification,
  type ClassificationName,
  type Classifications,
  type ClassValue,
  type LineStatus,
} from '../model/classification.js';
import type { WrittenClassifications } from '../schema/classification.js';
import { closest } from '../schema/diagnose.js';
import type { WrittenLine } from '../schema/scenario.js';

/** Written declarations → Classifications (the schema has checked their shape). */
export function normaliseClassifications(written: WrittenClassifications | undefined): Classifications | undefined {
  if (!written) return undefined;
  const out: Partial<Record<ClassificationName, Classification>> = {};
  for (const [name, w] of Object.entries(written) as [ClassificationName, NonNullable<WrittenClassifications[ClassificationName]>][]) {
    const values: ClassValue[] = Object.entries(w.values as Record<string, string | { label: string; mark?: string }>).map(([code, v]) =>
      typeof v === 'string' ? { code, label: v } : { code, label: v.label, ...(v.mark !== undefined ? { mark: v.mark } : {}) },
    );
    out[name] = {
      name,
      heading: w.label ?? CLASSIFICATION_HEADING[name],
      values,
      mixes: 'mixes' in w && w.mixes === true,
      requiredFor: w.required_for ?? [],
      ...(w.applies_to ? { appliesTo: w.applies_to } : {}),
      shown: w.shown ?? 'label',
    };
  }
  return out;
}

/** The classified values of a line, checked. */
export interface LineClasses {
  /** The parts of its nature: in the declared order where a vocabulary is declared, else as written. */
  readonly nature: readonly string[];
  /** The parts of its nature in the order the line writes them (e.g. SR/Eff), for display. */
  readonly natureWritten: readonly string[];
  readonly status?: LineStatus;
}

/** Where a line's fields are: the value of a field, the key of a field, and the ref. */
export interface LineLocator {
  readonly value: (field: string) => Location;
  readonly key: (field: string) => Location;
  /** Where the ref is written: worked out only when a diagnostic needs it (most lines have none). */
  readonly ref: () => Location;
}

const FIELDS = ['category', 'nature', 'service_area', 'growth_type', 'status'] as const satisfies readonly ClassificationName[];

/** The nature of every line that has none: one empty list, not one a line. */
const NO_NATURE: readonly string[] = Object.freeze([]);

/** The codes of each vocabulary, listed once for all the lines checked against it. */
const CODES = new WeakMap<Classification, readonly string[]>();
function codesOf(c: Classification): readonly string[] {
  let codes = CODES.get(c);
  if (!codes) CODES.set(c, (codes = c.values.map((v) => v.code)));
  return codes;
}

/** Checks a line's classification values against the scenario's vocabularies; reports every problem. */
export function checkLineClasses(
  w: WrittenLine,
  classes: Classifications | undefined,
  at: LineLocator,
): { value?: LineClasses; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const reconciling = w.reconciling === true;
  let nature: readonly string[] = NO_NATURE;
  let natureWritten: readonly string[] = NO_NATURE;
  let status: LineStatus | undefined;
  for (const name of FIELDS) {
    const written = w[name];
    const c = classes?.[name];
    if (written === undefined) {
      if (c && !reconciling && c.requiredFor.includes(w.type)) diagnostics.push(missing(w, c, at.ref()));
      continue;
    }
    if (c?.appliesTo && !c.appliesTo.includes(w.type)) {
      diagnostics.push(
        error(
          'classification-kind',
          `${w.type} line ${w.ref} has a \`${name}\`; this scenario classifies only ${c.appliesTo.join(', ')} lines by ${name}`,
          at.key(name),
          `remove it, or set \`type:\` to ${c.appliesTo.join(' or ')}`,
        ),
      );
      continue;
    }
    if (name === 'status') {
      status = statusOf(classes, written);
      if (status === undefined) diagnostics.push(outside(w, written, c, 'status', at.value('status')));
      continue;
    }
    if (!c) {
      if (name === 'nature') nature = natureWritten = written.split('/').map((p) => p.trim());
      continue;
    }
    const parts = c.mixes ? written.split('/').map((p) => p.trim()) : [written];
    const codes = codesOf(c);
    const bad = parts.filter((p) => !codes.includes(p));
    if (bad.length > 0) {
      diagnostics.push(outside(w, bad[0] ?? written, c, name, at.value(name)));
      continue;
    }
    if (new Set(parts).size < parts.length) {
      diagnostics.push(
        error(
          'classification-value',
          `${name} of line ${w.ref}: \`${written}\` names a value twice`,
          at.value(name),
          'write each part of a mix once, e.g. SR/Eff',
        ),
      );
      continue;
    }
    if (name === 'nature') {
      nature = codes.filter((code) => parts.includes(code));
      natureWritten = parts;
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { value: { nature, natureWritten, ...(status ? { status } : {}) }, diagnostics };
}

const described = (c: Classification | undefined, name: ClassificationName): string[] =>
  c
    ? c.values.map((v) => (v.label === v.code && !v.mark ? v.code : `${v.code} (${v.mark ? `${v.mark}, ` : ''}${v.label})`))
    : name === 'status'
      ? ['unchanged (*)', 'amended (**)', 'new']
      : [];

function outside(w: WrittenLine, value: string, c: Classification | undefined, name: ClassificationName, loc: Location): Diagnostic {
  const candidates = c ? c.values.flatMap((v) => [v.code, ...(v.mark ? [v.mark] : [])]) : ['unchanged', 'amended', 'new', '*', '**'];
  // a label written instead of its code (or one close to it) suggests the code
  const byLabel =
    c?.values.find((v) => v.label.toLowerCase() === value.toLowerCase()) ?? c?.values.find((v) => v.label === closest(value, [v.label]));
  const guess = closest(value, candidates) ?? byLabel?.code;
  const mix = c?.mixes ? ', or a mix of them joined with `/`' : '';
  return error(
    'classification-value',
    `${name} of line ${w.ref}: \`${value}\` is not one of this scenario's ${c ? c.heading.toLowerCase() : 'status'} values`,
    loc,
    `${guess ? `did you mean \`${guess}\`? ` : ''}${name} is one of: ${described(c, name).join(', ')}${mix}${c ? ' (see `classifications:`)' : ''}`,
  );
}

function missing(w: WrittenLine, c: Classification, loc: Location): Diagnostic {
  return error(
    'classification-missing',
    `${w.type} line ${w.ref} needs a \`${c.name}\``,
    loc,
    `this scenario requires a ${c.name} on ${c.requiredFor.join(' and ')} lines: ${described(c, c.name).join(', ')}`,
  );
}
