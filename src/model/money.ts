// Exact money and rates: decimals are made here (`Dec`, `dec`, `moneyFromText`, `rateFromText`). Amounts
// are always built from their source text, never from a JS number; nothing here rounds except `roundTo`.
import { Decimal } from 'decimal.js';

/** Decimal constructor for all mtfs arithmetic: 40 significant digits, never exponent notation. */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = InstanceType<typeof Dec>;

/**
 * Decimal constructor for products of many factors (compound uplifts, users × unit cost): 2,000
 * significant digits, more than any product of inputs written with at most MAX_DIGITS digits over
 * a 30-year period can need, so these products and their sums are exact. Division and powers are
 * not exact at any precision: callers round those with `roundTo` and say so.
 */
export const WideDec = Decimal.clone({
  precision: 2000,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});

/** The same value, computed on from here at WideDec's precision (nothing is rounded). */
export const widen = (d: Dec): Dec => new WideDec(d) as Dec;

declare const moneyBrand: unique symbol;
declare const rateBrand: unique symbol;
/** An exact amount in the scenario's units (£ or £000). */
export type Money = Dec & { readonly [moneyBrand]: 'Money' };
/** An exact ratio: 0.035 means 3.5%. */
export type Rate = Dec & { readonly [rateBrand]: 'Rate' };

/** The most significant digits an amount may be written with: keeps every sum exact at 40 digits. */
export const MAX_DIGITS = 24;

export const ZERO = new Dec(0) as Money;

/** Builds Money from text that has already passed `parseAmountText`; throws on anything else. */
export const moneyFromText = (text: string): Money => {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) throw new Error(`not canonical amount text: ${text}`);
  return new Dec(text) as Money;
};

/** Builds a Rate from text that has already passed `parseRateText` (`0.035`, not `3.5%`). */
export const rateFromText = (text: string): Rate => {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) throw new Error(`not canonical rate text: ${text}`);
  return new Dec(text) as Rate;
};

/**
 * A decimal from a whole number in code (a count, a rank, a year offset), from plain decimal text
 * (`toFixed`, a bigint's digits) or from another decimal (computed on at Dec's precision). Never
 * from a fractional JS number: that throws.
 */
export const dec = (v: number | string | Decimal): Dec => {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error(`not a safe integer: ${v}`);
  if (typeof v === 'string' && !/^-?\d+(\.\d+)?$/.test(v)) throw new Error(`not plain decimal text: ${v}`);
  return new Dec(v);
};

export const add = (a: Money, b: Money): Money => a.plus(b) as Money;
export const sub = (a: Money, b: Money): Money => a.minus(b) as Money;
export const neg = (a: Money): Money => (a.isZero() ? ZERO : (a.negated() as Money));
export const sum = (xs: Iterable<Money>): Money => {
  let total = ZERO;
  for (const x of xs) total = add(total, x);
  return total;
};

/** Exact plain text: no exponent, no grouping, `-` for negatives, never `-0`. */
export const toPlain = (a: Dec): string => (a.isZero() ? '0' : a.toFixed());

/** Rounding modes offered to users, by their finance names. */
export const ROUNDING_MODES = {
  'half-away-from-zero': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-up': Decimal.ROUND_HALF_CEIL,
  truncate: Decimal.ROUND_DOWN,
} as const;
export type RoundingMode = keyof typeof ROUNDING_MODES;
export const DEFAULT_ROUNDING: RoundingMode = 'half-away-from-zero';

/** Rounds to `dp` decimal places with the named mode (half-away-from-zero is Excel's ROUND). */
export const roundTo = (a: Dec, dp: number, mode: RoundingMode): Dec => a.toDecimalPlaces(dp, ROUNDING_MODES[mode]) as Dec;
