// `mtfs compare <base> <other>...`: side by side, differences with FAV/ADV, and attribution.

import type { Command } from 'commander';
import type { RoundingMode } from '../../model/money.js';
import { projectScenario } from '../../project/project.js';
import { comparisonAsJson, comparisonCsvTables, comparisonTables } from '../../render/compare.js';
import { compareProjections } from '../../reports/compare/compare.js';
import { finish, type CommandContext } from '../command.js';
import { formatOption, outputOption, displayOptions, roundingOption, unitsOption, decimalsOption, setOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import type { Io } from '../io.js';
import { checkComparable, loadScenarios } from '../load.js';
import { EXIT_INVALID, type ExitCode } from '../output.js';
import { renderAs, type Format } from '../render.js';

interface CompareOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  /** `--set` what-ifs, applied to the other scenarios (not the base). */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('compare')
    .description('compare scenarios side by side with the first, and attribute the differences to lines')
    .argument('<base>', 'the scenario to compare against')
    .argument('<other...>', 'one or more scenarios')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .addOption(setOption('applied to each <other>, not to <base>'))
    .action((base: string, others: string[], o: CompareOptions) => exit(compareCommand(io, base, others, o)));
}

function compareCommand(io: Io, base: string, others: readonly string[], opts: CompareOptions): ExitCode {
  const loaded = loadScenarios(io, [base, ...others.map((file) => ({ file, sets: opts.set }))]);
  if (!loaded || !checkComparable(io, loaded.scenarios, loaded.sources)) return EXIT_INVALID;
  const [b, ...o] = loaded.scenarios.map(projectScenario);
  if (!b) return EXIT_INVALID;
  const comparison = compareProjections(b, o);
  return finish(io, {
    content: renderAs(
      io,
      opts.format,
      displayOptions(opts, b.scenario.units),
      comparisonTables(comparison),
      () => comparisonAsJson(comparison),
      comparisonCsvTables(comparison),
    ),
    output: opts.output,
    inputs: loaded.scenarios.flatMap((s) => s.inputs),
    sources: loaded.sources,
  });
}
