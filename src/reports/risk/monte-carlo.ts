// Monte Carlo over every assumption range together, reproducible for a seed: each draw samples a
// factor per assumption, projects exactly, and records the net budget (and gap) per year; then
// nearest-rank percentiles and exceedance probabilities. Pure; progress is reported by callback.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { Approx, Dec, ZERO, type Money, dec } from '../../model/money.js';
import type { Scenario } from '../../model/scenario.js';
import { projectScenario, type Projection } from '../../project/project.js';
import { allLinear, projectWithDraws, riskAssumptions, riskRows } from './engine.js';
import { drawFactor, Random } from './random.js';
import { value } from './sensitivity.js';

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

/** The most draws a scenario allows: MAX_KEPT_FIGURES over the figures each draw keeps (rows × years). */
export function maxDraws(s: Scenario): number {
  const base = projectScenario(s);
  return Math.max(1, Math.floor(MAX_KEPT_FIGURES / (riskRows(base).length * base.years.length)));
}

export function monteCarlo(s: Scenario, opts: RiskOptions): RiskResult {
  const base = projectScenario(s);
  const ids = riskRows(base);
  const years = base.years;
  const assumptions = riskAssumptions(s);
  const random = new Random(opts.seed);
  const samples = new Map(ids.map((id) => [id, new Map(years.map((y) => [y, [] as Money[]]))]));
  const every = Math.max(1, Math.floor(opts.draws / 100));
  // line factors enter linearly: a shortcut; a driver parameter needs the demand model every draw
  const linear = allLinear(assumptions) ? linearModel(s, base, ids) : undefined;
  for (let d = 0; d < opts.draws; d++) {
    // one uniform per assumption, in file order, so a seed always means the same draws
    const factors = new Map(assumptions.map((a) => [a.id, drawFactor(a.factor, random.uniform())]));
    const full = linear ? undefined : projectWithDraws(s, factors);
    for (const id of ids) {
      for (const y of years)
        samples
          .get(id)
          ?.get(y)
          ?.push(full ? value(full, id, y) : (linear?.(factors, id, y) ?? ZERO));
    }
    if (opts.onProgress && (d + 1) % every === 0) opts.onProgress(d + 1, opts.draws);
  }
  const rows = ids.map((id): RowDistribution => {
    const byYear = samples.get(id) as Map<FiscalYear, Money[]>;
    const planned = new Map(years.map((y) => [y, value(base, id, y)]));
    const count = (pred: (v: Money, y: FiscalYear) => boolean) =>
      new Map(years.map((y) => [y, (byYear.get(y) ?? []).filter((v) => pred(v, y)).length]));
    for (const list of byYear.values()) list.sort((a, b) => a.comparedTo(b));
    return {
      id,
      planned,
      percentiles: new Map(PERCENTILES.map((k) => [k, new Map(years.map((y) => [y, nearestRank(byYear.get(y) ?? [], k)]))])),
      abovePlanned: count((v, y) => v.greaterThan(planned.get(y) ?? ZERO)),
      aboveZero: count((v) => v.greaterThan(0)),
      ...(opts.threshold ? { aboveThreshold: count((v) => v.greaterThan(opts.threshold as Money)) } : {}),
    };
  });
  return { base, draws: opts.draws, seed: opts.seed, ...(opts.threshold ? { threshold: opts.threshold } : {}), rows };
}

/**
 * Line factors enter the budget linearly (a row is a sum of line levels), so a draw's value is the
 * planned value plus, for each assumption, (factor − 1) × its effect at factor 2. Exactly equal to
 * projecting the scaled scenario (tested), and far faster than projecting every draw.
 */
export function linearModel(
  s: Scenario,
  base: Projection,
  ids: readonly string[],
): (factors: ReadonlyMap<string, Dec>, id: string, y: FiscalYear) => Money {
  const unit = new Map(
    riskAssumptions(s).map((a) => {
      const p = projectWithDraws(s, new Map([[a.id, dec(2)]]));
      return [a.id, new Map(ids.map((id) => [id, new Map(base.years.map((y) => [y, value(p, id, y).minus(value(base, id, y))]))]))];
    }),
  );
  return (factors, id, y) => {
    let v: Dec = value(base, id, y);
    for (const [aid, f] of factors) {
      const effect = unit.get(aid)?.get(id)?.get(y);
      if (effect && !f.equals(1)) v = v.plus(f.minus(1).times(effect)) as Dec;
    }
    return (v.isZero() ? ZERO : v) as Money;
  };
}

/** The k-th percentile by the nearest-rank method: the ⌈k/100 × N⌉-th smallest value. */
export function nearestRank(sorted: readonly Money[], k: number): Money {
  if (sorted.length === 0) return ZERO;
  const rank = Math.ceil((k / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? ZERO;
}

/** A share of draws as an exact fraction, for display. */
export const share = (count: number, draws: number): Dec => dec(new Approx(count).dividedBy(draws));
