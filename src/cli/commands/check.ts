// `mtfs check <scenario>...`: project each scenario and compare every published control exactly.
// Exit 0 when all match, 1 when any differs (or a scenario has no controls), 2 on invalid input.

import { checkControls } from '../../reports/check/controls.js';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { loadScenario } from '../../load/scenario.js';
import { toPlain } from '../../model/money.js';
import { projectScenario } from '../../project/project.js';
import { asJson } from '../../render/json.js';
import type { Io } from '../io.js';
import { EXIT_CHECKS_FAILED, EXIT_INVALID, EXIT_OK, report } from '../output.js';

export interface CheckOptions {
  readonly format: 'table' | 'json';
}

export function checkCommand(io: Io, files: readonly string[], opts: CheckOptions): number {
  let invalid = false;
  let failed = false;
  const lines: string[] = [];
  const json: unknown[] = [];
  for (const file of files) {
    const loaded = loadScenario(file, io.readFile);
    if (!loaded.value) {
      report(io, loaded.diagnostics, loaded.sources);
      invalid = true;
      json.push({ file, status: 'invalid' });
      continue;
    }
    report(io, loaded.diagnostics, loaded.sources);
    const p = projectScenario(loaded.value);
    const { results, diagnostics } = checkControls(p);
    const extra: Diagnostic[] = [];
    if (results.length === 0) {
      extra.push(
        error(
          'no-controls',
          `${file} has no controls, so nothing can be checked`,
          undefined,
          'add a `controls:` section with the published totals',
        ),
      );
    }
    report(io, [...diagnostics, ...extra], loaded.sources);
    const bad = results.filter((r) => !r.matches).length;
    if (bad > 0 || results.length === 0) failed = true;
    lines.push(
      results.length === 0
        ? `${file}: no controls`
        : bad === 0
          ? `${file}: ${results.length} controls match`
          : `${file}: ${bad} of ${results.length} controls differ`,
    );
    json.push({
      file,
      status: bad === 0 && results.length > 0 ? 'ok' : 'failed',
      controls: results.map((r) => ({
        row: r.control.row,
        year: r.control.year,
        expected: toPlain(r.control.expected),
        actual: toPlain(r.actual),
        difference: toPlain(r.difference),
        matches: r.matches,
        origin: `${r.control.origin.file}:${r.control.origin.line}:${r.control.origin.column}`,
      })),
    });
  }
  io.stdout(opts.format === 'json' ? asJson(json) : `${lines.join('\n')}${lines.length ? '\n' : ''}`);
  return invalid ? EXIT_INVALID : failed ? EXIT_CHECKS_FAILED : EXIT_OK;
}
