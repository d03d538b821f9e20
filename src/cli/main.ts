// The command line: commander program, option parsing and the error boundary. The only module
// that decides exit codes (via output.ts) and the only one that catches unexpected exceptions.

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { error } from '../diagnostics/diagnostic.js';
import { ROUNDING_MODES, type RoundingMode } from '../model/money.js';
import { BASES } from '../reports/funding-options/local.js';
import { checkCommand } from './commands/check.js';
import { compareCommand } from './commands/compare.js';
import { demandCommand } from './commands/demand.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { reportCommand } from './commands/report.js';
import { riskCommand, sensitivityCommand } from './commands/risk.js';
import { savingsCommand } from './commands/savings.js';
import { projectCommand } from './commands/project.js';
import { FORMATS, type Format } from './render.js';
import { optionsCommand, type OptionsOptions } from './commands/options.js';
import { schemaCommand } from './commands/schema.js';
import { nodeIo, type Io } from './io.js';
import { EXIT_INVALID, report } from './output.js';

export const VERSION = '0.1.0';

function positiveInteger(v: string): number {
  if (!/^[1-9]\d{0,3}$/.test(v)) throw new InvalidArgumentError('expected a whole number from 1 to 9999');
  return Number(v);
}

function drawCount(v: string): number {
  if (!/^[1-9]\d{0,6}$/.test(v)) throw new InvalidArgumentError('expected a whole number of draws from 1 to 9999999');
  return Number(v);
}

function seedNumber(v: string): number {
  if (!/^\d{1,9}$/.test(v)) throw new InvalidArgumentError('expected a whole number from 0 to 999999999');
  return Number(v);
}

const formatOption = (): Option => new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table');
const outputOption = (): Option => new Option('-o, --output <file>', 'write to a file (atomically) instead of standard output');

const roundingOption = (): Option =>
  new Option('--rounding <mode>', 'rounding of displayed figures (CSV and JSON are exact)')
    .choices(Object.keys(ROUNDING_MODES))
    .default('half-away-from-zero');

/** `--set <driver>.<parameter>[.<year>]=<value>`, repeatable: a what-if on a demand driver. */
const setOption = (): Option =>
  new Option(
    '--set <driver.parameter=value>',
    'what-if: change a demand driver parameter, e.g. older_people.unit_cost_uplift=3% (repeatable)',
  )
    .argParser((value: string, previous: string[]) => [...previous, value])
    .default([], 'none');

function program(io: Io, setExit: (code: number) => void): Command {
  const cmd = new Command('mtfs')
    .description('Exact Medium Term Financial Strategy projections for UK local authorities')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run `mtfs --help` for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`mtfs: error[usage]: ${s.replace(/^error: /, '')}`),
    });

  cmd
    .command('project')
    .description('project the four-year budget table of a scenario')
    .argument('<scenario>', 'scenario YAML file')
    .addOption(formatOption())
    .addOption(outputOption())
    .option('-d, --detail', 'add the growth and savings schedules (Appendices B and C)', false)
    .addOption(roundingOption())
    .addOption(setOption())
    .action((scenario: string, o: { format: Format; output?: string; detail: boolean; rounding: RoundingMode; set: string[] }) => {
      setExit(
        projectCommand(io, scenario, {
          format: o.format,
          detail: o.detail,
          rounding: o.rounding,
          sets: o.set,
          ...(o.output ? { output: o.output } : {}),
        }),
      );
    });

  cmd
    .command('demand')
    .description('show how demand drivers build growth lines: population, users, unit cost, cost, volume and price effects')
    .argument('<scenario>', 'scenario YAML file with `drivers:`')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(setOption())
    .addOption(roundingOption())
    .action((scenario: string, o: { format: Format; output?: string; rounding: RoundingMode; set: string[] }) => {
      setExit(
        demandCommand(io, scenario, { format: o.format, rounding: o.rounding, sets: o.set, ...(o.output ? { output: o.output } : {}) }),
      );
    });

  cmd
    .command('check')
    .description('compare each scenario with its published controls; exit 1 on any difference')
    .argument('<scenario...>', 'scenario YAML files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((scenarios: string[], o: { format: 'table' | 'json' }) => {
      setExit(checkCommand(io, scenarios, { format: o.format }));
    });

  const collect = (value: string, previous: string[]): string[] => [...previous, value];
  cmd
    .command('options')
    .description('the LGA green paper funding options: national yield per year, sufficiency against needs, a local view')
    .option('--option <id>', 'an option to raise money (repeatable); `mtfs options` alone lists the ids', collect, [])
    .option('--need <id>', 'a need to pay for (repeatable), met in the order given', collect, [])
    .option('--year <year>', 'a year to show, e.g. 2024/25 (repeatable); default: the published years', collect, [])
    .option('--authority <scenario>', 'a scenario with `apportionment:` figures: share the national figures out to it')
    .addOption(new Option('--basis <basis>', 'how to share national figures out to --authority').choices(BASES))
    .option('--share <rate>', 'with --basis explicit: the authority share, e.g. 0.9%')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .action((o: OptionsOptions) => setExit(optionsCommand(io, o)));

  cmd
    .command('compare')
    .description('compare scenarios side by side with the first, and attribute the differences to lines')
    .argument('<base>', 'the scenario to compare against')
    .argument('<other...>', 'one or more scenarios')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .action((base: string, others: string[], o: { format: Format; output?: string; rounding: RoundingMode }) => {
      setExit(compareCommand(io, base, others, { format: o.format, rounding: o.rounding, ...(o.output ? { output: o.output } : {}) }));
    });

  cmd
    .command('savings')
    .description('the saving options register; with --target, the best sets of options that meet a target')
    .argument('<scenario>', 'scenario YAML file')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .option('-t, --target <target>', 'an amount every year, YEAR=AMOUNT,… for some years, or gap')
    .option(
      '-x, --exclude <ref>',
      'leave an option out of the target search (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .addOption(new Option('--top <n>', 'how many sets to list').argParser(positiveInteger).default(10))
    .action(
      (
        scenario: string,
        o: { format: Format; output?: string; rounding: RoundingMode; target?: string; exclude: string[]; top: number },
      ) => {
        setExit(
          savingsCommand(io, scenario, {
            format: o.format,
            rounding: o.rounding,
            exclude: o.exclude,
            top: o.top,
            ...(o.output ? { output: o.output } : {}),
            ...(o.target !== undefined ? { target: o.target } : {}),
          }),
        );
      },
    );

  cmd
    .command('diff')
    .description('classify each line as unchanged (*), amended (**), new or removed against a previous MTFS')
    .argument('<previous>', 'the previous MTFS scenario')
    .argument('<current>', 'the current MTFS scenario')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .option('--strict', 'exit 1 when a written status disagrees with the comparison', false)
    .action((previous: string, current: string, o: { format: Format; output?: string; rounding: RoundingMode; strict: boolean }) => {
      setExit(
        diffCommand(io, previous, current, {
          format: o.format,
          rounding: o.rounding,
          strict: o.strict,
          ...(o.output ? { output: o.output } : {}),
        }),
      );
    });

  cmd
    .command('explain')
    .description('show the arithmetic behind one figure, down to where each input is written and its source')
    .argument('<scenario>', 'scenario YAML file')
    .argument('<what>', 'a table row (e.g. net_budget) or a line ref (e.g. G6)')
    .argument('[year]', 'one year, e.g. 2020/21 (default: every year)')
    .addOption(formatOption())
    .addOption(outputOption())
    .action((scenario: string, what: string, year: string | undefined, o: { format: Format; output?: string }) => {
      setExit(explainCommand(io, scenario, what, year, { format: o.format, ...(o.output ? { output: o.output } : {}) }));
    });

  cmd
    .command('sensitivity')
    .description('each assumption range alone at its low and high: the effect on the net budget (and gap), largest first')
    .argument('<scenario>', 'scenario YAML file with `assumptions:`')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .action((scenario: string, o: { format: Format; output?: string; rounding: RoundingMode }) => {
      setExit(sensitivityCommand(io, scenario, { format: o.format, rounding: o.rounding, ...(o.output ? { output: o.output } : {}) }));
    });

  cmd
    .command('risk')
    .description('Monte Carlo over all assumption ranges together: percentiles of the net budget (and gap)')
    .argument('<scenario>', 'scenario YAML file with `assumptions:`')
    .addOption(new Option('--draws <n>', 'number of draws').argParser(drawCount).default(10000))
    .addOption(new Option('--seed <s>', 'random seed (same seed, same result)').argParser(seedNumber).default(1))
    .option('--threshold <amount>', 'also give the probability that the gap exceeds this amount')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .action(
      (
        scenario: string,
        o: { format: Format; output?: string; rounding: RoundingMode; draws: number; seed: number; threshold?: string },
      ) => {
        setExit(
          riskCommand(io, scenario, {
            format: o.format,
            rounding: o.rounding,
            draws: o.draws,
            seed: o.seed,
            ...(o.threshold !== undefined ? { threshold: o.threshold } : {}),
            ...(o.output ? { output: o.output } : {}),
          }),
        );
      },
    );

  cmd
    .command('report')
    .description('write the committee report: a self-contained HTML page and/or an Excel workbook with live formulas')
    .argument('<scenario>', 'scenario YAML file')
    .option('--html <file>', 'write the HTML report here (atomically)')
    .option('--xlsx <file>', 'write the Excel workbook here (atomically)')
    .addOption(new Option('--draws <n>', 'Monte Carlo draws for the risk section').argParser(drawCount).default(10000))
    .addOption(new Option('--seed <s>', 'random seed').argParser(seedNumber).default(1))
    .addOption(roundingOption())
    .action(async (scenario: string, o: { html?: string; xlsx?: string; draws: number; seed: number; rounding: RoundingMode }) => {
      setExit(
        await reportCommand(io, scenario, {
          draws: o.draws,
          seed: o.seed,
          rounding: o.rounding,
          version: VERSION,
          ...(o.html ? { html: o.html } : {}),
          ...(o.xlsx ? { xlsx: o.xlsx } : {}),
        }),
      );
    });

  cmd
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor validation and completion)')
    .action(() => setExit(schemaCommand(io)));

  return cmd;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io = nodeIo()): Promise<number> {
  let code = 0;
  try {
    const cmd = program(io, (c) => {
      code = c;
    });
    if (argv.length === 0) {
      io.stderr(cmd.helpInformation());
      return EXIT_INVALID;
    }
    await cmd.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_INVALID;
    }
    report(
      io,
      [
        error(
          'internal',
          `internal error: ${e instanceof Error ? e.message : String(e)}`,
          undefined,
          'this is a bug in mtfs: please report it with the command you ran',
        ),
      ],
      new Map(),
    );
    return EXIT_INVALID;
  }
}
