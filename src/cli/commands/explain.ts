// `mtfs explain <scenario> <ref|row> [year]`: the arithmetic chain behind one figure.

import type { Command } from 'commander';
import { error } from '../../diagnostics/diagnostic.js';
import { explain, fundingItemIds, grossIncomeIds, type ExplainTarget } from '../../reports/explain/explain.js';
import { parseFiscalYear } from '../../model/fiscal-year.js';
import { projectScenario, type RowId } from '../../project/project.js';
import { asJson } from '../../render/json.js';
import { explanationAsJson, explanationAsMarkdown, explanationAsText, explanationTable } from '../../render/explain.js';
import { closest } from '../../schema/diagnose.js';
import type { Io } from '../io.js';
import { fail, finish, type CommandContext } from '../command.js';
import { formatOption, outputOption, setOption, unitsOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import { stepsInUnits } from '../../reports/explain/step.js';
import { loadScenarios } from '../load.js';
import { EXIT_INVALID, type ExitCode } from '../output.js';
import { csvText, type Format } from '../render.js';

interface ExplainOptions {
  readonly format: Format;
  readonly output?: string;
  /** `--set` what-ifs on demand drivers, in the order given. */
  readonly set: readonly string[];
  readonly units?: Units;
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('explain')
    .description('show the arithmetic behind one figure, down to where each input is written and its source')
    .argument('<scenario>', 'scenario YAML file')
    .argument('<what>', 'a table row (e.g. net_budget, council_tax, band_d) or a line ref (e.g. G6): see below')
    .argument('[year]', 'one year, e.g. 2020/21 (default: every year)')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(setOption())
    .addOption(unitsOption())
    .addHelpText(
      'after',
      [
        '',
        'What can be explained (every figure the budget and funding tables show):',
        '  lines          a growth or saving ref, e.g. G6, AC14',
        '  budget rows    original_budget, transfers, subtotal, growth, savings, net_budget',
        '  departments    department.<name as in the table>, e.g. department.adults-and-communities',
        '  funding rows   funding, gap, cumulative_gap, reserves_bf, reserves_use, reserves_contributions, reserves_cf, reserves_after_gap',
        '  funding table  council_tax, tax_base, band_d, core_increase, asc_precept, band_d_derived,',
        '                 band_d_difference, collection_fund, business_rates, grant.<id>, total',
        '                 (also written funding.<row>, as in the CSV of project --detail)',
        'A name the scenario does not have is refused with the list of those it has.',
      ].join('\n'),
    )
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
  const funding = fundingItemIds(p);
  const line = scenario.lines.find((l) => l.ref === what);
  let target: ExplainTarget;
  if (rows.includes(what)) target = { kind: 'row', row: what as RowId };
  else if (line) target = { kind: 'line', line };
  else if (funding.includes(what) || funding.includes(`funding.${what}`)) target = { kind: 'funding', item: what };
  else if (what.startsWith('gross_income.') && grossIncomeIds(p).includes(what)) target = { kind: 'gross_income', id: what };
  else {
    const guess = closest(what, [...rows, ...funding, ...funding.map((f) => f.replace(/^funding\./, '')), ...refs]);
    const all = [
      `rows are ${rows.join(', ')}`,
      ...(funding.length ? [`funding rows are ${funding.join(', ')} (the funding. prefix may be left off)`] : []),
      ...(refs.length ? [`lines are ${refs.join(', ')}`] : []),
    ].join('; ');
    return fail(
      io,
      [error('usage', `${file} has no row or line \`${what}\``, undefined, guess ? `did you mean \`${guess}\`? ${all}` : all)],
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
  const written = scenario.units;
  const units = opts.units ?? written;
  const steps = stepsInUnits(explain(p, target, years), written, units);
  let content: string;
  switch (opts.format) {
    case 'table':
      content = explanationAsText(steps, units, written);
      break;
    case 'markdown':
      content = explanationAsMarkdown(steps, units, written);
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
