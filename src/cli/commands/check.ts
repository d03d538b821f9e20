// `mtfs check <scenario>...`: project each scenario and compare every published control, at its
// published precision where it has one. A variant without controls is checked against its base's
// on the figures it leaves unchanged. Exit 0 when all match, 1 when any differs (or a scenario has
// no controls), 2 on invalid input.
// Diagnostics go to standard error in every format; JSON and JUnit also carry them on stdout.

import { Option, type Command } from 'commander';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { projectScenario } from '../../project/project.js';
import { checkAsJson, checkAsJunit, checkAsText } from '../../render/check.js';
import { checkControls } from '../../reports/check/controls.js';
import { inheritedControls } from '../../reports/check/inherited.js';
import { checkedOutcome, invalidOutcome, type FileOutcome } from '../../reports/check/outcome.js';
import { finish, type CommandContext } from '../command.js';
import { setOption, unitsOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import type { Io } from '../io.js';
import { readScenario, runBudget } from '../load.js';
import type { InputBudget } from '../../load/resolve.js';
import { EXIT_CHECKS_FAILED, EXIT_INVALID, EXIT_OK, report, type ExitCode } from '../output.js';

const CHECK_FORMATS = ['table', 'json', 'junit'] as const;

interface CheckOptions {
  readonly format: (typeof CHECK_FORMATS)[number];
  /** `--set` what-ifs, applied to every scenario checked. */
  readonly set: readonly string[];
  /** `--units`: the units mismatch messages state their figures in (default: each scenario's). */
  readonly units?: Units;
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('check')
    .description('compare each scenario with its published controls; exit 1 on any difference')
    .argument('<scenario...>', 'scenario YAML files')
    .addOption(new Option('-f, --format <format>', 'output format (json and junit for CI)').choices(CHECK_FORMATS).default('table'))
    .addOption(setOption('applied to every scenario'))
    .addOption(unitsOption())
    .action((scenarios: string[], o: CheckOptions) => exit(checkCommand(io, scenarios, o)));
}

/**
 * Reads one scenario through the one loader, keeping every diagnostic for the outcome. By the
 * totals path first (`totals`): a mismatch names the lines that feed the figure, so a scenario
 * with any is read again in full before anything is printed.
 */
function checkFile(
  io: Io,
  file: string,
  sets: readonly string[],
  sources: Map<string, string>,
  budget: InputBudget,
  units?: Units,
  totals = true,
): FileOutcome {
  // a read again in full counts its files once, as the first read did
  const read = readScenario(io.readFile, { file, sets, totals }, budget);
  const seen: Diagnostic[] = read.stages.flat();
  const scenario = read.scenario;
  const p = scenario && projectScenario(scenario);
  // a variant without controls of its own is checked against its base's, where it leaves the figure unchanged
  const base = scenario?.variant && scenario.controls.length === 0 ? scenario.variant.base : undefined;
  const inherited = p && base ? inheritedControls(p, projectScenario(base)) : undefined;
  const checked = p && checkControls(p, units, inherited ? inherited.applicable : scenario.controls);
  if (read.totals && checked && checked.diagnostics.length > 0) return checkFile(io, file, sets, sources, budget, units, false);
  for (const [f, t] of read.sources) sources.set(f, t);
  for (const diagnostics of read.stages) report(io, diagnostics, sources);
  if (!scenario || !checked) return invalidOutcome(file, seen);
  const { results, diagnostics } = checked;
  if (diagnostics.some((d) => d.code === 'control-row')) {
    report(io, diagnostics, sources);
    return invalidOutcome(file, [...seen, ...diagnostics]);
  }
  if (base && inherited) {
    report(io, diagnostics, sources);
    return checkedOutcome(file, results, [...seen, ...diagnostics], scenario.units, { from: base.file, skipped: inherited.skipped });
  }
  const none =
    results.length === 0
      ? [
          error(
            'no-controls',
            `${file} has no controls, so nothing can be checked`,
            undefined,
            'add a `controls:` section with the published totals',
          ),
        ]
      : [];
  report(io, [...diagnostics, ...none], sources);
  return checkedOutcome(file, results, [...seen, ...diagnostics, ...none], scenario.units);
}

function checkCommand(io: Io, files: readonly string[], opts: CheckOptions): ExitCode {
  const sources = new Map<string, string>();
  const budget = runBudget(io);
  if (!budget) return EXIT_INVALID;
  const outcomes = files.map((file) => checkFile(io, file, opts.set, sources, budget, opts.units));
  const content =
    opts.format === 'json' ? checkAsJson(outcomes) : opts.format === 'junit' ? checkAsJunit(outcomes, sources) : checkAsText(outcomes);
  return finish(io, {
    content,
    inputs: [],
    sources: new Map(),
    code: outcomes.some((o) => o.status === 'invalid')
      ? EXIT_INVALID
      : outcomes.some((o) => o.status === 'failed')
        ? EXIT_CHECKS_FAILED
        : EXIT_OK,
  });
}
