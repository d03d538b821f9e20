// Sensitivity (tornado) and Monte Carlo results → tables and JSON. Probabilities are shares of the
// draws, shown as percentages rounded to 0.1 (half away from zero); amounts are exact in CSV/JSON.

import type { FiscalYear } from '../model/fiscal-year.js';
import { appliesTo, parameterPath } from '../load/assumptions.js';
import { Dec, ZERO, roundTo, toPlain, type Money, dec } from '../model/money.js';
import type { Assumption } from '../model/scenario.js';
import { group } from '../model/grouped-number.js';
import type { RiskResult } from '../reports/risk/monte-carlo.js';
import { share } from '../reports/risk/monte-carlo.js';
import type { Sensitivity } from '../reports/risk/sensitivity.js';
import { blank, money, text, type Cell, type TableModel, type TableRow, yearColumns } from './table-model.js';

const yearCols = yearColumns;
const byYear = (years: readonly FiscalYear[], m: ReadonlyMap<FiscalYear, Money> | undefined): Record<string, Cell> =>
  Object.fromEntries(years.map((y) => [y, money(m?.get(y) ?? ZERO)]));
const pct = (d: Dec): string => `${d.times(100).toFixed()}%`;
/** A range value as written: a percentage for factors and rates, a number for people and pounds. */
export const shown = (a: Assumption, d: Dec | undefined): string =>
  d === undefined ? '–' : a.parameter?.shownAs === 'number' ? group(d.toFixed()) : pct(d);
const rangeText = (a: Assumption): string => {
  const { low, likely, high } = a.factor;
  return likely ? `${shown(a, low)} / ${shown(a, likely)} / ${shown(a, high)}` : `${shown(a, low)} – ${shown(a, high)}`;
};

const ROW_LABEL: Record<string, string> = { net_budget: 'net budget', gap: 'gap' };

/** The committee report names assumptions by their descriptions and keeps files, ids and method
 * details for its appendix; the command line shows them all. */
export interface RiskWording {
  readonly committee: boolean;
}
const CLI: RiskWording = { committee: false };

/** What an assumption applies to, in words a committee reads (no ids of drivers or parameters). */
export const appliesInWords = (a: Assumption): string =>
  a.parameter
    ? `the ${a.parameter.driver.replace(/[_-]+/g, ' ')} demand driver`
    : a.funding
      ? `funding (${a.funding.item.replace(/[_-]+/g, ' ')})`
      : `${a.lines.length === 1 ? 'line' : 'lines'} ${a.lines.join(', ')}`;

export function sensitivityTable(s: Sensitivity, wording: RiskWording = CLI): TableModel {
  const years = s.base.years;
  const rows: TableRow[] = [];
  s.entries.forEach((e, i) => {
    const a = e.assumption;
    for (const id of s.rows) {
      for (const end of ['low', 'high'] as const) {
        rows.push({
          id: `${a.id}.${id}.${end}`,
          cells: {
            rank: end === 'low' && id === s.rows[0] ? { kind: 'number', value: dec(i + 1) } : blank,
            assumption: text(end === 'low' && id === s.rows[0] ? (wording.committee ? a.description : a.id) : ''),
            case: text(`${ROW_LABEL[id] ?? id} at ${end} (${shown(a, end === 'low' ? a.factor.low : a.factor.high)})`),
            ...byYear(years, (end === 'low' ? e.low : e.high).get(id)),
          },
        });
      }
    }
  });
  return {
    id: 'sensitivity',
    title: wording.committee
      ? 'Sensitivity: each assumption alone at its low and high value'
      : `Sensitivity: ${s.base.scenario.file} — each assumption alone at its low and high value`,
    units: s.base.scenario.units,
    columns: [
      { key: 'rank', header: 'Rank', align: 'right' },
      { key: 'assumption', header: 'Assumption', align: 'left' },
      { key: 'case', header: 'Case', align: 'left' },
      ...yearCols(years),
    ],
    rows,
    notes: [
      'Each figure is the change from the projection as written (case − as written); positive is adverse (more to fund).',
      'Ranked by the largest change in any year, largest first.',
      ...s.entries.map((e) =>
        wording.committee
          ? `${e.assumption.description}: range ${rangeText(e.assumption)} on ${appliesInWords(e.assumption)}.`
          : `${e.assumption.id}: ${e.assumption.description}; range ${rangeText(e.assumption)} on ${appliesTo(e.assumption)}.`,
      ),
    ],
  };
}

export function sensitivityAsJson(s: Sensitivity): unknown {
  const years = s.base.years;
  const map = (m: ReadonlyMap<FiscalYear, Money> | undefined) => Object.fromEntries(years.map((y) => [y, toPlain(m?.get(y) ?? ZERO)]));
  return {
    scenario: s.base.scenario.file,
    units: s.base.scenario.units,
    years,
    rows: s.rows,
    assumptions: s.entries.map((e, i) => ({
      rank: i + 1,
      id: e.assumption.id,
      description: e.assumption.description,
      lines: e.assumption.lines,
      parameter: e.assumption.parameter ? parameterPath(e.assumption.parameter) : null,
      range: {
        low: e.assumption.factor.low.toFixed(),
        likely: e.assumption.factor.likely?.toFixed() ?? null,
        high: e.assumption.factor.high.toFixed(),
      },
      source: e.assumption.source,
      swing: toPlain(e.swing),
      low: Object.fromEntries(s.rows.map((id) => [id, map(e.low.get(id))])),
      high: Object.fromEntries(s.rows.map((id) => [id, map(e.high.get(id))])),
    })),
  };
}

const probability = (count: number, draws: number): Cell => ({
  kind: 'number',
  value: roundTo(share(count, draws).times(100), 1, 'half-away-from-zero'),
  dp: 1,
});

/** How the risk figures are computed: a note under the command's table, the report's appendix. */
export const RISK_METHOD =
  'Percentiles by the nearest-rank method over the draws; each draw is computed exactly (drawn values to 9 decimal places). Percentages of draws are rounded to 0.1.';

export function riskTable(r: RiskResult, wording: RiskWording = CLI): TableModel {
  const years = r.base.years;
  const rows: TableRow[] = [];
  for (const d of r.rows) {
    const label = ROW_LABEL[d.id] ?? d.id;
    rows.push({ id: `${d.id}.planned`, cells: { label: text(`${label}: as written`), ...byYear(years, d.planned) }, emphasis: 'total' });
    for (const [k, m] of d.percentiles) rows.push({ id: `${d.id}.p${k}`, cells: { label: text(`${label}: P${k}`), ...byYear(years, m) } });
    rows.push({
      id: `${d.id}.above_planned_pct`,
      cells: {
        label: text(`${label}: % of draws above as written`),
        ...Object.fromEntries(years.map((y) => [y, probability(d.abovePlanned.get(y) ?? 0, r.draws)])),
      },
    });
    if (d.id === 'gap') {
      rows.push({
        id: 'gap.above_zero_pct',
        cells: {
          label: text('gap: % of draws with a shortfall (gap > 0)'),
          ...Object.fromEntries(years.map((y) => [y, probability(d.aboveZero.get(y) ?? 0, r.draws)])),
        },
      });
      if (d.aboveThreshold && r.threshold) {
        const t = r.threshold;
        rows.push({
          id: 'gap.above_threshold_pct',
          cells: {
            label: text(`gap: % of draws with gap > ${toPlain(t)}`),
            ...Object.fromEntries(years.map((y) => [y, probability(d.aboveThreshold?.get(y) ?? 0, r.draws)])),
          },
        });
      }
    }
  }
  return {
    id: 'risk',
    title: wording.committee
      ? `Risk: ${r.draws} draws of the assumption ranges`
      : `Risk: ${r.base.scenario.file} — ${r.draws} draws, seed ${r.seed}`,
    units: r.base.scenario.units,
    columns: [{ key: 'label', header: '', align: 'left' }, ...yearCols(years)],
    rows,
    notes: [
      'All assumption ranges drawn together, independently; uniform between low and high, or triangular where a likely value is given.',
      wording.committee
        ? 'P10, P50 and P90: one draw in ten falls below P10, half below P50, nine in ten below P90. Percentages of draws are rounded to 0.1.'
        : RISK_METHOD,
      ...(r.rows.some((d) => d.id === 'gap') ? [] : ['The scenario has no funding, so there is no gap: the net budget is shown.']),
    ],
  };
}

export function riskAsJson(r: RiskResult): unknown {
  const years = r.base.years;
  const map = (m: ReadonlyMap<FiscalYear, Money>) => Object.fromEntries(years.map((y) => [y, toPlain(m.get(y) ?? ZERO)]));
  const counts = (m: ReadonlyMap<FiscalYear, number> | undefined) => (m ? Object.fromEntries(years.map((y) => [y, m.get(y) ?? 0])) : null);
  return {
    scenario: r.base.scenario.file,
    units: r.base.scenario.units,
    draws: r.draws,
    seed: r.seed,
    threshold: r.threshold ? toPlain(r.threshold) : null,
    method: { percentiles: 'nearest rank', draw_decimal_places: 9 },
    rows: r.rows.map((d) => ({
      id: d.id,
      planned: map(d.planned),
      percentiles: Object.fromEntries([...d.percentiles].map(([k, m]) => [`p${k}`, map(m)])),
      draws_above_planned: counts(d.abovePlanned),
      draws_above_zero: counts(d.aboveZero),
      draws_above_threshold: counts(d.aboveThreshold),
    })),
  };
}
