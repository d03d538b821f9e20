// Applying assumption factors to a scenario and projecting it: the shared step of sensitivity and
// Monte Carlo. Pure and exact: a factor multiplies a line's level in every year.

import type { FiscalYear } from '../model/fiscal-year.js';
import type { Dec, Money } from '../model/money.js';
import type { Assumption, BudgetLine, Level, Scenario } from '../model/scenario.js';
import { projectScenario, type Projection } from '../project/project.js';

/** The scenario with each assumption's lines multiplied by its factor (missing ids: as planned). */
export function withFactors(s: Scenario, factors: ReadonlyMap<string, Dec>): Scenario {
  const byLine = new Map<string, Dec>();
  for (const a of s.assumptions ?? []) {
    const f = factors.get(a.id);
    if (f) for (const ref of a.lines) byLine.set(ref, f);
  }
  if (byLine.size === 0) return s;
  const lines = s.lines.map((l): BudgetLine => {
    const f = byLine.get(l.ref);
    if (!f || f.equals(1)) return l;
    const levels = new Map<FiscalYear, Level>([...l.levels].map(([y, lv]) => [y, { ...lv, amount: lv.amount.times(f) as Money }]));
    return { ...l, levels };
  });
  return { ...s, lines };
}

export function projectWithFactors(s: Scenario, factors: ReadonlyMap<string, Dec>): Projection {
  return projectScenario(withFactors(s, factors));
}

/** The rows risk and sensitivity report: the net budget, and the gap where the scenario has funding. */
export function riskRows(p: Projection): readonly string[] {
  return ['net_budget', ...(p.rows.some((r) => (r.id as string) === 'gap') ? ['gap'] : [])];
}

export const assumptionsOf = (s: Scenario): readonly Assumption[] => s.assumptions ?? [];
