// Seeded random numbers for Monte Carlo draws: xoshiro128** seeded by splitmix32, so a seed gives
// the same draws on every machine. Uniforms are exact decimals k / 2^32; factors are drawn with
// square roots to 40 digits in integers and rounded to FACTOR_DP places, so every product with a
// level is exact.

import type { Dec } from '../../model/money.js';
import type { FactorRange } from '../../model/scenario.js';
import { compare, divide40, fromDec, minus, plus, round40, roundPlaces, sqrt40, times, toDec, type Scaled } from './scaled.js';

/** Decimal places of a drawn factor (half away from zero). */
export const FACTOR_DP = 9;

export class Random {
  #s: [number, number, number, number];

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s = [next(), next(), next(), next()];
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform in [0, 1) as an exact decimal k / 2^32. */
  uniform(): Dec {
    return toDec(uniformOf(this.nextUint32()));
  }
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * A range ready for drawing: its differences and the triangular split computed once, as `Approx`
 * computes them at 40 digits. A collapsed range (low = high) always gives exactly that value.
 */
export interface Sampler {
  readonly collapsed?: Scaled;
  readonly a: Scaled;
  readonly b: Scaled;
  /** b − a, and for a triangular range c − a, b − c and (c − a) / (b − a), each to 40 digits. */
  readonly ba: Scaled;
  readonly triangle?: { readonly ca: Scaled; readonly bc: Scaled; readonly split: Scaled };
}

export function sampler(range: FactorRange): Sampler {
  const a = fromDec(range.low);
  const b = fromDec(range.high);
  if (range.low.equals(range.high)) return { collapsed: a, a, b, ba: { m: 0n, e: 0 } };
  const ba = round40(minus(b, a));
  if (!range.likely) return { a, b, ba };
  const c = fromDec(range.likely);
  const ca = round40(minus(c, a));
  return { a, b, ba, triangle: { ca, bc: round40(minus(b, c)), split: divide40(ca, ba) } };
}

/** The most decimal places a draw from this range can have: FACTOR_DP, or a collapsed range's own. */
export const drawnPlaces = (range: FactorRange): number => (range.low.equals(range.high) ? range.low.decimalPlaces() : FACTOR_DP);

const ONE: Scaled = { m: 1n, e: 0 };
const FIVE_32 = 5n ** 32n;

/** The uniform k / 2^32 as an exact decimal: k × 5^32 / 10^32. */
export const uniformOf = (k: number): Scaled => ({ m: BigInt(k) * FIVE_32, e: -32 });

/**
 * The factor for a uniform `u`: uniform between low and high without `likely`, triangular with it
 * (inverse CDF), rounded to FACTOR_DP places. Square roots are not exact at any precision: each
 * step is rounded to 40 significant digits, half away from zero, exactly as decimal.js computes it
 * at Approx's precision (tested against it), and the result rounded once to FACTOR_DP places.
 */
export function drawScaled(s: Sampler, u: Scaled): Scaled {
  if (s.collapsed) return s.collapsed;
  const t = s.triangle;
  let x: Scaled;
  if (!t) x = round40(plus(s.a, round40(times(s.ba, u))));
  else if (compare(u, t.split) < 0) x = round40(plus(s.a, sqrt40(round40(times(round40(times(u, s.ba)), t.ca)))));
  else x = round40(minus(s.b, sqrt40(round40(times(round40(times(round40(minus(ONE, u)), s.ba)), t.bc)))));
  return roundPlaces(x, FACTOR_DP);
}

/** The factor for a uniform given as a decimal (see drawScaled). */
export const drawFactor = (range: FactorRange, uniform: Dec): Dec => toDec(drawScaled(sampler(range), fromDec(uniform)));
