// Savings register and target search → tables and JSON. Shares are percentages rounded to 0.01
// (half away from zero), the one rounding here, stated in the notes.

import type { FiscalYear } from '../model/fiscal-year.js';
import { Dec, ZERO, roundTo, toPlain, type Money, dec } from '../model/money.js';
import { CLASSIFICATION_HEADING, natureKey, statusMark, type Classifications } from '../model/classification.js';
import { slug } from '../model/slug.js';
import type { Projection } from '../project/project.js';
import { writtenNature } from '../model/scenario.js';
import { RECONCILING_MARK } from './projection.js';
import { RANKING_RULE, type AlternativeSets } from '../reports/savings/target.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import type { SavingsRegister, RegisterEntry } from '../reports/savings/register.js';
import type { Subtotal } from '../project/subtotals.js';
import { blank, money, text, type Cell, type Column, type TableModel, type TableRow, yearColumns } from './table-model.js';

const yearCols = yearColumns;
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
      ref: text(`${statusMark(r.projection.scenario.classifications, l.status)}${l.ref}${l.reconciling ? RECONCILING_MARK : ''}`),
      category: text(l.category ?? ''),
      nature: text(writtenNature(l)),
      service_area: text(l.serviceArea),
      label: text(l.description),
      ...byYear(r.projection.years, values),
      share: { kind: 'number', value: percent(e.share), dp: 2 },
    },
  };
}

const heading = (r: SavingsRegister, name: 'nature' | 'category'): string =>
  r.projection.scenario.classifications?.[name]?.heading ?? CLASSIFICATION_HEADING[name];

function groupRow(r: SavingsRegister, prefix: string, what: string, g: Subtotal): TableRow {
  return {
    id: `${prefix}.${slug(g.key)}`,
    cells: { label: text(`${what}: ${g.label ?? g.key}`), ...byYear(r.projection.years, g.levels) },
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
      ...r.byNature.map((g) => groupRow(r, 'savings.nature', heading(r, 'nature'), g)),
      ...r.byCategory.map((g) => groupRow(r, 'savings.category', heading(r, 'category'), g)),
    ],
    notes: [
      `Rank: by level in ${r.finalYear}, largest first. Share: of the total level in ${r.finalYear}, rounded to 0.01%.`,
      natureNote(natureKey(natureClasses(r.projection))),
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

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The sets that meet a target, each with its options described and what it leaves out. */
export function targetTable(t: AlternativeSets, units: TableModel['units']): TableModel {
  const search = t.search;
  const years = [...search.targets.keys()];
  const none = { set: blank, ref: blank, nature: blank };
  const rows: TableRow[] = [
    { id: 'target', cells: { ...none, label: text('Target'), ...byYear(years, search.targets) }, emphasis: 'total' },
  ];
  t.sets.forEach((s, i) => {
    rows.push({
      id: `set.${i + 1}`,
      cells: {
        ...none,
        set: { kind: 'number', value: dec(i + 1) },
        label: text(
          `${i === 0 ? 'Best set' : 'Alternative'}: ${count(s.options.length, 'option')}, ${count(s.serviceReductions, 'service reduction')}`,
        ),
        ...byYear(years, s.totals),
      },
      emphasis: 'total',
    });
    for (const { line: l, levels, department } of s.options)
      rows.push({
        id: `set.${i + 1}.${l.ref}`,
        cells: {
          set: blank,
          ref: text(l.ref),
          nature: text(writtenNature(l)),
          label: text(department ? `${department}: ${l.description}` : l.description),
          ...byYear(years, levels),
        },
      });
    const out = t.leftOut[i] ?? [];
    rows.push({
      id: `set.${i + 1}.leaves_out`,
      cells: {
        ...none,
        label: text(out.length ? `Leaves out: ${out.map((o) => o.line.ref).join(', ')}` : 'Leaves out nothing'),
        ...Object.fromEntries(years.map((y) => [y, blank])),
      },
    });
  });
  rows.push({
    id: 'all',
    cells: { ...none, label: text(`All ${search.options.length} options together`), ...byYear(years, search.allOptions) },
  });
  const short = years.filter(
    (y) => !search.notNeeded.includes(y) && (search.allOptions.get(y) ?? ZERO).lessThan(search.targets.get(y) ?? ZERO),
  );
  const underDevelopment = search.options.filter((o) => o.line.stage === 'under-development').map((o) => o.line.ref);
  const notes: string[] = [];
  if (t.noneNeeded) notes.push('No savings needed: the target is nil or less in every year, so it is met without any of these options.');
  else {
    if (search.notNeeded.length)
      notes.push(
        `No savings needed in ${search.notNeeded.join(', ')}: the target there is nil or less, so the sets are chosen to meet the other years.`,
      );
    if (t.sets.length === 0)
      notes.push(
        short.length
          ? `No set meets the target: even all ${search.options.length} options together fall short in ${short.join(', ')}.`
          : 'No set meets the target.',
      );
    else {
      notes.push(
        `The best set comes first, ranked by ${RANKING_RULE}. Each set is minimal: dropping any one of its options would miss the target.`,
        `Each alternative leaves out at least ${formatPlainGrouped(roundTo(t.differBy, 0, 'truncate'))} (${units}) in ${t.measuredIn} of the options of every set above it, so it is a different choice, not the same set with small options swapped.`,
      );
      if (t.sets.length === 1 && search.sets.length > 1)
        notes.push('No other set that meets the target differs from the best set by that much.');
    }
  }
  if (underDevelopment.length) notes.push(`Under development (not yet in the budget): ${underDevelopment.join(', ')}.`);
  return {
    id: 'target-sets',
    title: t.noneNeeded
      ? 'Sets of saving options that meet the target: none needed'
      : `Sets of saving options that meet the target (${t.sets.length === 1 ? 'the best set' : `the best set and ${count(t.sets.length - 1, 'alternative')}`})`,
    units,
    columns: [
      { key: 'set', header: 'Set', align: 'right' },
      { key: 'ref', header: 'Ref', align: 'left' },
      { key: 'nature', header: 'Nature', align: 'left' },
      { key: 'label', header: 'Description', align: 'left' },
      ...yearCols(years),
    ],
    rows,
    notes,
  };
}

export function registerAsJson(r: SavingsRegister, target?: AlternativeSets): unknown {
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
      nature: e.schedule.line.natureWritten,
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
            targets: Object.fromEntries([...target.search.targets].map(([y, v]) => [y, toPlain(v)])),
            not_needed: target.search.notNeeded,
            ranking: RANKING_RULE,
            none_needed: target.noneNeeded,
            differ_by: { amount: toPlain(target.differBy), year: target.measuredIn },
            sets: target.sets.map((s, i) => ({
              refs: s.options.map((o) => o.line.ref),
              leaves_out: (target.leftOut[i] ?? []).map((o) => o.line.ref),
              service_reductions: s.serviceReductions,
              totals: Object.fromEntries([...s.totals].map(([y, v]) => [y, toPlain(v)])),
              excess: toPlain(s.excess),
            })),
            all_options: Object.fromEntries([...target.search.allOptions].map(([y, v]) => [y, toPlain(v)])),
            branches_examined: target.search.explored,
          },
        }
      : {}),
  };
}

/** The register's note: the nature codes the scenario declares, and that the subtotals add up. */
const natureNote = (key: string | undefined): string =>
  `${key ? `Nature: ${key}; subtotals` : 'Subtotals'} by nature and by category each add up to the total.`;

/** The classifications that declare natures: the scenario's, or for a whole council its departments' (the first that declares them). */
function natureClasses(p: Projection): Classifications | undefined {
  if (p.scenario.classifications?.nature) return p.scenario.classifications;
  return (p.departments ?? [])
    .map((d) => (d.department.kind === 'scenario' ? d.department.scenario.classifications : undefined))
    .find((c) => c?.nature !== undefined);
}
