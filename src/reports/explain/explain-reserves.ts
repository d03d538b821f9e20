// Explaining the rows of the reserves table: each reserve's brought forward, contributions, uses,
// one-off spend and carried forward, the general fund's minimum balance and headroom, and total
// reserves, each down to where its inputs are written and their sources. Pure.

import { previousYear, type FiscalYear } from '../../model/fiscal-year.js';
import type { Cited, OneOffSpend } from '../../model/funding.js';
import { formatPlainGrouped } from '../../model/grouped-number.js';
import type { SourcedAmount } from '../../model/level.js';
import { ZERO, type Money } from '../../model/money.js';
import type { EarmarkedProjection } from '../../project/funding.js';
import type { Projection } from '../../project/project.js';
import type { Step } from './step.js';

const g = formatPlainGrouped;
const yid = (y: FiscalYear): string => y.replace('/', '-');

/** Every reserves-table row `explain` can reach (`reserves.<reserve>.<row>`), in table order. */
export function reservesItemIds(p: Projection): string[] {
  const r = p.funding?.reserves;
  const w = p.funding?.funding.reserves;
  if (!r || !w || r.movementsOnly) return [];
  const gfOneOff = (w.oneOff ?? []).filter((o) => o.reserve === 'general_fund').map((o) => `one_off.${o.id}`);
  const general = [
    'bf',
    ...(r.contributions ? ['contributions'] : []),
    'planned_use',
    ...gfOneOff,
    'cf',
    'cumulative_gap',
    'after_gap',
    ...(r.minimum ? ['minimum', 'headroom'] : []),
  ].map((x) => `reserves.general_fund.${x}`);
  const earmarked = (r.earmarked ?? []).flatMap((e) =>
    ['bf', 'contributions', 'uses', ...e.oneOff.map((o) => `one_off.${o.id}`), 'cf'].map((x) => `reserves.${e.reserve.id}.${x}`),
  );
  return [...general, ...earmarked, ...(r.totalCarriedForward ? ['reserves.total_cf'] : [])];
}

/** A movement written for the year, or none. */
function written(
  id: string,
  label: string,
  m: ReadonlyMap<FiscalYear, SourcedAmount>,
  cited: Cited | undefined,
  y: FiscalYear,
  what: string,
): Step {
  const a = m.get(y);
  return a
    ? {
        id,
        label,
        amount: a.amount,
        formula: `${what}, as written (${cited?.provenance ?? 'published'})`,
        origin: a.origin,
        ...(cited ? { source: cited.source } : {}),
        ...(cited?.note ? { note: cited.note } : {}),
        children: [],
      }
    : { id, label, amount: ZERO, formula: `no ${what} written for this year`, children: [] };
}

const oneOffStep = (o: OneOffSpend, y: FiscalYear, id: string): Step =>
  written(`${id}/one_off/${o.id}`, `one-off: ${o.label} ${y}`, o.amounts, o, y, `one-off spend funded from ${o.reserve}`);

function earmarkedStep(p: Projection, e: EarmarkedProjection, row: string, y: FiscalYear, id: string): Step | undefined {
  const v = e.years.get(y);
  if (!v) return undefined;
  const name = e.reserve.label;
  const label = `${name}: ${row} ${y}`;
  const first = y === p.years[0];
  switch (row) {
    case 'bf':
      return first
        ? {
            id,
            label,
            amount: v.broughtForward,
            formula: `the opening balance, as written (${e.reserve.opening.provenance})`,
            origin: e.reserve.opening.origin,
            source: e.reserve.opening.source,
            ...(e.reserve.opening.note ? { note: e.reserve.opening.note } : {}),
            children: [],
          }
        : { id, label, amount: v.broughtForward, formula: `carried forward from ${previousYear(y)}`, children: [] };
    case 'contributions':
      return written(id, label, e.reserve.contributions.amounts, e.reserve.contributions.cited, y, 'contributions');
    case 'uses':
      return written(id, label, e.reserve.uses.amounts, e.reserve.uses.cited, y, 'uses');
    case 'cf': {
      const children = [
        earmarkedStep(p, e, 'bf', y, `${id}/bf`) as Step,
        earmarkedStep(p, e, 'contributions', y, `${id}/contributions`) as Step,
        earmarkedStep(p, e, 'uses', y, `${id}/uses`) as Step,
        ...e.oneOff.map((o) => oneOffStep(o, y, id)),
      ];
      return {
        id,
        label,
        amount: v.carriedForward,
        formula: `brought forward ${g(v.broughtForward)} + contributions ${g(v.contributions)} − uses and one-off spend ${g(v.uses)}`,
        children,
      };
    }
    default: {
      const o = e.oneOff.find((x) => row === `one_off.${x.id}`);
      return o ? oneOffStep(o, y, id.replace(/\/one_off\/[^/]+$/, '')) : undefined;
    }
  }
}

/** The step behind one row of the reserves table in year `y` (`reserves.<reserve>.<row>`), or undefined. */
export function explainReservesItem(p: Projection, item: string, y: FiscalYear): Step | undefined {
  const f = p.funding;
  const r = f?.reserves;
  const w = f?.funding.reserves;
  if (!f || !r || !w) return undefined;
  const [, reserve = '', ...rest] = item.split('.');
  const row = rest.join('.');
  const id = `${item.replace(/\./g, '/')}/${yid(y)}`;
  if (reserve === 'total_cf') {
    const total = r.totalCarriedForward?.get(y);
    if (!total) return undefined;
    return {
      id,
      label: `total reserves carried forward ${y}`,
      amount: total,
      formula: 'the general fund carried forward + every earmarked reserve carried forward',
      children: [
        {
          id: `${id}/general_fund`,
          label: `general fund carried forward ${y}`,
          amount: r.carriedForward.get(y) ?? ZERO,
          formula: `see mtfs explain ${p.scenario.file} reserves_cf ${y}`,
          children: [],
        },
        ...(r.earmarked ?? []).map((e) => earmarkedStep(p, e, 'cf', y, `${id}/${e.reserve.id}`) as Step),
      ],
    };
  }
  if (reserve !== 'general_fund') {
    const e = r.earmarked?.find((x) => x.reserve.id === reserve);
    return e && earmarkedStep(p, e, row, y, id);
  }
  const label = `general fund: ${row} ${y}`;
  const at = (m: ReadonlyMap<FiscalYear, Money> | undefined): Money => m?.get(y) ?? ZERO;
  switch (row) {
    case 'bf':
    case 'cf':
    case 'contributions':
    case 'planned_use':
    case 'cumulative_gap':
    case 'after_gap': {
      const main = {
        bf: 'reserves_bf',
        cf: 'reserves_cf',
        contributions: 'reserves_contributions',
        planned_use: 'reserves_use',
        cumulative_gap: 'cumulative_gap',
        after_gap: 'reserves_after_gap',
      }[row];
      return {
        id,
        label,
        amount: at(p.rows.find((x) => x.id === main)?.values),
        formula: `see mtfs explain ${p.scenario.file} ${main} ${y}`,
        children: [],
      };
    }
    case 'minimum': {
      const m = w.minimum;
      if (!m) return undefined;
      const amount = at(r.minimum);
      const base = { id, label: `minimum balance ${y}`, amount, origin: m.origin, source: m.source, ...(m.note ? { note: m.note } : {}) };
      switch (m.kind) {
        case 'amount':
          return { ...base, formula: `an amount, as written (${m.provenance})`, children: [] };
        case 'percent':
          return {
            ...base,
            formula: `${m.rate.times(100).toFixed()}% of the net budget ${g(p.rows.find((x) => x.id === 'net_budget')?.values.get(y) ?? ZERO)} (${m.provenance})`,
            children: [],
          };
        case 'risk-assessed':
          return {
            ...base,
            formula: `risk-assessed: the sum of ${m.risks.length} risk items (${m.provenance})`,
            children: m.risks.map((k, i) => ({
              id: `${id}/risk-${i + 1}`,
              label: k.risk,
              amount: k.amount,
              formula: 'held against this risk, as written',
              origin: k.origin,
              children: [],
            })),
          };
      }
      return undefined;
    }
    case 'headroom':
      return r.headroom
        ? {
            id,
            label: `headroom over the minimum ${y}`,
            amount: at(r.headroom),
            formula: `general fund if each year's gap were met from it ${g(at(r.afterGap))} − minimum balance ${g(at(r.minimum))}`,
            children: [explainReservesItem(p, 'reserves.general_fund.minimum', y) as Step],
          }
        : undefined;
    default: {
      const o = (w.oneOff ?? []).find((x) => x.reserve === 'general_fund' && row === `one_off.${x.id}`);
      return o ? oneOffStep(o, y, `reserves/general_fund/${yid(y)}`) : undefined;
    }
  }
}
