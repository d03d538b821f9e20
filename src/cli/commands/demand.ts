// `mtfs demand <scenario>`: load → apply `--set` what-ifs → compute the demand drivers → render, per
// driver and year, population, users, unit cost, cost, the growth line level and its volume/price
// split, then each driver-built line beside the `compare_with:` scenario.

import { error } from '../../diagnostics/diagnostic.js';
import { readSource } from '../../load/read-source.js';
import { loadScenario } from '../../load/scenario.js';
import { computeDemand } from '../../model/demand.js';
import type { RoundingMode } from '../../model/money.js';
import type { Scenario } from '../../model/scenario.js';
import { compareDriverLines } from '../../project/demand-comparison.js';
import { tablesAsCsv } from '../../render/csv.js';
import { demandAsJson, demandHeading, demandTables, type DemandView } from '../../render/demand.js';
import { asJson } from '../../render/json.js';
import { tableAsMarkdown, tableAsText } from '../../render/text-table.js';
import type { Io } from '../io.js';
import { loadWithWhatIfs } from '../load-with-what-ifs.js';
import { emit, EXIT_INVALID, EXIT_OK, report, styler } from '../output.js';
import type { Format } from '../render.js';

export interface DemandOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  /** `--set <driver>.<parameter>[.<year>]=<value>`, in the order given. */
  readonly sets: readonly string[];
}

export function demandCommand(io: Io, file: string, opts: DemandOptions): number {
  const loaded = loadWithWhatIfs(io, file, opts.sets);
  if (!loaded) return EXIT_INVALID;
  const { scenario, sources } = loaded;
  const drivers = scenario.drivers ?? [];
  if (drivers.length === 0) {
    report(
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
    return EXIT_INVALID;
  }

  let compared: Scenario | undefined;
  if (scenario.compareWith) {
    const { file: other, origin } = scenario.compareWith;
    const present = readSource(io.readFile, other, origin);
    if (present.text === undefined) {
      report(io, present.diagnostics, sources);
      return EXIT_INVALID;
    }
    const c = loadScenario(other, io.readFile);
    if (report(io, c.diagnostics, c.sources) || !c.value) return EXIT_INVALID;
    compared = c.value;
  }

  const demand = computeDemand(drivers, scenario.years);
  const view: DemandView = {
    scenario,
    demand,
    lines: compareDriverLines(scenario, demand, compared),
    ...(compared ? { comparedFile: compared.file } : {}),
  };
  const models = demandTables(view);
  const display = { rounding: opts.rounding, dp: 0 };
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
      content = tablesAsCsv(models);
      break;
    case 'json':
      content = asJson(demandAsJson(view));
      break;
  }
  const failed = emit(io, content, {
    ...(opts.output ? { output: opts.output } : {}),
    inputs: [...scenario.inputs, ...(compared?.inputs ?? [])],
  });
  if (failed) {
    report(io, [failed], sources);
    return EXIT_INVALID;
  }
  return EXIT_OK;
}
