// The parameters of a demand driver, by kind, and the one grammar and range check of their values:
// used for the scenario file and for `--set`, so both accept and refuse exactly the same text.

import type { DiagnosticCode } from '../diagnostics/diagnostic.js';
import { parseAmountText, parseRateText } from '../model/amount-text.js';
import type { DriverKind } from '../model/demand.js';
import { moneyFromText, type Dec } from '../model/money.js';

/**
 * share: a rate from 0 to 1 (use_rate, part_year); change: a rate above −100% (uplifts, extra growth);
 * count: a number of people, not negative; pounds: an amount in £, not negative; amount: an amount
 * in the scenario's units, not negative (an inflation driver's base).
 */
export type ValueKind = 'share' | 'change' | 'count' | 'pounds' | 'amount';

export interface ParameterSpec {
  readonly name: string;
  readonly kind: ValueKind;
  /** True when the parameter may differ by year (`values:` in the file, `.<year>` in `--set`). */
  readonly perYear: boolean;
}

const UNIT_COST: readonly ParameterSpec[] = [
  { name: 'unit_cost', kind: 'pounds', perYear: false },
  { name: 'unit_cost_uplift', kind: 'change', perYear: true },
];

/** The parameters `--set` can change, by driver kind, in the order the README lists them. */
export const DRIVER_PARAMETERS: Readonly<Record<DriverKind, readonly ParameterSpec[]>> = {
  population: [
    { name: 'use_rate', kind: 'share', perYear: true },
    { name: 'extra_population_growth', kind: 'change', perYear: true },
    ...UNIT_COST,
  ],
  given: [{ name: 'users', kind: 'count', perYear: true }, ...UNIT_COST],
  cohort: [{ name: 'arrivals', kind: 'count', perYear: true }, { name: 'part_year', kind: 'share', perYear: false }, ...UNIT_COST],
};

export const KIND_NAMES: Readonly<Record<DriverKind, string>> = {
  population: 'a population driver (population × use_rate)',
  given: 'a driver with users given directly',
  cohort: 'a cohort driver',
};

export type ParsedValue =
  | { readonly ok: true; readonly value: Dec }
  | { readonly ok: false; readonly code: DiagnosticCode; readonly message: string; readonly hint: string };

/** Reads `text` as a value of `kind` (rates as 0.035 or 3.5%, counts and amounts as 1234 or 1,234) and checks its range. */
export function parseParameterValue(kind: ValueKind, text: string): ParsedValue {
  if (kind === 'share' || kind === 'change') {
    const r = parseRateText(text);
    if (!r.ok) return { ok: false, code: 'rate-format', message: r.message, hint: r.hint };
    const v = moneyFromText(r.canonical);
    if (kind === 'share' && (v.isNegative() || v.greaterThan(1))) {
      return {
        ok: false,
        code: 'rate-range',
        message: `${text.trim()} is outside 0 to 1`,
        hint: 'a share is between 0 and 1 (0% to 100%), e.g. 0.035 or 3.5%',
      };
    }
    if (kind === 'change' && v.lessThanOrEqualTo(-1)) {
      return {
        ok: false,
        code: 'rate-range',
        message: `${text.trim()} is a fall of 100% or more`,
        hint: 'an annual change is above -100%, e.g. 0.02 or -1.5%',
      };
    }
    return { ok: true, value: v };
  }
  const a = parseAmountText(text);
  if (!a.ok) {
    const hint =
      kind === 'count'
        ? 'write the number of people as plain digits, such as 46 or 9,700'
        : kind === 'amount'
          ? 'write the amount as plain digits in the scenario units, such as 106500 or 106,500'
          : 'write pounds as plain digits, such as 13156 or 13,156.50 (always £, whatever `units:` says)';
    return { ok: false, code: 'amount-format', message: a.message, hint: a.message.includes('significant digits') ? a.hint : hint };
  }
  const v = moneyFromText(a.canonical);
  if (v.isNegative()) {
    if (kind === 'amount')
      return {
        ok: false,
        code: 'invalid-value',
        message: `the base cannot be negative (${text.trim()})`,
        hint: 'write the budget inflated as a positive amount; an income uplift is `kind: income`',
      };
    return kind === 'count'
      ? { ok: false, code: 'negative-count', message: `a number of people cannot be negative (${text.trim()})`, hint: 'check the figure' }
      : {
          ok: false,
          code: 'invalid-value',
          message: `a unit cost cannot be negative (${text.trim()})`,
          hint: 'write the average cost per user in pounds',
        };
  }
  return { ok: true, value: v };
}
