// Checking a projection against the published controls in its scenario: each exact figure is
// rounded to the precision its control was published to (by the scenario's rule) and compared; the
// exact difference is kept. A mismatch becomes a `control-mismatch` naming the inputs that feed it.

import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { sub, type Money } from '../../model/money.js';
import { roundToPublished } from '../../model/published-precision.js';
import type { Control } from '../../model/scenario.js';
import type { Projection } from '../../project/project.js';
import { formatSigned, formatPlainGrouped, penceOf } from '../../model/grouped-number.js';
import { calibratedControlKeys, controlKey } from './calibration.js';
import { convert, type Units } from '../../model/units.js';
import { controlledRow } from './control-rows.js';

export interface ControlResult {
  readonly control: Control;
  /** The exact projected figure. */
  readonly actual: Money;
  /** `actual` rounded to the published precision (equal to `actual` when the control has none). */
  readonly rounded: Money;
  /** Exact: actual − expected. */
  readonly difference: Money;
  /** The rounded figure equals the published one. */
  readonly matches: boolean;
  /** A figure of the scenario was calibrated to this control, so a match is true by construction. */
  readonly calibrated: boolean;
  /** The units of the figures when not the scenario's (Band D is in £). */
  readonly units?: Units;
}

/**
 * Every control compared with the projection (by default the scenario's own; a variant may be
 * checked against its base's). A mismatch's message states its figures in `units` (default: the
 * scenario's), converted exactly. Diagnostics: `control-mismatch` (a figure differs at its
 * published precision), `control-row` (the control names a row this projection does not show).
 */
export function checkControls(
  p: Projection,
  units: Units = p.scenario.units,
  controls: readonly Control[] = p.scenario.controls,
): { results: ControlResult[]; diagnostics: Diagnostic[] } {
  const calibrated = calibratedControlKeys(p.scenario);
  const own = p.scenario.units;
  const results: ControlResult[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const control of controls) {
    const row = controlledRow(p, control.row);
    if ('missing' in row) {
      diagnostics.push(error('control-row', `this projection has no row \`${control.row}\` to control`, control.origin, row.missing));
      continue;
    }
    if (row.given?.has(control.year)) {
      diagnostics.push(
        error(
          'control-row',
          `${control.row} ${control.year} is given by this scenario, not worked out: a control on it would be true by construction`,
          control.origin,
          `${row.feeds(control.year)}; control a figure the scenario works out instead (e.g. funding.council_tax)`,
        ),
      );
      continue;
    }
    const actual = row.values.get(control.year);
    if (actual === undefined) {
      diagnostics.push(
        error(
          'control-row',
          `this projection has no \`${control.row}\` in ${control.year} to control`,
          control.origin,
          row.feeds(control.year),
        ),
      );
      continue;
    }
    const rowUnits = row.units ?? own;
    const rounded = control.publishedTo ? roundToPublished(actual, control.publishedTo, rowUnits, control.rounding) : actual;
    const difference = sub(actual, control.expected);
    const matches = rounded.equals(control.expected);
    const result = {
      control,
      actual,
      rounded,
      difference,
      matches,
      calibrated: calibrated.has(controlKey(control)),
      ...(row.units ? { units: row.units } : {}),
    };
    results.push(result);
    if (!matches)
      diagnostics.push(
        row.units
          ? mismatch(result, row.feeds(control.year), (m) => m, row.units)
          : mismatch(result, row.feeds(control.year), (m) => convert(m, own, units), units),
      );
  }
  return { results, diagnostics };
}

/** The mismatch diagnostic: its figures shown in `units` (`shown` converts them exactly). */
function mismatch(r: ControlResult, feeds: string, shown: (m: Money) => Money, units: Units): Diagnostic {
  const c = r.control;
  const g = (m: Money): string => formatPlainGrouped(shown(m), penceOf(r.units));
  const precision = c.publishedTo ? ` (to the nearest ${c.publishedTo}, ${c.rounding}: ${g(r.rounded)})` : '';
  return error(
    'control-mismatch',
    `${c.row} ${c.year}: projected ${g(r.actual)}${precision}, published ${g(c.expected)}`,
    c.origin,
    `${feeds}; if the published figure changed, update the control`,
    [
      `expected ${g(c.expected)} ${units}${c.publishedTo ? ` (published to the nearest ${c.publishedTo})` : ''}`,
      `actual   ${g(r.actual)} ${units}`,
      `difference ${formatSigned(shown(r.difference))} ${units} (actual − expected)`,
    ],
  );
}

/** Controls that match only at their published precision: the exact difference is still reported. */
export const roundedMatches = (results: readonly ControlResult[]): ControlResult[] =>
  results.filter((r) => r.matches && !r.difference.isZero());
