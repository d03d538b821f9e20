// Applying drawn values to a scenario (the risk-draw transform) and projecting it: the shared step
// of sensitivity and Monte Carlo. Pure and exact.

import type { Dec } from '../../model/money.js';
import type { Assumption, Scenario } from '../../model/scenario.js';
import { riskDraw } from '../../transform/risk-draw.js';

export { riskAssumptions } from '../../transform/risk-draw.js';
import { projectScenario, type Projection } from '../../project/project.js';

export function projectWithDraws(s: Scenario, values: ReadonlyMap<string, Dec>): Projection {
  const drawn = riskDraw(s, values).value;
  if (!drawn) throw new Error('a risk draw always gives a scenario');
  return projectScenario(drawn);
}

/** True when every assumption is a factor (on lines or funding), so the budget and gap are linear in the draws. */
export const allLinear = (assumptions: readonly Assumption[]): boolean => assumptions.every((a) => !a.parameter);

/** The rows risk and sensitivity report: the net budget, and the gap where the scenario has funding. */
export function riskRows(p: Projection): readonly string[] {
  return ['net_budget', ...(p.rows.some((r) => (r.id as string) === 'gap') ? ['gap'] : [])];
}
