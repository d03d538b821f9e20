// `mtfs compare <base> <other>...`: side by side, differences with FAV/ADV, and attribution.

import { compareProjections } from '../../reports/compare/compare.js';
import { projectScenario } from '../../project/project.js';
import { comparisonAsJson, comparisonCsvTables, comparisonTables } from '../../render/compare.js';
import type { RoundingMode } from '../../model/money.js';
import type { Io } from '../io.js';
import { checkComparable, loadAll } from '../load.js';
import { emit, EXIT_INVALID, EXIT_OK, report } from '../output.js';
import { renderAs, type Format } from '../render.js';

export interface CompareOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
}

export function compareCommand(io: Io, base: string, others: readonly string[], opts: CompareOptions): number {
  const { scenarios, sources } = loadAll(io, [base, ...others]);
  if (!scenarios || !checkComparable(io, scenarios, sources)) return EXIT_INVALID;
  const [b, ...o] = scenarios.map(projectScenario);
  if (!b) return EXIT_INVALID;
  const comparison = compareProjections(b, o);
  const content = renderAs(
    io,
    opts.format,
    { rounding: opts.rounding, dp: 0 },
    comparisonTables(comparison),
    () => comparisonAsJson(comparison),
    comparisonCsvTables(comparison),
  );
  const failed = emit(io, content, { ...(opts.output ? { output: opts.output } : {}), inputs: scenarios.flatMap((s) => s.inputs) });
  if (failed) {
    report(io, [failed], sources);
    return EXIT_INVALID;
  }
  return EXIT_OK;
}
