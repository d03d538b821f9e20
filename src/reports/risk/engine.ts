// Applying drawn values to a scenario (the risk-draw transform) and projecting it: the shared step
// of sensitivity and Monte Carlo. Pure and exact.

import { dec, type Dec } from '../../model/money.js';
import type { Assumption, Scenario } from '../../model/scenario.js';
import { riskDraw } from '../../transform/risk-draw.js';

export { riskAssumptions } from '../../transform/risk-draw.js';
import { projectScenario, type Projection } from '../../project/project.js';

export function projectWithDraws(s: Scenario, values: ReadonlyMap<string, Dec>): Projection {
  const drawn = riskDraw(s, values).value;
  if (!drawn) throw new Error('a risk draw always gives a scenario');
  return projectScenario(drawn);
}

/** The projection of a scenario with one assumption's factor at 2 and the others as planned. */
export type AtTwo = (a: Assumption) => Projection;

/**
 * Projections of `s` with one assumption at a time at factor 2, each made when first asked for and
 * kept, so that sensitivity and Monte Carlo of one run project each linear range once between them
 * (each takes its effect at a factor f as (f − 1) × the effect at 2).
 */
export function projectionsAtTwo(s: Scenario): AtTwo {
  const made = new Map<string, Projection>();
  return (a) => {
    let p = made.get(a.id);
    if (!p) {
      p = projectWithDraws(s, new Map([[a.id, dec(2)]]));
      made.set(a.id, p);
    }
    return p;
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
