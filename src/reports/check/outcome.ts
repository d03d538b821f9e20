// The outcome of `mtfs check` for each scenario file (ok, failed with reasons, or invalid with its
// diagnostics) and the summary over all files: the one model the text, JSON and JUnit outputs share.

import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatPlainGrouped, formatSigned, penceOf } from '../../model/grouped-number.js';
import type { Money } from '../../model/money.js';
import type { Control } from '../../model/scenario.js';
import type { ControlResult } from './controls.js';

export type CheckStatus = 'ok' | 'failed' | 'invalid';

export interface FileOutcome {
  readonly file: string;
  readonly status: CheckStatus;
  /** Why a file failed or is invalid, one sentence each; empty when it is ok. */
  readonly reasons: readonly string[];
  /** Every control compared (none for an invalid file). */
  readonly controls: readonly ControlResult[];
  /** Every diagnostic of the file (errors and warnings), as printed on standard error. */
  readonly diagnostics: readonly Diagnostic[];
  /** The scenario's units (absent for an invalid file). */
  readonly units?: string;
  /** A variant checked against its base's controls: the base, and the controls on figures the variant changes. */
  readonly inherited?: Inherited;
}

export interface Inherited {
  readonly from: string;
  readonly skipped: readonly Control[];
}

export interface CheckSummary {
  readonly files: number;
  readonly passed: number;
  readonly failed: number;
  readonly invalid: number;
  readonly controls: {
    readonly total: number;
    readonly matched: number;
    readonly mismatched: number;
    readonly calibrated: number;
    readonly independent: number;
  };
}

/** A file that did not load: its errors, one line each as on standard error, are the reasons. */
export function invalidOutcome(file: string, diagnostics: readonly Diagnostic[]): FileOutcome {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    file,
    status: 'invalid',
    reasons: errors.map((d) => {
      const at = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : '';
      return `${at}error[${d.code}]: ${d.message}`;
    }),
    controls: [],
    diagnostics,
  };
}

/** A file that loaded: ok when it has controls and every one matches. */
export function checkedOutcome(
  file: string,
  controls: readonly ControlResult[],
  diagnostics: readonly Diagnostic[],
  units?: string,
  inherited?: Inherited,
): FileOutcome {
  const reasons: string[] = [];
  if (controls.length === 0 && !inherited) reasons.push('no controls: the scenario has no `controls:` section, so nothing can be checked');
  for (const r of controls) {
    if (!r.matches) reasons.push(mismatchReason(r));
  }
  return {
    file,
    status: reasons.length > 0 ? 'failed' : 'ok',
    reasons,
    controls,
    diagnostics,
    ...(units ? { units } : {}),
    ...(inherited ? { inherited } : {}),
  };
}

/**
 * `net_budget 2018/19: projected 132,821, published 132,831, difference -10`; a control published to a
 * precision also names it and the figure rounded to it.
 */
export function mismatchReason(r: ControlResult): string {
  const c = r.control;
  const dp = penceOf(r.units);
  const g = (m: Money): string => formatPlainGrouped(m, dp);
  const precision = c.publishedTo ? ` (to the nearest ${c.publishedTo}, ${c.rounding}: ${g(r.rounded)})` : '';
  return `${r.control.row} ${r.control.year}: projected ${g(r.actual)}${precision}, published ${g(r.control.expected)}, difference ${formatSigned(r.difference)}`;
}

export function checkSummary(outcomes: readonly FileOutcome[]): CheckSummary {
  const all = outcomes.flatMap((o) => o.controls);
  const matched = all.filter((r) => r.matches).length;
  // a control a calibration made true proves nothing: counted apart from the independent ones
  const calibrated = all.filter((r) => r.calibrated).length;
  return {
    files: outcomes.length,
    passed: outcomes.filter((o) => o.status === 'ok').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    invalid: outcomes.filter((o) => o.status === 'invalid').length,
    controls: { total: all.length, matched, mismatched: all.length - matched, calibrated, independent: all.length - calibrated },
  };
}
