// The options several commands share (format, output, rounding, --set) and the parsers of numeric
// arguments, declared once so every command spells them the same way.

import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_ROUNDING, ROUNDING_MODES, type RoundingMode } from '../model/money.js';
import { UNITS, type Units } from '../model/units.js';
import { defaultDp, type DisplayOptions } from '../render/number.js';
import { FORMATS } from './render.js';

export function positiveInteger(v: string): number {
  if (!/^[1-9]\d{0,3}$/.test(v)) throw new InvalidArgumentError('expected a whole number from 1 to 9999');
  return Number(v);
}

export function drawCount(v: string): number {
  if (!/^[1-9]\d{0,6}$/.test(v)) throw new InvalidArgumentError('expected a whole number of draws from 1 to 9999999');
  return Number(v);
}

export function seedNumber(v: string): number {
  if (!/^\d{1,9}$/.test(v)) throw new InvalidArgumentError('expected a whole number from 0 to 999999999');
  return Number(v);
}

/** A repeatable option's values, in the order given. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const formatOption = (): Option => new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table');
export const outputOption = (): Option => new Option('-o, --output <file>', 'write to a file (atomically) instead of standard output');

export const roundingOption = (): Option =>
  new Option('--rounding <mode>', 'rounding of displayed figures (CSV and JSON are exact)')
    .choices(Object.keys(ROUNDING_MODES))
    .default(DEFAULT_ROUNDING);

/** `--set <driver>.<parameter>[.<year>]=<value>`, repeatable: a what-if on a demand driver. */
export const setOption = (appliesTo = ''): Option =>
  new Option(
    '--set <driver.parameter=value>',
    `what-if: change a demand driver parameter, e.g. older_people.unit_cost_uplift=3%, or a funding input, e.g. funding.revenue_support_grant.2020/21=0 (repeatable${appliesTo ? `; ${appliesTo}` : ''})`,
  )
    .argParser(collect)
    .default([], 'none');

export const unitsOption = (): Option =>
  new Option(
    '--units <units>',
    "show amounts in £, £000 or £m, converted exactly (default: the scenario's units; JSON is always exact in the scenario's units)",
  ).choices(UNITS);

/** `--decimals <n>`: decimal places shown in tables (a source's £m to three places, say). */
export const decimalsOption = (): Option =>
  new Option(
    '--decimals <n>',
    'decimal places shown in tables, 0 to 6 (default: none in £ and £000, one in £m; CSV and JSON are exact)',
  ).argParser((v: string): number => {
    if (!/^[0-6]$/.test(v)) throw new InvalidArgumentError('expected a whole number of decimal places from 0 to 6');
    return Number(v);
  });

/**
 * How figures are shown: in `--units` when given, else in `scenarioUnits` (the scenario's own), at
 * `--decimals` places or that unit's default (£0.1m for £m); CSV is converted only when `--units` is given.
 */
export function displayOptions(
  opts: { readonly rounding: RoundingMode; readonly units?: Units; readonly decimals?: number },
  scenarioUnits?: Units,
): DisplayOptions {
  const units = opts.units ?? scenarioUnits;
  return {
    rounding: opts.rounding,
    dp: opts.decimals ?? (units ? defaultDp(units) : 0),
    ...(units ? { units } : {}),
    ...(opts.units ? { csvUnits: opts.units } : {}),
  };
}
