// A command of the CLI: how it declares its arguments and options to commander beside its handler,
// and the one way every command ends (write its output, report diagnostics, choose the exit code).

import type { Command } from 'commander';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Sources } from '../diagnostics/format.js';
import type { Io } from './io.js';
import { emit, EXIT_INVALID, EXIT_OK, report, type ExitCode, type Input } from './output.js';

export interface CommandContext {
  readonly io: Io;
  readonly version: string;
  /** Records the exit code of the command that ran. */
  readonly exit: (code: ExitCode) => void;
}

/** Adds one command (its arguments, options and handler) to the program. */
export type Register = (program: Command, ctx: CommandContext) => void;

interface Ending {
  /** What the command prints, or writes atomically to `output`; nothing when absent. */
  readonly content?: string | Uint8Array;
  readonly output?: string | undefined;
  /** Files that `output` must never overwrite. */
  readonly inputs: readonly Input[];
  /** The text of every file read, for diagnostics. */
  readonly sources: Sources;
  /** Reported once the output is written: warnings, or the disagreements that `code` answers. */
  readonly diagnostics?: readonly Diagnostic[];
  /** The exit code when the output is written; 0 unless given. */
  readonly code?: ExitCode;
}

/** Ends a command: writes its output (exit 2 when that fails), then reports its diagnostics. */
export function finish(io: Io, end: Ending): ExitCode {
  if (end.content !== undefined) {
    const failed = emit(io, end.content, { ...(end.output !== undefined ? { output: end.output } : {}), inputs: end.inputs });
    if (failed) return fail(io, [failed], end.sources);
  }
  report(io, end.diagnostics ?? [], end.sources);
  return end.code ?? EXIT_OK;
}

/** Ends a command that cannot go on: reports why, exit 2. */
export function fail(io: Io, diagnostics: readonly Diagnostic[], sources: Sources = new Map()): ExitCode {
  report(io, diagnostics, sources);
  return EXIT_INVALID;
}
