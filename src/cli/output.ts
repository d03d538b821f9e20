// Shared CLI plumbing: printing diagnostics (with colour on a terminal), writing results to stdout
// or atomically to --output, and the one mapping from outcomes to exit codes.

import { error, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, summarise, type Sources, type Styler } from '../diagnostics/format.js';
import { BOLD, DIM, paint, RED, YELLOW } from './colour.js';
import type { Io } from './io.js';

export const EXIT_OK = 0;
export const EXIT_CHECKS_FAILED = 1;
export const EXIT_INVALID = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_CHECKS_FAILED | typeof EXIT_INVALID;

const plain = (s: string): string => s;

export function styler(io: Io): Styler {
  if (!io.color) return { error: plain, warning: plain, dim: plain, bold: plain };
  return {
    error: (s) => paint(s, RED, BOLD),
    warning: (s) => paint(s, YELLOW, BOLD),
    dim: (s) => paint(s, DIM),
    bold: (s) => paint(s, BOLD),
  };
}

/** At most this many diagnostics are printed in full; the count line still counts them all. */
const MAX_SHOWN = 100;

/** Prints diagnostics sorted by place (the first MAX_SHOWN), then a count; returns true when any is an error. */
export function report(io: Io, diagnostics: readonly Diagnostic[], sources: Sources): boolean {
  if (diagnostics.length === 0) return false;
  const sorted = sortDiagnostics(diagnostics);
  const shown = sorted.slice(0, MAX_SHOWN);
  const more = sorted.length - shown.length;
  const rest = more > 0 ? `\n\nmtfs: … and ${more} more not shown (fix the first ones: the rest are often the same mistake repeated)` : '';
  io.stderr(`${formatDiagnostics(shown, sources, styler(io))}${rest}\n\n${summarise(sorted)}\n`);
  return hasErrors(sorted);
}

/** A file a command read: its path, or its path and the name that diagnostics show for it. */
export type Input = string | { readonly file: string; readonly shown: string };

interface EmitOptions {
  readonly output?: string;
  /** Files that must never be overwritten (the scenario and everything it read). */
  readonly inputs: readonly Input[];
}

/** An error when `output` names one of `inputs` (after links and `..`), shown as the user knows it. */
export function refuseInput(io: Io, output: string, inputs: readonly Input[]): Diagnostic | undefined {
  const clash = inputs.map((i) => (typeof i === 'string' ? { file: i, shown: i } : i)).find((i) => io.sameFile(i.file, output));
  return clash
    ? error('output', `refusing to write ${output}: it is an input (${clash.shown})`, undefined, 'choose another output file')
    : undefined;
}

/** Writes `content` to stdout, or atomically to `--output`, refusing to overwrite an input. */
export function emit(io: Io, content: string | Uint8Array, opts: EmitOptions): Diagnostic | undefined {
  if (opts.output === undefined) {
    io.stdout(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    return undefined;
  }
  const refused = refuseInput(io, opts.output, opts.inputs);
  if (refused) return refused;
  const r = io.writeFileAtomic(opts.output, content);
  return r.ok ? undefined : error('output', r.message, undefined, r.hint ?? 'check that the folder exists and is writable');
}

/**
 * Writes all of a command's files or none (a failure leaves no new file and no changed one),
 * refusing every input first. Returns the diagnostics to report.
 */
export function emitAll(
  io: Io,
  outputs: readonly { readonly output: string; readonly content: string | Uint8Array }[],
  inputs: readonly Input[],
): Diagnostic[] {
  const refused = outputs.map((o) => refuseInput(io, o.output, inputs)).filter((d) => d !== undefined);
  if (refused.length > 0) return refused;
  const r = io.writeFilesAtomic(outputs.map((o) => ({ file: o.output, data: o.content })));
  return r.ok ? [] : [error('output', r.message, undefined, r.hint ?? 'check that the folder exists and is writable')];
}
