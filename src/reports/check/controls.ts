// Checking a projection against the published controls in its scenario: exact comparison, one
// result per control; a difference becomes a `control-mismatch` diagnostic at the control's line.

import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FiscalYear } from '../../model/fiscal-year.js';
import { sub, type Money } from '../../model/money.js';
import type { Control } from '../../model/scenario.js';
import { rowValues, type Projection } from '../../project/project.js';
import { formatSigned, formatPlainGrouped } from '../../model/grouped-number.js';
import { calibratedControlKeys, controlKey } from './calibration.js';
import { convert, type Units } from '../../model/units.js';

export interface ControlResult {
  readonly control: Control;
  readonly actual: Money;
  readonly difference: Money;
  readonly matches: boolean;
  /** A figure of the scenario was calibrated to this control, so a match is true by construction. */
  readonly calibrated: boolean;
}

/** Every control against `p`, exactly; a mismatch's message states its figures in `units` (default: the scenario's), converted exactly. */
export function checkControls(p: Projection, units: Units = p.scenario.units): { results: ControlResult[]; diagnostics: Diagnostic[] } {
  const calibrated = calibratedControlKeys(p.scenario);
  const results = p.scenario.controls.map((control) => {
    const actual = rowValues(p, control.row).get(control.year as FiscalYear);
    if (actual === undefined) throw new Error(`no ${control.row} for ${control.year}`);
    const difference = sub(actual, control.expected);
    return { control, actual, difference, matches: difference.isZero(), calibrated: calibrated.has(controlKey(control)) };
  });
  const shown = (m: Money): Money => convert(m, p.scenario.units, units);
  const diagnostics = results
    .filter((r) => !r.matches)
    .map((r) =>
      error(
        'control-mismatch',
        `${r.control.row} ${r.control.year}: projected ${formatPlainGrouped(shown(r.actual))}, published ${formatPlainGrouped(shown(r.control.expected))}`,
        r.control.origin,
        'find the line that moved with `mtfs project --detail`; if the published figure changed, update the control',
        [
          `expected ${formatPlainGrouped(shown(r.control.expected))} ${units}`,
          `actual   ${formatPlainGrouped(shown(r.actual))} ${units}`,
          `difference ${formatSigned(shown(r.difference))} ${units} (actual − expected)`,
        ],
      ),
    );
  return { results, diagnostics };
}
