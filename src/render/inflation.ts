// Inflation drivers → the tables `mtfs project --detail` shows (one per driver: the index, the rate,
// the inflated base, for pay the on-cost rate and cost, and the line's level) and → JSON. Pure; money
// is in the scenario's units, rounding is the renderers'.

import { baseYearOf } from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { computeInflation, LEVEL_CHANGE_ROUNDING, seriesYears, type InflationItem, type InflationYear } from '../model/inflation.js';
import { toPlain, type Dec } from '../model/money.js';
import type { Provenance } from '../model/demand.js';
import type { Scenario } from '../model/scenario.js';
import { cite, parameterNote, percent } from './parameter-text.js';
import { CALIBRATED_MARK, ESTIMATE_MARK } from './marks.js';
import { blank, money, number, text, type Cell, type TableModel, type TableRow, yearColumns } from './table-model.js';

/** Calibrated (§) and assumed (†) figures are marked where they are shown. */
const mark = (status: string | undefined): { marker?: string } =>
  status === 'calibrated' ? { marker: CALIBRATED_MARK } : status === 'assumed' ? { marker: ESTIMATE_MARK } : {};

const KIND_WORDS: Readonly<Record<InflationItem['kind'], string>> = {
  pay: 'pay',
  'care-fees': 'care fees',
  'contract-prices': 'contract prices',
  general: 'pay and prices',
  income: 'income uplift',
};

/**
 * One table per inflation driver, in the order written. `committee`: for a committee paper, which
 * names no file (the series are cited by their documents).
 */
export function inflationTables(s: Scenario, committee = false): TableModel[] {
  return (s.inflation ?? []).map((item) => inflationTable(item, s, committee));
}

function inflationTable(item: InflationItem, s: Scenario, committee: boolean): TableModel {
  const r = computeInflation(item, s.years);
  const all = [baseYearOf(s.years), ...s.years];
  const id = (m: string): string => `inflation.${item.name}.${m}`;
  const row = (m: string, label: string, cell: (y: InflationYear) => Cell, emphasis?: 'total'): TableRow => ({
    id: id(m),
    cells: Object.fromEntries([['label', text(label)], ...r.years.map((y) => [y.year, cell(y)])]),
    ...(emphasis ? { emphasis } : {}),
  });
  const pct = { dp: 4, alignWithMoney: true } as const;
  const rows: TableRow[] = [];
  if (item.rate.kind === 'index') {
    const series = item.rate.series;
    if (series.form === 'level')
      rows.push(
        row(`index`, `${series.name} (${series.unit ?? 'level'})`, (y) => {
          const p = series.points.get(y.year);
          return p ? number(p.value, { dp: 2, alignWithMoney: true }) : blank;
        }),
      );
    rows.push(
      row('index_change', `${series.name}: annual change (%)`, (y) =>
        y.indexChange ? number(y.indexChange.times(100), { ...pct, ...mark(series.points.get(y.year)?.provenance.status) }) : blank,
      ),
    );
  }
  const rateStatus = (y: FiscalYear): string | undefined =>
    item.rate.kind === 'given' ? item.rate.rate.provenance.status : item.rate.series.points.get(y)?.provenance.status;
  rows.push(row('rate', 'Rate applied (%)', (y) => (y.rate ? number(y.rate.times(100), { ...pct, ...mark(rateStatus(y.year)) }) : blank)));
  const what = item.kind === 'pay' ? 'Pay bill' : item.kind === 'income' ? 'Income' : 'Spend';
  rows.push(row('inflated', `${what} inflated (last year's × (1 + rate))`, (y) => money(y.inflated)));
  if (item.onCosts || item.pension) {
    rows.push(
      row('on_cost_rate', 'On-costs and pension (% of pay)', (y) => (y.onCostRate ? number(y.onCostRate.times(100), pct) : blank)),
      row('cost', 'Cost (pay × (1 + on-costs and pension))', (y) => money(y.cost)),
    );
  }
  const base = all[0] ?? '';
  rows.push(
    row(
      'level',
      item.kind === 'income' ? `Line level (−(income − ${base} income))` : `Line level (cost − ${base} cost)`,
      (y) => money(y.level),
      'total',
    ),
  );
  const builds = s.lines.filter((l) => l.inflation === item.name).map((l) => l.ref);
  return {
    id: `inflation.${item.name}`,
    title: `Inflation ${item.name} (${KIND_WORDS[item.kind]}): ${item.description}${builds.length ? ` (builds ${builds.join(', ')})` : ' (builds no line)'}`,
    units: s.units,
    columns: [{ key: 'label', header: '', align: 'left' }, ...yearColumns(all)],
    rows,
    notes: [
      ...inflationNotes(item, s.years, committee),
      ...(rows.some((r) => Object.values(r.cells).some((c) => c.kind === 'number' && c.marker))
        ? [`${CALIBRATED_MARK} calibrated to a published total (true by construction, not evidence); ${ESTIMATE_MARK} assumed.`]
        : []),
    ],
    caption: (shown) => `amounts in ${shown}, rates in % as labelled`,
  };
}

/** Consecutive years with the same figure and source are named once: `2018/19 to 2021/22 2%, verbatim: …`. */
function groupedPoints(points: readonly { year: FiscalYear; text: string }[]): string[] {
  const out: { from: FiscalYear; to: FiscalYear; text: string }[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.text === p.text) last.to = p.year;
    else out.push({ from: p.year, to: p.year, text: p.text });
  }
  return out.map((g) => `${g.from === g.to ? g.from : `${g.from} to ${g.to}`} ${g.text}`);
}

/** Where each input comes from and how the figures are computed. */
export function inflationNotes(item: InflationItem, years: readonly FiscalYear[], committee = false): string[] {
  const notes = [`Base: ${toPlain(item.base.amount)} at ${item.base.year} prices. ${cite(item.base.provenance)}`];
  if (item.rate.kind === 'given') notes.push(parameterNote('Rate', item.rate.rate, percent));
  else {
    const s = item.rate.series;
    const used = seriesYears(s.form, years);
    const points = groupedPoints(
      [...s.points]
        .filter(([y]) => used.includes(y))
        .map(([y, p]) => ({
          year: y,
          text: `${s.form === 'rate' ? percent(p.value) : toPlain(p.value)}${p.provenance.external ? ' (external)' : ''}, ${p.provenance.status}: ${p.provenance.source}${p.provenance.note ? ` (${p.provenance.note})` : ''}`,
        })),
    );
    notes.push(
      `Index ${s.name}${committee ? '' : ` (${s.file})`}: ${s.description}. ${s.form === 'level' ? `The annual change is level ÷ last year's level − 1, rounded to ${LEVEL_CHANGE_ROUNDING.dp} places half away from zero. ` : ''}${points.join('; ')}.`,
    );
    if (used.some((y) => s.points.get(y)?.provenance.external))
      notes.push("External: from a document outside this project's sources; check the figure against it.");
  }
  if (item.passThrough)
    notes.push(`Pass-through: ${percent(item.passThrough.value)} of the index's change. ${cite(item.passThrough.provenance)}`);
  if (item.onCosts) notes.push(parameterNote('On-costs', item.onCosts, percent));
  if (item.pension) notes.push(parameterNote('Employer pension contribution', item.pension, percent));
  notes.push('Compounded exactly: each year inflates the year before’s inflated base, pressure already added included.');
  return notes;
}

/** JSON of every inflation driver: its inputs with their sources and each year's figures, exact. */
export function inflationJson(s: Scenario): unknown[] {
  const prov = (p: Provenance & { external?: boolean }) => ({
    status: p.status,
    source: p.source,
    note: p.note ?? null,
    ...(p.external ? { external: true } : {}),
  });
  const opt = (d: Dec | undefined): string | null => (d === undefined ? null : toPlain(d));
  return (s.inflation ?? []).map((item) => ({
    name: item.name,
    kind: item.kind,
    description: item.description,
    lines: s.lines.filter((l) => l.inflation === item.name).map((l) => l.ref),
    base: { amount: toPlain(item.base.amount), year: item.base.year, ...prov(item.base.provenance) },
    index:
      item.rate.kind === 'index'
        ? {
            series: item.rate.series.name,
            form: item.rate.series.form,
            file: item.rate.series.file,
            figures: Object.fromEntries(
              seriesYears(item.rate.series.form, s.years).map((y) => {
                const p = item.rate.kind === 'index' ? item.rate.series.points.get(y) : undefined;
                return [y, p ? { value: toPlain(p.value), ...prov(p.provenance) } : null];
              }),
            ),
          }
        : null,
    rate_given: item.rate.kind === 'given' ? prov(item.rate.rate.provenance) : null,
    pass_through: item.passThrough ? { value: toPlain(item.passThrough.value), ...prov(item.passThrough.provenance) } : null,
    years: Object.fromEntries(
      computeInflation(item, s.years).years.map((y) => [
        y.year,
        {
          index_change: opt(y.indexChange),
          rate: opt(y.rate),
          inflated: toPlain(y.inflated),
          on_cost_rate: opt(y.onCostRate),
          cost: toPlain(y.cost),
          level: toPlain(y.level),
        },
      ]),
    ),
  }));
}
