// Explaining one figure: the arithmetic chain behind a table row or a line's level in a year, down
// to where each input was written (file:line:column) and its `source` citation. Pure.

import type { Location } from '../../diagnostics/diagnostic.js';
import { previousYear, startOf, type FiscalYear } from '../../model/fiscal-year.js';
import type { RowSelector } from '../../model/layout.js';
import { KIND_SIGN } from '../../model/line-kind.js';
import { ZERO, neg, sub, sum, type Money } from '../../model/money.js';
import { rowSelects } from '../../model/row-select.js';
import type { BudgetLine, Level } from '../../model/scenario.js';
import { projectScenario, rowValues, type BudgetRowId, type LineSchedule, type Projection, type RowId } from '../../project/project.js';
import { formatPlainGrouped } from '../../model/grouped-number.js';
import { INCOME_TYPE_LABEL, netOf } from '../../model/gross-income.js';
import { explainCouncilRow, explainFundingItem } from './explain-council.js';
import { inflationFormula, inflationLevelSteps } from './explain-inflation.js';

export { fundingItemIds } from './explain-council.js';
import type { Step } from './step.js';

export type { Step } from './step.js';

export type ExplainTarget =
  | { readonly kind: 'row'; readonly row: RowId }
  | { readonly kind: 'gross_income'; readonly id: string }
  | { readonly kind: 'line'; readonly line: BudgetLine }
  | { readonly kind: 'funding'; readonly item: string };

const g = formatPlainGrouped;
const yid = (y: FiscalYear): string => y.replace('/', '-');

export function explain(p: Projection, target: ExplainTarget, years: readonly FiscalYear[]): Step[] {
  return years.map((y) => {
    switch (target.kind) {
      case 'row':
        return explainRow(p, target.row, y);
      case 'line':
        return explainLine(p, target.line, y, yid(y));
      case 'gross_income': {
        const step = explainGrossIncome(p, target.id, y);
        if (!step) throw new Error(`no gross and income row ${target.id}: the command checks it against grossIncomeIds`);
        return step;
      }
      case 'funding': {
        const step = explainFundingItem(p, target.item, y);
        if (!step) throw new Error(`no funding row ${target.item}: the command checks it against fundingItemIds`);
        return step;
      }
    }
  });
}

function value(p: Projection, row: BudgetRowId, y: FiscalYear): Money {
  return rowValues(p, row).get(y) ?? ZERO;
}

function explainRow(p: Projection, row: RowId, y: FiscalYear): Step {
  const council = explainCouncilRow(p, row, y);
  if (council) return council;
  return explainBudgetRow(p, row as BudgetRowId, y);
}

function explainBudgetRow(p: Projection, row: BudgetRowId, y: FiscalYear): Step {
  const s = p.scenario;
  const id = `${row}/${yid(y)}`;
  const first = p.years[0];
  const label = `${row} ${y}`;
  const amount = value(p, row, y);
  const deeper = (r: BudgetRowId): Step => explainRow(p, r, y);
  const r = s.layout.rows.find((x) => x.id === row);
  if (!r) throw new Error(`no row ${row} in the layout`);
  switch (r.kind) {
    case 'sum':
      return {
        id,
        label,
        amount,
        formula: r.parts.map((part) => `${part} ${g(value(p, part, y))}`).join(' + '),
        children: r.parts.map(deeper),
      };
    case 'base': {
      const stated = s.baseBudget?.amounts.get(y);
      const previous = y === first ? 'the original budget' : `net_budget ${previousYear(y)}`;
      if (r.shows === 'restatement') {
        return {
          id,
          label,
          amount,
          formula: stated ? `stated base ${g(stated.amount)} − ${previous}` : 'nil: the base is not restated for this year',
          ...(stated ? { origin: stated.origin, ...(s.baseBudget ? { source: s.baseBudget.source } : {}) } : {}),
          children: [],
        };
      }
      if (r.shows === 'base' && stated) {
        return {
          id,
          label,
          amount,
          formula: 'as written (the base budget stated for this year)',
          origin: stated.origin,
          ...(s.baseBudget ? { source: s.baseBudget.source } : {}),
          children: [],
        };
      }
      if (y === first) {
        const o = s.originalBudget;
        return { id, label, amount, formula: 'as written', ...(o ? { origin: o.origin, source: o.source } : {}), children: [] };
      }
      return {
        id,
        label,
        amount,
        formula: `net_budget ${previousYear(y)} (each year starts from the previous year's net budget)`,
        children: [],
      };
    }
    case 'transfers': {
      const t = s.transfers.get(y);
      return t
        ? {
            id,
            label,
            amount,
            formula: 'as written',
            origin: t.origin,
            ...(s.transfersSource ? { source: s.transfersSource } : {}),
            children: [],
          }
        : { id, label, amount, formula: 'none stated for this year', children: [] };
    }
    case 'lines':
      return changeStep(p, row, r.select, y, id, label, amount);
  }
}

function changeStep(p: Projection, row: string, select: RowSelector, y: FiscalYear, id: string, label: string, amount: Money): Step {
  const chosen = p.scenario.lines.filter((l) => rowSelects(select, l));
  const kinds = [...new Set(chosen.map((l) => l.type))];
  const chosenSet = new Set(chosen);
  const schedules = kinds.flatMap((k) => p.schedulesOf(k)).filter((sc) => chosenSet.has(sc.line));
  const prev = p.years.indexOf(y) > 0 ? previousYear(y) : undefined;
  // the row's figure is the change in the total of its lines' levels, each signed by its kind
  const signed = (sc: LineSchedule, at: FiscalYear): Money => {
    const v = sc.levels.get(at) ?? ZERO;
    return KIND_SIGN[sc.line.type] < 0 ? neg(v) : v;
  };
  const allNegative = kinds.length > 0 && kinds.every((k) => KIND_SIGN[k] < 0);
  const total = (at: FiscalYear): Money => {
    const t = sum(schedules.map((sc) => signed(sc, at)));
    return allNegative ? neg(t) : t;
  };
  const now = total(y);
  const before = prev ? total(prev) : ZERO;
  const sign = allNegative ? '−(' : '';
  const close = allNegative ? ')' : '';
  const formula = prev
    ? `${sign}total ${row} level ${g(now)} − total ${row} level ${prev} ${g(before)}${close}`
    : `${sign}total ${row} level ${g(now)} (the first year's change is its level)${close}`;
  const children = schedules
    .filter((sc) => !(sc.changes.get(y) ?? ZERO).isZero())
    .map((sc) => lineChangeStep(p, sc, y, `${id}/${sc.line.ref}`, KIND_SIGN[sc.line.type] < 0));
  return { id, label, amount, formula, children };
}

function lineChangeStep(p: Projection, s: LineSchedule, y: FiscalYear, id: string, negate: boolean): Step {
  const change = s.changes.get(y) ?? ZERO;
  const idx = p.years.indexOf(y);
  const prev = idx > 0 ? p.years[idx - 1] : undefined;
  const level = s.levels.get(y) ?? ZERO;
  const before = prev ? (s.levels.get(prev) ?? ZERO) : ZERO;
  return {
    id,
    label: `${s.line.ref} ${s.line.description}`,
    amount: negate ? neg(change) : change,
    formula: `${negate ? '−(' : ''}level ${g(level)}${prev ? ` − level ${prev} ${g(before)}` : ''}${negate ? ')' : ''}`,
    origin: s.line.origin,
    source: s.line.source,
    ...(s.line.note ? { note: s.line.note } : {}),
    children: [levelStep(p, s.line, y, `${id}/level`)],
  };
}

/** How a line's level in a year was obtained: stated, ongoing, estimated, not started, adjusted. */
function levelStep(p: Projection, line: BudgetLine, y: FiscalYear, id: string): Step {
  const gi = line.grossIncome;
  if (!gi) return seriesStep(p, line, line.levels, 'level', y, id);
  const level = line.levels.get(y) as Level;
  const gross = gi.gross.get(y)?.amount ?? ZERO;
  const income = gi.income.get(y)?.amount ?? ZERO;
  const kind = gi.incomeType ? ` (${INCOME_TYPE_LABEL[gi.incomeType]})` : '';
  const net = `gross ${g(gross)} − income ${g(income)}${kind}`;
  return {
    id,
    label: `level of ${line.ref} in ${y}`,
    amount: level.amount,
    formula:
      KIND_SIGN[line.type] > 0
        ? `net = ${net}`
        : `net effect ${net} = ${g(neg(level.amount))}; as the amount of a ${line.type}, ${g(level.amount)}`,
    children: [seriesStep(p, line, gi.gross, 'gross', y, `${id}/gross`), seriesStep(p, line, gi.income, 'income', y, `${id}/income`)],
  };
}

/** How one of a line's series (its level, gross or income) in a year was obtained. */
function seriesStep(
  p: Projection,
  line: BudgetLine,
  series: ReadonlyMap<FiscalYear, Level>,
  what: 'level' | 'gross' | 'income',
  y: FiscalYear,
  id: string,
): Step {
  const level = series.get(y) as Level;
  const units = p.scenario.units;
  // the stated levels this one was derived from
  const points = [...series].filter(
    ([, l]) => l.basis === 'stated' && level.basis !== 'stated' && level.origins.includes(l.origins[0] as Location),
  );
  const inflationItem = line.inflation === undefined ? undefined : p.scenario.inflation?.find((i) => i.name === line.inflation);
  let formula: string;
  switch (level.basis) {
    case 'stated':
      formula = `stated for ${y}`;
      break;
    case 'ongoing':
      formula = 'ongoing: the last stated level continues';
      break;
    case 'hold':
      formula = 'estimate: the earlier stated level is held until the next stated one (unstated: hold)';
      break;
    case 'linear': {
      const [[ya, a] = [], [yb, b] = []] = points;
      formula =
        a && b && ya && yb
          ? `estimate: ${g(a.amount)} + (${g(b.amount)} − ${g(a.amount)}) × ${startOf(y) - startOf(ya)}/${startOf(yb) - startOf(ya)}, rounded to whole ${units} half away from zero (unstated: linear)`
          : 'estimate: straight line between the stated levels (unstated: linear)';
      break;
    }
    case 'not-started':
      formula = 'nil: the line starts in a later year';
      break;
    case 'growth':
      formula = 'estimate: the last stated level grown by a stated rate, rounded to whole units';
      break;
    case 'ended':
      formula =
        what === 'income'
          ? `nil: income ends from ${line.grossIncome?.drivers.ends?.year ?? y} (income_ends)`
          : 'nil: after its stated end year';
      break;
    case 'changes':
      formula = `the sum of the changes stated up to ${y}`;
      break;
    case 'one-off-ended':
      formula = 'nil: a one-off line falls out the year after it applies';
      break;
    case 'uplift':
      formula = `${g(series.get(previousYear(y))?.amount ?? ZERO)} (last year's income) × (1 + ${line.grossIncome?.drivers.uplift?.rate.toFixed() ?? '?'}): after its last stated year income grows by the line's income_uplift, exactly`;
      break;
    case 'driver':
      formula = `built by demand driver${(line.drivers ?? []).length === 1 ? '' : 's'} ${(line.drivers ?? []).join(' + ')}: projected cost − base-year cost (mtfs demand shows population, users and unit cost)`;
      break;
    case 'inflation':
      formula = inflationItem ? inflationFormula(inflationItem) : 'built by an inflation driver';
      break;
  }
  const adjustments = (line.adjustments ?? []).filter((a) => a.kind !== 'add');
  const adjusted = adjustments
    .map((a) =>
      a.kind === 'scale'
        ? `; then × ${a.factor?.toFixed() ?? '?'} by ${a.variantFile} (${a.reason})`
        : `; levels set by ${a.variantFile} (${a.reason})`,
    )
    .join('');
  return {
    id,
    label: `${what} of ${line.ref} in ${y}`,
    amount: level.amount,
    formula: `${formula}${adjusted}`,
    ...(level.basis === 'stated' && level.origins[0] ? { origin: level.origins[0] } : {}),
    ...(level.basis === 'inflation' && level.origins[0] ? { origin: level.origins[0] } : {}),
    children:
      inflationItem && level.basis === 'inflation'
        ? inflationLevelSteps(inflationItem, p.scenario.years, y, id)
        : points.map(([py, l]) => ({
            id: `${id}/${yid(py)}`,
            label: `stated ${what} of ${line.ref} in ${py}`,
            amount: l.amount,
            formula: `stated for ${py}`,
            ...(l.origins[0] ? { origin: l.origins[0] } : {}),
            children: [],
          })),
  };
}

function explainLine(p: Projection, line: BudgetLine, y: FiscalYear, yearId: string): Step {
  const s = [...p.schedulesOf(line.type), ...p.underDevelopment].find((x) => x.line.ref === line.ref) as LineSchedule;
  const change = s.changes.get(y) ?? ZERO;
  const row = p.scenario.layout.rows.find((r) => r.kind === 'lines' && rowSelects(r.select, line))?.id ?? line.type;
  const effect = KIND_SIGN[line.type] > 0 ? change : neg(change);
  const stage =
    line.stage === 'under-development'
      ? 'level of a saving under development: not in the budget until its business case is complete'
      : `level${line.stage === 'unidentified' ? ' of an unidentified saving (a sum the budget assumes will be found)' : ''}; its change on the previous year, ${g(change)}, enters the ${row} row as ${g(effect)} and the net budget by the same`;
  return {
    id: `${line.ref}/${yearId}`,
    label: `${line.ref} ${line.description} ${y}`,
    amount: s.levels.get(y) ?? ZERO,
    formula: `${stage}${line.rag ? `; RAG rating ${line.rag}` : ''}`,
    origin: line.origin,
    source: line.source,
    ...(line.note ? { note: line.note } : {}),
    children: [deliveredStep(p, s, y, `${line.ref}/${yearId}/level`)],
  };
}

/** A slipped saving's delivered level from its planned levels; otherwise the level step itself. */
function deliveredStep(p: Projection, s: LineSchedule, y: FiscalYear, id: string): Step {
  const { line } = s;
  const slip = line.slippage;
  if (!slip || (slip.kind === 'fraction' && slip.year !== undefined && slip.year !== y)) return levelStep(p, line, y, id);
  const i = p.years.indexOf(y);
  const planned = (py: FiscalYear): Step => levelStep(p, line, py, `${id}/planned/${yid(py)}`);
  const base = { id, label: `delivered level of ${line.ref} in ${y}`, amount: s.levels.get(y) ?? ZERO, origin: slip.origin };
  const why = slip.note ? ` (${slip.note})` : '';
  if (slip.kind === 'years') {
    const from = p.years[i - slip.years];
    return {
      ...base,
      formula: from
        ? `the planned level of ${from}, delivered ${slip.years} year${slip.years === 1 ? '' : 's'} late${why}`
        : `nil: the saving slips ${slip.years} year${slip.years === 1 ? '' : 's'}${why}`,
      children: from ? [planned(from)] : [],
    };
  }
  const previous = p.years[i - 1];
  const level = line.levels.get(y)?.amount ?? ZERO;
  const before = previous ? (line.levels.get(previous)?.amount ?? ZERO) : ZERO;
  return {
    ...base,
    formula: `planned ${g(level)} − ${slip.fraction.toFixed()} × (${g(level)} − ${g(before)}): the step up arrives ${slip.fraction.toFixed()} of a year late${why}`,
    children: previous ? [planned(y), planned(previous)] : [planned(y)],
  };
}

/** The projections whose gross and income tables `--detail` shows: the department's, or each department's of a council. */
function grossIncomeProjections(p: Projection): Projection[] {
  if (!p.scenario.departments) return [p];
  return p.scenario.departments.flatMap((d) => (d.kind === 'scenario' ? [projectScenario(d.scenario)] : []));
}

/** The row ids of the gross and income tables (`gross_income.G13.net`, `gross_income.published.gross`, …). */
export function grossIncomeIds(p: Projection): string[] {
  return grossIncomeProjections(p).flatMap((dp) => {
    const lines = dp.scenario.lines.filter((l) => l.grossIncome);
    const parts = ['gross', 'income', 'net'];
    return [
      ...lines.flatMap((l) => parts.map((x) => `gross_income.${l.ref}.${x}`)),
      ...(lines.length ? parts.map((x) => `gross_income.lines.${x}`) : []),
      ...(dp.scenario.grossAndIncome ? [...parts, 'net_budget', 'difference'].map((x) => `gross_income.published.${x}`) : []),
    ];
  });
}

/** One figure of a gross and income table: a line's gross, income or net effect, their totals, or the published figures. */
function explainGrossIncome(p: Projection, id: string, y: FiscalYear): Step | undefined {
  const dp = grossIncomeProjections(p).find((x) => grossIncomeIds(x).includes(id));
  if (!dp) return undefined;
  const [, group = '', part = ''] = id.split('.');
  const sid = `${id}/${yid(y)}`;
  const lines = dp.scenario.lines.filter((l) => l.grossIncome);
  const lineStep = (line: BudgetLine, x: string, at: string): Step => {
    const gi = line.grossIncome as NonNullable<BudgetLine['grossIncome']>;
    if (x === 'gross') return seriesStep(dp, line, gi.gross, 'gross', y, at);
    if (x === 'income') return seriesStep(dp, line, gi.income, 'income', y, at);
    const gross = seriesStep(dp, line, gi.gross, 'gross', y, `${at}/gross`);
    const income = seriesStep(dp, line, gi.income, 'income', y, `${at}/income`);
    return {
      id: at,
      label: `net effect of ${line.ref} in ${y}`,
      amount: netOf(gross.amount, income.amount),
      formula: `gross ${g(gross.amount)} − income ${g(income.amount)}`,
      source: line.source,
      children: [gross, income],
    };
  };
  if (group === 'lines') {
    const children = lines.map((l) => lineStep(l, part, `${sid}/${l.ref}`));
    return {
      id: sid,
      label: `${part === 'net' ? 'net effect' : part} of the lines stating gross and income in ${y}`,
      amount: sum(children.map((c) => c.amount)),
      formula: children.map((c) => `${g(c.amount)} (${c.id.split('/').pop() ?? ''})`).join(' + ') || 'no lines',
      children,
    };
  }
  if (group !== 'published') {
    const line = lines.find((l) => l.ref === group);
    return line ? lineStep(line, part, sid) : undefined;
  }
  const published = dp.scenario.grossAndIncome;
  const x = published?.years.find((py) => py.year === y);
  if (!published || !x)
    return { id: sid, label: `${id} ${y}`, amount: ZERO, formula: `not published for ${y}: blank in the table`, children: [] };
  const cite = { source: published.source, ...(published.note ? { note: published.note } : {}) };
  const gross: Step = {
    id: `${sid}/gross`,
    label: `published gross budget ${y}`,
    amount: x.gross,
    formula: 'as published',
    origin: x.grossOrigin,
    ...cite,
    children: [],
  };
  const income: Step = {
    id: `${sid}/income`,
    label: `published income ${y}`,
    amount: x.income,
    formula: 'as published',
    origin: x.incomeOrigin,
    source: published.source,
    children: [],
  };
  const net: Step = {
    id: `${sid}/net`,
    label: `published gross less income ${y}`,
    amount: netOf(x.gross, x.income),
    formula: `gross ${g(x.gross)} − income ${g(x.income)}`,
    children: [gross, income],
  };
  const budget = explainRow(dp, 'net_budget', y);
  switch (part) {
    case 'gross':
      return { ...gross, id: sid };
    case 'income':
      return { ...income, id: sid };
    case 'net':
      return { ...net, id: sid };
    case 'net_budget':
      return budget;
    default:
      return {
        id: sid,
        label: `net budget less published gross less income ${y}`,
        amount: sub(budget.amount, net.amount),
        formula: `${g(budget.amount)} − ${g(net.amount)}`,
        children: [budget, net],
      };
  }
}
