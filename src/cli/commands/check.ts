// `mtfs check <scenario>...`: project each scenario and compare every published control exactly.
// Exit 0 when all match, 1 when any differs (or a scenario has no controls), 2 on invalid input.

import { Option, type Command } from 'commander';
import { error } from '../../diagnostics/diagnostic.js';
import { toPlain } from '../../model/money.js';
import { projectScenario } from '../../project/project.js';
import { asJson } from '../../render/json.js';
import { checkControls, type ControlResult } from '../../reports/check/controls.js';
import { finish, type CommandContext } from '../command.js';
import { setOption } from '../flags.js';
import type { Io } from '../io.js';
import { loadScenarios } from '../load.js';
import { EXIT_CHECKS_FAILED, EXIT_INVALID, EXIT_OK, report, type ExitCode } from '../output.js';

interface CheckOptions {
  readonly format: 'table' | 'json';
  /** `--set` what-ifs, applied to every scenario checked. */
  readonly set: readonly string[];
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('check')
    .description('compare each scenario with its published controls; exit 1 on any difference')
    .argument('<scenario...>', 'scenario YAML files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(setOption('applied to every scenario'))
    .action((scenarios: string[], o: CheckOptions) => exit(checkCommand(io, scenarios, o)));
}

function checkCommand(io: Io, files: readonly string[], opts: CheckOptions): ExitCode {
  let invalid = false;
  let failed = false;
  const lines: string[] = [];
  const json: unknown[] = [];
  for (const file of files) {
    const loaded = loadScenarios(io, [{ file, sets: opts.set }]);
    const scenario = loaded?.scenarios[0];
    if (!loaded || !scenario) {
      invalid = true;
      json.push({ file, status: 'invalid' });
      continue;
    }
    const { results, diagnostics } = checkControls(projectScenario(scenario));
    const none =
      results.length === 0
        ? [
            error(
              'no-controls',
              `${file} has no controls, so nothing can be checked`,
              undefined,
              'add a `controls:` section with the published totals',
            ),
          ]
        : [];
    report(io, [...diagnostics, ...none], loaded.sources);
    const bad = results.filter((r) => !r.matches).length;
    if (bad > 0 || results.length === 0) failed = true;
    lines.push(results.length === 0 ? `${file}: no controls` : `${file}: ${checkSummary(results)}`);
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
        calibrated: r.calibrated,
        origin: `${r.control.origin.file}:${r.control.origin.line}:${r.control.origin.column}`,
      })),
    });
  }
  return finish(io, {
    content: opts.format === 'json' ? asJson(json) : `${lines.join('\n')}${lines.length ? '\n' : ''}`,
    inputs: [],
    sources: new Map(),
    code: invalid ? EXIT_INVALID : failed ? EXIT_CHECKS_FAILED : EXIT_OK,
  });
}

/**
 * `3 controls match`; with calibration `2 independent controls match; 1 calibrated (gap 2018/19): true
 * by construction, not evidence`. One line per scenario.
 */
function checkSummary(results: readonly ControlResult[]): string {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const independent = results.filter((r) => !r.calibrated);
  const calibrated = results.length - independent.length;
  const bad = results.filter((r) => !r.matches).length;
  if (calibrated === 0)
    return bad === 0 ? `${count(results.length, 'control')} match` : `${bad} of ${count(results.length, 'control')} differ`;
  const keys = results.filter((r) => r.calibrated).map((r) => `${r.control.row} ${r.control.year}`);
  const which = `${calibrated} calibrated (${keys.join(', ')}): true by construction, not evidence`;
  if (bad > 0) return `${bad} of ${count(results.length, 'control')} differ; ${which}`;
  return independent.length === 0
    ? `no independent controls; ${which}`
    : `${count(independent.length, 'independent control')} match; ${which}`;
}
