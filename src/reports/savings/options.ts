// The saving options `mtfs savings --target` chooses from: a department's savings (identified ones
// in the budget, and those under development), or for a whole council every department scenario's,
// in the council's units. Unidentified savings and reconciling lines are not options. Pure.

import type { FiscalYear } from '../../model/fiscal-year.js';
import type { Money } from '../../model/money.js';
import { convert } from '../../model/units.js';
import { projectScenario, type LineSchedule, type Projection } from '../../project/project.js';
import type { TargetOption } from './target.js';

export interface SavingOption extends TargetOption {
  /** True for a saving the budget already counts; false for one under development. */
  readonly inBudget: boolean;
}

const isOption = (s: LineSchedule): boolean => !s.line.reconciling && s.line.stage !== 'unidentified';

/** Every saving option of a projection, in scenario (and department) order. */
export function savingOptions(p: Projection): SavingOption[] {
  if (!p.departments) {
    return [
      ...p.savings.filter(isOption).map((s) => ({ line: s.line, levels: s.levels, inBudget: true })),
      ...p.underDevelopment.map((s) => ({ line: s.line, levels: s.levels, inBudget: false })),
    ];
  }
  return p.departments.flatMap((b) => {
    const d = b.department;
    if (d.kind !== 'scenario') return [];
    const units = p.scenario.units;
    const inCouncilUnits = (levels: ReadonlyMap<FiscalYear, Money>): Map<FiscalYear, Money> =>
      new Map(p.years.map((y) => [y, convert(levels.get(y) as Money, d.scenario.units, units)]));
    return savingOptions(projectScenario(d.scenario)).map((o) => ({ ...o, levels: inCouncilUnits(o.levels), department: d.name }));
  });
}
