// Projection: Scenario → the budget table by the scenario's layout (project/layout.ts), exactly;
// a whole council's table from its departments; funding rows after it. A lines row is the
// year-on-year change in the total level of the lines it chooses, driver-built lines' levels
// derived first (project/derive.ts), savings at their delivered level after slippage and those
// under development left out (project/delivered.ts). Pure.

import type { FiscalYear } from '../model/fiscal-year.js';
import type { Layout } from '../model/layout.js';
import { ExactSum } from '../model/exact-sum.js';
import { ZERO, moneyOfSum, sub, type Money } from '../model/money.js';
import type { BudgetLine, BudgetRow, ControlRow, LineType, Scenario } from '../model/scenario.js';
import { deriveScenario } from './derive.js';
import { YearMap, yearMapOf } from '../model/year-map.js';
import { inBudget, lineLevels } from './delivered.js';
import { councilNetBudget, departmentBudgets, estimatedYears, type DepartmentBudget } from './council.js';
import { projectLayout } from './layout.js';
import { FUNDING_ROW_LABELS, GENERAL_FUND_ROW_LABELS, MOVEMENT_ROW_LABELS, projectFunding, type FundingProjection } from './funding.js';

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
  /** Savings the budget counts (identified and unidentified), at their delivered levels. */
  readonly savings: readonly LineSchedule[];
  /** The schedules of the lines of one kind (a department's table; empty for a whole council); savings are those the budget counts. */
  readonly schedulesOf: (kind: LineType) => readonly LineSchedule[];
  /** Savings under development: not in the budget; options for closing the gap. */
  readonly underDevelopment: readonly LineSchedule[];
  /** A whole council's departments, each with its net budget. */
  readonly departments?: readonly DepartmentBudget[];
  /** With a `funding:` section: funding, gap and reserves. */
  readonly funding?: FundingProjection;
}

function scheduleLines(scenario: Scenario, keep: (l: BudgetLine) => boolean): LineSchedule[] {
  const years = scenario.years;
  return scenario.lines.filter(keep).map((line) => {
    const delivered = lineLevels(line, years);
    let previous = ZERO;
    const changes = years.map((y) => {
      const level = delivered.get(y) as Money;
      const change = sub(level, previous);
      previous = level;
      return change;
    });
    // a map of each for every line: YearMaps over the scenario's years, in half a Map's memory
    return { line, levels: yearMapOf(years, delivered) ?? delivered, changes: new YearMap(years, changes) };
  });
}

/** Total level of a set of lines in each year. */
export function totalLevels(schedules: readonly LineSchedule[], years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return totalsByYear(schedules, years, (s) => s.levels);
}

/** Total in-year change of a set of lines in each year. */
export function totalChanges(schedules: readonly LineSchedule[], years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return totalsByYear(schedules, years, (s) => s.changes);
}

/**
 * The total of one series of the schedules in each year, exactly, in one pass over the schedules
 * (each schedule's figures are read together, not once a year) and without a decimal per term.
 */
function totalsByYear(
  schedules: readonly LineSchedule[],
  years: readonly FiscalYear[],
  series: (s: LineSchedule) => ReadonlyMap<FiscalYear, Money>,
): Map<FiscalYear, Money> {
  const totals = years.map(() => new ExactSum());
  for (const s of schedules) {
    const figures = series(s);
    for (let i = 0; i < years.length; i++) {
      const v = figures.get(years[i] as FiscalYear);
      if (v) (totals[i] as ExactSum).addDecimal(v);
    }
  }
  return new Map(years.map((y, i) => [y, moneyOfSum(totals[i] as ExactSum)]));
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
  return {
    scenario,
    years: scenario.years,
    rows,
    growth: [],
    savings: [],
    schedulesOf: () => [],
    underDevelopment: [],
    departments: budgets,
  };
}

function fundingRows(f: FundingProjection): ProjectionRow[] {
  // for FAV/ADV: more funding and reserves are favourable; a bigger gap or use of reserves adverse
  const row = (
    id: keyof typeof FUNDING_ROW_LABELS,
    sense: ProjectionRow['sense'],
    values: ReadonlyMap<FiscalYear, Money>,
    extra: Partial<ProjectionRow> = {},
  ): ProjectionRow => ({
    id,
    label:
      (f.reserves?.movementsOnly ? MOVEMENT_ROW_LABELS[id] : f.reserves?.earmarked ? GENERAL_FUND_ROW_LABELS[id] : undefined) ??
      FUNDING_ROW_LABELS[id],
    sense,
    values,
    ...extra,
  });
  const r = f.reserves;
  return [
    row('funding', 'resource', f.total),
    row('gap', 'cost', f.gap),
    row('cumulative_gap', 'cost', f.cumulativeGap),
    ...(r
      ? [
          row('reserves_bf', 'resource', r.broughtForward),
          // planned use is a draw, positive as written and as counted in funding
          row('reserves_use', 'cost', r.use, { blankUnstated: true, stated: r.stated }),
          ...(r.contributions
            ? [
                row('reserves_contributions', 'resource', r.contributions, {
                  blankUnstated: true,
                  stated: r.contributionsStated ?? new Set(),
                }),
              ]
            : []),
          // one-off spend funded from the general fund: it draws the balance and is not in the gap
          ...(r.oneOff ? [row('reserves_one_off', 'cost', r.oneOff.values, { blankUnstated: true, stated: r.oneOff.stated })] : []),
          row('reserves_cf', 'resource', r.carriedForward),
          row('reserves_after_gap', 'resource', r.afterGap),
        ]
      : []),
  ];
}

function projectDepartment(scenario: Scenario): Projection {
  const { years } = scenario;
  if (!scenario.originalBudget && !scenario.baseBudget) throw new Error(`${scenario.file} has neither an original budget nor departments`);
  const computed = projectLayout(scenario);
  const rows: ProjectionRow[] = scenario.layout.rows.map((r) => {
    const stated = computed.stated.get(r.id);
    return {
      id: r.id,
      label: r.label,
      sense: 'cost',
      values: computed.values.get(r.id) ?? new Map(),
      ...(stated ? { blankUnstated: true, stated } : {}),
      ...(r.deduction ? { deduction: true } : {}),
    };
  });
  // the per-line schedules are worked out only when a renderer or explain asks for them
  const schedules = new Map<LineType, LineSchedule[]>();
  const of = (kind: LineType): LineSchedule[] => {
    let s = schedules.get(kind);
    if (!s) schedules.set(kind, (s = scheduleLines(scenario, (l) => l.type === kind && inBudget(l))));
    return s;
  };
  let underDevelopment: LineSchedule[] | undefined;
  return {
    scenario,
    years,
    rows,
    get growth() {
      return of('growth');
    },
    get savings() {
      return of('saving');
    },
    get underDevelopment() {
      return (underDevelopment ??= scheduleLines(scenario, (l) => !inBudget(l)));
    },
    schedulesOf: of,
  };
}

/** The identities a department's table satisfies: each sum row of its layout. */
export function budgetIdentities(layout: Layout): { total: string; parts: readonly string[] }[] {
  return layout.rows.flatMap((r) => (r.kind === 'sum' ? [{ total: r.id, parts: r.parts }] : []));
}

export function rowValues(p: Projection, id: RowId): ReadonlyMap<FiscalYear, Money> {
  const row = p.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row.values;
}
