// Exact decimals as scaled BigInts (m × 10^e) for the Monte Carlo draw loop: exact sums and
// products, and the 40-digit rounded operations of `Approx` (division, square root, half away from
// zero) done in integers, so a draw gives the same digits as decimal.js at a fraction of the cost.

import { dec, type Dec } from '../../model/money.js';

/** The exact decimal m × 10^e. */
export interface Scaled {
  readonly m: bigint;
  readonly e: number;
}

/** Significant digits of Approx (src/model/money.ts), which the draws were defined with. */
const APPROX_DIGITS = 40;
const POWERS: bigint[] = [];
/** 10^n as a BigInt (n ≥ 0), kept once made. */
export const pow10 = (n: number): bigint => (POWERS[n] ??= 10n ** BigInt(n));
const APPROX_LIMIT = pow10(APPROX_DIGITS);

const abs = (m: bigint): bigint => (m < 0n ? -m : m);
const digits = (m: bigint): number => (m === 0n ? 1 : abs(m).toString().length);

/** A decimal's exact value (decimal.js keeps no trailing zeros, so e is minus its decimal places). */
export function fromDec(d: Dec): Scaled {
  const text = d.toFixed();
  const dot = text.indexOf('.');
  return dot < 0 ? { m: BigInt(text), e: 0 } : { m: BigInt(text.slice(0, dot) + text.slice(dot + 1)), e: dot + 1 - text.length };
}

/** The value as plain decimal text: no exponent, no trailing zeros, `0` never `-0`. */
export function scaledText(x: Scaled): string {
  if (x.m === 0n) return '0';
  const sign = x.m < 0n ? '-' : '';
  const body = abs(x.m).toString();
  if (x.e >= 0) return `${sign}${body}${'0'.repeat(x.e)}`;
  const padded = body.padStart(1 - x.e, '0');
  const whole = padded.slice(0, padded.length + x.e);
  const fraction = padded.slice(padded.length + x.e).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

export const toDec = (x: Scaled): Dec => dec(scaledText(x));

/** m × 10^(e + places) as an integer: the value scaled to `places` decimal places (e + places ≥ 0). */
export function atPlaces(x: Scaled, places: number): bigint {
  const shift = x.e + places;
  if (shift < 0) throw new Error(`${scaledText(x)} has more than ${places} decimal places`);
  return x.m * pow10(shift);
}

/**
 * Drops the last `drop` (≥ 1) digits of m, half away from zero. Also exact when m is the truncation
 * of a longer value (a quotient or square root whose fraction was dropped): the dropped digits are a
 * whole number, so they reach half of 10^drop exactly when the full tail does.
 */
function dropDigits(m: bigint, drop: number): bigint {
  const p = pow10(drop);
  const a = abs(m);
  let q = a / p;
  if ((a % p) * 2n >= p) q += 1n;
  return m < 0n ? -q : q;
}

/** Rounded to 40 significant digits, half away from zero: what every Approx operation does. */
export function round40(x: Scaled): Scaled {
  if (abs(x.m) < APPROX_LIMIT) return x;
  const drop = digits(x.m) - APPROX_DIGITS;
  return { m: dropDigits(x.m, drop), e: x.e + drop };
}

/** Rounded to `places` decimal places, half away from zero (decimal.js toDecimalPlaces, ROUND_HALF_UP). */
export function roundPlaces(x: Scaled, places: number): Scaled {
  return x.e >= -places ? x : { m: dropDigits(x.m, -places - x.e), e: -places };
}

export const plus = (x: Scaled, y: Scaled): Scaled =>
  x.e === y.e
    ? { m: x.m + y.m, e: x.e }
    : x.e > y.e
      ? { m: x.m * pow10(x.e - y.e) + y.m, e: y.e }
      : { m: x.m + y.m * pow10(y.e - x.e), e: x.e };
export const minus = (x: Scaled, y: Scaled): Scaled => plus(x, { m: -y.m, e: y.e });
export const times = (x: Scaled, y: Scaled): Scaled => ({ m: x.m * y.m, e: x.e + y.e });
/** The sign of x − y: −1, 0 or 1. */
export const compare = (x: Scaled, y: Scaled): number => {
  const d = minus(x, y).m;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/** x / y rounded to 40 significant digits (y ≠ 0): the quotient truncated to 41 digits or more, then rounded. */
export function divide40(x: Scaled, y: Scaled): Scaled {
  if (y.m === 0n) throw new Error('division by zero');
  if (x.m === 0n) return { m: 0n, e: 0 };
  // an n-digit number over a k-digit one has at least n − k digits before the point
  const shift = Math.max(0, APPROX_DIGITS + 1 + digits(y.m) - digits(x.m));
  const q = (abs(x.m) * pow10(shift)) / abs(y.m);
  return round40({ m: x.m < 0n !== y.m < 0n ? -q : q, e: x.e - shift - y.e });
}

/** Below this, an integer converts to a finite double (within a relative 2^-52 of it). */
const DOUBLE_RANGE = 1n << 1000n;

/**
 * ⌊√n⌋ for n ≥ 0, by Newton's method in integers: from any start at or above ⌊√n⌋ the steps fall
 * to it and stop, so the result is exact whatever the start. The start is the double square root
 * raised by 2^-40 and 1 (a double is within a relative 2^-52 of n, its root within 2^-52 of that),
 * which leaves three or four steps for a square root to 40 digits; beyond a double's range, a
 * power of two at or above √n found from n's bit length.
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new Error('square root of a negative number');
  if (n < 2n) return n;
  let x =
    n < DOUBLE_RANGE ? BigInt(Math.ceil(Math.sqrt(Number(n)) * (1 + 2 ** -40))) + 1n : 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** √x rounded to 40 significant digits (x ≥ 0): the root of x × 10^k (k making ≥ 81 digits, e − k even), truncated, then rounded. */
export function sqrt40(x: Scaled): Scaled {
  if (x.m === 0n) return { m: 0n, e: 0 };
  let k = Math.max(0, 2 * APPROX_DIGITS + 1 - digits(x.m));
  if ((x.e - k) % 2 !== 0) k += 1;
  return round40({ m: isqrt(x.m * pow10(k)), e: (x.e - k) / 2 });
}
