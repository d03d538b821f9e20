// Applying drawn values to a scenario (the risk-draw transform) and projecting it: the shared step
// of sensitivity and Monte Carlo. Pure and exact.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { dec, sub, ZERO, type Dec, type Money } from '../../model/money.js';
import type { Assumption, Scenario } from '../../model/scenario.js';
import { riskDraw } from '../../transform/risk-draw.js';

export { riskAssumptions } from '../../transform/risk-draw.js';
import { projectScenario, type Projection } from '../../project/project.js';

export function projectWithDraws(s: Scenario, values: ReadonlyMap<string, Dec>): Projection {
  const drawn = riskDraw(s, values).value;
  if (!drawn) throw new Error('a risk draw always gives a scenario');
  return projectScenario(drawn);
}

/** A row's value in a year of a projection (nil when the projection has no such row). */
export function value(p: Projection, id: string, y: FiscalYear): Money {
  const row = p.rows.find((r) => (r.id as string) === id);
  return row?.values.get(y) ?? ZERO;
}

/** Effects by row id and year: a projection's figures less those of the projection as written. */
export type Effects = ReadonlyMap<string, ReadonlyMap<FiscalYear, Money>>;

/** The effects on the risk rows of one assumption's factor at 2, the others as planned. */
export type EffectsAtTwo = (a: Assumption) => Effects;

/**
 * The effects on `riskRows(base)` of each assumption at factor 2, each projected when first asked
 * for and kept (its figures, not the projection), so that sensitivity and Monte Carlo of one run
 * project each linear range once between them: a linear range's effect at a factor f is
 * (f − 1) × its effect at 2.
 */
export function effectsAtTwo(s: Scenario, base: Projection): EffectsAtTwo {
  const rows = riskRows(base);
  const made = new Map<string, Effects>();
  return (a) => {
    let e = made.get(a.id);
    if (!e) {
      const p = projectWithDraws(s, new Map([[a.id, dec(2)]]));
      e = new Map(rows.map((id) => [id, new Map(base.years.map((y) => [y, sub(value(p, id, y), value(base, id, y))]))]));
      made.set(a.id, e);
    }
    return e;
  };
}

/**
 * True when the budget and gap are linear in every assumption's factor: each is a factor on lines or
 * on a funding item that enters funding as it is scaled. A driver parameter is not (the demand model
 * runs on it), nor is growth in retained business rates: the levy takes a share of growth only above
 * the baseline, and the safety net tops retained rates up only below its threshold.
 */
export function allLinear(s: Scenario, assumptions: readonly Assumption[]): boolean {
  const growth = s.funding?.retainedBusinessRates?.growth.id;
  return assumptions.every((a) => !a.parameter && !(a.funding && growth !== undefined && a.funding.item === growth));
}

/** The rows risk and sensitivity report: the net budget, and the gap where the scenario has funding. */
export function riskRows(p: Projection): readonly string[] {
  return ['net_budget', ...(p.rows.some((r) => (r.id as string) === 'gap') ? ['gap'] : [])];
}
