// Projection: Scenario → four-year budget table, exactly. The department budget identity:
// subtotal = original + transfers; net = subtotal + growth − savings; next original = this net.
// Growth and savings rows are the year-on-year change in the total level of all lines, driver-built
// lines' levels derived first. Pure.

import type { FiscalYear } from '../model/fiscal-year.js';
import { ZERO, add, neg, sub, sum, type Money } from '../model/money.js';
import type { BudgetLine, BudgetRow, ControlRow, LineType, Scenario } from '../model/scenario.js';
import { deriveScenario } from './derive.js';
import { councilNetBudget, departmentBudgets, estimatedYears, type DepartmentBudget } from './council.js';
import { FUNDING_ROW_LABELS, projectFunding, type FundingProjection } from './funding.js';

export type BudgetRowId = BudgetRow;
/** A row of the budget table: the budget identity, a department of a whole council, or funding. */
export type RowId = ControlRow | DepartmentBudget['id'];

export interface ProjectionRow {
  readonly id: RowId;
  readonly label: string;
  readonly values: ReadonlyMap<FiscalYear, Money>;
  /** Years with a figure written in the scenario; others are shown blank where `blankUnstated`. */
  readonly blankUnstated?: boolean;
  readonly stated?: ReadonlySet<FiscalYear>;
  /** A row the report prints as a deduction: always in brackets, a nil one as (0). */
  readonly deduction?: boolean;
  /**
   * For favourable/adverse labels: a `cost` row is favourable when lower (budgets, growth, the
   * gap; savings are negative, so more savings is lower), a `resource` row when higher (funding).
   */
  readonly sense: 'cost' | 'resource';
  /** Years whose figure is an estimate (marked † in text). */
  readonly estimated?: ReadonlySet<FiscalYear>;
}

export interface LineSchedule {
  readonly line: BudgetLine;
  /** The line's level in each year (savings positive). */
  readonly levels: ReadonlyMap<FiscalYear, Money>;
  /** The change in level from the year before (the first year's change is its level). */
  readonly changes: ReadonlyMap<FiscalYear, Money>;
}

export interface Projection {
  readonly scenario: Scenario;
  readonly years: readonly FiscalYear[];
  readonly rows: readonly ProjectionRow[];
  readonly growth: readonly LineSchedule[];
  readonly savings: readonly LineSchedule[];
  /** A whole council's departments, each with its net budget. */
  readonly departments?: readonly DepartmentBudget[];
  /** With a `funding:` section: funding, gap and reserves. */
  readonly funding?: FundingProjection;
}

/** Labels as printed in the committee report (seed 004 para 14). */
const ROW_LABELS: Record<BudgetRowId, string> = {
  original_budget: 'Original prior year budget',
  transfers: 'Budget Transfers and Adjustments',
  subtotal: 'Sub total',
  growth: 'Add proposed growth (Appendix B)',
  savings: 'Less proposed savings (Appendix C)',
  net_budget: 'Proposed/Provisional net budget',
};

/** The identities the table must satisfy; renderers use them to say when rounded figures do not cast. */
export const BUDGET_IDENTITIES: readonly { total: BudgetRowId; parts: readonly BudgetRowId[] }[] = [
  { total: 'subtotal', parts: ['original_budget', 'transfers'] },
  { total: 'net_budget', parts: ['subtotal', 'growth', 'savings'] },
];

function scheduleLines(scenario: Scenario, type: LineType): LineSchedule[] {
  return scenario.lines
    .filter((l) => l.type === type)
    .map((line) => {
      const levels = new Map<FiscalYear, Money>();
      const changes = new Map<FiscalYear, Money>();
      let previous = ZERO;
      for (const y of scenario.years) {
        const level = line.levels.get(y)?.amount;
        if (level === undefined) throw new Error(`line ${line.ref} has no level for ${y}`);
        levels.set(y, level);
        changes.set(y, sub(level, previous));
        previous = level;
      }
      return { line, levels, changes };
    });
}

/** Total level of a set of lines in each year. */
export function totalLevels(schedules: readonly LineSchedule[], years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return new Map(years.map((y) => [y, sum(schedules.map((s) => s.levels.get(y) ?? ZERO))]));
}

/** Total in-year change of a set of lines in each year. */
export function totalChanges(schedules: readonly LineSchedule[], years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return new Map(years.map((y) => [y, sum(schedules.map((s) => s.changes.get(y) ?? ZERO))]));
}

/**
 * The budget table, and with `funding:` the funding, gap and reserves rows after it. The levels of
 * driver-built lines are derived first (derive.ts); the projection's scenario is the derived one.
 */
export function projectScenario(scenario: Scenario): Projection {
  return projectDerived(deriveScenario(scenario));
}

function projectDerived(scenario: Scenario): Projection {
  const budget = scenario.departments ? projectCouncil(scenario, scenario.departments) : projectDepartment(scenario);
  if (!scenario.funding) return budget;
  const funding = projectFunding(scenario.funding, scenario.units, scenario.years, rowValues(budget, 'net_budget'));
  return { ...budget, rows: [...budget.rows, ...fundingRows(funding)], funding };
}

function projectCouncil(scenario: Scenario, departments: NonNullable<Scenario['departments']>): Projection {
  const budgets = departmentBudgets(departments, scenario.years, scenario.units, (d) =>
    rowValues(projectDerived(d.scenario), 'net_budget'),
  );
  const rows: ProjectionRow[] = [
    ...budgets.map((b): ProjectionRow => ({
      id: b.id,
      label: b.department.name,
      sense: 'cost',
      values: b.values,
      estimated: estimatedYears(b),
    })),
    { id: 'net_budget', label: 'Net budget requirement', sense: 'cost', values: councilNetBudget(budgets, scenario.years) },
  ];
  return { scenario, years: scenario.years, rows, growth: [], savings: [], departments: budgets };
}

function fundingRows(f: FundingProjection): ProjectionRow[] {
  // for FAV/ADV: more funding and reserves are favourable; a bigger gap or use of reserves adverse
  const row = (
    id: keyof typeof FUNDING_ROW_LABELS,
    sense: ProjectionRow['sense'],
    values: ReadonlyMap<FiscalYear, Money>,
    extra: Partial<ProjectionRow> = {},
  ): ProjectionRow => ({ id, label: FUNDING_ROW_LABELS[id], sense, values, ...extra });
  const r = f.reserves;
  return [
    row('funding', 'resource', f.total),
    row('gap', 'cost', f.gap),
    row('cumulative_gap', 'cost', f.cumulativeGap),
    ...(r
      ? [
          row('reserves_bf', 'resource', r.broughtForward),
          row('reserves_use', 'cost', r.use, { blankUnstated: true, stated: r.stated }),
          row('reserves_cf', 'resource', r.carriedForward),
          row('reserves_after_gap', 'resource', r.afterGap),
        ]
      : []),
  ];
}

function projectDepartment(scenario: Scenario): Projection {
  const { years } = scenario;
  if (!scenario.originalBudget) throw new Error(`${scenario.file} has neither an original budget nor departments`);
  const growthChange = changeOf(levelTotals(scenario, 'growth'), years);
  const savingsChange = changeOf(levelTotals(scenario, 'saving'), years);

  const original = new Map<FiscalYear, Money>();
  const transfers = new Map<FiscalYear, Money>();
  const subtotal = new Map<FiscalYear, Money>();
  const growthRow = new Map<FiscalYear, Money>();
  const savingsRow = new Map<FiscalYear, Money>();
  const net = new Map<FiscalYear, Money>();

  let opening = scenario.originalBudget.amount;
  for (const y of years) {
    const t = scenario.transfers.get(y)?.amount ?? ZERO; // an unstated transfer is none: the report leaves it blank
    const st = add(opening, t);
    const g = growthChange.get(y) ?? ZERO;
    const s = neg(savingsChange.get(y) ?? ZERO);
    const n = add(add(st, g), s);
    original.set(y, opening);
    transfers.set(y, t);
    subtotal.set(y, st);
    growthRow.set(y, g);
    savingsRow.set(y, s);
    net.set(y, n);
    opening = n;
  }

  const rows: ProjectionRow[] = [
    { id: 'original_budget', label: ROW_LABELS.original_budget, sense: 'cost', values: original },
    {
      id: 'transfers',
      label: ROW_LABELS.transfers,
      sense: 'cost',
      values: transfers,
      blankUnstated: true,
      stated: new Set(scenario.transfers.keys()),
    },
    { id: 'subtotal', label: ROW_LABELS.subtotal, sense: 'cost', values: subtotal },
    { id: 'growth', label: ROW_LABELS.growth, sense: 'cost', values: growthRow },
    { id: 'savings', label: ROW_LABELS.savings, sense: 'cost', values: savingsRow, deduction: true },
    { id: 'net_budget', label: ROW_LABELS.net_budget, sense: 'cost', values: net },
  ];
  // the per-line schedules are worked out only when a renderer or explain asks for them
  let growth: LineSchedule[] | undefined;
  let savings: LineSchedule[] | undefined;
  return {
    scenario,
    years,
    rows,
    get growth() {
      return (growth ??= scheduleLines(scenario, 'growth'));
    },
    get savings() {
      return (savings ??= scheduleLines(scenario, 'saving'));
    },
  };
}

/** The total level of a scenario's lines of one type in each year (one pass over the lines). */
function levelTotals(scenario: Scenario, type: LineType): Map<FiscalYear, Money> {
  const { years } = scenario;
  const totals: Money[] = years.map(() => ZERO);
  for (const line of scenario.lines) {
    if (line.type !== type) continue;
    for (let i = 0; i < years.length; i++) {
      const y = years[i] as FiscalYear;
      const level = line.levels.get(y)?.amount;
      if (level === undefined) throw new Error(`line ${line.ref} has no level for ${y}`);
      totals[i] = add(totals[i] as Money, level);
    }
  }
  return new Map(years.map((y, i) => [y, totals[i] as Money]));
}

/** Each year's change from the year before (the first year's change is its total). */
function changeOf(totals: ReadonlyMap<FiscalYear, Money>, years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  const changes = new Map<FiscalYear, Money>();
  let previous = ZERO;
  for (const y of years) {
    const total = totals.get(y) ?? ZERO;
    changes.set(y, sub(total, previous));
    previous = total;
  }
  return changes;
}

export function rowValues(p: Projection, id: RowId): ReadonlyMap<FiscalYear, Money> {
  const row = p.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row.values;
}
