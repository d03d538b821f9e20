// Savings delivery (model): a saving's RAG rating, its slippage and its stage (identified, under
// development, unidentified), and the level it delivers each year after slippage. Pure and exact.

import type { Location } from '../diagnostics/diagnostic.js';
import type { FiscalYear } from './fiscal-year.js';
import { ZERO, type Money, type Rate } from './money.js';

/** How sure delivery of a saving is, as the council rates it. */
export type Rag = 'red' | 'amber' | 'green';
export const RAG_RATINGS: readonly Rag[] = ['red', 'amber', 'green'];

/**
 * Where a saving is in its life: `identified` (a worked-up proposal, the default), `unidentified`
 * (a sum the budget assumes will be found, with no proposal behind it yet: counted in the budget),
 * or `under-development` (an initiative whose business case is not complete: not in the budget
 * until confirmed, but an option for closing the gap).
 */
export type SavingStage = 'identified' | 'unidentified' | 'under-development';
export const SAVING_STAGES: readonly SavingStage[] = ['identified', 'unidentified', 'under-development'];

/**
 * A delay in delivering a saving. `years`: every level arrives that many whole years late (nothing
 * before). `fraction`: each year's step up in level arrives that fraction of a year late, so only
 * (1 − fraction) of the step is delivered in its year; with `year`, only that year's step slips.
 */
export type Slippage =
  | { readonly kind: 'years'; readonly years: number; readonly origin: Location; readonly note?: string }
  | {
      readonly kind: 'fraction';
      readonly fraction: Rate;
      readonly year?: FiscalYear;
      readonly origin: Location;
      readonly note?: string;
    };

/**
 * The level delivered in each of `years` (in order) from the planned `levels` after `slippage`.
 * Exact: `years` slippage shifts levels; `fraction` slippage gives level − fraction × step, where
 * step is the level less the previous year's (the first year's previous level is nil).
 */
export function deliveredLevels(
  years: readonly FiscalYear[],
  planned: (y: FiscalYear) => Money,
  slippage: Slippage | undefined,
): Map<FiscalYear, Money> {
  const out = new Map<FiscalYear, Money>();
  years.forEach((y, i) => {
    const level = planned(y);
    if (!slippage) {
      out.set(y, level);
      return;
    }
    switch (slippage.kind) {
      case 'years': {
        const from = years[i - slippage.years];
        out.set(y, from === undefined ? ZERO : planned(from));
        return;
      }
      case 'fraction': {
        if (slippage.year !== undefined && slippage.year !== y) {
          out.set(y, level);
          return;
        }
        const before = i === 0 ? ZERO : planned(years[i - 1] as FiscalYear);
        const delivered = level.minus(slippage.fraction.times(level.minus(before)));
        out.set(y, (delivered.isZero() ? ZERO : delivered) as Money);
        return;
      }
      default:
        return assertNever(slippage);
    }
  });
  return out;
}

/** Words for a slippage, e.g. `slips 1 year`, `slips 0.5 of a year in 2019/20`. */
export function slippageLabel(s: Slippage): string {
  switch (s.kind) {
    case 'years':
      return `slips ${s.years} year${s.years === 1 ? '' : 's'}`;
    case 'fraction':
      return `slips ${s.fraction.toFixed()} of a year${s.year ? ` in ${s.year}` : ' each year'}`;
    default:
      return assertNever(s);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
