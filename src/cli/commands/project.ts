// `mtfs project <scenario>`: load → project → render the budget table (and schedules with --detail).

import type { Command } from 'commander';
import { warning } from '../../diagnostics/diagnostic.js';
import type { RoundingMode } from '../../model/money.js';
import { projectScenario } from '../../project/project.js';
import { fundingTable } from '../../render/funding.js';
import { inflationTables } from '../../render/inflation.js';
import { reservesTable } from '../../render/reserves.js';
import { departmentGrossIncomeTables, grossIncomeTable } from '../../render/gross-income.js';
import { projectionAsJson, scheduleTableMakers, summaryTable } from '../../render/projection.js';
import { checkControls } from '../../reports/check/controls.js';
import { finish, type CommandContext } from '../command.js';
import { formatOption, outputOption, displayOptions, roundingOption, unitsOption, decimalsOption, setOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import type { Io } from '../io.js';
import { loadScenarios } from '../load.js';
import { DETAIL_BYTES_PER_BYTE } from '../../source/text.js';
import { EXIT_INVALID, type ExitCode } from '../output.js';
import { renderAs, type Format } from '../render.js';

interface ProjectOptions {
  readonly format: Format;
  readonly output?: string;
  readonly detail: boolean;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  /** `--set` what-ifs on demand drivers, in the order given. */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('project')
    .description('project the four-year budget table of a scenario')
    .argument('<scenario>', 'scenario YAML file')
    .addOption(formatOption())
    .addOption(outputOption())
    .option('-d, --detail', 'add the schedule of each kind of line (growth, savings, …)', false)
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .addOption(setOption())
    .action((scenario: string, o: ProjectOptions) => exit(projectCommand(io, scenario, o)));
}

function projectCommand(io: Io, file: string, opts: ProjectOptions): ExitCode {
  // a detailed table, Markdown or CSV keeps less beside the lines than JSON does
  const memoryPerByte = opts.detail && opts.format !== 'json' ? { memoryPerByte: DETAIL_BYTES_PER_BYTE } : {};
  const loaded = loadScenarios(io, [{ file, sets: opts.set, totals: !opts.detail, ...memoryPerByte }]);
  const scenario = loaded?.scenarios[0];
  if (!loaded || !scenario) return EXIT_INVALID;
  const projection = projectScenario(scenario);
  const display = displayOptions(opts, scenario.units);
  // the schedules (a row for every line) are made as they are rendered, one at a time
  const schedules =
    opts.detail && !projection.departments ? [...scheduleTableMakers(projection), ...inflationTables(projection.scenario)] : [];
  const funding = opts.detail ? fundingTable(projection) : undefined;
  const reserves = opts.detail ? reservesTable(projection) : undefined;
  const grossIncome = !opts.detail ? [] : projection.departments ? departmentGrossIncomeTables(projection) : [grossIncomeTable(projection)];
  const models = [
    summaryTable(projection, opts.format === 'csv' ? undefined : display),
    ...schedules,
    ...grossIncome.flatMap((t) => (t ? [t] : [])),
    ...(funding ? [funding] : []),
    ...(reserves ? [reserves] : []),
  ];
  const mismatches = checkControls(projection).diagnostics.length;
  return finish(io, {
    content: renderAs(io, opts.format, display, models, () => projectionAsJson(projection, opts.detail)),
    output: opts.output,
    inputs: scenario.inputs,
    sources: loaded.sources,
    diagnostics:
      mismatches > 0
        ? [
            warning(
              'control-mismatch',
              `${mismatches} published control${mismatches === 1 ? '' : 's'} in ${file} ${mismatches === 1 ? 'differs' : 'differ'} from this projection`,
              undefined,
              `run \`mtfs check ${file}\` for the details`,
            ),
          ]
        : [],
  });
}
