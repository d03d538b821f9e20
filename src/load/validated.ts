// Turning text that has already passed a schema into domain values. The schema reported any bad
// text with its location; reaching here with bad text is a bug, so these throw.

import { isCanonicalAmount, parseAmountText, parseRateText } from '../model/amount-text.js';
import { parseFiscalYear, type FiscalYear } from '../model/fiscal-year.js';
import { moneyFromText, rateFromText, type Money, type Rate } from '../model/money.js';

/** A year that passed `yearSchema`. */
export function year(text: string): FiscalYear {
  const r = parseFiscalYear(text);
  if (!r.ok) throw new Error(`unvalidated year ${text}`);
  return r.year;
}

/**
 * Amounts already made in this run, by their text: a scenario writes the same figure (0, a unit
 * cost, a level held for years) many times, and a decimal is never changed once made. Bounded, so a
 * table of 100,000 lines does not keep one for each.
 */
const made = new Map<string, Money>();
const MADE_AT_MOST = 1024;

/** An amount that passed `amountSchema`. */
export function money(text: string): Money {
  const known = made.get(text);
  if (known !== undefined) return known;
  const m = moneyFromText(amountText(text));
  if (made.size < MADE_AT_MOST) made.set(text, m);
  return m;
}

/** The canonical text of an amount that passed `amountSchema`: `-4755` for `(4,755)`. */
export function amountText(text: string): string {
  if (isCanonicalAmount(text)) return text; // most amounts: no second parse
  const r = parseAmountText(text);
  if (!r.ok) throw new Error(`unvalidated amount ${text}`);
  return r.canonical;
}

/** Rates already made in this run, by their text, as amounts are (an index series repeats its rates). */
const madeRates = new Map<string, Rate>();

/** A rate that passed `rateSchema`: 0.0299 for `2.99%`. */
export function rate(text: string): Rate {
  const known = madeRates.get(text);
  if (known !== undefined) return known;
  const r = parseRateText(text);
  if (!r.ok) throw new Error(`unvalidated rate ${text}`);
  const made = rateFromText(r.canonical);
  if (madeRates.size < MADE_AT_MOST) madeRates.set(text, made);
  return made;
}
