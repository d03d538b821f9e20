// The command line: commander program, option parsing and the error boundary. The only module
// that decides exit codes (via output.ts) and the only one that catches unexpected exceptions.

import { Command, CommanderError, Option } from 'commander';
import { error } from '../diagnostics/diagnostic.js';
import { ROUNDING_MODES, type RoundingMode } from '../model/money.js';
import { BASES } from '../options/local.js';
import { checkCommand } from './commands/check.js';
import { optionsCommand, type OptionsOptions } from './commands/options.js';
import { projectCommand, type Format } from './commands/project.js';
import { schemaCommand } from './commands/schema.js';
import { nodeIo, type Io } from './io.js';
import { EXIT_INVALID, report } from './output.js';

export const VERSION = '0.1.0';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'markdown'];

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
    .action((scenario: string, o: { format: Format; output?: string; detail: boolean; rounding: RoundingMode }) => {
      setExit(projectCommand(io, scenario, { format: o.format, detail: o.detail, rounding: o.rounding, ...(o.output ? { output: o.output } : {}) }));
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
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .addOption(
      new Option('--rounding <mode>', 'rounding of displayed figures (CSV and JSON are exact)')
        .choices(Object.keys(ROUNDING_MODES))
        .default('half-away-from-zero'),
    )
    .action((o: OptionsOptions) => setExit(optionsCommand(io, o)));

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
