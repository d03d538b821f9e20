// Monte Carlo over every assumption range together, reproducible for a seed: each draw samples a
// factor per assumption, projects exactly (by the linear shortcut where it applies), and records the
// net budget (and gap) per year; then nearest-rank percentiles and exceedance probabilities. Pure;
// progress is reported by callback.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { Approx, Dec, ZERO, type Money, dec } from '../../model/money.js';
import type { Scenario } from '../../model/scenario.js';
import { projectScenario, type Projection } from '../../project/project.js';
import { allLinear, effectsAtTwo, projectWithDraws, riskAssumptions, riskRows, value, type EffectsAtTwo } from './engine.js';
import { drawnPlaces, drawScaled, FACTOR_DP, Random, sampler, uniformOf } from './random.js';
import { atPlaces, fromDec, pow10, toDec, type Scaled } from './scaled.js';

const PERCENTILES = [10, 50, 90] as const;

interface RowDistribution {
  readonly id: string;
  /** The projection as written. */
  readonly planned: ReadonlyMap<FiscalYear, Money>;
  /** Percentile → year → value (nearest rank over the draws). */
  readonly percentiles: ReadonlyMap<number, ReadonlyMap<FiscalYear, Money>>;
  /** Draws above the planned figure, per year. */
  readonly abovePlanned: ReadonlyMap<FiscalYear, number>;
  /** Draws above zero and above the threshold (gap only), per year. */
  readonly aboveZero: ReadonlyMap<FiscalYear, number>;
  readonly aboveThreshold?: ReadonlyMap<FiscalYear, number>;
}

export interface RiskResult {
  readonly base: Projection;
  readonly draws: number;
  readonly seed: number;
  readonly threshold?: Money;
  readonly rows: readonly RowDistribution[];
}

export interface RiskOptions {
  readonly draws: number;
  readonly seed: number;
  readonly threshold?: Money;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Exact nearest-rank percentiles need every drawn figure until the end: about 300 bytes each
 * (measured: 1,250,000 figures peaked at 436 MB, 5,000,000 draws of 4 figures took 4.07 GB). At
 * most this many are kept, about 350 MB at the peak, so a run stays well inside Node's default
 * heap instead of aborting.
 */
export const MAX_KEPT_FIGURES = 1_000_000;

/** The most draws a scenario allows, from its projection: MAX_KEPT_FIGURES over the figures each draw keeps (rows × years). */
export function maxDraws(base: Projection): number {
  return Math.max(1, Math.floor(MAX_KEPT_FIGURES / (riskRows(base).length * base.years.length)));
}

/**
 * Percentiles over the draws; `base` is the scenario's projection (made here when not given),
 * `atTwo` the effects of each range at factor 2 (shared with sensitivity when given).
 */
export function monteCarlo(
  s: Scenario,
  opts: RiskOptions,
  base: Projection = projectScenario(s),
  atTwo: EffectsAtTwo = effectsAtTwo(s, base),
): RiskResult {
  const ids = riskRows(base);
  const years = base.years;
  const assumptions = riskAssumptions(s);
  const samplers = assumptions.map((a) => sampler(a.factor));
  const random = new Random(opts.seed);
  // one uniform per assumption, in file order, so a seed always means the same draws
  const draw = (): Scaled[] => samplers.map((x) => drawScaled(x, uniformOf(random.nextUint32())));
  const every = Math.max(1, Math.floor(opts.draws / 100));
  const progress = (d: number): void => {
    if (opts.onProgress && (d + 1) % every === 0) opts.onProgress(d + 1, opts.draws);
  };
  const cells = ids.flatMap((id) => years.map((y) => ({ id, y })));
  let rows: RowDistribution[];
  if (allLinear(s, assumptions)) {
    // line factors enter linearly: a shortcut in scaled integers, with no projection per draw
    const model = linearModel(s, base, ids, opts.threshold, atTwo);
    const samples = cells.map(() => [] as bigint[]);
    for (let d = 0; d < opts.draws; d++) {
      const figures = model.figures(draw());
      for (let i = 0; i < figures.length; i++) samples[i]?.push(figures[i] as bigint);
      progress(d);
    }
    rows = distributions(base, ids, samples, model.order, opts.threshold);
  } else {
    // a driver parameter (or business rates growth) needs a projection every draw
    const samples = cells.map(() => [] as Money[]);
    for (let d = 0; d < opts.draws; d++) {
      const drawn = draw();
      const full = projectWithDraws(s, new Map(assumptions.map((a, i) => [a.id, toDec(drawn[i] as Scaled)])));
      cells.forEach((c, i) => samples[i]?.push(value(full, c.id, c.y)));
      progress(d);
    }
    rows = distributions(base, ids, samples, MONEY_ORDER, opts.threshold);
  }
  return { base, draws: opts.draws, seed: opts.seed, ...(opts.threshold ? { threshold: opts.threshold } : {}), rows };
}

/** How drawn figures of one kind compare, are sorted, become Money, and are made from Money (a planned figure, a threshold). */
interface Order<T> {
  compare(a: T, b: T): number;
  /** The figures in increasing order (the list itself may be sorted and returned). */
  sorted(list: T[]): ArrayLike<T>;
  money(v: T): Money;
  of(m: Money): T;
}

const compareMoney = (a: Money, b: Money): number => a.comparedTo(b);
const MONEY_ORDER: Order<Money> = { compare: compareMoney, sorted: (list) => list.sort(compareMoney), money: (v) => v, of: (m) => m };

/** How many of the figures, in increasing order, are above `limit`: those after the last at or below it. */
export function countAbove<T>(sorted: ArrayLike<T>, limit: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid] as T, limit) > 0) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

/** Each row's distribution from its figures, one list per (row, year) in that order. */
function distributions<T>(base: Projection, ids: readonly string[], samples: T[][], order: Order<T>, threshold?: Money): RowDistribution[] {
  const years = base.years;
  return ids.map((id, r): RowDistribution => {
    const byYear = new Map(years.map((y, i) => [y, order.sorted(samples[r * years.length + i] ?? [])]));
    const planned = new Map(years.map((y) => [y, value(base, id, y)]));
    const count = (limit: (y: FiscalYear) => Money) =>
      new Map(years.map((y) => [y, countAbove(byYear.get(y) ?? [], order.of(limit(y)), order.compare)]));
    const rank = (list: ArrayLike<T>, k: number): Money => {
      const v = list[rankIndex(list.length, k)];
      return v === undefined ? ZERO : order.money(v);
    };
    return {
      id,
      planned,
      percentiles: new Map(PERCENTILES.map((k) => [k, new Map(years.map((y) => [y, rank(byYear.get(y) ?? [], k)]))])),
      abovePlanned: count((y) => planned.get(y) ?? ZERO),
      aboveZero: count(() => ZERO),
      ...(threshold ? { aboveThreshold: count(() => threshold) } : {}),
    };
  });
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const compareBigint = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scaled figures in increasing order: as 64-bit integers, which a typed array sorts natively in
 * numeric order, when every one fits (the usual case); else by comparison. Exact either way.
 */
export function sortedFigures(list: bigint[]): ArrayLike<bigint> {
  for (const v of list) if (v < INT64_MIN || v > INT64_MAX) return list.sort(compareBigint);
  return BigInt64Array.from(list).sort();
}

/** Figures of the linear shortcut: the row's value × 10^places, exact. */
export interface LinearModel {
  readonly places: number;
  readonly order: Order<bigint>;
  /** The figures for one draw (a factor per assumption, in riskAssumptions order), per (row, year) in order. */
  figures(factors: readonly Scaled[]): bigint[];
}

/**
 * Line factors enter the budget linearly (a row is a sum of line levels), so a draw's value is the
 * planned value plus, for each assumption, (factor − 1) × its effect at factor 2. Exactly equal to
 * projecting the scaled scenario (tested), and far faster than projecting every draw. The figures
 * are integers scaled by 10^places, enough places for every planned value, effect, drawn factor
 * and the threshold, so sums, products and comparisons are exact. `atTwo`: the effects already
 * worked out (see effectsAtTwo); a range without them for every row asked for is projected here.
 */
export function linearModel(s: Scenario, base: Projection, ids: readonly string[], threshold?: Money, atTwo?: EffectsAtTwo): LinearModel {
  const assumptions = riskAssumptions(s);
  const planned = ids.flatMap((id) => base.years.map((y) => value(base, id, y)));
  const effects = assumptions.map((a) => {
    const e = atTwo?.(a);
    if (e && ids.every((id) => e.has(id))) return ids.flatMap((id) => base.years.map((y) => (e.get(id)?.get(y) ?? ZERO) as Dec));
    const p = projectWithDraws(s, new Map([[a.id, dec(2)]]));
    return ids.flatMap((id) => base.years.map((y) => value(p, id, y).minus(value(base, id, y)) as Dec));
  });
  const factorPlaces = Math.max(FACTOR_DP, ...assumptions.map((a) => drawnPlaces(a.factor)));
  const valuePlaces = Math.max(0, ...[...planned, ...effects.flat(), ...(threshold ? [threshold] : [])].map((d) => d.decimalPlaces()));
  const places = valuePlaces + factorPlaces;
  const plannedScaled = planned.map((v) => atPlaces(fromDec(v), places));
  const effectsScaled = effects.map((byCell) => byCell.map((v) => atPlaces(fromDec(v), valuePlaces)));
  const one = pow10(factorPlaces);
  return {
    places,
    order: {
      compare: compareBigint,
      sorted: sortedFigures,
      money: (v) => (v === 0n ? ZERO : (toDec({ m: v, e: -places }) as Money)),
      of: (m) => atPlaces(fromDec(m), places),
    },
    figures(factors) {
      const out = plannedScaled.slice();
      factors.forEach((f, a) => {
        const change = atPlaces(f, factorPlaces) - one;
        const effect = effectsScaled[a];
        if (change === 0n || !effect) return;
        for (let i = 0; i < out.length; i++) out[i] = (out[i] as bigint) + change * (effect[i] as bigint);
      });
      return out;
    },
  };
}

/** The index of the k-th percentile in a sorted list of n by the nearest-rank method: the ⌈k/100 × n⌉-th smallest. */
const rankIndex = (n: number, k: number): number => Math.min(Math.max(Math.ceil((k / 100) * n), 1), n) - 1;

/** The k-th percentile by the nearest-rank method: the ⌈k/100 × N⌉-th smallest value. */
export function nearestRank(sorted: readonly Money[], k: number): Money {
  return sorted[rankIndex(sorted.length, k)] ?? ZERO;
}

/** A share of draws as an exact fraction, for display. */
export const share = (count: number, draws: number): Dec => dec(new Approx(count).dividedBy(draws));
