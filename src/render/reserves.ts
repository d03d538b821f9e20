// Reserves → what a user sees under `--detail` and in the report: the general fund's roll-forward
// with its one-off spend, minimum balance and headroom, each earmarked reserve's roll-forward, total
// reserves, the years-to-exhaustion statement, and the JSON of it all. Pure; figures stay exact.

import type { FiscalYear } from '../model/fiscal-year.js';
import type { Cited, OneOffSpend, Reserves } from '../model/funding.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { ZERO, toPlain, type Money } from '../model/money.js';
import type { EarmarkedProjection } from '../project/funding.js';
import type { Projection } from '../project/project.js';
import { blank, labelBasisYearColumns, money, text, type Cell, type TableModel, type TableRow } from './table-model.js';

type Json = Record<string, unknown>;

const cite = (c: Pick<Cited, 'provenance' | 'source' | 'note'>): string => `${c.provenance}: ${c.source}${c.note ? ` (${c.note})` : ''}`;

/** The statement of when the general fund would run down if every year's gap were met from it. */
export function exhaustionStatement(p: Projection): string | undefined {
  const r = p.funding?.reserves;
  if (!r || r.movementsOnly) return undefined;
  const n = p.years.length;
  const nth = (y: FiscalYear): string => `${y} (year ${p.years.indexOf(y) + 1} of ${n})`;
  const last = p.years[n - 1] ?? '';
  const parts = r.belowMinimum
    ? [
        `fall below its minimum balance in ${nth(r.belowMinimum)}`,
        r.exhausted ? `run out in ${nth(r.exhausted)}` : `stay above nil to ${last}`,
      ]
    : r.exhausted
      ? [`run out in ${nth(r.exhausted)}`]
      : [r.minimum ? `stay at or above its minimum balance to ${last}` : `stay above nil to ${last}`];
  return `Years to exhaustion: if each year's gap were met from the general fund, it would ${parts.join(' and ')}.`;
}

/** A row of money by year (blank in text where `blankWhen` says so). */
function moneyRow(
  id: string,
  label: string,
  basis: string,
  years: readonly FiscalYear[],
  value: (y: FiscalYear) => Money,
  opts: { deduction?: boolean; blankWhen?: (y: FiscalYear) => boolean; total?: boolean } = {},
): TableRow {
  const cells: Record<string, Cell> = { label: text(label), basis: basis ? text(basis) : blank };
  for (const y of years)
    cells[y] = money(value(y), {
      ...(opts.deduction ? { deduction: true } : {}),
      ...(opts.blankWhen?.(y) ? { blankInText: true } : {}),
    });
  return { id, cells, ...(opts.total ? { emphasis: 'total' as const } : {}) };
}

const amountOf = (m: ReadonlyMap<FiscalYear, { readonly amount: Money }>, y: FiscalYear): Money => m.get(y)?.amount ?? ZERO;

function oneOffRows(prefix: string, items: readonly OneOffSpend[], years: readonly FiscalYear[]): TableRow[] {
  return items.map((o) =>
    moneyRow(`${prefix}.one_off.${o.id}`, `One-off: ${o.label}`, o.provenance, years, (y) => amountOf(o.amounts, y), {
      blankWhen: (y) => !o.amounts.has(y),
    }),
  );
}

function earmarkedRows(e: EarmarkedProjection, years: readonly FiscalYear[]): TableRow[] {
  const id = `reserves.${e.reserve.id}`;
  const at = (y: FiscalYear) => {
    const v = e.years.get(y);
    if (!v) throw new Error(`no roll-forward of ${e.reserve.id} for ${y}`);
    return v;
  };
  const { contributions, uses } = e.reserve;
  return [
    moneyRow(`${id}.bf`, `${e.reserve.label}: brought forward`, e.reserve.opening.provenance, years, (y) => at(y).broughtForward),
    ...(contributions.amounts.size
      ? [
          moneyRow(
            `${id}.contributions`,
            'Contributions',
            contributions.cited?.provenance ?? '',
            years,
            (y) => amountOf(contributions.amounts, y),
            {
              blankWhen: (y) => !contributions.amounts.has(y),
            },
          ),
        ]
      : []),
    ...(uses.amounts.size
      ? [
          moneyRow(`${id}.uses`, 'Uses', uses.cited?.provenance ?? '', years, (y) => amountOf(uses.amounts, y), {
            blankWhen: (y) => !uses.amounts.has(y),
          }),
        ]
      : []),
    ...oneOffRows(id, e.oneOff, years),
    moneyRow(`${id}.cf`, `${e.reserve.label}: carried forward`, '', years, (y) => at(y).carriedForward, { total: true }),
  ];
}

/** Identity of one reserve's rows: brought forward = carried forward + uses + one-off spend − contributions. */
const rollIdentity = (id: string, draws: readonly string[]) => ({
  total: `${id}.bf`,
  parts: [`${id}.cf`, ...draws],
  less: [`${id}.contributions`],
});

/**
 * The reserves table of `mtfs project --detail` and the report: only where there is more to show
 * than the budget table's rows (earmarked reserves, one-off spend or a minimum balance).
 */
export function reservesTable(p: Projection): TableModel | undefined {
  const f = p.funding;
  const r = f?.reserves;
  const written: Reserves | undefined = f?.funding.reserves;
  if (!f || !r || !written || r.movementsOnly) return undefined;
  if (!r.earmarked && !r.oneOff && !r.minimum) return undefined;
  const years = p.years;
  const get = (m: ReadonlyMap<FiscalYear, Money>, y: FiscalYear): Money => m.get(y) ?? ZERO;
  const gfOneOff = (written.oneOff ?? []).filter((o) => o.reserve === 'general_fund');
  const rows: TableRow[] = [
    moneyRow('reserves.general_fund.bf', 'General fund: brought forward', written.opening?.provenance ?? '', years, (y) =>
      get(r.broughtForward, y),
    ),
    ...(r.contributions
      ? [
          moneyRow(
            'reserves.general_fund.contributions',
            'Contributions',
            written.contributionsCited?.provenance ?? '',
            years,
            (y) => get(r.contributions ?? new Map(), y),
            { blankWhen: (y) => !r.contributionsStated?.has(y) },
          ),
        ]
      : []),
    moneyRow(
      'reserves.general_fund.planned_use',
      'Planned use (counted as funding)',
      written.plannedUseCited?.provenance ?? '',
      years,
      (y) => get(r.use, y),
      { blankWhen: (y) => !r.stated.has(y) },
    ),
    ...oneOffRows('reserves.general_fund', gfOneOff, years),
    moneyRow('reserves.general_fund.cf', 'General fund: carried forward', '', years, (y) => get(r.carriedForward, y), { total: true }),
    moneyRow('reserves.general_fund.cumulative_gap', "Less: each year's gap to date, if met from it", '', years, (y) =>
      get(f.cumulativeGap, y),
    ),
    moneyRow('reserves.general_fund.after_gap', "General fund if each year's gap were met from it", '', years, (y) => get(r.afterGap, y)),
  ];
  const min = written.minimum;
  if (min && r.minimum && r.headroom) {
    const kind =
      min.kind === 'percent'
        ? `${toPlain(min.rate.times(100))}% of the net budget`
        : min.kind === 'risk-assessed'
          ? 'risk-assessed'
          : 'an amount';
    rows.push(
      moneyRow('reserves.general_fund.minimum', `Minimum balance (${kind})`, min.provenance, years, (y) => get(r.minimum ?? new Map(), y)),
    );
    rows.push(
      moneyRow('reserves.general_fund.headroom', 'Headroom over the minimum (below it if negative)', '', years, (y) =>
        get(r.headroom ?? new Map(), y),
      ),
    );
  }
  for (const e of r.earmarked ?? []) rows.push(...earmarkedRows(e, years));
  if (r.totalCarriedForward) {
    const total = r.totalCarriedForward;
    rows.push(
      moneyRow('reserves.total_cf', 'Total reserves carried forward (general fund and earmarked)', '', years, (y) => get(total, y), {
        total: true,
      }),
    );
  }
  const notes = [
    ...(exhaustionStatement(p) ? [exhaustionStatement(p) as string] : []),
    ...(r.earmarked ?? []).flatMap((e) =>
      e.negative ? [`${e.reserve.label} would be below nil at the end of ${e.negative}: see the warning.`] : [],
    ),
    'Planned use of the general fund is counted as funding (it closes the gap); contributions, uses of earmarked reserves and one-off spend funded from a reserve are not in the net budget requirement or funding, so they move balances and not the gap.',
    ...(min?.kind === 'risk-assessed'
      ? [
          `Minimum balance, risk-assessed: ${min.risks.map((k) => `${k.risk} ${formatPlainGrouped(k.amount)}`).join('; ')}; total ${formatPlainGrouped(min.amount)}.`,
        ]
      : []),
    ...(written.earmarked ?? []).flatMap((e) => [
      `${e.label}: brought forward — ${cite(e.opening)}`,
      ...(e.contributions.cited ? [`${e.label}: contributions — ${cite(e.contributions.cited)}`] : []),
      ...(e.uses.cited ? [`${e.label}: uses — ${cite(e.uses.cited)}`] : []),
    ]),
    ...(written.oneOff ?? []).map((o) => `One-off: ${o.label} (from ${o.reserve}) — ${cite(o)}`),
  ];
  const gfDraws = ['reserves.general_fund.planned_use', ...gfOneOff.map((o) => `reserves.general_fund.one_off.${o.id}`)];
  return {
    id: 'reserves',
    title: 'Reserves: the general fund and earmarked reserves',
    units: p.scenario.units,
    columns: labelBasisYearColumns(years),
    rows,
    notes,
    identities: [
      rollIdentity('reserves.general_fund', gfDraws),
      { total: 'reserves.general_fund.cf', parts: ['reserves.general_fund.after_gap', 'reserves.general_fund.cumulative_gap'] },
      ...(r.earmarked ?? []).map((e) =>
        rollIdentity(`reserves.${e.reserve.id}`, [
          `reserves.${e.reserve.id}.uses`,
          ...e.oneOff.map((o) => `reserves.${e.reserve.id}.one_off.${o.id}`),
        ]),
      ),
      ...(r.totalCarriedForward
        ? [
            {
              total: 'reserves.total_cf',
              parts: ['reserves.general_fund.cf', ...(r.earmarked ?? []).map((e) => `reserves.${e.reserve.id}.cf`)],
            },
          ]
        : []),
    ],
  };
}

const byYear = (years: readonly FiscalYear[], value: (y: FiscalYear) => Money | undefined): Record<string, string> =>
  Object.fromEntries(years.map((y) => [y, toPlain(value(y) ?? ZERO)]));

/** JSON fields for earmarked reserves, one-off spend, a risk-assessed minimum and the headroom (none when absent). */
export function reservesJson(p: Projection): Json {
  const r = p.funding?.reserves;
  const written = p.funding?.funding.reserves;
  if (!r || !written) return {};
  const years = p.years;
  const min = written.minimum;
  return {
    ...(min?.kind === 'risk-assessed' ? { minimum_risks: min.risks.map((k) => ({ risk: k.risk, amount: toPlain(k.amount) })) } : {}),
    ...(r.headroom ? { headroom: byYear(years, (y) => r.headroom?.get(y)) } : {}),
    ...(r.oneOff ? { one_off_from_general_fund: byYear(years, (y) => r.oneOff?.values.get(y)) } : {}),
    ...(written.oneOff
      ? {
          one_off: written.oneOff.map((o) => ({
            id: o.id,
            label: o.label,
            reserve: o.reserve,
            provenance: o.provenance,
            source: o.source,
            note: o.note ?? null,
            amounts: byYear(years, (y) => o.amounts.get(y)?.amount),
          })),
        }
      : {}),
    ...(r.earmarked
      ? {
          earmarked: r.earmarked.map((e) => ({
            id: e.reserve.id,
            label: e.reserve.label,
            opening: toPlain(e.reserve.opening.amount),
            provenance: e.reserve.opening.provenance,
            source: e.reserve.opening.source,
            note: e.reserve.opening.note ?? null,
            brought_forward: byYear(years, (y) => e.years.get(y)?.broughtForward),
            contributions: byYear(years, (y) => e.years.get(y)?.contributions),
            uses_and_one_off: byYear(years, (y) => e.years.get(y)?.uses),
            carried_forward: byYear(years, (y) => e.years.get(y)?.carriedForward),
            below_nil_year: e.negative ?? null,
          })),
          total_carried_forward: byYear(years, (y) => r.totalCarriedForward?.get(y)),
        }
      : {}),
  };
}
