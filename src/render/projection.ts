// Projection → the tables a user sees (the para 14 budget table and, with --detail, the growth and
// savings schedules like Appendices B and C) and → JSON. Pure; rounding happens in the renderers.

import type { FiscalYear } from '../model/fiscal-year.js';
import { ZERO, toPlain, type Money } from '../model/money.js';
import { statusMark } from '../model/classification.js';
import { isEstimate, writtenNature, type LineType, type Scenario } from '../model/scenario.js';
import { classSubtotals, SUBTOTALLED, type Subtotal } from '../project/subtotals.js';
import { budgetIdentities, totalChanges, totalLevels, type LineSchedule, type Projection } from '../project/project.js';
import { budgetRowMark, cumulativeRoundingNote, fundingIdentities, fundingJson, fundingNotes, positionRow } from './funding.js';
import { KIND_ROW_ID, KIND_ROW_LABEL, LINE_KINDS } from '../model/line-kind.js';
import { layoutChoosesKind, scheduleWords } from '../model/layout.js';
import { inflationJson } from './inflation.js';
import { CLI_POINTERS, ESTIMATE_MARK, RECONCILING_MARK, type Pointers } from './marks.js';
import { slippageLabel, type Slippage } from '../model/saving-delivery.js';
import { slug } from '../model/slug.js';
import { blank, money, text, type TableModel, type TableRow, yearColumns } from './table-model.js';
import type { DisplayOptions } from './number.js';
import { departmentGrossIncomeJson, grossIncomeJson, publishedGrossIncomeJson } from './gross-income.js';

export { ESTIMATE_MARK, RECONCILING_MARK };

export function describeScenario(p: Projection): string {
  return scenarioTitle(p.scenario);
}

/** `Authority — Department: Title` (the MTFS years when there is no title). */
export function scenarioTitle(s: Scenario): string {
  const first = s.years[0] ?? '';
  const last = s.years[s.years.length - 1] ?? '';
  return `${s.authority} — ${s.department}: ${s.title ?? `MTFS ${first}–${last}`}`;
}

/** Footnotes that keep estimates and reconciling lines visible in the summary table. */
export function provenanceNotes(p: Projection, pointers: Pointers = CLI_POINTERS): string[] {
  const seeMore = pointers.more;
  const notes: string[] = [];
  const reconciling = p.scenario.lines.filter((l) => l.reconciling);
  if (reconciling.length) {
    notes.push(
      `includes ${reconciling.length} reconciling line${reconciling.length === 1 ? '' : 's'} not described in the source text (${reconciling
        .map((l) => `${l.ref} ${l.type}`)
        .join(', ')}); ${seeMore}.`,
    );
  }
  // each line's estimated levels, read in place (a line's levels are a YearMap: no iterator made for each)
  const estimated: string[] = [];
  for (const l of p.scenario.lines)
    l.levels.forEach((v) => {
      if (isEstimate(v.basis)) estimated.push(l.ref);
    });
  if (estimated.length) {
    const refs = [...new Set(estimated)];
    notes.push(
      `${estimated.length} line level${estimated.length === 1 ? ' is' : 's are'} estimated for years the source does not state (${refs.join(', ')}); ${seeMore}.`,
    );
  }
  const built = p.scenario.lines.filter((l) => l.drivers !== undefined).map((l) => l.ref);
  if (built.length) {
    notes.push(
      `${built.join(', ')} ${built.length === 1 ? 'is' : 'are'} built from demand drivers (cost less base-year cost), not published levels; ${pointers.demand}.`,
    );
  }
  const inflated = p.scenario.lines.filter((l) => l.inflation !== undefined).map((l) => l.ref);
  if (inflated.length) {
    notes.push(
      `${inflated.join(', ')} ${inflated.length === 1 ? 'is' : 'are'} built from inflation drivers (inflated cost less base-year cost), not published levels; ${seeMore}.`,
    );
  }
  for (const v of p.scenario.variantSets ?? []) notes.push(`Set by the variant ${v.file}: ${v.text} (${v.reason}).`);
  // a department that is a variant: what it set moves the council's figures too
  for (const d of p.departments ?? []) {
    if (d.department.kind !== 'scenario') continue;
    for (const v of d.department.scenario.variantSets ?? [])
      notes.push(`${d.department.name}: set by the variant ${v.file}: ${v.text} (${v.reason}).`);
  }
  for (const w of p.scenario.whatIf ?? []) notes.push(pointers.whatIf(w));
  return notes;
}

/**
 * The budget table. `display` is how text formats will round it: the position words and the
 * rounding note follow the figures as printed; without it (CSV), they follow the exact figures.
 */
export function summaryTable(p: Projection, display?: DisplayOptions, pointers: Pointers = CLI_POINTERS): TableModel {
  const rows: TableRow[] = p.rows.flatMap((r) => {
    const row: TableRow = {
      id: r.id,
      cells: {
        label: text(r.label),
        ...Object.fromEntries(
          p.years.map((y) => {
            const v = r.values.get(y) ?? ZERO;
            const unstated = r.blankUnstated === true && r.stated?.has(y) !== true;
            const estimate = r.estimated?.has(y) === true;
            const marker = budgetRowMark(p, r.id, y) || (estimate ? ESTIMATE_MARK : '');
            return [
              y,
              money(v, {
                deduction: r.deduction === true,
                ...(unstated ? { blankInText: true } : {}),
                ...(marker ? { marker } : {}),
              }),
            ];
          }),
        ),
      },
      ...(r.id === 'net_budget' || r.id === 'funding' || r.id === 'gap' ? { emphasis: 'total' as const } : {}),
    };
    return r.id === 'gap' && p.funding ? [row, positionRow(p.funding, p.years, p.scenario.units, display)] : [row];
  });
  return {
    id: 'budget',
    title: describeScenario(p),
    units: p.scenario.units,
    columns: [{ key: 'label', header: '', align: 'left' }, ...yearColumns(p.years)],
    rows,
    notes: [
      ...provenanceNotes(p, pointers),
      ...fundingNotes(p, pointers),
      ...(p.funding && display ? cumulativeRoundingNote(p.funding, p.years, p.scenario.units, display) : []),
    ],
    identities: [...(p.departments ? [] : budgetIdentities(p.scenario.layout)), ...fundingIdentities(p)],
  };
}

/** Subtotal rows of a schedule by one classification. */
function groupRows(prefix: string, label: string, groups: readonly Subtotal[], years: readonly FiscalYear[]): TableRow[] {
  return groups.map((g) => ({
    id: `${prefix}.${slug(g.key)}`,
    cells: {
      ref: blank,
      label: text(`${label}: ${g.label ?? g.key}`),
      ...Object.fromEntries(years.map((y) => [y, money(g.levels.get(y) ?? ZERO)])),
    },
  }));
}

/** The growth or savings schedule: each line's level per year, subtotals, totals and in-year change. */
export function scheduleTable(p: Projection, type: LineType, pointers: Pointers = CLI_POINTERS): TableModel {
  const schedules = p.schedulesOf(type);
  const prefix = KIND_ROW_ID[type];
  // the source's own words for the schedule and its change row, where its declared layout gives them
  const words = scheduleWords(p.scenario.layout, type);
  const years = p.years;
  // the Delivery column appears only when some saving has a RAG rating, slippage or a stage
  const delivery = type === 'saving' && schedules.some((s) => deliveryLabel(s.line) !== '');
  // the Nature column of a savings schedule, unless the scenario declares its classifications
  // without a nature and no saving has one
  const classes = p.scenario.classifications;
  const natureColumn = type === 'saving' && (!classes || classes.nature !== undefined || schedules.some((s) => s.line.nature.length > 0));
  const lineRows: TableRow[] = schedules.map((s) => ({
    id: `${prefix}.${s.line.ref}`,
    cells: {
      ref: text(`${statusMark(p.scenario.classifications, s.line.status)}${s.line.ref}${s.line.reconciling ? RECONCILING_MARK : ''}`),
      ...(natureColumn ? { nature: text(writtenNature(s.line)) } : {}),
      ...(delivery ? { delivery: text(deliveryLabel(s.line)) } : {}),
      label: text(s.line.description),
      ...Object.fromEntries(
        years.map((y) => {
          const level = s.line.levels.get(y);
          return [y, money(s.levels.get(y) ?? ZERO, level && isEstimate(level.basis) ? { marker: ESTIMATE_MARK } : {})];
        }),
      ),
    },
  }));
  const total = totalLevels(schedules, years);
  const change = totalChanges(schedules, years);
  const noun = KIND_ROW_LABEL[type].toLowerCase();
  const totalRows: TableRow[] = [
    {
      id: `${prefix}.total`,
      cells: {
        ref: blank,
        label: text(`Total ${noun} (level)`),
        ...Object.fromEntries(years.map((y) => [y, money(total.get(y) ?? ZERO)])),
      },
      emphasis: 'total',
    },
    {
      id: `${prefix}.change`,
      cells: {
        ref: blank,
        label: text(
          words.changeRow && (type === 'growth' || type === 'saving')
            ? `Change on previous year (${words.changeRow})`
            : 'Change on previous year',
        ),
        ...Object.fromEntries(years.map((y) => [y, money(change.get(y) ?? ZERO)])),
      },
    },
  ];
  const byClass = SUBTOTALLED.flatMap((name) => {
    const c = classSubtotals(p.scenario.classifications, type, name, schedules, years);
    return c ? groupRows(`${prefix}.${name}`, c.heading, c.groups, years) : [];
  });
  const estimates = schedules.some((s) => [...s.line.levels.values()].some((l) => isEstimate(l.basis)));
  const reconciling = schedules.filter((s) => s.line.reconciling);
  const notes = [
    ...(estimates
      ? [
          `${ESTIMATE_MARK} estimated: the source does not state this year; linear between stated levels rounded to whole units, or the earlier level held, as the line says.`,
        ]
      : []),
    ...reconciling.map((s) => `${RECONCILING_MARK} ${s.line.ref} is a reconciling line: ${s.line.note ?? ''}`),
    ...(delivery ? deliveryNotes(schedules, pointers) : []),
    ...(schedules.some((s) => s.line.drivers)
      ? [
          `${schedules
            .filter((s) => s.line.drivers)
            .map((s) => s.line.ref)
            .join(', ')}: built from demand drivers (${pointers.demand}).`,
        ]
      : []),
    ...(schedules.some((s) => s.line.inflation !== undefined)
      ? [
          `${schedules
            .filter((s) => s.line.inflation !== undefined)
            .map((s) => s.line.ref)
            .join(', ')}: built from inflation drivers: the base compounded by each year's rate (the inflation tables below show how).`,
        ]
      : []),
    ...(schedules.some((s) => s.line.writtenAs === 'changes')
      ? [
          `${schedules
            .filter((s) => s.line.writtenAs === 'changes')
            .map((s) => s.line.ref)
            .join(', ')}: written as each year's change; the levels shown are their running sums.`,
        ]
      : []),
    ...(schedules.some((s) => s.line.oneOff)
      ? [
          `${schedules
            .filter((s) => s.line.oneOff)
            .map((s) => s.line.ref)
            .join(', ')}: one-off, falling out the year after each stated year.`,
        ]
      : []),
    `Levels are the line's total in each year (savings as positive amounts saved); the change row is what the budget table shows.`,
  ];
  return {
    id: prefix,
    title: `${scheduleName(p, type)}: level of each line`,
    units: p.scenario.units,
    columns: [
      { key: 'ref', header: 'Ref', align: 'left' },
      ...(natureColumn ? [{ key: 'nature', header: 'Nature', align: 'left' as const }] : []),
      ...(delivery ? [{ key: 'delivery', header: 'Delivery', align: 'left' as const }] : []),
      { key: 'label', header: 'Description', align: 'left' },
      ...yearColumns(years),
    ],
    rows: [...lineRows, ...totalRows, ...byClass],
    notes,
  };
}

/**
 * A schedule's name: the kind's, with the name the source gives it where the declared layout says
 * (`Growth schedule (Appendix B)`); `short` drops the word schedule (`Growth (Appendix B)`).
 */
export function scheduleName(p: Projection, type: LineType, short = false): string {
  const name = scheduleWords(p.scenario.layout, type).name;
  return `${KIND_ROW_LABEL[type]}${short ? '' : ' schedule'}${name === undefined ? '' : ` (${name})`}`;
}

/**
 * Whether `--detail`, the report and the workbook show a kind's schedule: where it has lines; growth
 * and savings also when empty, unless the scenario's own layout has no row for them.
 */
export function showsSchedule(p: Projection, type: LineType): boolean {
  if (p.scenario.lines.some((l) => l.type === type)) return true;
  if (type !== 'growth' && type !== 'saving') return false;
  return !p.scenario.layout.declared || layoutChoosesKind(p.scenario.layout, type);
}

/** The schedules `--detail` shows: growth and savings (then savings under development, if any),
 * then every other kind with lines. */
export function scheduleTables(p: Projection): TableModel[] {
  return scheduleTableMakers(p).map((make) => make());
}

/**
 * The same schedules, each as a function that makes it, in order: a renderer makes each table as it
 * comes to it, so the rows of one schedule (a row for every line) are dropped before the next's.
 */
export function scheduleTableMakers(p: Projection): (() => TableModel)[] {
  const kinds = LINE_KINDS.filter((k) => showsSchedule(p, k));
  const ordered = [...kinds.filter((k) => k === 'growth' || k === 'saving'), ...kinds.filter((k) => k !== 'growth' && k !== 'saving')];
  const hasUnderDevelopment = p.underDevelopment.length > 0;
  return ordered.flatMap((k) => [
    () => scheduleTable(p, k),
    ...(k === 'saving' && hasUnderDevelopment ? [() => underDevelopmentTable(p) as TableModel] : []),
  ]);
}

/** `amber; slips 1 year; unidentified`: a saving's RAG rating, slippage and stage ('' for none). */
export function deliveryLabel(line: LineSchedule['line']): string {
  return [line.rag, line.slippage && slippageLabel(line.slippage), line.stage].filter((x) => x).join('; ');
}

function deliveryNotes(schedules: readonly LineSchedule[], pointers: Pointers): string[] {
  const slipped = schedules.filter((s) => s.line.slippage);
  const unidentified = schedules.filter((s) => s.line.stage === 'unidentified');
  return [
    ...(slipped.length
      ? [
          `Slippage: ${slipped.map((s) => s.line.ref).join(', ')} ${slipped.length === 1 ? 'is' : 'are'} shown at the level delivered after slipping, not the level planned${pointers.planned ? ` (${pointers.planned})` : ''}.`,
        ]
      : []),
    ...(unidentified.length
      ? [
          `Unidentified: ${unidentified.map((s) => s.line.ref).join(', ')} ${unidentified.length === 1 ? 'is a sum' : 'are sums'} the budget assumes will be found, with no proposal behind ${unidentified.length === 1 ? 'it' : 'them'} yet.`,
        ]
      : []),
  ];
}

/** Savings under development: not in the budget until their business cases are complete (none: undefined). */
export function underDevelopmentTable(p: Projection, pointers: Pointers = CLI_POINTERS): TableModel | undefined {
  const schedules = p.underDevelopment;
  if (schedules.length === 0) return undefined;
  const years = p.years;
  const rows: TableRow[] = schedules.map((s) => ({
    id: `under_development.${s.line.ref}`,
    cells: {
      ref: text(`${statusMark(p.scenario.classifications, s.line.status)}${s.line.ref}`),
      nature: text(writtenNature(s.line)),
      delivery: text(deliveryLabel(s.line)),
      label: text(s.line.description),
      ...Object.fromEntries(years.map((y) => [y, money(s.levels.get(y) ?? ZERO)])),
    },
  }));
  const total = totalLevels(schedules, years);
  return {
    id: 'under_development',
    title: 'Savings under development (not in the budget): level of each line',
    units: p.scenario.units,
    columns: [
      { key: 'ref', header: 'Ref', align: 'left' },
      { key: 'nature', header: 'Nature', align: 'left' },
      { key: 'delivery', header: 'Delivery', align: 'left' },
      { key: 'label', header: 'Description', align: 'left' },
      ...yearColumns(years),
    ],
    rows: [
      ...rows,
      {
        id: 'under_development.total',
        cells: {
          ref: blank,
          nature: blank,
          delivery: blank,
          label: text('Total under development (level)'),
          ...Object.fromEntries(years.map((y) => [y, money(total.get(y) ?? ZERO)])),
        },
        emphasis: 'total',
      },
    ],
    notes: [`These savings are not counted in the net budget until their business cases are complete; ${pointers.options}.`],
  };
}

/** JSON for `mtfs project --format json`: amounts as exact strings in the scenario's units. */
export function projectionAsJson(p: Projection, detail: boolean): unknown {
  const s = p.scenario;
  const byYear = (m: ReadonlyMap<FiscalYear, Money>): Record<string, string> =>
    Object.fromEntries(p.years.map((y) => [y, toPlain(m.get(y) ?? ZERO)]));
  const lineJson = (sch: LineSchedule) => ({
    ref: sch.line.ref,
    type: sch.line.type,
    description: sch.line.description,
    status: sch.line.status ?? null,
    category: sch.line.category ?? null,
    nature: sch.line.natureWritten,
    service_area: sch.line.serviceArea,
    reconciling: sch.line.reconciling,
    unstated: sch.line.unstated ?? null,
    source: sch.line.source,
    note: sch.line.note ?? null,
    ...(sch.line.type === 'saving'
      ? {
          rag: sch.line.rag ?? null,
          stage: sch.line.stage ?? 'identified',
          slippage: sch.line.slippage ? slippageJson(sch.line.slippage) : null,
        }
      : {}),
    origin: `${sch.line.origin.file}:${sch.line.origin.line}`,
    levels: Object.fromEntries(
      p.years.map((y) => {
        const l = sch.line.levels.get(y);
        const delivered = sch.levels.get(y) ?? ZERO;
        const planned = l?.amount ?? delivered;
        return [
          y,
          { amount: toPlain(delivered), basis: l?.basis ?? 'stated', ...(planned.equals(delivered) ? {} : { planned: toPlain(planned) }) },
        ];
      }),
    ),
    changes: byYear(sch.changes),
    ...(sch.line.grossIncome ? grossIncomeJson(sch.line.grossIncome, p.years) : {}),
  });
  return {
    scenario: {
      file: s.file,
      authority: s.authority,
      department: s.department,
      title: s.title ?? null,
      units: s.units,
      period: { from: p.years[0], to: p.years[p.years.length - 1] },
    },
    years: p.years,
    rows: p.rows.map((r) => ({ id: r.id, label: r.label, values: byYear(r.values) })),
    notes: [...provenanceNotes(p), ...fundingNotes(p)],
    ...fundingJson(p),
    ...(detail && s.departments ? departmentGrossIncomeJson(p) : {}),
    ...(detail && !s.departments
      ? {
          growth: { lines: p.growth.map(lineJson), total_levels: byYear(totalLevels(p.growth, p.years)) },
          savings: { lines: p.savings.map(lineJson), total_levels: byYear(totalLevels(p.savings, p.years)) },
          ...(s.grossAndIncome ? { gross_and_income: publishedGrossIncomeJson(p) } : {}),
          ...(p.underDevelopment.length
            ? {
                under_development: {
                  lines: p.underDevelopment.map(lineJson),
                  total_levels: byYear(totalLevels(p.underDevelopment, p.years)),
                },
              }
            : {}),
          ...(s.inflation?.length ? { inflation: inflationJson(s) } : {}),
        }
      : {}),
  };
}

function slippageJson(s: Slippage): Record<string, string | number | null> {
  return s.kind === 'years'
    ? { years: s.years, note: s.note ?? null }
    : { fraction: toPlain(s.fraction), year: s.year ?? null, note: s.note ?? null };
}
