// `mtfs explain <scenario> <ref|row> [year]`: the arithmetic chain behind one figure.

import { error } from '../../diagnostics/diagnostic.js';
import { explain, type ExplainTarget } from '../../reports/explain/explain.js';
import { parseFiscalYear } from '../../model/fiscal-year.js';
import { projectScenario, type RowId } from '../../project/project.js';
import { asJson } from '../../render/json.js';
import { tablesAsCsv } from '../../render/csv.js';
import { explanationAsJson, explanationAsMarkdown, explanationAsText, explanationTable } from '../../render/explain.js';
import { closest } from '../../schema/diagnose.js';
import type { Io } from '../io.js';
import { loadAll } from '../load.js';
import { emit, EXIT_INVALID, EXIT_OK, report } from '../output.js';
import type { Format } from '../render.js';

export interface ExplainOptions {
  readonly format: Format;
  readonly output?: string;
}

export function explainCommand(io: Io, file: string, what: string, yearText: string | undefined, opts: ExplainOptions): number {
  const { scenarios, sources } = loadAll(io, [file]);
  const scenario = scenarios?.[0];
  if (!scenario) return EXIT_INVALID;
  const p = projectScenario(scenario);
  const rows = p.rows.map((r) => r.id as string);
  const refs = scenario.lines.map((l) => l.ref);
  const line = scenario.lines.find((l) => l.ref === what);
  let target: ExplainTarget;
  if (rows.includes(what)) target = { kind: 'row', row: what as RowId };
  else if (line) target = { kind: 'line', line };
  else {
    const guess = closest(what, [...rows, ...refs]);
    report(
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
    return EXIT_INVALID;
  }
  let years = p.years;
  if (yearText !== undefined) {
    const y = parseFiscalYear(yearText);
    if (!y.ok || !p.years.includes(y.year)) {
      report(io, [error('usage', `\`${yearText}\` is not a year of ${file}`, undefined, `years are ${p.years.join(', ')}`)], sources);
      return EXIT_INVALID;
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
      content = tablesAsCsv([explanationTable(steps, units)]);
      break;
    case 'json':
      content = asJson(explanationAsJson(steps, file, units));
      break;
  }
  const failed = emit(io, content, { ...(opts.output ? { output: opts.output } : {}), inputs: scenario.inputs });
  if (failed) {
    report(io, [failed], sources);
    return EXIT_INVALID;
  }
  return EXIT_OK;
}
