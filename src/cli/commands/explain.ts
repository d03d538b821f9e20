// `mtfs explain <scenario> <ref|row> [year]`: the arithmetic chain behind one figure.

import type { Command } from 'commander';
import { error } from '../../diagnostics/diagnostic.js';
import { explain, type ExplainTarget } from '../../reports/explain/explain.js';
import { parseFiscalYear } from '../../model/fiscal-year.js';
import { projectScenario, type RowId } from '../../project/project.js';
import { asJson } from '../../render/json.js';
import { explanationAsJson, explanationAsMarkdown, explanationAsText, explanationTable } from '../../render/explain.js';
import { closest } from '../../schema/diagnose.js';
import type { Io } from '../io.js';
import { fail, finish, type CommandContext } from '../command.js';
import { formatOption, outputOption, setOption } from '../flags.js';
import { loadScenarios } from '../load.js';
import { EXIT_INVALID, type ExitCode } from '../output.js';
import { csvText, type Format } from '../render.js';

interface ExplainOptions {
  readonly format: Format;
  readonly output?: string;
  /** `--set` what-ifs on demand drivers, in the order given. */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('explain')
    .description('show the arithmetic behind one figure, down to where each input is written and its source')
    .argument('<scenario>', 'scenario YAML file')
    .argument('<what>', 'a table row (e.g. net_budget) or a line ref (e.g. G6)')
    .argument('[year]', 'one year, e.g. 2020/21 (default: every year)')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(setOption())
    .action((scenario: string, what: string, year: string | undefined, o: ExplainOptions) =>
      exit(explainCommand(io, scenario, what, year, o)),
    );
}

function explainCommand(io: Io, file: string, what: string, yearText: string | undefined, opts: ExplainOptions): ExitCode {
  const loaded = loadScenarios(io, [{ file, sets: opts.set }]);
  const scenario = loaded?.scenarios[0];
  if (!loaded || !scenario) return EXIT_INVALID;
  const { sources } = loaded;
  const p = projectScenario(scenario);
  const rows = p.rows.map((r) => r.id as string);
  const refs = scenario.lines.map((l) => l.ref);
  const line = scenario.lines.find((l) => l.ref === what);
  let target: ExplainTarget;
  if (rows.includes(what)) target = { kind: 'row', row: what as RowId };
  else if (line) target = { kind: 'line', line };
  else {
    const guess = closest(what, [...rows, ...refs]);
    return fail(
      io,
      [
        error(
          'usage',
          `${file} has no row or line \`${what}\``,
          undefined,
          guess ? `did you mean \`${guess}\`?` : `rows are ${rows.join(', ')}; lines are ${refs.join(', ')}`,
        ),
      ],
      sources,
    );
  }
  let years = p.years;
  if (yearText !== undefined) {
    const y = parseFiscalYear(yearText);
    if (!y.ok || !p.years.includes(y.year)) {
      return fail(io, [error('usage', `\`${yearText}\` is not a year of ${file}`, undefined, `years are ${p.years.join(', ')}`)], sources);
    }
    years = [y.year];
  }
  const steps = explain(p, target, years);
  const units = scenario.units;
  let content: string;
  switch (opts.format) {
    case 'table':
      content = explanationAsText(steps, units);
      break;
    case 'markdown':
      content = explanationAsMarkdown(steps, units);
      break;
    case 'csv':
      content = csvText(io, [explanationTable(steps, units)]);
      break;
    case 'json':
      content = asJson(explanationAsJson(steps, file, units));
      break;
  }
  return finish(io, { content, output: opts.output, inputs: scenario.inputs, sources });
}
