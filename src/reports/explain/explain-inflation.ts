// Explaining a line built from an inflation driver: its level in a year down to the base, each year's
// inflated base, the rate and the index figures it comes from, each with its origin and source. Pure.

import { previousYear, type FiscalYear } from '../../model/fiscal-year.js';
import { computeInflation, LEVEL_CHANGE_ROUNDING, type InflationItem, type InflationYear } from '../../model/inflation.js';
import { valueIn } from '../../model/demand.js';
import type { Dec, Money } from '../../model/money.js';
import type { Step } from './step.js';

const yid = (y: FiscalYear): string => y.replace('/', '-');
const pct = (r: Dec): Money => r.times(100) as Money;
const plain = (d: Dec): string => (d.isZero() ? '0' : d.toFixed());

/** What an inflation line's level in `y` is made of: the cost this year and in the base year. */
export function inflationLevelSteps(item: InflationItem, years: readonly FiscalYear[], y: FiscalYear, id: string): Step[] {
  const rows = computeInflation(item, years).years;
  const row = (fy: FiscalYear): InflationYear => {
    const r = rows.find((x) => x.year === fy);
    if (!r) throw new Error(`no inflation year ${fy}`);
    return r;
  };
  const base = rows[0];
  if (!base) throw new Error('no base year');
  return [costStep(item, rows, row(y), `${id}/cost`), costStep(item, rows, base, `${id}/base-cost`)];
}

/** The formula of the level step: cost − base-year cost, negated for income. */
export function inflationFormula(item: InflationItem): string {
  const what = `built by inflation driver ${item.name} (${item.kind})`;
  return item.kind === 'income'
    ? `${what}: −(inflated income − base-year income): more income reduces net spend`
    : `${what}: inflated cost − base-year cost`;
}

function costStep(item: InflationItem, rows: readonly InflationYear[], r: InflationYear, id: string): Step {
  const inflated = inflatedStep(item, rows, r, `${id}/inflated`);
  if (r.onCostRate === undefined) return { ...inflated, id };
  const parts = [
    item.onCosts ? `on-costs ${pct(valueIn(item.onCosts.value, r.year)).toFixed()}%` : '',
    item.pension ? `pension ${pct(valueIn(item.pension.value, r.year)).toFixed()}%` : '',
  ].filter(Boolean);
  return {
    id,
    label: `${item.name}: pay bill with on-costs ${r.year}`,
    amount: r.cost as Money,
    formula: `pay ${plain(r.inflated)} × (1 + ${plain(r.onCostRate)}) (${parts.join(' + ')})`,
    children: [
      inflated,
      ...(item.onCosts
        ? [
            rateParam(
              `${id}/on-costs`,
              `${item.name}: on-costs ${r.year} (%)`,
              valueIn(item.onCosts.value, r.year),
              item.onCosts.provenance,
            ),
          ]
        : []),
      ...(item.pension
        ? [
            rateParam(
              `${id}/pension`,
              `${item.name}: employer pension contribution ${r.year} (%)`,
              valueIn(item.pension.value, r.year),
              item.pension.provenance,
            ),
          ]
        : []),
    ],
  };
}

function rateParam(id: string, label: string, value: Dec, p: InflationItem['base']['provenance']): Step {
  return {
    id,
    label,
    amount: pct(value),
    measure: 'percent',
    formula: p.status,
    ...(p.origin ? { origin: p.origin } : {}),
    source: p.source,
    ...(p.note ? { note: p.note } : {}),
    children: [],
  };
}

/** The inflated base in a year: the base itself, or last year's × (1 + rate), down to the base. */
function inflatedStep(item: InflationItem, rows: readonly InflationYear[], r: InflationYear, id: string): Step {
  const what = item.kind === 'pay' ? 'pay bill' : item.kind === 'income' ? 'income' : 'spend';
  const i = rows.indexOf(r);
  const before = rows[i - 1];
  if (!before || r.rate === undefined) {
    const p = item.base.provenance;
    return {
      id,
      label: `${item.name}: base ${what} ${r.year}`,
      amount: r.inflated as Money,
      formula: `the base, ${p.status}`,
      ...(p.origin ? { origin: p.origin } : {}),
      source: p.source,
      ...(p.note ? { note: p.note } : {}),
      children: [],
    };
  }
  return {
    id,
    label: `${item.name}: inflated ${what} ${r.year}`,
    amount: r.inflated as Money,
    formula: `${plain(before.inflated)} × (1 + ${plain(r.rate)}), exact`,
    children: [rateStep(item, r, `${id}/rate`), inflatedStep(item, rows, before, `${id}/${yid(before.year)}`)],
  };
}

function rateStep(item: InflationItem, r: InflationYear, id: string): Step {
  const rate = r.rate as Dec;
  const label = `${item.name}: rate ${r.year} (%)`;
  if (item.rate.kind === 'given') {
    const p = item.rate.rate.provenance;
    return { ...rateParam(id, label, rate, p), formula: `given directly, ${p.status}` };
  }
  const s = item.rate.series;
  const change = r.indexChange as Dec;
  const point = s.points.get(r.year);
  const prior = s.points.get(previousYear(r.year));
  const pointStep = (fy: FiscalYear, pt: NonNullable<typeof point>, sid: string): Step => ({
    id: sid,
    label: `index ${s.name} ${fy}${s.form === 'rate' ? ' (%)' : s.unit ? ` (${s.unit})` : ''}`,
    amount: (s.form === 'rate' ? pct(pt.value) : pt.value) as Money,
    ...(s.form === 'rate' ? { measure: 'percent' as const } : { measure: 'pounds' as const }),
    formula: `${pt.provenance.status}${pt.provenance.external ? "; from a document outside this project's sources: check it against the source" : ''}`,
    ...(pt.provenance.origin ? { origin: pt.provenance.origin } : {}),
    source: pt.provenance.source,
    ...(pt.provenance.note ? { note: pt.provenance.note } : {}),
    children: [],
  });
  const points = [
    point && pointStep(r.year, point, `${id}/index`),
    s.form === 'level' && prior && pointStep(previousYear(r.year), prior, `${id}/index-before`),
  ].filter((x): x is Step => Boolean(x));
  const changeFormula =
    s.form === 'level' && point && prior
      ? `${plain(point.value)} ÷ ${plain(prior.value)} − 1, rounded to ${LEVEL_CHANGE_ROUNDING.dp} places (${LEVEL_CHANGE_ROUNDING.mode}) = ${plain(change)}`
      : `the series' annual change, ${plain(change)}`;
  const pass = item.passThrough;
  return {
    id,
    label,
    amount: pct(rate),
    measure: 'percent',
    formula: pass
      ? `${changeFormula}, × pass-through ${plain(pass.value)} (${pass.provenance.status}: ${pass.provenance.source})`
      : changeFormula,
    ...(pass?.provenance.origin ? { origin: pass.provenance.origin } : {}),
    ...(pass?.provenance.note ? { note: pass.provenance.note } : {}),
    children: points,
  };
}
