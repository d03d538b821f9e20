// Retained business rates: the business rates baseline, top-up or tariff uprated year by year by
// the change in the small business rates multiplier, plus local growth above the baseline, less the
// levy on growth, plus a safety net payment where income falls below a share of the baseline
// funding level. Pure and exact: no rounding anywhere (tables round once for display).

import type { FiscalYear } from './fiscal-year.js';
import { ZERO, add, sub, type Dec, type Money, type Rate } from './money.js';

/** The inputs of one year, in the scenario's units (rates as fractions: 0.03 for 3%). */
export interface BusinessRatesInputs {
  /** The business rates baseline (the authority's share of the rates expected) in the year before the period. */
  readonly baseline: Money;
  /** The top-up grant in the year before the period (nil for a tariff authority). */
  readonly topUp: Money;
  /** The tariff paid in the year before the period (nil for a top-up authority). */
  readonly tariff: Money;
  /** The change in the small business rates multiplier in each MTFS year, in order. */
  readonly multiplierChange: ReadonlyMap<FiscalYear, Rate>;
  /** The authority's share of growth above the uprated baseline in each year (negative: a fall). */
  readonly growth: ReadonlyMap<FiscalYear, Money>;
  /** The levy on growth: this share of any growth is paid over (none when absent). */
  readonly levyRate?: Rate;
  /** The safety net: income is topped up to this share of the baseline funding level (none when absent). */
  readonly safetyNet?: Rate;
}

/** One year of retained business rates and every part of it, exactly. */
export interface BusinessRatesYear {
  /** The product of (1 + multiplier change) over the MTFS years up to this one. */
  readonly uprating: Dec;
  /** baseline × uprating. */
  readonly baseline: Money;
  /** top-up × uprating. */
  readonly topUp: Money;
  /** tariff × uprating. */
  readonly tariff: Money;
  /** Baseline funding level: baseline + top-up − tariff (all uprated). */
  readonly baselineFundingLevel: Money;
  readonly growth: Money;
  /** levy rate × growth, where growth is above nil; else nil. */
  readonly levy: Money;
  /** baseline + top-up − tariff + growth − levy: income before any safety net payment. */
  readonly beforeSafetyNet: Money;
  /** safety net share × baseline funding level (absent without a safety net). */
  readonly safetyNetThreshold?: Money;
  /** threshold − income where income is below it; nil otherwise (and without a safety net). */
  readonly safetyNetPayment: Money;
  /** The retained business rates: income before the safety net + the safety net payment. */
  readonly retained: Money;
}

const times = (a: Money, b: Dec): Money => a.times(b) as Money;

/**
 * Retained business rates in each of `years`: the baseline, top-up and tariff of the year before
 * the period uprated by each year's multiplier change (compounded), plus growth, less the levy on
 * growth above nil, with a safety net payment where the result is below the safety net share of the
 * baseline funding level. Throws when a year has no multiplier change or growth (the loader checks).
 */
export function retainedBusinessRates(inputs: BusinessRatesInputs, years: readonly FiscalYear[]): Map<FiscalYear, BusinessRatesYear> {
  const out = new Map<FiscalYear, BusinessRatesYear>();
  let uprating: Dec = ZERO.plus(1);
  for (const y of years) {
    const change = inputs.multiplierChange.get(y);
    const growth = inputs.growth.get(y);
    if (change === undefined || growth === undefined) throw new Error(`business rates inputs for ${y} were not checked when loading`);
    uprating = uprating.times(change.plus(1));
    const baseline = times(inputs.baseline, uprating);
    const topUp = times(inputs.topUp, uprating);
    const tariff = times(inputs.tariff, uprating);
    const baselineFundingLevel = sub(add(baseline, topUp), tariff);
    const levy = inputs.levyRate && growth.isPositive() && !growth.isZero() ? times(growth, inputs.levyRate) : ZERO;
    const beforeSafetyNet = sub(add(baselineFundingLevel, growth), levy);
    const safetyNetThreshold = inputs.safetyNet ? times(baselineFundingLevel, inputs.safetyNet) : undefined;
    const safetyNetPayment =
      safetyNetThreshold && beforeSafetyNet.lessThan(safetyNetThreshold) ? sub(safetyNetThreshold, beforeSafetyNet) : ZERO;
    out.set(y, {
      uprating,
      baseline,
      topUp,
      tariff,
      baselineFundingLevel,
      growth,
      levy,
      beforeSafetyNet,
      ...(safetyNetThreshold ? { safetyNetThreshold } : {}),
      safetyNetPayment,
      retained: add(beforeSafetyNet, safetyNetPayment),
    });
  }
  return out;
}
