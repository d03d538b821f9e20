// Seeded random numbers for Monte Carlo draws: xoshiro128** seeded by splitmix32, so a seed gives
// the same draws on every machine. Uniforms are exact decimals k / 2^32; factors are drawn with
// decimal square roots and rounded to FACTOR_DP places, so every product with a level is exact.

import { Approx, Dec, roundTo, dec } from '../../model/money.js';
import type { FactorRange } from '../../model/scenario.js';

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
    return dec(this.nextUint32()).dividedBy(TWO_32) as Dec;
  }
}

const TWO_32 = dec(2).pow(32);
const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * The factor for a uniform `u`: uniform between low and high without `likely`, triangular with it
 * (inverse CDF). A collapsed range (low = high) gives exactly that value, without rounding.
 */
export function drawFactor(range: FactorRange, uniform: Dec): Dec {
  if (range.low.equals(range.high)) return range.low;
  // square roots are not exact at any precision: computed at Approx's 40 digits, rounded once below
  const [a, b, u] = [new Approx(range.low), new Approx(range.high), new Approx(uniform)];
  const c = range.likely && new Approx(range.likely);
  let x: Dec;
  if (!c) {
    x = a.plus(b.minus(a).times(u)) as Dec;
  } else {
    const split = c.minus(a).dividedBy(b.minus(a));
    x = (
      u.lessThan(split)
        ? a.plus(u.times(b.minus(a)).times(c.minus(a)).sqrt())
        : b.minus(new Approx(1).minus(u).times(b.minus(a)).times(b.minus(c)).sqrt())
    ) as Dec;
  }
  return dec(roundTo(x, FACTOR_DP, 'half-away-from-zero'));
}
