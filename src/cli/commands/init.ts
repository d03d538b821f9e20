// `mtfs init [folder]`: writes a neutral starter scenario and its line table into a folder, never
// over an existing file. The text comes from render/starter.ts; this command only touches files.

import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { parseFiscalYear, startOf, type FiscalYear } from '../../model/fiscal-year.js';
import {
  DEFAULT_STARTER_COUNCIL,
  DEFAULT_STARTER_DEPARTMENT,
  DEFAULT_STARTER_PERIOD,
  STARTER_LINES,
  STARTER_SCENARIO,
  starterFiles,
} from '../../render/starter.js';
import type { CommandContext } from '../command.js';
import type { Io } from '../io.js';
import { writeNewFiles } from '../new-files.js';
import { EXIT_INVALID, EXIT_OK, report, type ExitCode } from '../output.js';

/** The longest period a starter covers. */
const MAX_STARTER_YEARS = 10;

/** `2025/26-2028/29` (or with `..` or `–`) → the first and last years. */
export function parsePeriod(text: string): { from: FiscalYear; to: FiscalYear } {
  const m = /^\s*(\S+?)\s*(?:-|–|\.\.)\s*(\S+)\s*$/.exec(text);
  if (!m) throw new InvalidArgumentError('expected FROM-TO, e.g. 2025/26-2028/29');
  const from = parseFiscalYear(m[1] as string);
  const to = parseFiscalYear(m[2] as string);
  if (!from.ok) throw new InvalidArgumentError(from.message);
  if (!to.ok) throw new InvalidArgumentError(to.message);
  const n = startOf(to.year) - startOf(from.year) + 1;
  if (n < 1 || n > MAX_STARTER_YEARS) {
    throw new InvalidArgumentError(`expected from 1 to ${MAX_STARTER_YEARS} years, first year first, e.g. 2025/26-2028/29`);
  }
  return { from: from.year, to: to.year };
}

function nonEmptyName(v: string): string {
  const t = v.trim();
  // eslint-disable-next-line no-control-regex
  if (t === '' || t.length > 200 || /[\u0000-\u001f\u007f]/.test(t))
    throw new InvalidArgumentError('expected a name of 1 to 200 characters on one line');
  return t;
}

export interface InitOptions {
  readonly period: { from: FiscalYear; to: FiscalYear };
  readonly council: string;
  readonly department: string;
}

export function initCommand(io: Io, folder: string, opts: InitOptions): ExitCode {
  const made = starterFiles({ council: opts.council, department: opts.department, ...opts.period });
  if (!made.files) {
    report(io, made.diagnostics, new Map());
    return EXIT_INVALID;
  }
  const targets = [
    { file: path.join(folder, STARTER_SCENARIO), text: made.files.scenario },
    { file: path.join(folder, STARTER_LINES), text: made.files.lines },
  ];
  if (!writeNewFiles(io, folder, targets)) return EXIT_INVALID;

  const scenario = targets[0]?.file ?? STARTER_SCENARIO;
  io.stdout(
    `wrote ${targets.map((t) => t.file).join(' and ')}\n` +
      `next: mtfs project ${scenario}   (then replace the starter figures with your own)\n`,
  );
  return EXIT_OK;
}

/** Adds `mtfs init` to the program. */
export function register(program: Command, { io, exit }: CommandContext): void {
  const p = DEFAULT_STARTER_PERIOD;
  program
    .command('init')
    .description('write a starter scenario (scenario.yaml and lines.csv) into a folder, to edit into your own')
    .argument('[folder]', 'the folder to write into (created if need be)', '.')
    .option('--period <from-to>', `the MTFS years, e.g. 2026/27-2029/30 (default ${p.from}-${p.to})`, parsePeriod, p)
    .option('--council <name>', 'the council, as the title shows it', nonEmptyName, DEFAULT_STARTER_COUNCIL)
    .option('--department <name>', 'the department or service', nonEmptyName, DEFAULT_STARTER_DEPARTMENT)
    .action((folder: string, o: InitOptions) => exit(initCommand(io, folder, o)));
}
