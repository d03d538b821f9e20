// `mtfs report <scenario> --html FILE --xlsx FILE`: the committee page and the audit workbook.
// exceljs is loaded only when a workbook is asked for: it is by far the heaviest module.

import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { error } from '../../diagnostics/diagnostic.js';
import type { RoundingMode } from '../../model/money.js';
import { projectScenario } from '../../project/project.js';
import { htmlReport } from '../../render/html-report.js';
import { xlsxReport, type JSZipLike } from '../../render/xlsx-report.js';
import { monteCarlo } from '../../reports/risk/monte-carlo.js';
import { sensitivity } from '../../reports/risk/sensitivity.js';
import type { Io } from '../io.js';
import { loadAll } from '../load.js';
import { emit, EXIT_INVALID, EXIT_OK, refuseInput, report } from '../output.js';

export interface ReportOptions {
  readonly html?: string;
  readonly xlsx?: string;
  readonly draws: number;
  readonly seed: number;
  readonly rounding: RoundingMode;
  readonly version: string;
}

export async function reportCommand(io: Io, file: string, opts: ReportOptions): Promise<number> {
  if (!opts.html && !opts.xlsx) {
    report(
      io,
      [
        error(
          'usage',
          'nothing to write: give --html FILE, --xlsx FILE or both',
          undefined,
          'e.g. mtfs report scenarios/2018.yaml --html report.html --xlsx report.xlsx',
        ),
      ],
      new Map(),
    );
    return EXIT_INVALID;
  }
  if (opts.html && opts.xlsx && io.sameFile(opts.html, opts.xlsx)) {
    report(io, [error('usage', '--html and --xlsx name the same file', undefined, 'give each its own file')], new Map());
    return EXIT_INVALID;
  }
  const { scenarios, sources } = loadAll(io, [file]);
  const scenario = scenarios?.[0];
  if (!scenario) return EXIT_INVALID;
  // refuse before writing anything, so that a refused --xlsx does not leave a new --html behind
  const refused = [opts.html, opts.xlsx]
    .flatMap((out) => (out ? [refuseInput(io, out, scenario.inputs)] : []))
    .filter((d) => d !== undefined);
  if (refused.length > 0) {
    report(io, refused, sources);
    return EXIT_INVALID;
  }
  const projection = projectScenario(scenario);
  const hasRanges = (scenario.assumptions ?? []).length > 0;
  if (opts.html) {
    const html = htmlReport({
      projection,
      display: { rounding: opts.rounding, dp: 0 },
      version: opts.version,
      ...(hasRanges ? { sensitivity: sensitivity(scenario), risk: monteCarlo(scenario, { draws: opts.draws, seed: opts.seed }) } : {}),
    });
    const failed = emit(io, html, { output: opts.html, inputs: scenario.inputs });
    if (failed) {
      report(io, [failed], sources);
      return EXIT_INVALID;
    }
  }
  if (opts.xlsx) {
    const load = createRequire(import.meta.url);
    const excel = load('exceljs') as typeof ExcelJS;
    const JSZip = load('jszip') as JSZipLike;
    const bytes = await xlsxReport(excel, JSZip, projection);
    const failed = emit(io, bytes, { output: opts.xlsx, inputs: scenario.inputs });
    if (failed) {
      report(io, [failed], sources);
      return EXIT_INVALID;
    }
  }
  return EXIT_OK;
}
