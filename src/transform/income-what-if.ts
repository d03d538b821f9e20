// What-ifs on a line's income drivers from the command line: `--set <ref>.income_uplift=<rate>` or
// `--set <ref>.income_ends=<year>` → the scenario with that line's income driven afresh and its
// levels derived again from gross − income. Pure; a bad value is a `usage` diagnostic.

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { compareYears, parseFiscalYear } from '../model/fiscal-year.js';
import { levelsFromGrossIncome, withIncomeDrivers, type IncomeDrivers } from '../model/gross-income.js';
import { KIND_SIGN } from '../model/line-kind.js';
import { toPlain } from '../model/money.js';
import type { Scenario } from '../model/scenario.js';
import { parseParameterValue } from '../load/driver-parameters.js';
import { closest } from '../schema/diagnose.js';

/** The income drivers a `--set` may change on a line that states gross and income. */
export const INCOME_PARAMETERS = ['income_uplift', 'income_ends'] as const;

/** True when `text` names a line of the scenario (not a demand driver): `<ref>.<parameter>=…`. */
export function isLineOverride(text: string, scenario: Scenario): boolean {
  const ref = text.slice(0, text.indexOf('=')).split('.')[0] ?? '';
  return !(scenario.drivers ?? []).some((d) => d.name === ref) && scenario.lines.some((l) => l.ref === ref);
}

/**
 * Applies one `--set <ref>.income_uplift=<rate>` or `<ref>.income_ends=<year>` to the line of that
 * ref. Returns the changed scenario and a note of what the scenario had, or `usage` diagnostics.
 */
export function applyIncomeOverride(
  scenario: Scenario,
  text: string,
): { value?: Scenario; note?: string; diagnostics: readonly Diagnostic[] } {
  const usage = (message: string, hint: string) => ({ diagnostics: [error('usage', `--set ${text}: ${message}`, undefined, hint)] });
  const eq = text.indexOf('=');
  const [ref = '', parameter = '', ...rest] = text.slice(0, eq).trim().split('.');
  const line = scenario.lines.find((l) => l.ref === ref);
  const gi = line?.grossIncome;
  if (!line || !gi)
    return usage(
      `line ${ref} states no gross and income`,
      'a line takes `--set <ref>.income_uplift=<rate>` only when it states `gross:` and `income:`',
    );
  if (rest.length > 0 || !(INCOME_PARAMETERS as readonly string[]).includes(parameter)) {
    const guess = closest(parameter, [...INCOME_PARAMETERS]);
    return usage(
      `line ${ref} has no parameter \`${parameter}\``,
      guess ? `did you mean \`${guess}\`?` : `its parameters are: ${INCOME_PARAMETERS.join(', ')}`,
    );
  }
  const valueText = text.slice(eq + 1);
  let drivers: IncomeDrivers;
  let had: string;
  if (parameter === 'income_uplift') {
    const v = parseParameterValue('change', valueText);
    if (!v.ok) return usage(v.message, v.hint);
    drivers = { ...gi.drivers, uplift: { rate: v.value as never, origin: gi.drivers.uplift?.origin ?? line.origin } };
    had = gi.drivers.uplift ? toPlain(gi.drivers.uplift.rate) : 'none';
  } else {
    const y = parseFiscalYear(valueText.trim());
    if (!y.ok) return usage(y.message, y.hint);
    const first = scenario.years[0];
    const last = scenario.years[scenario.years.length - 1];
    if (!first || !last || compareYears(y.year, first) < 0 || compareYears(y.year, last) > 0)
      return usage(`${y.year} is outside the period ${first}–${last}`, 'give a year of the period');
    drivers = { ...gi.drivers, ends: { year: y.year, origin: gi.drivers.ends?.origin ?? line.origin } };
    had = gi.drivers.ends?.year ?? 'none';
  }
  const driven = withIncomeDrivers(gi, drivers, scenario.years);
  const changed = { ...line, grossIncome: driven, levels: levelsFromGrossIncome(scenario.years, driven, KIND_SIGN[line.type]) };
  return {
    value: { ...scenario, lines: scenario.lines.map((l) => (l.ref === ref ? changed : l)) },
    note: `${text} (the scenario has ${had})`,
    diagnostics: [],
  };
}
