// `mtfs diff <previous> <current>`: classify each line against the previous MTFS and warn where
// the written status disagrees. Exit 0 (warnings only) unless --strict, then 1 on a disagreement.

import type { Command } from 'commander';
import type { RoundingMode } from '../../model/money.js';
import { diffAsJson, diffTable } from '../../render/diff.js';
import { diffScenarios } from '../../reports/diff/diff.js';
import { finish, type CommandContext } from '../command.js';
import { formatOption, outputOption, displayOptions, roundingOption, unitsOption, decimalsOption, setOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import type { Io } from '../io.js';
import { loadScenarios } from '../load.js';
import { EXIT_CHECKS_FAILED, EXIT_INVALID, EXIT_OK, type ExitCode } from '../output.js';
import { renderAs, type Format } from '../render.js';

interface DiffOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  readonly strict: boolean;
  /** `--set` what-ifs, applied to the current MTFS. */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('diff')
    .description('classify each line as unchanged (*), amended (**), new or removed against a previous MTFS')
    .argument('<previous>', 'the previous MTFS scenario')
    .argument('<current>', 'the current MTFS scenario')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .option('--strict', 'exit 1 when a written status disagrees with the comparison', false)
    .addOption(setOption('applied to <current>'))
    .action((previous: string, current: string, o: DiffOptions) => exit(diffCommand(io, previous, current, o)));
}

function diffCommand(io: Io, previous: string, current: string, opts: DiffOptions): ExitCode {
  const loaded = loadScenarios(io, [previous, { file: current, sets: opts.set }]);
  const [p, c] = loaded?.scenarios ?? [];
  if (!loaded || !p || !c) return EXIT_INVALID;
  const d = diffScenarios(p, c);
  return finish(io, {
    content: renderAs(io, opts.format, displayOptions(opts, c.units), [diffTable(d)], () => diffAsJson(d)),
    output: opts.output,
    inputs: [...p.inputs, ...c.inputs],
    sources: loaded.sources,
    diagnostics: d.diagnostics,
    code: opts.strict && d.diagnostics.length > 0 ? EXIT_CHECKS_FAILED : EXIT_OK,
  });
}
