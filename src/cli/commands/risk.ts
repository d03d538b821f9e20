// `mtfs sensitivity <scenario>` and `mtfs risk <scenario> [--draws N] [--seed S] [--threshold A]`.

import { expectLongRun, LONG_RUN_DRAWS } from '../tiering.js';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { error } from '../../diagnostics/diagnostic.js';
import { parseAmountText } from '../../model/amount-text.js';
import { group } from '../../model/grouped-number.js';
import { moneyFromText, type RoundingMode } from '../../model/money.js';
import type { Sources } from '../../diagnostics/format.js';
import type { Scenario } from '../../model/scenario.js';
import { projectScenario, type Projection } from '../../project/project.js';
import { riskAssumptions } from '../../reports/risk/engine.js';
import { maxDraws, monteCarlo } from '../../reports/risk/monte-carlo.js';
import { sensitivity } from '../../reports/risk/sensitivity.js';
import { riskAsJson, riskTable, sensitivityAsJson, sensitivityTable } from '../../render/risk.js';
import type { Io } from '../io.js';
import { fail, finish, type CommandContext } from '../command.js';
import {
  drawCount,
  formatOption,
  outputOption,
  displayOptions,
  roundingOption,
  unitsOption,
  decimalsOption,
  seedNumber,
  setOption,
} from '../flags.js';
import type { Units } from '../../model/units.js';
import { loadScenarios } from '../load.js';
import { EXIT_INVALID, type ExitCode } from '../output.js';
import { renderAs, type Format } from '../render.js';

interface RiskCommandOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  /** `--set` what-ifs on demand drivers, applied before the ranges are varied. */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('sensitivity')
    .description('each assumption range alone at its low and high: the effect on the net budget (and gap), largest first')
    .argument('<scenario>', 'scenario YAML file with `assumptions:`')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .addOption(setOption())
    .action((scenario: string, o: RiskCommandOptions) => exit(sensitivityCommand(io, scenario, o)));

  program
    .command('risk')
    .description('Monte Carlo over all assumption ranges together: percentiles of the net budget (and gap)')
    .argument('<scenario>', 'scenario YAML file with `assumptions:`')
    .addOption(new Option('--draws <n>', 'number of draws').argParser(drawCount).default(10000))
    .addOption(new Option('--seed <s>', 'random seed (same seed, same result)').argParser(seedNumber).default(1))
    .option('--threshold <amount>', 'also give the probability that the gap exceeds this amount')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .addOption(setOption())
    .action((scenario: string, o: RiskOptions) => exit(riskCommand(io, scenario, o)));
}

function loadWithAssumptions(io: Io, file: string, sets: readonly string[]): { scenario: Scenario; sources: Sources } | undefined {
  const loaded = loadScenarios(io, [{ file, sets }]);
  const scenario = loaded?.scenarios[0];
  if (!loaded || !scenario) return undefined;
  const { sources } = loaded;
  if (riskAssumptions(scenario).length === 0) {
    fail(
      io,
      [
        error(
          'usage',
          `${file} has no \`assumptions:\`, so there is nothing to vary`,
          undefined,
          'add assumption ranges (see the README, "Risk")',
        ),
      ],
      sources,
    );
    return undefined;
  }
  return { scenario, sources };
}

/** Refuses more draws than the scenario's limit (exact percentiles keep every drawn figure), given its projection. */
export function tooManyDraws(io: Io, base: Projection, draws: number, sources: Sources): boolean {
  const most = maxDraws(base);
  if (draws <= most) return false;
  const n = (x: number) => group(String(x));
  fail(
    io,
    [
      error(
        'usage',
        `--draws ${n(draws)} is more than ${n(most)}, the most this scenario allows: exact percentiles keep every drawn figure, and more would need over 350 MB of memory`,
        undefined,
        `use --draws ${n(most)} or fewer`,
      ),
    ],
    sources,
  );
  return true;
}

function sensitivityCommand(io: Io, file: string, opts: RiskCommandOptions): ExitCode {
  const loaded = loadWithAssumptions(io, file, opts.set);
  if (!loaded) return EXIT_INVALID;
  const { scenario, sources } = loaded;
  const s = sensitivity(scenario);
  const content = renderAs(io, opts.format, displayOptions(opts, scenario.units), [sensitivityTable(s)], () => sensitivityAsJson(s));
  return finish(io, { content, output: opts.output, inputs: scenario.inputs, sources });
}

export interface RiskOptions extends RiskCommandOptions {
  readonly draws: number;
  readonly seed: number;
  readonly threshold?: string;
}

function riskCommand(io: Io, file: string, opts: RiskOptions): ExitCode {
  const loaded = loadWithAssumptions(io, file, opts.set);
  if (!loaded) return EXIT_INVALID;
  const { scenario, sources } = loaded;
  let threshold;
  if (opts.threshold !== undefined) {
    const t = parseAmountText(opts.threshold);
    if (!t.ok) return fail(io, [error('usage', `--threshold: ${t.message}`, undefined, t.hint)], sources);
    threshold = moneyFromText(t.canonical);
  }
  const base = projectScenario(scenario);
  if (tooManyDraws(io, base, opts.draws, sources)) return EXIT_INVALID;
  if (opts.draws > LONG_RUN_DRAWS) expectLongRun();
  // a progress bar only on a terminal; nothing extra when output is piped or captured
  const bar = io.interactive
    ? new SingleBar({ stream: process.stderr, format: 'mtfs risk [{bar}] {percentage}% | {value}/{total} draws', hideCursor: true })
    : undefined;
  bar?.start(opts.draws, 0);
  const r = monteCarlo(
    scenario,
    {
      draws: opts.draws,
      seed: opts.seed,
      ...(threshold ? { threshold } : {}),
      ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}),
    },
    base,
  );
  bar?.stop();
  const content = renderAs(io, opts.format, displayOptions(opts, scenario.units), [riskTable(r)], () => riskAsJson(r));
  return finish(io, { content, output: opts.output, inputs: scenario.inputs, sources });
}
