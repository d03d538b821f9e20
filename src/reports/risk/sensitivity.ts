// One assumption at a time: each at its low and at its high factor, the others as planned; the
// effect on the net budget (and gap) per year against the projection as written, ranked largest
// first — the tornado table. Pure and exact.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { ZERO, sub, type Dec, type Money } from '../../model/money.js';
import type { Assumption, Scenario } from '../../model/scenario.js';
import { projectScenario, type Projection } from '../../project/project.js';
import { allLinear, effectsAtTwo, projectWithDraws, riskAssumptions, riskRows, value, type EffectsAtTwo } from './engine.js';

export { value } from './engine.js';

interface SensitivityEntry {
  readonly assumption: Assumption;
  /** Effect (case − as written) per row id and year, at the low and at the high factor. */
  readonly low: ReadonlyMap<string, ReadonlyMap<FiscalYear, Money>>;
  readonly high: ReadonlyMap<string, ReadonlyMap<FiscalYear, Money>>;
  /** The largest |effect| over rows, years and both ends: the ranking key. */
  readonly swing: Money;
}

export interface Sensitivity {
  readonly base: Projection;
  readonly rows: readonly string[];
  readonly entries: readonly SensitivityEntry[];
}

/**
 * The tornado; `base` is the scenario's projection (made here when not given), `atTwo` the effects
 * of each range at factor 2 (shared with Monte Carlo when given).
 */
export function sensitivity(s: Scenario, base: Projection = projectScenario(s), atTwo: EffectsAtTwo = effectsAtTwo(s, base)): Sensitivity {
  const rows = riskRows(base);
  const effect = (p: Projection): Map<string, Map<FiscalYear, Money>> =>
    new Map(rows.map((id) => [id, new Map(base.years.map((y) => [y, sub(value(p, id, y), value(base, id, y))]))]));
  const entries = riskAssumptions(s).map((a) => {
    // a factor that enters the budget linearly: the effect at f is (f − 1) × the effect at 2, exactly
    const effectAtTwo = allLinear(s, [a]) ? atTwo(a) : undefined;
    const at = (f: Dec): Map<string, Map<FiscalYear, Money>> =>
      effectAtTwo ? scaled(effectAtTwo, f.minus(1)) : effect(projectWithDraws(s, new Map([[a.id, f]])));
    const low = at(a.factor.low);
    const high = at(a.factor.high);
    let swing = ZERO;
    for (const m of [low, high])
      for (const byYear of m.values()) for (const v of byYear.values()) if (v.abs().greaterThan(swing)) swing = v.abs() as Money;
    return { assumption: a, low, high, swing };
  });
  entries.sort((x, y) => y.swing.comparedTo(x.swing) || (x.assumption.id < y.assumption.id ? -1 : 1));
  return { base, rows, entries };
}

/** `v × k` exactly, a zero never negative. */
const times = (v: Money, k: Dec): Money => {
  const r = v.times(k);
  return r.isZero() ? ZERO : (r as Money);
};

/** Effects multiplied by `k`, exactly. */
const scaled = (e: ReadonlyMap<string, ReadonlyMap<FiscalYear, Money>>, k: Dec): Map<string, Map<FiscalYear, Money>> =>
  new Map([...e].map(([id, byYear]) => [id, new Map([...byYear].map(([y, v]) => [y, times(v, k)]))]));
