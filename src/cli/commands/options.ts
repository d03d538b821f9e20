// `mtfs options`: the LGA green paper's national funding options and costs (data/*.yaml) → the
// national yield of a chosen mix per year, its sufficiency against chosen needs, and a local view
// for one authority under a named basis, set against the authority's own gap.

import { Option, type Command } from 'commander';
import path from 'node:path';
import { error, warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { loadNationalData, type NationalDataFiles } from '../../load/national-data.js';
import type { FileReader } from '../../load/reader.js';
import { parseRateText } from '../../model/amount-text.js';
import { compareYears, parseFiscalYear, type FiscalYear } from '../../model/fiscal-year.js';
import { type Rate, type RoundingMode, rateFromText } from '../../model/money.js';
import { BASES, localView, shareFor, type ApportionmentBasis, type LocalView } from '../../reports/funding-options/local.js';
import { defaultYears, nationalView, type NationalView } from '../../reports/funding-options/national.js';
import { selectFromTables } from '../../reports/funding-options/select.js';
import { projectScenario } from '../../project/project.js';
import { catalogueTables, optionsAsJson, optionsTables } from '../../render/funding-options.js';
import type { TableModel } from '../../render/table-model.js';
import type { Io } from '../io.js';
import { finish, type CommandContext } from '../command.js';
import { collect, formatOption, outputOption, displayOptions, roundingOption, unitsOption, decimalsOption, setOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import { loadScenarios } from '../load.js';
import { EXIT_INVALID, report, type ExitCode, type Input } from '../output.js';
import { packageRoot } from '../package-root.js';
import { renderAs, type Format } from '../render.js';

/** The package's data folder (found from this module, in src/, dist/ and the bundle alike), looked for when first needed. */
let dataDir: string | undefined;

/** The data files as named in diagnostics and notes. */
export const DATA_FILES: NationalDataFiles = {
  options: 'data/lga-funding-options.yaml',
  needs: 'data/lga-options-for-change.yaml',
  totals: 'data/national-totals.yaml',
};

interface OptionsOptions {
  readonly option: readonly string[];
  readonly need: readonly string[];
  readonly year: readonly string[];
  readonly authority?: string;
  readonly basis?: ApportionmentBasis;
  readonly share?: string;
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  /** `--set` what-ifs on the --authority scenario's demand drivers. */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
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
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .addOption(setOption('applied to --authority'))
    .action((o: OptionsOptions) => exit(optionsCommand(io, o)));
}

const dataPath = (name: string): string => path.join((dataDir ??= path.join(packageRoot(import.meta.url), 'data')), path.basename(name));

/** Checks the combination of flags, before anything is read. */
function usage(o: OptionsOptions): { diagnostics: Diagnostic[]; share?: Rate; years: FiscalYear[] } {
  const diagnostics: Diagnostic[] = [];
  const chosen = o.option.length + o.need.length > 0;
  if (o.authority !== undefined && o.basis === undefined) {
    diagnostics.push(
      error(
        'usage',
        '--authority needs --basis',
        undefined,
        'name the basis of the local view: --basis asc-net-spend, population or explicit',
      ),
    );
  }
  if (o.basis !== undefined && o.authority === undefined) {
    diagnostics.push(
      error(
        'usage',
        '--basis needs --authority <scenario>',
        undefined,
        'e.g. --authority scenarios/2018-council.yaml --basis asc-net-spend',
      ),
    );
  }
  if (o.set.length > 0 && o.authority === undefined) {
    diagnostics.push(error('usage', '--set needs --authority <scenario>', undefined, 'a what-if changes the scenario of the local view'));
  }
  if (o.share !== undefined && o.basis !== 'explicit') {
    diagnostics.push(error('usage', '--share is only used with --basis explicit', undefined, 'add --basis explicit, or remove --share'));
  }
  if (!chosen && (o.authority !== undefined || o.year.length > 0)) {
    diagnostics.push(
      error(
        'usage',
        `${o.authority !== undefined ? '--authority' : '--year'} needs at least one --option or --need`,
        undefined,
        'run `mtfs options` alone to list the ids',
      ),
    );
  }
  let share: Rate | undefined;
  if (o.share !== undefined) {
    const r = parseRateText(o.share);
    if (r.ok) share = rateFromText(r.canonical);
    else diagnostics.push(error('rate-format', `--share: ${r.message}`, undefined, r.hint));
  }
  const years: FiscalYear[] = [];
  for (const text of o.year) {
    const y = parseFiscalYear(text);
    if (y.ok) {
      if (!years.includes(y.year)) years.push(y.year);
    } else diagnostics.push(error('year-format', `--year: ${y.message}`, undefined, y.hint));
  }
  return { diagnostics, ...(share ? { share } : {}), years };
}

function optionsCommand(io: Io, o: OptionsOptions): ExitCode {
  const flags = usage(o);
  if (report(io, flags.diagnostics, new Map())) return EXIT_INVALID;
  const reader: FileReader = (name) => io.readFile(Object.values(DATA_FILES).includes(name) ? dataPath(name) : name);
  const data = loadNationalData(DATA_FILES, reader);
  if (report(io, data.diagnostics, data.sources) || !data.value) return EXIT_INVALID;
  const selected = selectFromTables(data.value, o.option, o.need);
  if (report(io, selected.diagnostics, data.sources) || !selected.value) return EXIT_INVALID;
  const selection = selected.value;
  // shown as data/…: where mtfs is installed is no business of its output
  const inputs: Input[] = Object.values(DATA_FILES).map((name) => ({ file: dataPath(name), shown: name }));

  let view: NationalView | undefined;
  let local: LocalView | undefined;
  const warnings: Diagnostic[] = [];
  let sources: ReadonlyMap<string, string> = data.sources;
  if (selection.options.length + selection.needs.length > 0) {
    let years = flags.years.length > 0 ? [...flags.years].sort(compareYears) : defaultYears([...selection.options, ...selection.needs]);
    let projection;
    if (o.authority !== undefined && o.basis !== undefined) {
      const loaded = loadScenarios(io, [{ file: o.authority, sets: o.set }]);
      const authority = loaded?.scenarios[0];
      if (!loaded || !authority) return EXIT_INVALID;
      sources = loaded.sources;
      inputs.push(...authority.inputs);
      projection = projectScenario(authority);
      if (flags.years.length === 0) years = [...projection.years];
      const share = shareFor(o.basis, authority, data.value.totals, flags.share);
      if (report(io, share.diagnostics, sources) || !share.value) return EXIT_INVALID;
      view = nationalView(selection, years);
      local = localView(view, share.value, projection);
    } else {
      view = nationalView(selection, years);
    }
    for (const h of view.held) {
      warnings.push(
        warning(
          'outside-published-years',
          `${h.id}: ${h.years.join(', ')} ${h.years.length === 1 ? 'lies' : 'lie'} after its published points (${h.first === h.last ? h.first : `${h.first} to ${h.last}`}); the last published figure is held`,
          undefined,
          'read these figures as assumptions, or choose published years with --year',
        ),
      );
    }
  }

  const national = data.value;
  const models: TableModel[] = view ? optionsTables(view, national, local) : catalogueTables(national);
  const display = displayOptions(o);
  const content = renderAs(io, o.format, display, models, () => optionsAsJson(view, national, local));
  return finish(io, { content, output: o.output, inputs, sources, diagnostics: warnings });
}
