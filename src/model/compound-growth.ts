// Compound growth between two published points, rounded to whole units, in integers: the value
// a × (b/a)^(p/q) rounded half away from zero, found exactly (an integer q-th root and comparisons of
// q-th powers), used by series.ts wherever it is certain to equal the 40-digit decimal.js result.

import type { Dec } from './money.js';

/**
 * The largest year offset and span worked out in integers: a span of decades needs q-th powers of
 * a few hundred digits; beyond this the 40-digit decimal computation is used, as it is in any case
 * the error bound below was not worked out for.
 */
export const MAX_EXACT_SPAN = 200;

/**
 * How close to a rounding boundary (x.5) the true value may lie, relative to it, and still be rounded
 * here: 10^-30. The 40-digit computation rounds the ratio b/a and the exponent p/q to 40 significant
 * digits, its power is within one unit in the 40th digit (decimal.js's own bound) and its product
 * with a is rounded to 40 digits: for spans up to MAX_EXACT_SPAN and amounts of up to 54 digits, its
 * result is within 10^-34 of the true value, relative, so farther than 10^-30 from a boundary both
 * round to the same whole number. Nearer (or exactly on one), the caller uses the 40-digit result.
 */
const MARGIN_DIGITS = 30n;
const MARGIN = 10n ** MARGIN_DIGITS;

/** An exact positive decimal as an integer over a power of ten: { n, places } means n / 10^places. */
interface Scaled {
  readonly n: bigint;
  readonly places: number;
}

function scaled(d: Dec): Scaled {
  const text = d.toFixed();
  const dot = text.indexOf('.');
  return dot < 0 ? { n: BigInt(text), places: 0 } : { n: BigInt(text.slice(0, dot) + text.slice(dot + 1)), places: text.length - dot - 1 };
}

const gcd = (x: number, y: number): number => {
  let a = Math.abs(x);
  let b = Math.abs(y);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
};

/** base^exponent split into a fraction's numerator and denominator by the exponent's sign. */
function raise(num: bigint, den: bigint, base: bigint, exponent: number): [bigint, bigint] {
  if (exponent >= 0) return [num * base ** BigInt(exponent), den];
  return [num, den * base ** BigInt(-exponent)];
}

/** ⌊x^(1/q)⌋ for x ≥ 0 and q ≥ 1: Newton's method from above, in integers. */
export function integerRoot(x: bigint, q: number): bigint {
  if (x < 2n || q === 1) return x;
  const k = BigInt(q);
  const bits = x.toString(2).length;
  // 2^⌈bits/q⌉ > x^(1/q): an estimate from above, from which Newton's steps decrease to the root
  let r = 1n << BigInt(Math.ceil(bits / q));
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}

/**
 * a × (b/a)^(p/q) rounded to a whole number half away from zero, for positive a and b and q > 0, or
 * undefined when it cannot be certain that the 40-digit decimal.js computation of series.ts rounds
 * to the same number (a true value within 10^-30 of x.5, relative; a span beyond MAX_EXACT_SPAN).
 */
export function compoundRounded(a: Dec, b: Dec, p: number, q: number): bigint | undefined {
  if (q <= 0 || Math.abs(p) > MAX_EXACT_SPAN || q > MAX_EXACT_SPAN) return undefined;
  const g = gcd(p, q);
  const pp = p / g;
  const qq = q / g;
  const A = scaled(a);
  const B = scaled(b);
  // V^q = a^(q−p) × b^p = num / den, exactly
  let num = 1n;
  let den = 1n;
  [num, den] = raise(num, den, A.n, qq - pp);
  [num, den] = raise(num, den, 10n, -A.places * (qq - pp));
  [num, den] = raise(num, den, B.n, pp);
  [num, den] = raise(num, den, 10n, -B.places * pp);
  const k = BigInt(qq);
  // ⌊2V⌋ = ⌊(2^q V^q)^(1/q)⌋, as n ≤ y^(1/q) ⟺ n^q ≤ ⌊y⌋ for a whole number n; then V rounded half up
  const twice = integerRoot((num << k) / den, qq);
  const rounded = (twice + 1n) >> 1n;
  // V must lie inside (rounded − ½, rounded + ½) with the margin to spare at each end: with
  // h = 2 × rounded ± 1, V > (h/2)(1 + 10^-30) ⟺ num × (2 × 10^30)^q > (h × (10^30 + 1))^q × den
  const scale = (2n * MARGIN) ** k;
  const low = 2n * rounded - 1n;
  if (low > 0n && !(num * scale > (low * (MARGIN + 1n)) ** k * den)) return undefined;
  const high = 2n * rounded + 1n;
  if (!(num * scale < (high * (MARGIN - 1n)) ** k * den)) return undefined;
  return rounded;
}
