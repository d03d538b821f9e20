// `mtfs report <scenario> --html FILE --xlsx FILE`: the committee page and the audit workbook.
// exceljs is loaded only when a workbook is asked for: it is by far the heaviest module.

import { expectLongRun, LONG_RUN_DRAWS } from '../tiering.js';
import { createRequire } from 'node:module';
import { Option, type Command } from 'commander';
import type ExcelJS from 'exceljs';
import { error } from '../../diagnostics/diagnostic.js';
import type { RoundingMode } from '../../model/money.js';
import { projectScenario } from '../../project/project.js';
import { htmlReport } from '../../render/html-report.js';
import { xlsxReport, type JSZipLike } from '../../render/xlsx-report.js';
import { effectsAtTwo, riskAssumptions } from '../../reports/risk/engine.js';
import { monteCarlo } from '../../reports/risk/monte-carlo.js';
import { sensitivity } from '../../reports/risk/sensitivity.js';
import type { Io } from '../io.js';
import { fail, type CommandContext } from '../command.js';
import { drawCount, displayOptions, roundingOption, unitsOption, decimalsOption, seedNumber, setOption } from '../flags.js';
import type { Units } from '../../model/units.js';
import { loadScenarios } from '../load.js';
import { WORKBOOK_BYTES_PER_BYTE } from '../../source/text.js';
import { emitAll, EXIT_INVALID, EXIT_OK, refuseInput, type ExitCode } from '../output.js';
import { tooManyDraws } from './risk.js';

interface ReportOptions {
  readonly html?: string;
  readonly xlsx?: string;
  readonly draws: number;
  readonly seed: number;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  /** `--set` what-ifs on demand drivers, in the order given. */
  readonly set: readonly string[];
  /** Include the technical appendix in the HTML (`--no-appendix` leaves it out). */
  readonly appendix: boolean;
}

export function register(program: Command, { io, exit, version }: CommandContext): void {
  program
    .command('report')
    .description('write the committee report: a self-contained HTML page and/or an Excel workbook with live formulas')
    .argument('<scenario>', 'scenario YAML file')
    .option('--html <file>', 'write the HTML report here (atomically)')
    .option('--xlsx <file>', 'write the Excel workbook here (atomically)')
    .addOption(new Option('--draws <n>', 'Monte Carlo draws for the risk section').argParser(drawCount).default(10000))
    .addOption(new Option('--seed <s>', 'random seed').argParser(seedNumber).default(1))
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .addOption(setOption())
    .option('--no-appendix', 'leave the technical appendix (files and lines, ids, methods) out of the HTML report')
    .action(async (scenario: string, o: ReportOptions) => exit(await reportCommand(io, scenario, o, version)));
}

async function reportCommand(io: Io, file: string, opts: ReportOptions, version: string): Promise<ExitCode> {
  if (!opts.html && !opts.xlsx) {
    return fail(io, [
      error(
        'usage',
        'nothing to write: give --html FILE, --xlsx FILE or both',
        undefined,
        'e.g. mtfs report scenarios/2018.yaml --html report.html --xlsx report.xlsx',
      ),
    ]);
  }
  if (opts.html && opts.xlsx && io.sameFile(opts.html, opts.xlsx)) {
    return fail(io, [error('usage', '--html and --xlsx name the same file', undefined, 'give each its own file')]);
  }
  const loaded = loadScenarios(io, [{ file, sets: opts.set, ...(opts.xlsx ? { memoryPerByte: WORKBOOK_BYTES_PER_BYTE } : {}) }]);
  const scenario = loaded?.scenarios[0];
  if (!loaded || !scenario) return EXIT_INVALID;
  const { sources } = loaded;
  // refuse before writing anything, so that a refused --xlsx does not leave a new --html behind
  const refused = [opts.html, opts.xlsx]
    .flatMap((out) => (out ? [refuseInput(io, out, scenario.inputs)] : []))
    .filter((d) => d !== undefined);
  if (refused.length > 0) return fail(io, refused, sources);
  const projection = projectScenario(scenario);
  const hasRanges = riskAssumptions(scenario).length > 0;
  if (hasRanges && opts.html && tooManyDraws(io, projection, opts.draws, sources)) return EXIT_INVALID;
  if (hasRanges && opts.draws > LONG_RUN_DRAWS) expectLongRun();
  // both files are built first, then written together: all of them or none
  const outputs: { output: string; content: string | Uint8Array }[] = [];
  if (opts.html) {
    // sensitivity and Monte Carlo share the effects of each range at factor 2
    const atTwo = effectsAtTwo(scenario, projection);
    const html = htmlReport({
      projection,
      display: displayOptions(opts, scenario.units),
      version,
      appendix: opts.appendix,
      ...(hasRanges
        ? {
            sensitivity: sensitivity(scenario, projection, atTwo),
            risk: monteCarlo(scenario, { draws: opts.draws, seed: opts.seed }, projection, atTwo),
          }
        : {}),
    });
    outputs.push({ output: opts.html, content: html });
  }
  if (opts.xlsx) {
    const load = createRequire(import.meta.url);
    const excel = load('exceljs') as typeof ExcelJS;
    const JSZip = load('jszip') as JSZipLike;
    outputs.push({ output: opts.xlsx, content: await xlsxReport(excel, JSZip, projection) });
  }
  const failed = emitAll(io, outputs, scenario.inputs);
  if (failed.length > 0) return fail(io, failed, sources);
  return EXIT_OK;
}
