// The settlement's parts in the funding detail table: retained business rates worked out from its
// inputs (baseline × uprating + top-up − tariff + growth − levy, safety net), negative revenue
// support grant, and ring-fenced or conditional grants shown apart, matched to the spend they fund.
// Pure; figures stay exact here and are rounded once by the table renderers.

import type { FiscalYear } from '../model/fiscal-year.js';
import type { BusinessRatesYear } from '../model/business-rates.js';
import type { Cited, RetainedBusinessRates } from '../model/funding.js';
import { ZERO, toPlain, type Dec, type Money } from '../model/money.js';
import { isEstimate } from '../model/scenario.js';
import { businessRatesInputs, type FundingComponent, type FundingProjection } from '../project/funding.js';
import type { Projection } from '../project/project.js';
import { ESTIMATE_MARK } from './marks.js';
import { blank, money, text, type Cell, type TableModel, type TableRow } from './table-model.js';

type Identity = NonNullable<TableModel['identities']>[number];

const pct = (r: Dec): string => `${toPlain(r.times(100))}%`;

/** The rows of the retained rates calculation, the identity they obey, and their citations. */
export function businessRatesRows(
  f: FundingProjection,
  years: readonly FiscalYear[],
): { rows: TableRow[]; identities: Identity[]; notes: string[] } {
  const r = f.funding.retainedBusinessRates;
  const by = f.businessRates;
  if (!r || !by) return { rows: [], identities: [], notes: [] };
  const at = (y: FiscalYear): BusinessRatesYear => {
    const v = by.get(y);
    if (!v) throw new Error(`no business rates for ${y}`);
    return v;
  };
  const row = (id: string, label: string, basis: string, cell: (y: FiscalYear) => Cell): TableRow => ({
    id: `funding.business_rates.${id}`,
    cells: { label: text(label), basis: text(basis), ...Object.fromEntries(years.map((y) => [y, cell(y)])) },
  });
  const amount = (pick: (v: BusinessRatesYear) => Money, marked?: (y: FiscalYear) => boolean) => (y: FiscalYear) => {
    const marker = marked?.(y) ? ESTIMATE_MARK : '';
    return money(pick(at(y)), marker ? { marker } : {});
  };
  const held = (y: FiscalYear): boolean => r.multiplierChange.rates.get(y)?.basis === 'hold';
  const growthEstimated = (y: FiscalYear): boolean => {
    const b = r.growth.levels.get(y)?.basis;
    return b !== undefined && isEstimate(b);
  };
  const rows: TableRow[] = [
    row('multiplier_change', 'Business rates: multiplier change on last year (%)', r.multiplierChange.provenance, (y) => {
      const m = r.multiplierChange.rates.get(y);
      return m ? { kind: 'number', value: m.rate.times(100), dp: 2, ...(held(y) ? { marker: ESTIMATE_MARK } : {}) } : blank;
    }),
    row(
      'baseline',
      `Business rates baseline (${r.baseYear} × uprating)`,
      r.baseline.provenance,
      amount((v) => v.baseline, held),
    ),
    ...(r.topUp
      ? [
          row(
            'top_up',
            `Add top-up (${r.baseYear} × uprating)`,
            r.topUp.provenance,
            amount((v) => v.topUp, held),
          ),
        ]
      : []),
    ...(r.tariff
      ? [
          row('tariff', `Less tariff (${r.baseYear} × uprating)`, r.tariff.provenance, (y) =>
            money(at(y).tariff, { deduction: true, ...(held(y) ? { marker: ESTIMATE_MARK } : {}) }),
          ),
        ]
      : []),
    row(
      'baseline_funding_level',
      'Baseline funding level: baseline + top-up − tariff',
      'derived',
      amount((v) => v.baselineFundingLevel, held),
    ),
    row(
      'growth',
      'Add growth above the baseline',
      r.growth.provenance,
      amount((v) => v.growth, growthEstimated),
    ),
    row(
      'levy',
      r.levyRate ? `Less levy on growth (${pct(r.levyRate.rate)} of growth above nil)` : 'Less levy on growth (no levy)',
      r.levyRate?.provenance ?? 'derived',
      (y) => money(at(y).levy, { deduction: true }),
    ),
    ...(r.safetyNet
      ? [
          row(
            'safety_net_threshold',
            `Safety net: ${pct(r.safetyNet.rate)} of the baseline funding level`,
            r.safetyNet.provenance,
            amount((v) => v.safetyNetThreshold ?? ZERO),
          ),
          row(
            'safety_net',
            'Add safety net payment (threshold less income, where income is below it)',
            'derived',
            amount((v) => v.safetyNetPayment),
          ),
        ]
      : []),
  ];
  const ids = (xs: string[]) => xs.map((x) => `funding.business_rates.${x}`);
  const identities: Identity[] = [
    {
      total: 'funding.retained_business_rates',
      parts: ids(['baseline', ...(r.topUp ? ['top_up'] : []), 'growth', ...(r.safetyNet ? ['safety_net'] : [])]),
      less: ids([...(r.tariff ? ['tariff'] : []), 'levy']),
    },
  ];
  const bites = years.filter((y) => !at(y).safetyNetPayment.isZero());
  const notes = [
    `${r.label}: each year's baseline${r.topUp ? ' and top-up are' : r.tariff ? ' and tariff are' : ' is'} the ${r.baseYear} figure${r.topUp || r.tariff ? 's' : ''} × the product of (1 + multiplier change) to that year, exactly; the levy is ${r.levyRate ? `${pct(r.levyRate.rate)} of growth above nil` : 'not applied (no levy rate given)'}; ${
      r.safetyNet
        ? bites.length
          ? `the safety net bites in ${bites.join(', ')}: income is topped up to ${pct(r.safetyNet.rate)} of the baseline funding level.`
          : `the safety net (${pct(r.safetyNet.rate)} of the baseline funding level) does not bite in any year.`
        : 'no safety net is given.'
    }`,
    ...businessRatesInputs(r).map((i) => `${r.label}: ${i.label} — ${citation(i.cited)}`),
  ];
  return { rows, identities, notes };
}

/** Notes for revenue support grant below nil: negative RSG is paid back, so it reduces funding. */
export function negativeGrantNotes(f: FundingProjection, years: readonly FiscalYear[]): string[] {
  return f.components
    .filter((c) => c.id === 'revenue_support_grant')
    .flatMap((c) => {
      const below = years.filter((y) => (c.values.get(y) ?? ZERO).isNegative() && !(c.values.get(y) ?? ZERO).isZero());
      return below.length
        ? [
            `${c.label} is negative in ${below.join(', ')}: negative RSG, an amount the settlement takes back (in practice from business rates), so it reduces funding.`,
          ]
        : [];
    });
}

/**
 * Ring-fenced and conditional grants, after total funding: each grant, then the net budget of the
 * department whose spend it funds. None of them is in total funding or the gap.
 */
export function conditionalGrantRows(
  p: Projection,
  componentRow: (c: FundingComponent) => TableRow,
  alreadyShown?: string,
): { rows: TableRow[]; notes: string[] } {
  const f = p.funding;
  if (!f || f.conditional.length === 0) return { rows: [], notes: [] };
  const rows: TableRow[] = [];
  // a department whose net budget the table already shows (as the ASC spend) is not shown twice
  const matched = new Set<string>(alreadyShown ? [alreadyShown] : []);
  for (const c of f.conditional) {
    const funds = c.stream?.conditional?.funds ?? '';
    const own = componentRow(c);
    rows.push({
      ...own,
      id: `funding.conditional.${c.id}`,
      cells: { ...own.cells, label: text(`${c.label} (conditional: funds ${funds})`) },
    });
    if (matched.has(funds)) continue;
    matched.add(funds);
    const dept = p.departments?.find((d) => d.department.name === funds);
    const values = dept?.values ?? (p.departments ? undefined : p.rows.find((r) => r.id === 'net_budget')?.values);
    if (values)
      rows.push({
        id: `funding.conditional.spend.${dept ? dept.id : 'net_budget'}`,
        cells: {
          label: text(`${funds} net budget (the spend matched to the grants above)`),
          basis: text(dept && dept.department.kind === 'levels' ? dept.department.provenance : 'published'),
          ...Object.fromEntries(p.years.map((y) => [y, money(values.get(y) ?? ZERO)])),
        },
      });
  }
  const labels = f.conditional.map((c) => c.label).join('; ');
  return {
    rows,
    notes: [
      `Ring-fenced and conditional grants (${labels}) fund the spend they are matched to: they are shown apart and are not in total funding or the gap.`,
    ],
  };
}

function citation(c: Pick<Cited, 'provenance' | 'source' | 'note'>): string {
  return `${c.provenance}: ${c.source}${c.note ? ` (${c.note})` : ''}`;
}

type Json = Record<string, unknown>;

/** JSON of retained business rates: inputs and every part by year, exact. */
export function businessRatesJson(r: RetainedBusinessRates, by: ReadonlyMap<FiscalYear, BusinessRatesYear>): Json {
  return {
    label: r.label,
    base_year: r.baseYear,
    inputs: Object.fromEntries(
      businessRatesInputs(r).map((i) => [i.id, { provenance: i.cited.provenance, source: i.cited.source, note: i.cited.note ?? null }]),
    ),
    years: Object.fromEntries(
      [...by].map(([y, v]) => [
        y,
        {
          multiplier_change: toPlain(r.multiplierChange.rates.get(y)?.rate ?? ZERO),
          uprating: toPlain(v.uprating),
          baseline: toPlain(v.baseline),
          top_up: toPlain(v.topUp),
          tariff: toPlain(v.tariff),
          baseline_funding_level: toPlain(v.baselineFundingLevel),
          growth: toPlain(v.growth),
          levy: toPlain(v.levy),
          safety_net_threshold: v.safetyNetThreshold ? toPlain(v.safetyNetThreshold) : null,
          safety_net_payment: toPlain(v.safetyNetPayment),
          retained: toPlain(v.retained),
        },
      ]),
    ),
  };
}
