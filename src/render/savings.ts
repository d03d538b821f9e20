// Savings register and target search → tables and JSON. Shares are percentages rounded to 0.01
// (half away from zero), the one rounding here, stated in the notes.

import type { FiscalYear } from '../model/fiscal-year.js';
import { Dec, ZERO, roundTo, toPlain, type Money, dec } from '../model/money.js';
import { natureLabel, STATUS_MARK } from '../model/scenario.js';
import { RECONCILING_MARK } from './projection.js';
import { RANKING_RULE, type TargetResult } from '../reports/savings/target.js';
import type { SavingsRegister, RegisterEntry } from '../reports/savings/register.js';
import type { Subtotal } from '../project/subtotals.js';
import { blank, money, text, type Cell, type Column, type TableModel, type TableRow } from './table-model.js';

const yearCols = (years: readonly FiscalYear[]): Column[] => years.map((y) => ({ key: y, header: y, align: 'right' as const }));
const byYear = (years: readonly FiscalYear[], m: ReadonlyMap<FiscalYear, Money>): Record<string, Cell> =>
  Object.fromEntries(years.map((y) => [y, money(m.get(y) ?? ZERO)]));
const percent = (share: Dec): Dec => roundTo(share.times(100), 2, 'half-away-from-zero');

const REGISTER_COLUMNS: readonly Column[] = [
  { key: 'rank', header: 'Rank', align: 'right' },
  { key: 'ref', header: 'Ref', align: 'left' },
  { key: 'category', header: 'Category', align: 'left' },
  { key: 'nature', header: 'Nature', align: 'left' },
  { key: 'service_area', header: 'Service area', align: 'left' },
  { key: 'label', header: 'Description', align: 'left' },
];

function entryRow(r: SavingsRegister, e: RegisterEntry, values: ReadonlyMap<FiscalYear, Money>, prefix: string): TableRow {
  const l = e.schedule.line;
  return {
    id: `${prefix}.${l.ref}`,
    cells: {
      rank: l.reconciling ? blank : { kind: 'number', value: dec(e.rank) },
      ref: text(`${l.status ? STATUS_MARK[l.status] : ''}${l.ref}${l.reconciling ? RECONCILING_MARK : ''}`),
      category: text(l.category ?? ''),
      nature: text(natureLabel(l.nature)),
      service_area: text(l.serviceArea),
      label: text(l.description),
      ...byYear(r.projection.years, values),
      share: { kind: 'number', value: percent(e.share), dp: 2 },
    },
  };
}

function groupRow(r: SavingsRegister, prefix: string, what: string, g: Subtotal): TableRow {
  return {
    id: `${prefix}.${g.key
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`,
    cells: { label: text(`${what}: ${g.key}`), ...byYear(r.projection.years, g.levels) },
  };
}

export function registerTables(r: SavingsRegister): TableModel[] {
  const years = r.projection.years;
  const units = r.projection.scenario.units;
  const total: TableRow = {
    id: 'savings.total',
    cells: { label: text('Total savings (level)'), ...byYear(years, r.total), share: { kind: 'number', value: dec(100), dp: 2 } },
    emphasis: 'total',
  };
  const levels: TableModel = {
    id: 'register',
    title: `Saving options register: ${r.projection.scenario.file} (level of each saving in each year)`,
    units,
    columns: [...REGISTER_COLUMNS, ...yearCols(years), { key: 'share', header: `% of ${r.finalYear}`, align: 'right' }],
    rows: [
      ...r.entries.map((e) => entryRow(r, e, e.schedule.levels, 'savings')),
      total,
      ...r.byNature.map((g) => groupRow(r, 'savings.nature', 'Nature', g)),
      ...r.byCategory.map((g) => groupRow(r, 'savings.category', 'Category', g)),
    ],
    notes: [
      `Rank: by level in ${r.finalYear}, largest first. Share: of the total level in ${r.finalYear}, rounded to 0.01%.`,
      'Nature: Eff efficiency, SR service reduction, Inc income; subtotals by nature and by category each add up to the total.',
      ...(r.entries.some((e) => e.schedule.line.reconciling)
        ? [`${RECONCILING_MARK} reconciling line, not a saving option (see mtfs project --detail).`]
        : []),
    ],
    identities: [{ total: 'savings.total', parts: r.entries.map((e) => `savings.${e.schedule.line.ref}`) }],
  };
  const changes: TableModel = {
    id: 'register-changes',
    title: 'In-year change of each saving (what the budget table deducts)',
    units,
    columns: [{ key: 'ref', header: 'Ref', align: 'left' }, { key: 'label', header: 'Description', align: 'left' }, ...yearCols(years)],
    rows: [
      ...r.entries.map((e) => ({
        id: `change.${e.schedule.line.ref}`,
        cells: { ref: text(e.schedule.line.ref), label: text(e.schedule.line.description), ...byYear(years, e.schedule.changes) },
      })),
      {
        id: 'change.total',
        cells: {
          ref: blank,
          label: text('Total in-year change'),
          ...Object.fromEntries(
            years.map((y) => [y, money(r.entries.reduce((a, e) => a.plus(e.schedule.changes.get(y) ?? ZERO), dec(0)))]),
          ),
        },
        emphasis: 'total',
      },
    ],
    notes: [],
  };
  return [levels, changes];
}

/** CSV needs one header: the register's columns for every table. */
export function registerCsvTables(r: SavingsRegister): TableModel[] {
  const [levels, changes] = registerTables(r);
  if (!levels || !changes) return [];
  return [levels, { ...changes, columns: levels.columns }];
}

export function targetTable(t: TargetResult, units: TableModel['units']): TableModel {
  const years = [...t.targets.keys()];
  const rows: TableRow[] = [
    {
      id: 'target',
      cells: { rank: blank, options: text('Target'), sr: blank, count: blank, ...byYear(years, t.targets) },
      emphasis: 'total',
    },
    ...t.sets.map((s, i) => ({
      id: `set.${i + 1}`,
      cells: {
        rank: { kind: 'number' as const, value: dec(i + 1) },
        options: text(s.lines.map((l) => l.ref).join(' + ')),
        sr: { kind: 'number' as const, value: dec(s.serviceReductions) },
        count: { kind: 'number' as const, value: dec(s.lines.length) },
        ...byYear(years, s.totals),
      },
    })),
    {
      id: 'all',
      cells: {
        rank: blank,
        options: text(`All ${t.options.length} options`),
        sr: blank,
        count: { kind: 'number', value: dec(t.options.length) },
        ...byYear(years, t.allOptions),
      },
    },
  ];
  const short = years.filter((y) => (t.allOptions.get(y) ?? ZERO).lessThan(t.targets.get(y) ?? ZERO));
  return {
    id: 'target-sets',
    title: `Sets of saving options that meet the target (best ${t.sets.length})`,
    units,
    columns: [
      { key: 'rank', header: 'Rank', align: 'right' },
      { key: 'options', header: 'Options', align: 'left' },
      { key: 'sr', header: 'SR', align: 'right' },
      { key: 'count', header: 'Count', align: 'right' },
      ...yearCols(years),
    ],
    rows,
    notes: [
      ...(t.sets.length === 0
        ? [
            short.length
              ? `No set meets the target: even all ${t.options.length} options together fall short in ${short.join(', ')}.`
              : 'No set meets the target.',
          ]
        : []),
      `Minimal sets only (dropping any option would miss the target); ranked by ${RANKING_RULE}. Search is exhaustive and exact (${t.explored} branch${t.explored === 1 ? '' : 'es'} examined).`,
    ],
  };
}

export function registerAsJson(r: SavingsRegister, target?: TargetResult): unknown {
  const years = r.projection.years;
  const map = (m: ReadonlyMap<FiscalYear, Money>): Record<string, string> =>
    Object.fromEntries(years.map((y) => [y, toPlain(m.get(y) ?? ZERO)]));
  const group = (g: Subtotal) => ({ key: g.key, levels: map(g.levels) });
  return {
    scenario: r.projection.scenario.file,
    units: r.projection.scenario.units,
    years,
    final_year: r.finalYear,
    savings: r.entries.map((e) => ({
      ref: e.schedule.line.ref,
      rank: e.schedule.line.reconciling ? null : e.rank,
      reconciling: e.schedule.line.reconciling,
      status: e.schedule.line.status ?? null,
      category: e.schedule.line.category ?? null,
      nature: e.schedule.line.nature,
      service_area: e.schedule.line.serviceArea,
      description: e.schedule.line.description,
      levels: map(e.schedule.levels),
      changes: map(e.schedule.changes),
      share_percent: toPlain(percent(e.share)),
    })),
    total: map(r.total),
    by_nature: r.byNature.map(group),
    by_category: r.byCategory.map(group),
    ...(target
      ? {
          target: {
            targets: Object.fromEntries([...target.targets].map(([y, v]) => [y, toPlain(v)])),
            ranking: RANKING_RULE,
            sets: target.sets.map((s) => ({
              refs: s.lines.map((l) => l.ref),
              service_reductions: s.serviceReductions,
              totals: Object.fromEntries([...s.totals].map(([y, v]) => [y, toPlain(v)])),
              excess: toPlain(s.excess),
            })),
            all_options: Object.fromEntries([...target.allOptions].map(([y, v]) => [y, toPlain(v)])),
          },
        }
      : {}),
  };
}
