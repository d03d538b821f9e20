// `mtfs check` outcomes → text (one line per file), JSON (diagnostics, reasons, controls and a
// summary) or JUnit XML (a testsuite per file, a testcase per control). Pure and deterministic:
// no timestamps, no durations, no host names.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, type Sources } from '../diagnostics/format.js';
import { toPlain } from '../model/money.js';
import { formatPlainGrouped, formatSigned, penceOf } from '../model/grouped-number.js';
import { roundedMatches, type ControlResult } from '../reports/check/controls.js';
import { checkSummary, mismatchReason, type FileOutcome, type Inherited } from '../reports/check/outcome.js';
import { asJson } from './json.js';
import { xmlText as safeXmlText } from './safe-text.js';

export function checkAsText(outcomes: readonly FileOutcome[]): string {
  const lines = outcomes.flatMap((o) => {
    if (o.status === 'invalid') return [`${o.file}: invalid (${o.reasons.length} error${o.reasons.length === 1 ? '' : 's'})`];
    const head = o.inherited
      ? inheritedLine(o.file, o.inherited, o.controls)
      : o.controls.length === 0
        ? `${o.file}: no controls`
        : `${o.file}: ${controlsSummary(o.controls)}`;
    // controls that match only at their published precision: the exact difference is still shown
    const rounded = roundedMatches(o.controls).map(
      (r) =>
        `  ${r.control.row} ${r.control.year}: ${formatPlainGrouped(r.control.expected, penceOf(r.units))} to the nearest ${r.control.publishedTo ?? ''}; exactly ${formatPlainGrouped(r.actual, penceOf(r.units))} (${formatSigned(r.difference)} ${r.units ?? o.units ?? ''})`,
    );
    return [head, ...rounded];
  });
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * `3 controls match`; with calibration `2 independent controls match; 1 calibrated (gap 2018/19): true
 * by construction, not evidence`. A control a calibration made true is never counted as evidence.
 * `from` names where inherited controls come from: `3 controls inherited from base.yaml match`.
 */
function controlsSummary(results: readonly ControlResult[], from = ''): string {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}${from}`;
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

/** A variant checked against its base's controls: what was checked, and what was not and why. */
function inheritedLine(file: string, inherited: Inherited, results: readonly ControlResult[]): string {
  if (results.length === 0)
    return `${file}: skipped: a variant of ${inherited.from} with no controls of its own, and it changes every figure its base's controls check`;
  const head = `${file}: ${controlsSummary(results, ` inherited from ${inherited.from}`)}`;
  if (inherited.skipped.length === 0) return head;
  const rows = [...new Set(inherited.skipped.map((c) => c.row))];
  return `${head}; ${inherited.skipped.length} not applicable (the variant changes ${rows.join(', ')} in some years)`;
}

/** A diagnostic as data: code, severity, message, place (absent when it has none), hint and notes. */
export function diagnosticAsJson(d: Diagnostic): Record<string, unknown> {
  const at = d.location;
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(at ? { file: at.file, line: at.line, column: at.column, end_line: at.endLine, end_column: at.endColumn } : {}),
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    ...(d.notes?.length ? { notes: d.notes } : {}),
  };
}

const controlAsJson = (r: ControlResult): Record<string, unknown> => ({
  row: r.control.row,
  year: r.control.year,
  expected: toPlain(r.control.expected),
  actual: toPlain(r.actual),
  difference: toPlain(r.difference),
  matches: r.matches,
  calibrated: r.calibrated,
  ...(r.units ? { units: r.units } : {}),
  ...(r.control.publishedTo ? { published_to: r.control.publishedTo, rounding: r.control.rounding, rounded: toPlain(r.rounded) } : {}),
  origin: `${r.control.origin.file}:${r.control.origin.line}:${r.control.origin.column}`,
});

export function checkAsJson(outcomes: readonly FileOutcome[]): string {
  return asJson({
    summary: checkSummary(outcomes),
    files: outcomes.map((o) => ({
      file: o.file,
      status: o.status,
      reasons: o.reasons,
      controls: o.controls.map(controlAsJson),
      ...(o.inherited
        ? { inherited_from: o.inherited.from, not_applicable: o.inherited.skipped.map((c) => ({ row: c.row, year: c.year })) }
        : {}),
      diagnostics: o.diagnostics.map(diagnosticAsJson),
    })),
  });
}

/** XML escaping, as every format's text safety, lives in safe-text.ts. */
export const xmlText = safeXmlText;

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');

/**
 * JUnit XML: one testsuite per file, one testcase per control (a failure carries the difference),
 * a file without controls as one failing testcase, an invalid file as one testcase in error with
 * its diagnostics.
 */
export function checkAsJunit(outcomes: readonly FileOutcome[], sources: Sources): string {
  const suites = outcomes.map((o) => {
    const cases: string[] = [];
    let failures = 0;
    let errors = 0;
    let skipped = 0;
    if (o.status === 'invalid') {
      errors = 1;
      const errs = o.diagnostics.filter((d) => d.severity === 'error');
      const body = formatDiagnostics(errs, sources);
      cases.push(
        `    <testcase${attrs({ classname: o.file, name: 'scenario loads' })}>\n` +
          `      <error${attrs({ type: 'invalid', message: `${errs.length} error${errs.length === 1 ? '' : 's'}: the scenario cannot be projected` })}>${xmlText(body)}</error>\n` +
          '    </testcase>',
      );
    } else if (o.controls.length === 0 && o.inherited) {
      skipped = 1;
      cases.push(
        `    <testcase${attrs({ classname: o.file, name: 'controls' })}>\n` +
          `      <skipped${attrs({ message: `a variant of ${o.inherited.from} with no controls of its own, and it changes every figure its base's controls check` })}/>\n` +
          '    </testcase>',
      );
    } else if (o.controls.length === 0) {
      failures = 1;
      cases.push(
        `    <testcase${attrs({ classname: o.file, name: 'controls' })}>\n` +
          `      <failure${attrs({ type: 'no-controls', message: o.reasons.join('; ') })}/>\n` +
          '    </testcase>',
      );
    } else {
      for (const r of o.controls) {
        const name = `${r.control.row} ${r.control.year}`;
        if (r.matches) {
          cases.push(`    <testcase${attrs({ classname: o.file, name })}/>`);
          continue;
        }
        failures++;
        const at = r.control.origin;
        const body = [
          `expected ${toPlain(r.control.expected)}${r.control.publishedTo ? ` (published to the nearest ${r.control.publishedTo})` : ''}`,
          `actual ${toPlain(r.actual)}${r.control.publishedTo ? ` (${r.control.rounding} to ${r.control.publishedTo}: ${toPlain(r.rounded)})` : ''}`,
          `difference ${toPlain(r.difference)} (actual - expected)`,
          `control written at ${at.file}:${at.line}:${at.column}`,
        ].join('\n');
        cases.push(
          `    <testcase${attrs({ classname: o.file, name })}>\n` +
            `      <failure${attrs({ type: 'control-mismatch', message: mismatchReason(r) })}>${xmlText(body)}</failure>\n` +
            '    </testcase>',
        );
      }
      // inherited controls on figures the variant changes: not applicable, so reported as skipped
      for (const c of o.inherited?.skipped ?? []) {
        skipped++;
        cases.push(
          `    <testcase${attrs({ classname: o.file, name: `${c.row} ${c.year}` })}>\n` +
            `      <skipped${attrs({ message: `not applicable: the variant changes ${c.row} ${c.year}` })}/>\n` +
            '    </testcase>',
        );
      }
    }
    const tests = cases.length;
    const xml = [`  <testsuite${attrs({ name: o.file, tests, failures, errors, skipped })}>`, ...cases, '  </testsuite>'].join('\n');
    return { xml, tests, failures, errors, skipped };
  });
  const total = (k: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((n, x) => n + x[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'mtfs check', tests: total('tests'), failures: total('failures'), errors: total('errors'), skipped: total('skipped') })}>`,
    ...suites.map((x) => x.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
