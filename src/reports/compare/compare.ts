// Comparing scenarios: side by side per row and year, the difference against the base with a
// favourable/adverse label, and the attribution of the net budget change to the lines (and base
// figures) that differ — the attribution adds up exactly to the change. Pure.

import type { FiscalYear } from '../../model/fiscal-year.js';
import { ZERO, add, neg, sub, sum, type Money } from '../../model/money.js';
import type { BudgetLine, Scenario } from '../../model/scenario.js';
import { KIND_SIGN } from '../../model/line-kind.js';
import { inBudget, lineLevels } from '../../project/delivered.js';
import { rowValues, type ProjectionRow, type Projection } from '../../project/project.js';

type Assessment = 'FAV' | 'ADV' | 'nil';

interface RowDifference {
  readonly row: ProjectionRow;
  readonly amounts: ReadonlyMap<FiscalYear, Money>;
  readonly assessments: ReadonlyMap<FiscalYear, Assessment>;
}

type ChangeKind = 'added' | 'removed' | 'changed' | 'original budget' | 'transfers';

/** One cause of a change in the net budget: a line or a base figure, with its effect per year. */
interface Attribution {
  readonly key: string;
  readonly description: string;
  readonly kind: ChangeKind;
  /** What happened and why, e.g. "removed: <reason>" or "scaled × 0.75: <reason>". */
  readonly detail: string;
  /** Effect on the net budget per year (other − base). */
  readonly effect: ReadonlyMap<FiscalYear, Money>;
}

export interface PairComparison {
  readonly other: Projection;
  readonly differences: readonly RowDifference[];
  readonly attribution: readonly Attribution[];
  /** The net budget change each year; equals the sum of the attribution, exactly. */
  readonly netChange: ReadonlyMap<FiscalYear, Money>;
  /** The funding change split by funding component (both with `funding:`); adds up to the change in total funding exactly. */
  readonly fundingAttribution?: readonly Attribution[];
}

export interface Comparison {
  readonly base: Projection;
  /** The years every scenario covers (rolling MTFS vintages overlap): the comparison is on these. */
  readonly years: readonly FiscalYear[];
  readonly rows: readonly ProjectionRow[];
  readonly pairs: readonly PairComparison[];
}

function assess(row: ProjectionRow, difference: Money): Assessment {
  if (difference.isZero()) return 'nil';
  const higher = difference.isPositive();
  return (row.sense === 'cost') === higher ? 'ADV' : 'FAV';
}

/** The years every projection covers, in order (empty when they do not overlap). */
export const sharedYears = (ps: readonly Projection[]): FiscalYear[] =>
  (ps[0]?.years ?? []).filter((y) => ps.every((p) => p.years.includes(y)));

/** Compares projections in the same units on the years they share (the caller checks there are some). */
export function compareProjections(base: Projection, others: readonly Projection[]): Comparison {
  const years = sharedYears([base, ...others]);
  const shared = base.rows.filter((r) => others.every((o) => o.rows.some((x) => x.id === r.id)));
  const pairs = others.map((other) => {
    const differences = shared.map((row) => {
      const b = rowValues(base, row.id);
      const o = rowValues(other, row.id);
      const amounts = new Map(years.map((y) => [y, sub(o.get(y) ?? ZERO, b.get(y) ?? ZERO)]));
      return { row, amounts, assessments: new Map(years.map((y) => [y, assess(row, amounts.get(y) ?? ZERO)])) };
    });
    const attribution =
      base.departments || other.departments ? attributeDepartments(base, other, years) : attribute(base.scenario, other.scenario, years);
    const netChange = new Map(
      years.map((y) => [y, sub(rowValues(other, 'net_budget').get(y) ?? ZERO, rowValues(base, 'net_budget').get(y) ?? ZERO)]),
    );
    const fundingAttribution = base.funding && other.funding ? attributeFunding(base, other, years) : undefined;
    return { other, differences, attribution, netChange, ...(fundingAttribution ? { fundingAttribution } : {}) };
  });
  return { base, years, rows: shared, pairs };
}

/**
 * The causes of the net budget change. Net budget in year t is the first original budget plus
 * transfers to t plus the growth level at t minus the savings level at t, so the change splits
 * exactly into: Δ original budget, Δ transfers to date, Δ each growth line's level, −Δ each
 * saving line's level.
 */
export function attribute(base: Scenario, other: Scenario, years: readonly FiscalYear[]): Attribution[] {
  const out: Attribution[] = [];
  const dOriginal = sub(other.originalBudget?.amount ?? ZERO, base.originalBudget?.amount ?? ZERO);
  if (!dOriginal.isZero()) {
    out.push({
      key: 'original_budget',
      description: 'Original prior year budget',
      kind: 'original budget',
      detail: 'a different starting budget',
      effect: new Map(years.map((y) => [y, dOriginal])),
    });
  }
  const transferEffect = new Map<FiscalYear, Money>(years.map((y) => [y, sub(transfersTo(other, y), transfersTo(base, y))]));
  if ([...transferEffect.values()].some((v) => !v.isZero())) {
    out.push({
      key: 'transfers',
      description: 'Budget Transfers and Adjustments',
      kind: 'transfers',
      detail: 'different transfers (cumulative effect)',
      effect: transferEffect,
    });
  }

  const baseLines = new Map(base.lines.map((l) => [l.ref, l]));
  const otherLines = new Map(other.lines.map((l) => [l.ref, l]));
  const refs = [...baseLines.keys(), ...[...otherLines.keys()].filter((r) => !baseLines.has(r))];
  for (const ref of refs) {
    const b = baseLines.get(ref);
    const o = otherLines.get(ref);
    const effect = new Map(years.map((y) => [y, sub(netEffect(o, y, years), netEffect(b, y, years))]));
    const moved = [...effect.values()].some((v) => !v.isZero());
    const kind: ChangeKind = !b ? 'added' : !o ? 'removed' : 'changed';
    if (!moved && kind === 'changed') continue;
    const line = (o ?? b) as BudgetLine;
    out.push({ key: ref, description: line.description, kind, detail: describeChange(kind, ref, other, o), effect });
  }
  return out;
}

/** A scenario's transfers from the start of its own period to `y`, inclusive. */
function transfersTo(s: Scenario, y: FiscalYear): Money {
  const upTo = s.years.slice(0, s.years.indexOf(y) + 1);
  return upTo.reduce((acc, x) => add(acc, s.transfers.get(x)?.amount ?? ZERO), ZERO);
}

/** For whole-council scenarios: the net budget requirement is the sum of the departments, so its change splits exactly by department. */
function attributeDepartments(base: Projection, other: Projection, years: readonly FiscalYear[]): Attribution[] {
  const b = new Map((base.departments ?? []).map((d) => [d.id, d]));
  const o = new Map((other.departments ?? []).map((d) => [d.id, d]));
  const ids = [...b.keys(), ...[...o.keys()].filter((k) => !b.has(k))];
  return ids.flatMap((id) => {
    const bd = b.get(id);
    const od = o.get(id);
    const effect = new Map(years.map((y) => [y, sub(od?.values.get(y) ?? ZERO, bd?.values.get(y) ?? ZERO)]));
    if (bd && od && [...effect.values()].every((v) => v.isZero())) return [];
    const kind: ChangeKind = !bd ? 'added' : !od ? 'removed' : 'changed';
    return [
      {
        key: id,
        description: (od ?? bd)?.department.name ?? id,
        kind,
        detail: kind === 'changed' ? "the department's net budget differs" : kind,
        effect,
      },
    ];
  });
}

/**
 * The change in total funding split by component (council tax, retained business rates, RSG, each
 * grant…): other − base for each component either has; together they make the change exactly.
 */
function attributeFunding(base: Projection, other: Projection, years: readonly FiscalYear[]): Attribution[] {
  const b = new Map((base.funding?.components ?? []).map((c) => [c.id, c]));
  const o = new Map((other.funding?.components ?? []).map((c) => [c.id, c]));
  const ids = [...b.keys(), ...[...o.keys()].filter((k) => !b.has(k))];
  return ids.flatMap((id) => {
    const bc = b.get(id);
    const oc = o.get(id);
    const effect = new Map(years.map((y) => [y, sub(oc?.values.get(y) ?? ZERO, bc?.values.get(y) ?? ZERO)]));
    if (bc && oc && [...effect.values()].every((v) => v.isZero())) return [];
    const kind: ChangeKind = !bc ? 'added' : !oc ? 'removed' : 'changed';
    const adjustments = [...(oc?.stream?.adjustments ?? [])];
    const growth = id === 'retained_business_rates' ? (other.funding?.funding.retainedBusinessRates?.growth.adjustments ?? []) : [];
    const detail = [...adjustments, ...growth]
      .map((a) =>
        a.kind === 'scale'
          ? `scaled × ${a.factor?.toFixed() ?? '?'}${a.from ? ` from ${a.from}` : ''}: ${a.reason}`
          : `${id === 'retained_business_rates' ? 'growth above the baseline set' : 'amounts set'}: ${a.reason}`,
      )
      .join('; ');
    return [
      { key: id, description: (oc ?? bc)?.label ?? id, kind, detail: detail || (kind === 'changed' ? 'amounts differ' : kind), effect },
    ];
  });
}

/**
 * A line's effect on the net budget in a year: its level as the budget counts it (a saving as
 * delivered), signed by its kind; nil when absent or a saving under development.
 */
function netEffect(line: BudgetLine | undefined, y: FiscalYear, years: readonly FiscalYear[]): Money {
  if (!line || !inBudget(line)) return ZERO;
  const level = (line.slippage ? lineLevels(line, years).get(y) : line.levels.get(y)?.amount) ?? ZERO;
  return KIND_SIGN[line.type] > 0 ? level : neg(level);
}

function describeChange(kind: ChangeKind, ref: string, other: Scenario, o: BudgetLine | undefined): string {
  if (kind === 'removed') {
    const r = other.variant?.removed?.find((x) => x.line.ref === ref);
    return r ? `removed: ${r.reason}` : 'removed';
  }
  const adjustments = o?.adjustments ?? [];
  if (adjustments.length === 0) return kind === 'added' ? 'added' : 'levels differ';
  return adjustments
    .map((a) =>
      a.kind === 'scale' ? `scaled × ${a.factor?.toFixed() ?? '?'}: ${a.reason}` : a.kind === 'set' ? `levels set: ${a.reason}` : 'added',
    )
    .join('; ');
}

/** Σ attribution effects per year: equals the net budget change exactly (tested). */
export function attributionTotal(attribution: readonly Attribution[], years: readonly FiscalYear[]): Map<FiscalYear, Money> {
  return new Map(years.map((y) => [y, sum(attribution.map((a) => a.effect.get(y) ?? ZERO))]));
}
