// Comparison → tables (side by side, differences with FAV/ADV, attribution) and JSON. Pure.

import path from 'node:path';
import type { FiscalYear } from '../model/fiscal-year.js';
import { ZERO, toPlain, type Money } from '../model/money.js';
import { attributionTotal, type Comparison, type PairComparison } from '../reports/compare/compare.js';
import type { Projection } from '../project/project.js';
import { money, text, type Column, type TableModel, type TableRow, yearColumns } from './table-model.js';

/** Short stable names for the scenarios of a comparison: file stems, numbered if they clash. */
function scenarioKeys(projections: readonly Projection[]): string[] {
  const stems = projections.map((p) => path.basename(p.scenario.file).replace(/\.ya?ml$/i, ''));
  return stems.map((s, i) => (stems.indexOf(s) === i && stems.lastIndexOf(s) === i ? s : `${s}-${i + 1}`));
}

const yearCols = (c: Comparison): Column[] => yearColumns(c.years);

const span = (ys: readonly FiscalYear[]): string => `${ys[0] ?? ''} to ${ys[ys.length - 1] ?? ''}`;

/** The scenarios by their titles, and the years compared when their periods differ. */
function periodNotes(c: Comparison, keys: readonly string[]): string[] {
  const all = [c.base, ...c.pairs.map((p) => p.other)];
  const differ = all.some((p) => p.years.join() !== c.years.join());
  if (!differ) return [];
  return [
    `Compared on the years every scenario covers, ${span(c.years)}: ${all
      .map((p, i) => `${keys[i] ?? ''} is ${p.scenario.title ? `“${p.scenario.title}”, ` : ''}${span(p.years)}`)
      .join('; ')}.`,
    'A line’s level counts from the start of its own scenario’s period: where the periods start in different years, a line already in the later scenario’s original budget shows as a difference in that line and in the original budget.',
  ];
}

export function comparisonTable(c: Comparison): TableModel {
  const all = [c.base, ...c.pairs.map((p) => p.other)];
  const keys = scenarioKeys(all);
  const rows: TableRow[] = [];
  for (const row of c.rows) {
    all.forEach((p, i) => {
      const values = p.rows.find((r) => r.id === row.id)?.values;
      rows.push({
        id: `${keys[i]}/${row.id}`,
        cells: {
          label: text(i === 0 ? row.label : ''),
          scenario: text(i === 0 ? `${keys[i]} (base)` : (keys[i] ?? '')),
          ...Object.fromEntries(c.years.map((y) => [y, money(values?.get(y) ?? ZERO, { deduction: row.deduction === true })])),
        },
      });
    });
    c.pairs.forEach((pair, i) => {
      const d = pair.differences.find((x) => x.row.id === row.id);
      rows.push({
        id: `difference/${keys[i + 1]}/${row.id}`,
        cells: {
          label: text(''),
          scenario: text(`difference: ${keys[i + 1]}`),
          ...Object.fromEntries(
            c.years.map((y) => {
              const a = d?.assessments.get(y);
              return [y, money(d?.amounts.get(y) ?? ZERO, a && a !== 'nil' ? { marker: ` ${a}` } : {})];
            }),
          ),
        },
      });
    });
  }
  return {
    id: 'comparison',
    title: `Comparison against ${c.base.scenario.file}`,
    units: c.base.scenario.units,
    columns: [{ key: 'label', header: 'Row', align: 'left' }, { key: 'scenario', header: 'Scenario', align: 'left' }, ...yearCols(c)],
    rows,
    notes: [
      'Differences are other − base. ADV (adverse): more spending or a bigger gap; FAV (favourable): less spending or more funding.',
      ...periodNotes(c, keys),
    ],
  };
}

function attributionTable(c: Comparison, pair: PairComparison, key: string): TableModel {
  const years = c.years;
  const total = attributionTotal(pair.attribution, years);
  const rows: TableRow[] = pair.attribution.map((a) => ({
    id: `attribution/${key}/${a.key}`,
    cells: {
      ref: text(a.key),
      label: text(`${a.description} (${a.kind})`),
      ...Object.fromEntries(years.map((y) => [y, money(a.effect.get(y) ?? ZERO)])),
    },
  }));
  rows.push({
    id: `attribution/${key}/total`,
    cells: {
      ref: text(''),
      label: text('Change in net budget'),
      ...Object.fromEntries(years.map((y) => [y, money(total.get(y) ?? ZERO)])),
    },
    emphasis: 'total',
  });
  return {
    id: `attribution-${key}`,
    title: `What changes the net budget: ${pair.other.scenario.file} against ${c.base.scenario.file}`,
    units: c.base.scenario.units,
    columns: [{ key: 'ref', header: 'Ref', align: 'left' }, { key: 'label', header: 'Line (change)', align: 'left' }, ...yearCols(c)],
    rows,
    notes: [
      ...(pair.attribution.length === 0 ? ['No line differs: the net budgets are the same.'] : []),
      ...pair.attribution.map((a) => `${a.key}: ${a.detail}.`),
      'Each figure is the effect on the net budget (other − base); together they make the change exactly.',
    ],
    identities: [{ total: `attribution/${key}/total`, parts: pair.attribution.map((a) => `attribution/${key}/${a.key}`) }],
  };
}

/** The change in total funding by component, for a pair whose funding differs. */
function fundingAttributionTable(c: Comparison, pair: PairComparison, key: string): TableModel[] {
  const parts = pair.fundingAttribution ?? [];
  if (parts.length === 0) return [];
  const years = c.years;
  const total = attributionTotal(parts, years);
  const id = (k: string): string => `funding-attribution/${key}/${k}`;
  const rows: TableRow[] = parts.map((a) => ({
    id: id(a.key),
    cells: {
      ref: text(a.key),
      label: text(`${a.description} (${a.kind})`),
      ...Object.fromEntries(years.map((y) => [y, money(a.effect.get(y) ?? ZERO)])),
    },
  }));
  rows.push({
    id: id('total'),
    cells: {
      ref: text(''),
      label: text('Change in total funding'),
      ...Object.fromEntries(years.map((y) => [y, money(total.get(y) ?? ZERO)])),
    },
    emphasis: 'total',
  });
  return [
    {
      id: `funding-attribution-${key}`,
      title: `What changes funding: ${pair.other.scenario.file} against ${c.base.scenario.file}`,
      units: c.base.scenario.units,
      columns: [{ key: 'ref', header: 'Ref', align: 'left' }, { key: 'label', header: 'Funding (change)', align: 'left' }, ...yearCols(c)],
      rows,
      notes: [
        ...parts.map((a) => `${a.key}: ${a.detail}.`),
        'Each figure is other − base for one funding component; together they make the change in total funding exactly. A settlement scenario is an illustration, not a settlement: its figures are marked as the variant states them.',
      ],
      identities: [{ total: id('total'), parts: parts.map((a) => id(a.key)) }],
    },
  ];
}

/** The comparison and every attribution, for text, Markdown and CSV. */
export function comparisonTables(c: Comparison): TableModel[] {
  const keys = scenarioKeys([c.base, ...c.pairs.map((p) => p.other)]);
  return [
    comparisonTable(c),
    ...c.pairs.map((p, i) => attributionTable(c, p, keys[i + 1] ?? String(i + 1))),
    ...c.pairs.flatMap((p, i) => fundingAttributionTable(c, p, keys[i + 1] ?? String(i + 1))),
  ];
}

/** CSV wants one header: every table is flattened to id, scenario, label and the years. */
export function comparisonCsvTables(c: Comparison): TableModel[] {
  const keys = scenarioKeys([c.base, ...c.pairs.map((p) => p.other)]);
  const [main, ...tables] = comparisonTables(c);
  const attributions = tables.filter((t) => t.id.startsWith('attribution-'));
  const funding = tables.filter((t) => t.id.startsWith('funding-attribution-'));
  const flat = (m: TableModel, scenario: (r: TableRow) => string, label: (r: TableRow) => string): TableModel => ({
    ...m,
    columns: [{ key: 'scenario', header: 'scenario', align: 'left' }, { key: 'label', header: 'label', align: 'left' }, ...yearCols(c)],
    rows: m.rows.map((r) => ({ ...r, cells: { ...r.cells, scenario: text(scenario(r)), label: text(label(r)) } })),
  });
  const rowLabel = new Map<string, string>(c.rows.map((r) => [r.id, r.label]));
  const labelOf = (r: TableRow): string => rowLabel.get(r.id.split('/').pop() ?? '') ?? '';
  return [
    flat(
      main as TableModel,
      (r) => (r.id.startsWith('difference/') ? `${r.id.split('/')[1]} − ${keys[0]}` : (r.id.split('/')[0] ?? '')),
      labelOf,
    ),
    ...[...attributions, ...funding].map((m) =>
      flat(
        m,
        () => `${m.id.replace(/^(funding-)?attribution-/, '')} − ${keys[0]}`,
        (r) => {
          const cell = r.cells.label;
          return cell?.kind === 'text' ? cell.text : '';
        },
      ),
    ),
  ];
}

export function comparisonAsJson(c: Comparison): unknown {
  const years = c.years;
  const files = [c.base, ...c.pairs.map((p) => p.other)].map((p) => p.scenario.file);
  const byYear = (m: ReadonlyMap<FiscalYear, Money>): Record<string, string> =>
    Object.fromEntries(years.map((y) => [y, toPlain(m.get(y) ?? ZERO)]));
  return {
    base: files[0],
    scenarios: files,
    units: c.base.scenario.units,
    years,
    rows: c.rows.map((row) => ({
      id: row.id,
      label: row.label,
      values: Object.fromEntries(
        [c.base, ...c.pairs.map((p) => p.other)].map((p) => [
          p.scenario.file,
          byYear(p.rows.find((r) => r.id === row.id)?.values ?? new Map<FiscalYear, Money>()),
        ]),
      ),
      differences: Object.fromEntries(
        c.pairs.map((p) => {
          const d = p.differences.find((x) => x.row.id === row.id);
          return [
            p.other.scenario.file,
            Object.fromEntries(
              years.map((y) => [y, { amount: toPlain(d?.amounts.get(y) ?? ZERO), assessment: d?.assessments.get(y) ?? 'nil' }]),
            ),
          ];
        }),
      ),
    })),
    attribution: Object.fromEntries(
      c.pairs.map((p) => [
        p.other.scenario.file,
        p.attribution.map((a) => ({ key: a.key, description: a.description, kind: a.kind, detail: a.detail, effect: byYear(a.effect) })),
      ]),
    ),
    ...(c.pairs.some((p) => p.fundingAttribution?.length)
      ? {
          funding_attribution: Object.fromEntries(
            c.pairs.map((p) => [
              p.other.scenario.file,
              (p.fundingAttribution ?? []).map((a) => ({
                key: a.key,
                description: a.description,
                kind: a.kind,
                detail: a.detail,
                effect: byYear(a.effect),
              })),
            ]),
          ),
        }
      : {}),
  };
}
