// `mtfs demand <scenario>`: load → apply `--set` what-ifs → compute the demand drivers → render, per
// driver and year, population, users, unit cost, cost, the growth line level and its volume/price
// split, then each driver-built line beside the `compare_with:` scenario.

import type { Command } from 'commander';
import { error } from '../../diagnostics/diagnostic.js';
import type { RoundingMode } from '../../model/money.js';
import { compareDriverLines } from '../../project/demand-comparison.js';
import { demandOf } from '../../project/derive.js';
import { demandAsJson, demandHeading, demandTables, type DemandView } from '../../render/demand.js';
import { asJson } from '../../render/json.js';
import { tableAsMarkdown, tableAsText } from '../../render/text-table.js';
import type { Io } from '../io.js';
import { fail, finish, type CommandContext } from '../command.js';
import { formatOption, outputOption, displayOptions, roundingOption, unitsOption, decimalsOption, setOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import { loadScenarios } from '../load.js';
import { EXIT_INVALID, styler, type ExitCode } from '../output.js';
import { csvText, type Format } from '../render.js';

interface DemandOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  /** `--set <driver>.<parameter>[.<year>]=<value>`, in the order given. */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('demand')
    .description('show how demand drivers build growth lines: population, users, unit cost, cost, volume and price effects')
    .argument('<scenario>', 'scenario YAML file with `drivers:`')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(setOption())
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .action((scenario: string, o: DemandOptions) => exit(demandCommand(io, scenario, o)));
}

function demandCommand(io: Io, file: string, opts: DemandOptions): ExitCode {
  const loaded = loadScenarios(io, [{ file, sets: opts.set, compareWith: true }]);
  const scenario = loaded?.scenarios[0];
  if (!loaded || !scenario) return EXIT_INVALID;
  const { sources } = loaded;
  const drivers = scenario.drivers ?? [];
  if (drivers.length === 0) {
    return fail(
      io,
      [
        error(
          'usage',
          `${file} has no demand drivers`,
          undefined,
          'add a `drivers:` section and `driver: <name>` lines (see the README, "Demand drivers")',
        ),
      ],
      sources,
    );
  }

  const compared = loaded.compared.get(scenario);

  // the derivation of the scenario's driver-built lines has worked these out already
  const demand = demandOf(drivers, scenario.years);
  const view: DemandView = {
    scenario,
    demand,
    lines: compareDriverLines(scenario, demand, compared),
    ...(compared ? { comparedFile: compared.file } : {}),
  };
  // the tables are made for the formats that show them: JSON has its own shape (demandAsJson)
  const models = opts.format === 'json' ? [] : demandTables(view);
  const display = displayOptions(opts, scenario.units);
  let content: string;
  switch (opts.format) {
    case 'table': {
      const s = styler(io);
      content = [`${s.bold(demandHeading(view))}\n`, ...models.map((m) => tableAsText(m, { ...display, style: s }))].join('\n');
      break;
    }
    case 'markdown':
      content = [`## ${demandHeading(view)}\n`, ...models.map((m) => tableAsMarkdown(m, display))].join('\n');
      break;
    case 'csv':
      content = csvText(io, models, display.csvUnits);
      break;
    case 'json':
      content = asJson(demandAsJson(view));
      break;
  }
  return finish(io, { content, output: opts.output, inputs: [...scenario.inputs, ...(compared?.inputs ?? [])], sources });
}
