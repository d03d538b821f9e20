// Which sets of saving options meet a target? An exact, exhaustive branch-and-bound search over the
// saving options (at the levels they deliver) for the best minimal sets, ranked by a stated rule;
// a year whose target is nil or less needs no savings and is not searched. Amounts are converted to
// exact integers (BigInt, scaled by a power of ten), so the search is exact and fast; nothing is rounded.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { Dec, type Money, dec } from '../../model/money.js';
import type { BudgetLine } from '../../model/scenario.js';

/** A saving option: its line and the level it delivers each year (in the target's units). */
export interface TargetOption {
  readonly line: BudgetLine;
  readonly levels: ReadonlyMap<FiscalYear, Money>;
  /** The department it belongs to, in a whole council. */
  readonly department?: string;
}

interface TargetSet {
  /** Options in the set, in register order. */
  readonly options: readonly TargetOption[];
  /** Options in the set whose nature includes SR (service reduction). */
  readonly serviceReductions: number;
  /** Total level of the set in each target year. */
  readonly totals: ReadonlyMap<FiscalYear, Money>;
  /** Σ over the years searched of (total − target): how far the set overshoots. */
  readonly excess: Money;
}

export interface TargetResult {
  /** The target of every year asked for. */
  readonly targets: ReadonlyMap<FiscalYear, Money>;
  /** Years whose target is nil or less: no savings are needed there, so they are not searched. */
  readonly notNeeded: readonly FiscalYear[];
  readonly options: readonly TargetOption[];
  readonly sets: readonly TargetSet[];
  /** All options together, per target year (shows how short the register falls when nothing meets it). */
  readonly allOptions: ReadonlyMap<FiscalYear, Money>;
  /** Nodes of the search tree visited (for the curious; deterministic). */
  readonly explored: number;
  /** True when the search stopped at its budget of branches: `sets` are then not known to be the best. */
  readonly stopped: boolean;
}

/**
 * The most branches one search may examine (a few seconds). The search is exponential in the number
 * of options: 80 options and a target that most sets of ten meet would otherwise run for hours.
 */
export const MAX_BRANCHES = 10_000_000;

/** The ranking, stated once: used by the search and printed under its results. */
export const RANKING_RULE =
  'fewest service reductions (SR) first, then fewest options, then the smallest total over the target, then ref order';

/** An option's level in a year (every option has a level in every target year). */
export function optionLevel(o: TargetOption, y: FiscalYear): Money {
  const l = o.levels.get(y);
  if (!l) throw new Error(`option ${o.line.ref} has no level for ${y}`);
  return l;
}

/**
 * The best `top` minimal sets of `options` whose total level meets `targets` in every year whose
 * target is above nil. A set is minimal when dropping any option would miss the target. Exhaustive:
 * the bounds only discard branches that cannot meet the target or cannot rank in the top.
 */
export function findTargetSets(
  options: readonly TargetOption[],
  targets: ReadonlyMap<FiscalYear, Money>,
  top: number,
  budget = MAX_BRANCHES,
): TargetResult {
  const years = [...targets.keys()];
  const notNeeded = years.filter((y) => (targets.get(y) as Money).lte(0));
  // indices of the years searched: a year needing no savings is met by any set
  const need = years.flatMap((y, j) => (notNeeded.includes(y) ? [] : [j]));
  const scale = scaleFor([...targets.values(), ...options.flatMap((o) => years.map((y) => optionLevel(o, y)))]);
  const toInt = (d: Dec): bigint => BigInt(d.times(scale).toFixed(0));
  const target = years.map((y) => toInt(targets.get(y) as Money));
  const level = options.map((o) => years.map((y) => toInt(optionLevel(o, y))));
  const sr = options.map((o) => o.line.nature.includes('SR'));
  const n = options.length;
  // most each remaining option could still add, per year (negative levels never help)
  const reach: bigint[][] = Array.from({ length: n + 1 }, () => years.map(() => 0n));
  for (let i = n - 1; i >= 0; i--) {
    reach[i] = years.map((_, y) => (reach[i + 1]?.[y] ?? 0n) + max0(level[i]?.[y] ?? 0n));
  }

  type Found = { idx: number[]; sr: number; excess: bigint; totals: bigint[] };
  const best: Found[] = [];
  const better = (a: Found, b: Found): number =>
    a.sr - b.sr || a.idx.length - b.idx.length || (a.excess < b.excess ? -1 : a.excess > b.excess ? 1 : 0) || lexicographic(a.idx, b.idx);
  let explored = 0;
  const chosen: number[] = [];
  const sums = years.map(() => 0n);
  let srCount = 0;
  const short = (j: number, extra = 0n): boolean => (sums[j] ?? 0n) + extra < (target[j] ?? 0n);

  const worstBound = (): Found | undefined => (best.length >= top ? best[best.length - 1] : undefined);
  let stopped = false;
  const visit = (i: number): void => {
    if (explored >= budget) {
      stopped = true;
      return;
    }
    explored++;
    if (!need.some((j) => short(j))) {
      if (isMinimal(chosen, sums, level, target, need)) {
        const found: Found = {
          idx: [...chosen],
          sr: srCount,
          excess: need.reduce((a, j) => a + (sums[j] ?? 0n) - (target[j] ?? 0n), 0n),
          totals: [...sums],
        };
        let at = best.length;
        while (at > 0 && better(found, best[at - 1] as Found) < 0) at--;
        best.splice(at, 0, found);
        if (best.length > top) best.pop();
      }
      return; // supersets are never minimal
    }
    if (i >= n) return;
    if (need.some((j) => short(j, reach[i]?.[j] ?? 0n))) return;
    const worst = worstBound();
    if (worst && (srCount > worst.sr || (srCount === worst.sr && chosen.length + 1 > worst.idx.length))) return;
    // include option i
    chosen.push(i);
    if (sr[i]) srCount++;
    level[i]?.forEach((l, y) => (sums[y] = (sums[y] ?? 0n) + l));
    visit(i + 1);
    level[i]?.forEach((l, y) => (sums[y] = (sums[y] ?? 0n) - l));
    if (sr[i]) srCount--;
    chosen.pop();
    // leave it out
    visit(i + 1);
  };
  if (need.length > 0) visit(0);

  const fromInt = (b: bigint): Money => dec(b.toString()).dividedBy(scale) as Money;
  return {
    targets,
    notNeeded,
    options,
    explored,
    stopped,
    allOptions: new Map(years.map((y, j) => [y, fromInt(options.reduce((a, _, i) => a + (level[i]?.[j] ?? 0n), 0n))])),
    sets: best.map((f) => ({
      options: f.idx.map((i) => options[i] as TargetOption),
      serviceReductions: f.sr,
      totals: new Map(years.map((y, j) => [y, fromInt(f.totals[j] ?? 0n)])),
      excess: fromInt(f.excess),
    })),
  };
}

function isMinimal(
  chosen: readonly number[],
  sums: readonly bigint[],
  level: readonly (readonly bigint[])[],
  target: readonly bigint[],
  need: readonly number[],
): boolean {
  return chosen.every((i) => need.some((y) => (sums[y] ?? 0n) - (level[i]?.[y] ?? 0n) < (target[y] ?? 0n)));
}

/** The power of ten that makes every amount an integer (amounts have at most a few decimals). */
function scaleFor(amounts: readonly Dec[]): Dec {
  const dp = Math.max(0, ...amounts.map((a) => a.decimalPlaces()));
  return dec(10).pow(dp);
}

const max0 = (b: bigint): bigint => (b > 0n ? b : 0n);

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

/** What councillors are shown: the best set, then alternatives that are genuinely different. */
export interface AlternativeSets {
  readonly search: TargetResult;
  /** The best set first, then each next best that passes the difference rule, at most `top`. */
  readonly sets: readonly TargetSet[];
  /** For each set, the options it leaves out, in register order. */
  readonly leftOut: readonly (readonly TargetOption[])[];
  /** The year the difference rule is measured in: the last year that needs savings. */
  readonly measuredIn: FiscalYear;
  /** An alternative leaves out at least this much (in `measuredIn`) of every set shown before it. */
  readonly differBy: Money;
  /** True when the target is nil or less in every year: no saving option is needed at all. */
  readonly noneNeeded: boolean;
}

/** How many ranked sets the search keeps to choose alternatives from. */
const POOL_PER_SET = 25;

/** The default difference: a tenth of the target in the last year that needs savings. */
export const DEFAULT_DIFFERENCE_SHARE = dec('0.1');

/**
 * The best set and up to `top − 1` alternatives. An alternative must leave out, in the last year
 * that needs savings, at least `differBy` of the options of every set shown before it (default: 10%
 * of that year's target), so it is a different choice and not the same set with its smallest
 * options swapped.
 */
export function alternativeSets(
  options: readonly TargetOption[],
  targets: ReadonlyMap<FiscalYear, Money>,
  top: number,
  differBy?: Money,
  budget = MAX_BRANCHES,
): AlternativeSets {
  const years = [...targets.keys()];
  const needed = years.filter((y) => (targets.get(y) as Money).gt(0));
  const noneNeeded = needed.length === 0;
  const measuredIn = (needed[needed.length - 1] ?? years[years.length - 1]) as FiscalYear;
  const lastTarget = targets.get(measuredIn) as Money;
  const threshold = differBy ?? (Dec.max(0, lastTarget.times(DEFAULT_DIFFERENCE_SHARE)) as Money);
  if (noneNeeded) {
    return { search: findTargetSets(options, targets, top, budget), sets: [], leftOut: [], measuredIn, differBy: threshold, noneNeeded };
  }
  // a wide pool to choose alternatives from; where that search is too large to finish quickly, the
  // alternatives come from the plain search for the best `top` (exact, at its full budget)
  const pooled = findTargetSets(options, targets, top * POOL_PER_SET, Math.ceil(budget / 10));
  const search = pooled.stopped ? findTargetSets(options, targets, top, budget) : pooled;
  const shown: TargetSet[] = [];
  for (const s of search.sets) {
    if (shown.length >= top) break;
    const differs = shown.every((k) => {
      const dropped = k.options.filter((o) => !s.options.includes(o)).reduce((a, o) => a.plus(optionLevel(o, measuredIn)), dec(0));
      return dropped.gte(threshold) && dropped.gt(0);
    });
    if (differs) shown.push(s);
  }
  return {
    search,
    sets: shown,
    leftOut: shown.map((s) => options.filter((o) => !s.options.includes(o))),
    measuredIn,
    differBy: threshold,
    noneNeeded,
  };
}
