// Renders diagnostics for people: `file:line:col: error[code]: message`, a numbered excerpt with
// carets under the offending text, then hints. Pure; colour is applied by the caller's styler.

import type { Diagnostic } from './diagnostic.js';

export interface Styler {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const plainStyler: Styler = { error: (s) => s, warning: (s) => s, dim: (s) => s, bold: (s) => s };

/** Source texts by file name, for excerpts. */
export type Sources = ReadonlyMap<string, string>;

const MAX_EXCERPT = 120;

/** The lines of each source text, split once per run rather than once per diagnostic. */
type LineCache = Map<string, readonly string[]>;

function formatDiagnostic(d: Diagnostic, sources: Sources, style: Styler = plainStyler, cache: LineCache = new Map()): string {
  const sev = d.severity === 'error' ? style.error(`error[${d.code}]`) : style.warning(`warning[${d.code}]`);
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : 'mtfs: ';
  const out = [`${where}${sev}: ${style.bold(d.message)}`];
  const excerpt = d.location ? excerptLines(d, sources, cache) : [];
  const gutterWidth = d.location ? String(d.location.line).length : 0;
  const pad = ' '.repeat(gutterWidth);
  out.push(...excerpt.map((l) => style.dim(l)));
  for (const note of d.notes ?? []) out.push(`${pad} = ${note}`);
  if (d.hint) out.push(`${pad} = hint: ${d.hint}`);
  return out.join('\n');
}

function excerptLines(d: Diagnostic, sources: Sources, cache: LineCache): string[] {
  const loc = d.location;
  if (!loc) return [];
  let lines = cache.get(loc.file);
  if (lines === undefined) {
    const text = sources.get(loc.file);
    if (text === undefined) return [];
    lines = text.split(/\r\n|\n|\r/);
    cache.set(loc.file, lines);
  }
  const raw = lines[loc.line - 1];
  if (raw === undefined) return [];
  const gutter = String(loc.line);
  const pad = ' '.repeat(gutter.length);
  const shown = visible(raw.length > MAX_EXCERPT ? `${raw.slice(0, MAX_EXCERPT)}…` : raw);
  const start = Math.min(Math.max(loc.column - 1, 0), shown.length);
  const end = loc.endLine === loc.line ? Math.max(Math.min(loc.endColumn - 1, shown.length), start + 1) : Math.max(shown.length, start + 1);
  return [`${pad} |`, `${gutter} | ${shown}`, `${pad} | ${' '.repeat(start)}${'^'.repeat(end - start)}`];
}

/**
 * Tabs and control characters would misplace the carets (and a terminal would act on ESC, C1
 * and bidi overrides): show them as single visible marks, as render/safe-text.ts does for output.
 */
function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '·');
}

export function formatDiagnostics(ds: readonly Diagnostic[], sources: Sources, style: Styler = plainStyler): string {
  const cache: LineCache = new Map();
  return ds.map((d) => formatDiagnostic(d, sources, style, cache)).join('\n\n');
}

/** One closing line such as `2 errors, 1 warning`. */
export function summarise(ds: readonly Diagnostic[]): string {
  const e = ds.filter((d) => d.severity === 'error').length;
  const w = ds.length - e;
  const parts = [];
  if (e) parts.push(`${e} error${e === 1 ? '' : 's'}`);
  if (w) parts.push(`${w} warning${w === 1 ? '' : 's'}`);
  return parts.join(', ');
}
