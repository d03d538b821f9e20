// The command line: commander program, option parsing and the error boundary. The only module
// that decides exit codes (via output.ts) and the only one that catches unexpected exceptions.

import { Command, CommanderError, Option } from 'commander';
import { error } from '../diagnostics/diagnostic.js';
import { ROUNDING_MODES, type RoundingMode } from '../model/money.js';
import { checkCommand } from './commands/check.js';
import { demandCommand } from './commands/demand.js';
import { projectCommand, type Format } from './commands/project.js';
import { schemaCommand } from './commands/schema.js';
import { nodeIo, type Io } from './io.js';
import { EXIT_INVALID, report } from './output.js';

export const VERSION = '0.1.0';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'markdown'];

/** `--set <driver>.<parameter>[.<year>]=<value>`, repeatable: a what-if on a demand driver. */
const setOption = (): Option =>
  new Option('--set <driver.parameter=value>', 'what-if: change a demand driver parameter, e.g. older_people.unit_cost_uplift=3% (repeatable)')
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
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .option('-d, --detail', 'add the growth and savings schedules (Appendices B and C)', false)
    .addOption(
      new Option('--rounding <mode>', 'rounding of displayed figures (CSV and JSON are exact)')
        .choices(Object.keys(ROUNDING_MODES))
        .default('half-away-from-zero'),
    )
    .addOption(setOption())
    .action((scenario: string, o: { format: Format; output?: string; detail: boolean; rounding: RoundingMode; set: string[] }) => {
      setExit(
        projectCommand(io, scenario, { format: o.format, detail: o.detail, rounding: o.rounding, sets: o.set, ...(o.output ? { output: o.output } : {}) }),
      );
    });

  cmd
    .command('demand')
    .description('show how demand drivers build growth lines: population, users, unit cost, cost, volume and price effects')
    .argument('<scenario>', 'scenario YAML file with `drivers:`')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .addOption(setOption())
    .addOption(
      new Option('--rounding <mode>', 'rounding of displayed figures (CSV and JSON are exact)')
        .choices(Object.keys(ROUNDING_MODES))
        .default('half-away-from-zero'),
    )
    .action((scenario: string, o: { format: Format; output?: string; rounding: RoundingMode; set: string[] }) => {
      setExit(demandCommand(io, scenario, { format: o.format, rounding: o.rounding, sets: o.set, ...(o.output ? { output: o.output } : {}) }));
    });

  cmd
    .command('check')
    .description('compare each scenario with its published controls; exit 1 on any difference')
    .argument('<scenario...>', 'scenario YAML files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((scenarios: string[], o: { format: 'table' | 'json' }) => {
      setExit(checkCommand(io, scenarios, { format: o.format }));
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
      [error('internal', `internal error: ${e instanceof Error ? e.message : String(e)}`, undefined, 'this is a bug in mtfs: please report it with the command you ran')],
      new Map(),
    );
    return EXIT_INVALID;
  }
}
