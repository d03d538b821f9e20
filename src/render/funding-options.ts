// The LGA funding options → what `mtfs options` shows: national yields, costs of needs and
// sufficiency (in £m), the local view under a named basis (in the authority's units), the
// catalogue of ids, and JSON. Pure; figures stay exact and are rounded once by the renderers.

import type { FiscalYear } from '../model/fiscal-year.js';
import { toPlain, type Money } from '../model/money.js';
import type { NationalData, NationalSeries, NationalTable } from '../model/national-options.js';
import type { SeriesValue } from '../model/published-series.js';
import { roundTo } from '../model/money.js';
import type { LocalView, Share } from '../reports/funding-options/local.js';
import { INTERPOLATION_DP, publishedYears, type NationalView, type SeriesRow } from '../reports/funding-options/national.js';
import { percent } from './parameter-text.js';
import { ESTIMATE_MARK, HELD_MARK } from './marks.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { blank, money, text, type Cell, type Column, type TableModel, type TableRow, yearColumns } from './table-model.js';

const columns = (years: readonly FiscalYear[]): Column[] => [
  { key: 'ref', header: 'Id', align: 'left' },
  { key: 'label', header: '', align: 'left' },
  ...yearColumns(years),
];

const MARKS: Record<SeriesValue['basis'], string | undefined> = {
  published: undefined,
  interpolated: ESTIMATE_MARK,
  held: HELD_MARK,
  'not-comparable': undefined,
  'not-published': undefined,
};

/** Shown where two published points are estimates on different bases. */
const NOT_COMPARABLE = 'n/c';

function seriesCell(v: SeriesValue | undefined): Cell {
  if (!v) return blank;
  if (v.amount === undefined) return v.basis === 'not-comparable' ? text(NOT_COMPARABLE) : blank;
  const mark = MARKS[v.basis];
  return money(v.amount, mark ? { marker: mark } : {});
}

function seriesRow(prefix: string, r: SeriesRow<NationalSeries>, years: readonly FiscalYear[]): TableRow {
  return {
    id: `${prefix}.${r.item.id}`,
    cells: {
      ref: text(r.item.id),
      label: text(`${r.item.label}${r.item.illustrative ? ' (illustrative)' : ''}`),
      ...Object.fromEntries(years.map((y) => [y, seriesCell(r.values.get(y))])),
    },
  };
}

/** A row of figures by year (blank where a year has none). */
function yearRow(id: string, label: string, m: ReadonlyMap<FiscalYear, Money>, years: readonly FiscalYear[]): TableRow {
  return {
    id,
    cells: {
      ref: blank,
      label: text(label),
      ...Object.fromEntries(
        years.map((y) => {
          const v = m.get(y);
          return [y, v === undefined ? blank : money(v)];
        }),
      ),
    },
  };
}

function totalRow(id: string, label: string, m: ReadonlyMap<FiscalYear, Money>, years: readonly FiscalYear[]): TableRow {
  return { ...yearRow(id, label, m, years), emphasis: 'total' };
}

function markNotes(rs: readonly SeriesRow<NationalSeries>[]): string[] {
  const bases = new Set(rs.flatMap((r) => [...r.values.values()].map((v) => v.basis)));
  return [
    ...(bases.has('interpolated')
      ? [`${ESTIMATE_MARK} between published points: a straight line, rounded to £0.1m half away from zero.`]
      : []),
    ...(bases.has('held') ? [`${HELD_MARK} after the last published point: that figure, held (an assumption, not a forecast).`] : []),
    ...(bases.has('not-comparable')
      ? [
          `${NOT_COMPARABLE}: between two published figures that are estimates on different bases (e.g. the LGA's 2024/25 uprating and another organisation's 2030/31 estimate), so no straight line is drawn and totals are blank.`,
        ]
      : []),
    ...(bases.has('not-published')
      ? [
          'Blank: not published for this year (before the first published figure, or after the last in a series that is not held; see its note). A blank is not counted as nil: a total with a blank part is left blank.',
        ]
      : []),
  ];
}

const itemNotes = (rs: readonly SeriesRow<NationalSeries>[]): string[] =>
  rs.flatMap((r) => (r.item.note ? [`${r.item.id}: ${r.item.note}.`] : []));

/** The tables of `mtfs options` for a chosen mix, in order: yields, costs, sufficiency, local view. */
export function optionsTables(view: NationalView, data: NationalData, local: LocalView | undefined): TableModel[] {
  const years = view.years;
  const tables: TableModel[] = [];
  const series = <T extends NationalSeries>(
    id: 'options' | 'needs',
    prefix: 'option' | 'need',
    title: string,
    rs: readonly SeriesRow<T>[],
    sum: ReadonlyMap<FiscalYear, Money>,
    totalLabel: string,
    table: NationalTable<T>,
  ): void => {
    if (rs.length === 0) return;
    tables.push({
      id,
      title,
      units: '£m',
      columns: columns(years),
      rows: [...rs.map((r) => seriesRow(prefix, r, years)), totalRow(`${id}.total`, totalLabel, sum, years)],
      notes: [...markNotes(rs), ...itemNotes(rs), `Source: ${table.file} (${table.source}); each figure's source is in --format json.`],
      identities: [{ total: `${id}.total`, parts: rs.map((r) => `${prefix}.${r.item.id}`) }],
    });
  };
  series(
    'options',
    'option',
    'National yield of the chosen options (LGA green paper 2018)',
    view.options,
    view.optionsTotal,
    'Total yield of the chosen options',
    data.options,
  );
  series(
    'needs',
    'need',
    'National cost of the chosen needs (LGA options for change)',
    view.needs,
    view.needsTotal,
    'Total cost of the chosen needs',
    data.needs,
  );
  const s = view.sufficiency;
  if (s) {
    const position = (y: FiscalYear): Cell => {
      const v = s.shortfall.get(y);
      return v === undefined ? blank : text(v.isPositive() && !v.isZero() ? 'shortfall' : 'sufficient');
    };
    tables.push({
      id: 'sufficiency',
      title: 'Sufficiency: does the chosen mix pay for the chosen needs? (national)',
      units: '£m',
      columns: columns(years),
      rows: [
        totalRow('sufficiency.yield', 'Yield of the chosen options', s.yield, years),
        totalRow('sufficiency.cost', 'Cost of the chosen needs', s.cost, years),
        totalRow('sufficiency.shortfall', 'Shortfall: cost less yield (a surplus in brackets)', s.shortfall, years),
        {
          id: 'sufficiency.position',
          cells: { ref: blank, label: text('Position'), ...Object.fromEntries(years.map((y) => [y, position(y)])) },
        },
        ...view.needs.map((r) => ({
          id: `sufficiency.uncovered.${r.item.id}`,
          cells: {
            ref: text(r.item.id),
            label: text(`Not covered: ${r.item.label}`),
            ...Object.fromEntries(
              years.map((y) => {
                const v = s.uncovered.get(r.item.id)?.get(y);
                return [y, v === undefined ? blank : money(v)];
              }),
            ),
          },
        })),
      ],
      notes: [
        `The yield meets the needs in the order given (${view.needs.map((r) => r.item.id).join(', ')}): "Not covered" is what each need still lacks.`,
      ],
      identities: [{ total: 'sufficiency.cost', parts: ['sufficiency.yield', 'sufficiency.shortfall'] }],
    });
  }
  if (local) tables.push(localTable(local));
  return tables;
}

const BASIS_NAMES: Record<Share['basis'], string> = {
  'asc-net-spend': 'ASC net spend share',
  population: 'population share',
  explicit: 'explicit share',
};

/** Shown next to every local figure, e.g. `ASC net spend share 0.9133%` (the percentage rounded for display only). */
function shareLabel(share: Share): string {
  return `${BASIS_NAMES[share.basis]} ${percentOf(share)}`;
}

const percentOf = (share: Share): string =>
  `${roundTo(share.numerator.times(100).dividedBy(share.denominator), 4, 'half-away-from-zero').toFixed(4)}%`;

/** How the share was obtained: both figures and their sources. */
function shareDerivation(share: Share): string {
  if (!share.own || !share.national) return `an explicit share of ${percentOf(share)} given with --share`;
  const what = share.basis === 'asc-net-spend' ? `${share.units} national adult social care net spend` : share.units;
  return `${formatPlainGrouped(share.numerator)} of ${formatPlainGrouped(share.denominator)} ${what} (${share.own.when}: ${share.own.source}; national ${share.national.when}: ${share.national.source}${share.national.external ? ' (external: not checked against a document in this repository)' : ''})`;
}

/** Says which years a local figure is blank in because a chosen item has no national figure there. */
function blankNote(what: string, m: ReadonlyMap<FiscalYear, Money> | undefined, years: readonly FiscalYear[]): string[] {
  const missing = m ? years.filter((y) => !m.has(y)) : [];
  return missing.length > 0
    ? [
        `The ${what} is blank in ${missing.join(', ')}: a chosen item has no national figure there (see above), and a blank is not counted as nil.`,
      ]
    : [];
}

function localTable(l: LocalView): TableModel {
  const years = l.years;
  const row = (id: string, label: string, m: ReadonlyMap<FiscalYear, Money> | undefined): TableRow[] =>
    m ? [yearRow(id, label, m, years)] : [];
  const basis = shareLabel(l.share);
  const authority = l.scenario.authority;
  return {
    id: 'local',
    title: `Local view: ${authority}, on its ${basis}`,
    units: l.units,
    columns: columns(years),
    rows: [
      ...row('local.yield', `Yield of the chosen options (${basis})`, l.yield),
      ...row('local.cost', `Cost of the chosen needs (${basis})`, l.cost),
      ...row('local.gap', `Own gap (mtfs project ${l.scenario.file})`, l.gap),
      ...row('local.yield_less_gap', `Yield (${basis}) less own gap`, l.yieldLessGap),
      ...row('local.yield_less_cost', `Yield less cost (${basis})`, l.yieldLessCost),
    ],
    notes: [
      `Basis: ${shareDerivation(l.share)}.`,
      'Local figures are the national figures above times the share, rounded to the nearest £1: an illustration, not an allocation.',
      ...l.ownCouncilTax.map(
        (o) =>
          `${o.id}: locally ${percent(o.rate)} of ${authority}'s own council tax yield (tax base × Band D in ${l.scenario.file}) in ${o.years.join(', ')}, not a share of the national figure; elsewhere the share.`,
      ),
      ...l.overlaps.map((o) => `Counted twice: ${o}.`),
      ...blankNote('yield', l.yield, years),
      ...blankNote('cost', l.cost, years),
      ...(l.gap
        ? [`The own gap is blank outside ${authority}'s MTFS period.`]
        : [`${l.scenario.file} has no \`funding:\` section, so there is no own gap to compare.`]),
    ],
  };
}

/** The catalogue: every option and need with its published points, for choosing ids. */
export function catalogueTables(data: NationalData): TableModel[] {
  const years = publishedYears([...data.options.items, ...data.needs.items]);
  const row = (prefix: string, item: NationalSeries): TableRow => ({
    id: `${prefix}.${item.id}`,
    cells: {
      ref: text(item.id),
      label: text(`${item.label}${item.illustrative ? ' (illustrative)' : ''}`),
      ...Object.fromEntries(
        years.map((y) => {
          const p = item.points.find((pt) => pt.year === y);
          return [y, p ? money(p.amount) : blank];
        }),
      ),
    },
  });
  return [
    {
      id: 'catalogue.options',
      title: `${data.options.title} (published figures)`,
      units: '£m',
      columns: columns(years),
      rows: data.options.items.map((i) => row('option', i)),
      notes: [`Choose with --option <id> (repeatable). Source: ${data.options.file} (${data.options.source}).`],
    },
    {
      id: 'catalogue.needs',
      title: `${data.needs.title} (published figures)`,
      units: '£m',
      columns: columns(years),
      rows: data.needs.items.map((i) => row('need', i)),
      notes: [
        `Choose with --need <id> (repeatable); cap-and-floor and free-personal-care are alternatives. Source: ${data.needs.file} (${data.needs.source}).`,
      ],
    },
  ];
}

type Json = Record<string, unknown>;
const byYear = (years: readonly FiscalYear[], m: ReadonlyMap<FiscalYear, Money> | undefined): Record<string, string> | null =>
  m
    ? Object.fromEntries(
        years.flatMap((y) => {
          const v = m.get(y);
          return v === undefined ? [] : [[y, toPlain(v)]];
        }),
      )
    : null;

const itemJson = (i: NationalSeries & { group: string }): Json => ({
  id: i.id,
  label: i.label,
  group: i.group,
  illustrative: i.illustrative,
  note: i.note ?? null,
  points: i.points.map((p) => ({ year: p.year, amount: toPlain(p.amount), provenance: p.provenance, source: p.source })),
});

const rowJson =
  (years: readonly FiscalYear[]) =>
  (r: SeriesRow<NationalSeries & { group: string }>): Json => ({
    ...itemJson(r.item),
    values: Object.fromEntries(
      years.map((y) => {
        const v = r.values.get(y);
        return [y, v ? { amount: v.amount === undefined ? null : toPlain(v.amount), basis: v.basis } : null];
      }),
    ),
  });

/** JSON for `mtfs options --format json`: national figures in £m, local ones in the authority's units. */
export function optionsAsJson(view: NationalView | undefined, data: NationalData, local: LocalView | undefined): Json {
  const method = {
    between_points: `straight line, rounded to ${INTERPOLATION_DP} decimal place of £m half away from zero`,
    before_points: 'no figure (`not-published`): a series that starts later says nothing about earlier years',
    after_points: 'the last published figure, held, unless the series is not held (`not-published`)',
    blank_in_total: 'a total with a part that has no figure is left out, never counted as nil',
    different_estimate_bases: 'no straight line (`not-comparable`); totals in that year are left out',
    local: 'national figure × share, rounded to the nearest £1 half away from zero',
    local_council_tax:
      "an option with a local council tax rate: that rate of the authority's own tax base × Band D, rounded to the nearest £1 half away from zero",
  };
  if (!view) {
    return { units: '£m', options: data.options.items.map(itemJson), needs: data.needs.items.map(itemJson) };
  }
  const years = view.years;
  const s = view.sufficiency;
  return {
    units: '£m',
    method,
    years,
    options: view.options.map(rowJson(years)),
    options_total: view.options.length > 0 ? byYear(years, view.optionsTotal) : null,
    needs: view.needs.map(rowJson(years)),
    needs_total: view.needs.length > 0 ? byYear(years, view.needsTotal) : null,
    sufficiency: s
      ? {
          yield: byYear(years, s.yield),
          cost: byYear(years, s.cost),
          shortfall: byYear(years, s.shortfall),
          uncovered: Object.fromEntries(view.needs.map((r) => [r.item.id, byYear(years, s.uncovered.get(r.item.id))])),
        }
      : null,
    outside_published_points: view.held.map((h) => ({ id: h.id, years: h.years, published_from: h.first, published_to: h.last })),
    local: local
      ? {
          scenario: local.scenario.file,
          authority: local.scenario.authority,
          units: local.units,
          basis: local.share.basis,
          share: {
            numerator: toPlain(local.share.numerator),
            denominator: toPlain(local.share.denominator),
            label: shareLabel(local.share),
            derivation: shareDerivation(local.share),
          },
          overlaps: local.overlaps,
          own_council_tax: local.ownCouncilTax.map((o) => ({ id: o.id, rate: toPlain(o.rate), years: o.years })),
          yield: byYear(years, local.yield),
          cost: byYear(years, local.cost),
          gap: byYear(years, local.gap),
          yield_less_gap: byYear(years, local.yieldLessGap),
          yield_less_cost: byYear(years, local.yieldLessCost),
        }
      : null,
  };
}
