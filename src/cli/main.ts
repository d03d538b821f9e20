// The command line: the commander program, which loads and registers the command a run names (every
// command from src/cli/commands/ to list them), and the error boundary, the only place that catches an
// unexpected exception.

import { Command, CommanderError } from 'commander';
import { error } from '../diagnostics/diagnostic.js';
import type { Register } from './command.js';
import { nodeIo, type Io } from './io.js';
import { EXIT_INVALID, EXIT_OK, report as reportDiagnostics, type ExitCode } from './output.js';

const VERSION = '0.1.0';

/** A command's module, loaded when a run names it: each declares its options and handler with `register`. */
type CommandModule = () => Promise<{ readonly register: Register }>;

/**
 * The commands, in the order `mtfs --help` lists them, with the names each adds (`risk` adds
 * `sensitivity` and `risk`). Each module is imported only when a run needs it, so that a run
 * initialises only the modules of its own command (`project` none of the report's, the risk
 * engine's or the HTML page's) and `--version` none of them.
 */
export const COMMANDS: readonly { readonly names: readonly string[]; readonly load: CommandModule }[] = [
  { names: ['project'], load: () => import('./commands/project.js') },
  { names: ['demand'], load: () => import('./commands/demand.js') },
  { names: ['check'], load: () => import('./commands/check.js') },
  { names: ['options'], load: () => import('./commands/options.js') },
  { names: ['compare'], load: () => import('./commands/compare.js') },
  { names: ['savings'], load: () => import('./commands/savings.js') },
  { names: ['diff'], load: () => import('./commands/diff.js') },
  { names: ['explain'], load: () => import('./commands/explain.js') },
  { names: ['sensitivity', 'risk'], load: () => import('./commands/risk.js') },
  { names: ['report'], load: () => import('./commands/report.js') },
  { names: ['schema'], load: () => import('./commands/schema.js') },
  { names: ['init'], load: () => import('./commands/init.js') },
  { names: ['import'], load: () => import('./commands/import.js') },
];

/**
 * The commands the program needs for `argv`: the one it names (its first word that is not an
 * option; the program's own options take no value), which is all that parsing and that command's
 * help use; none for `--version` alone; every command when it names none (`--help`, `help`, a
 * misspelt name), to list them.
 */
async function commandsFor(argv: readonly string[]): Promise<readonly Register[]> {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word === undefined && argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  const named = COMMANDS.find((c) => word !== undefined && c.names.includes(word));
  const modules = await Promise.all((named ? [named] : COMMANDS).map((c) => c.load()));
  return modules.map((m) => m.register);
}

function program(plainIo: Io, exit: (code: ExitCode) => void, registers: readonly Register[]): Command {
  let bom = false;
  const io: Io = {
    ...plainIo,
    get csvBom() {
      return bom;
    },
  };
  const cmd = new Command('mtfs')
    .description('Exact Medium Term Financial Strategy projections for UK local authorities')
    .version(VERSION, '-V, --version')
    .option('--bom', 'start CSV output with a UTF-8 byte-order mark, so that Excel shows £ and – correctly')
    .hook('preAction', (root, action) => {
      bom = root.opts<{ bom?: boolean }>().bom === true;
      const o = action.opts<{ units?: string; format?: string }>();
      if (o.units !== undefined && o.format === 'json')
        action.error(
          `--units ${o.units} does not apply to --format json, which gives exact amounts in the scenario's units (its \`units\` field); leave out --units, or choose table, markdown or csv`,
        );
    })
    .exitOverride()
    .showHelpAfterError('(run `mtfs --help` for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`mtfs: error[usage]: ${s.replace(/^error: /, '')}`),
      // as commander would ask process.stdout and process.stderr, which a run writing to a file or a
      // pipe never loads (src/cli/io.ts): 80 columns, commander's own width when not on a terminal; the
      // help has no colours to keep or strip
      getOutHelpWidth: () => io.columns?.stdout ?? 80,
      getErrHelpWidth: () => io.columns?.stderr ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  for (const register of registers) register(cmd, { io, exit, version: VERSION });
  return cmd;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], given: Io = nodeIo()): Promise<number> {
  const io = given;
  let code: ExitCode = EXIT_OK;
  try {
    const cmd = program(
      io,
      (c) => {
        code = c;
      },
      await commandsFor(argv),
    );
    if (argv.length === 0) {
      io.stderr(cmd.helpInformation());
      return EXIT_INVALID;
    }
    await cmd.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_INVALID;
    }
    reportDiagnostics(
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
