// A whole-council scenario: each department's net budget (its own projection, or net budgets given
// by year) and their sum, the council's net budget requirement. Pure and exact; a department in
// other units is converted exactly (£, £000, £m).

import type { FiscalYear } from '../model/fiscal-year.js';
import type { Department } from '../model/scenario.js';
import { ZERO, add, type Money } from '../model/money.js';
import type { LevelBasis, Units } from '../model/scenario.js';
import { isEstimate } from '../model/scenario.js';
import { slug } from '../model/slug.js';
import { convert } from '../model/units.js';

/** A department's net budget in each council year. */
export interface DepartmentBudget {
  readonly department: Department;
  /** `department.<slug of its name>`. */
  readonly id: `department.${string}`;
  readonly values: ReadonlyMap<FiscalYear, Money>;
  readonly bases: ReadonlyMap<FiscalYear, LevelBasis>;
}

/**
 * Each department's net budget over `years`, in `units`. `netBudget` gives a department
 * scenario's own net budget row (the caller projects it).
 */
export function departmentBudgets(
  departments: readonly Department[],
  years: readonly FiscalYear[],
  units: Units,
  netBudget: (d: Extract<Department, { kind: 'scenario' }>) => ReadonlyMap<FiscalYear, Money>,
): DepartmentBudget[] {
  return departments.map((d) => {
    const values = new Map<FiscalYear, Money>();
    const bases = new Map<FiscalYear, LevelBasis>();
    const own = d.kind === 'scenario' ? netBudget(d) : undefined;
    for (const y of years) {
      if (d.kind === 'scenario') {
        const v = own?.get(y);
        if (v === undefined) throw new Error(`${d.scenario.file} has no net budget for ${y}`);
        values.set(y, convert(v, d.scenario.units, units));
        bases.set(y, 'stated');
      } else {
        const l = d.levels.get(y);
        if (!l) throw new Error(`department ${d.name} has no level for ${y}`);
        values.set(y, l.amount);
        bases.set(y, l.basis);
      }
    }
    return { department: d, id: `department.${slug(d.name)}`, values, bases };
  });
}

/** The council's net budget requirement: the sum of its departments, exactly. */
export function councilNetBudget(budgets: readonly DepartmentBudget[], years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return new Map(years.map((y) => [y, budgets.reduce((acc, b) => add(acc, b.values.get(y) ?? ZERO), ZERO)]));
}

/** Years in which a department's figure is an estimate (filled by `hold` or `linear`). */
export const estimatedYears = (b: DepartmentBudget): Set<FiscalYear> =>
  new Set([...b.bases].filter(([, basis]) => isEstimate(basis)).map(([y]) => y));
