// The one wording of "this year is not in the MTFS period", shared by every section that keys
// amounts by year.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { FiscalYear } from '../model/fiscal-year.js';

/** `year-outside-period` for `y`, written at `loc`, against the period `years` (may be unknown). */
export function outsidePeriod(y: FiscalYear, years: readonly FiscalYear[] | undefined, loc: Location): Diagnostic {
  const from = years?.[0] ?? '';
  const to = years?.[years.length - 1] ?? '';
  return error(
    'year-outside-period',
    `${y} is outside the MTFS period (${from} to ${to})`,
    loc,
    `use a year from ${from} to ${to}, or widen \`period:\``,
  );
}
