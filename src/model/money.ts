// Exact money and rates: decimals are made here (`Dec`, `dec`, `moneyFromText`, `rateFromText`). Amounts
// are always built from their source text, never from a JS number; nothing here rounds except `roundTo`.
import { Decimal } from 'decimal.js';
import { isDigitCode } from './digits.js';
import { ExactSum } from './exact-sum.js';

/** The most significant digits an amount may be written with. */
export const MAX_DIGITS = 24;
/** The most decimal places an amount (or a rate, as a fraction) may be written with. */
export const MAX_DECIMAL_PLACES = 30;

/**
 * Significant digits kept by every mtfs operation: enough that sums, differences and products of
 * inputs never round. An amount has at most MAX_DIGITS integer digits and MAX_DECIMAL_PLACES
 * decimal places (54 digits); a sum of up to 10^12 of them needs 66; a rate factor (1 + rate) has
 * at most 56; a demand cost (users × unit cost × an uplift factor for each year of a 30-year
 * period) needs at most 54 + 54 + 30 × 56 = 1,788; sums of those stay under 1,800. Decimal.js
 * keeps only the digits a value has, so the bound costs nothing where values are short. Division,
 * square roots and fractional powers are not exact at any precision: those use `Approx` or are
 * rounded once by the caller with `roundTo`, which names its mode.
 */
export const EXACT_PRECISION = 2000;

/** Decimal constructor for all mtfs arithmetic: exact (see EXACT_PRECISION), never exponent notation. */
export const Dec = Decimal.clone({
  precision: EXACT_PRECISION,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = InstanceType<typeof Dec>;

/**
 * Decimal constructor for values that are not exact at any precision and are rounded once to a
 * stated number of places afterwards: fractional powers (compound interpolation), square roots
 * (triangular draws) and ratios shown as shares. 40 significant digits, half away from zero.
 */
export const Approx = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});

declare const moneyBrand: unique symbol;
declare const rateBrand: unique symbol;
/** An exact amount in the scenario's units (£ or £000). */
export type Money = Dec & { readonly [moneyBrand]: 'Money' };
/** An exact ratio: 0.035 means 3.5%. */
export type Rate = Dec & { readonly [rateBrand]: 'Rate' };

export const ZERO = new Dec(0) as Money;

/**
 * Reads text as `-?(0|[1-9]\d*)(\.\d+)?`, plain decimal digits with no leading zeros, the form
 * amounts and rates are made from: -1 when it is not, 0 when every digit is 0, 1 otherwise.
 */
export function plainDecimal(text: string): -1 | 0 | 1 {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // -
  const first = text.charCodeAt(i);
  if (first === 48) i++;
  else if (isDigitCode(first)) {
    i++;
    while (i < n && isDigitCode(text.charCodeAt(i))) i++;
  } else return -1; // nothing, or not a digit
  let nonZero = first !== 48;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 || i + 1 === n) return -1; // . and at least one digit
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isDigitCode(c)) return -1;
      if (c !== 48) nonZero = true;
    }
  }
  return nonZero ? 1 : 0;
}

/**
 * Builds Money from text that has already passed `parseAmountText`; throws on anything else.
 * decimal.js grows the digits of a decimal read from text one word at a time, leaving room for
 * sixteen; a copy holds exactly its words, half the memory (a table of 100,000 lines keeps 400,000).
 */
export const moneyFromText = (text: string): Money => {
  if (plainDecimal(text) < 0) throw new Error(`not canonical amount text: ${text}`);
  return new Dec(new Dec(text)) as Money;
};

/** Builds a Rate from text that has already passed `parseRateText` (`0.035`, not `3.5%`). */
export const rateFromText = (text: string): Rate => {
  if (plainDecimal(text) < 0) throw new Error(`not canonical rate text: ${text}`);
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
/** Sums of more terms than this are added as one scaled integer (ExactSum) rather than decimal by decimal. */
const SCALED_SUM_TERMS = 16;
export const sum = (xs: Iterable<Money>): Money => {
  if (!Array.isArray(xs) || xs.length <= SCALED_SUM_TERMS) {
    let total = ZERO;
    for (const x of xs) total = add(total, x);
    return total;
  }
  const total = new ExactSum();
  for (const x of xs as readonly Money[]) total.addDecimal(x);
  return moneyOfSum(total);
};

/** An exact sum's total as Money (ZERO, never -0, when it is zero). */
export const moneyOfSum = (total: ExactSum): Money => (total.isZero() ? ZERO : (new Dec(total.text()) as Money));

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

/**
 * `a / b` rounded to `dp` decimal places with the named mode, exactly as `roundTo(a.dividedBy(b), …)`
 * but without working out the quotient to EXACT_PRECISION digits first (a third, say, never ends).
 * The quotient is truncated to `dp` places (exact), and the rounding needs only its sign and whether
 * the remainder is none, under half, half or over half the divisor: the truncated quotient plus 0,
 * 0.25, 0.5 or 0.75 of its last place rounds the same way in every mode.
 */
export const divideRounded = (a: Dec, b: Dec | number, dp: number, mode: RoundingMode): Dec => {
  const divisor = dec(b);
  const scaled = dp === 0 ? a : a.times(`1e${dp}`);
  const whole = scaled.dividedToIntegerBy(divisor);
  const rest = scaled.minus(whole.times(divisor));
  if (rest.isZero()) return roundTo(dp === 0 ? whole : whole.dividedBy(`1e${dp}`), dp, mode);
  const half = rest.abs().times(2).comparedTo(divisor.abs());
  const fraction = half < 0 ? '0.25' : half === 0 ? '0.5' : '0.75';
  const between = scaled.isNegative() !== divisor.isNegative() ? whole.minus(fraction) : whole.plus(fraction);
  const rounded = between.toDecimalPlaces(0, ROUNDING_MODES[mode]);
  return (dp === 0 ? rounded : rounded.dividedBy(`1e${dp}`)) as Dec;
};

/**
 * The value `step` years of `span` from `before` towards `after` on a straight line, rounded to `dp`
 * places with the named mode: before + (after − before) × step / span, over one divisor so that it
 * is divided once (divideRounded).
 */
export const interpolateRounded = (before: Dec, after: Dec, step: number, span: number, dp: number, mode: RoundingMode): Dec => {
  // whole ends (levels in whole £000, most published figures): all in integers, exactly
  if (before.isInteger() && after.isInteger() && Number.isSafeInteger(step) && Number.isSafeInteger(span) && span > 0) {
    const b = BigInt(before.toFixed());
    const scaled = (b * BigInt(span) + (BigInt(after.toFixed()) - b) * BigInt(step)) * 10n ** BigInt(dp);
    if (scaled !== 0n) return quotientRounded(scaled, BigInt(span), dp, mode);
  }
  return divideRounded(before.times(span).plus(after.minus(before).times(step)), span, dp, mode);
};

/**
 * `n / d`, with `d` positive and `n` not 0, rounded to a whole number with the named mode, as a
 * decimal with `dp` places: `n` is the value already scaled by 10^dp. Zero keeps the quotient's sign
 * (-0 for a negative quotient that rounds to nothing), as decimal.js rounds.
 */
function quotientRounded(n: bigint, d: bigint, dp: number, mode: RoundingMode): Dec {
  let q = n / d; // towards zero
  const r = n - q * d;
  const twice = 2n * (r < 0n ? -r : r);
  const away = n < 0n ? -1n : 1n;
  if (
    mode === 'half-away-from-zero'
      ? twice >= d
      : mode === 'half-even'
        ? twice > d || (twice === d && q % 2n !== 0n)
        : mode === 'half-up'
          ? twice > d || (twice === d && n > 0n)
          : false
  )
    q += away;
  if (q === 0n) return new Dec(n < 0n ? '-0' : '0');
  if (dp === 0) return new Dec(q.toString());
  const digits = (q < 0n ? -q : q).toString().padStart(dp + 1, '0');
  return new Dec(`${q < 0n ? '-' : ''}${digits.slice(0, -dp)}.${digits.slice(-dp)}`);
}
