// Funding → what a user sees: the position row ("balanced"/"shortfall") and notes under the budget
// table, the funding detail table (components, tax base, Band D given and derived) and JSON.
// Pure; figures stay exact here and are rounded once by the table renderers.

import { compareYears, type FiscalYear } from '../model/fiscal-year.js';
import { checkReferendumPrinciples, type PrinciplesYear } from '../model/council-tax-principles.js';
import type { Cited, CouncilTax, Provenance, ReservesMinimum } from '../model/funding.js';
import { plannedIncreases } from '../load/council-tax-principles.js';
import { Dec, ZERO, toPlain, dec } from '../model/money.js';
import { isEstimate, type Scenario } from '../model/scenario.js';
import { seriesYears } from '../model/inflation.js';
import type { FundingComponent, FundingProjection, RequirementYear } from '../project/funding.js';
import { BEFORE_COUNCIL_TAX, position } from '../project/funding.js';
import type { Units } from '../model/units.js';
import { roundForDisplay, toShown, type DisplayOptions } from './number.js';
import type { Projection } from '../project/project.js';
import type { DepartmentBudget } from '../project/council.js';
import { CALIBRATED_MARK, CLI_POINTERS, ESTIMATE_MARK, type Pointers } from './marks.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { reservesJson } from './reserves.js';
import { blank, labelBasisYearColumns, money, text, type Cell, type TableModel, type TableRow } from './table-model.js';
import { businessRatesJson, businessRatesRows, conditionalGrantRows, negativeGrantNotes } from './business-rates.js';
import { collectionRateIn } from '../model/funding.js';
import { BILL_BAND_D_CONTROL, BILL_TOTAL_CONTROL } from '../model/published-precision.js';

/**
 * The "shortfall" / "balanced" / "surplus" row shown under the gap. With `display`, the word is
 * that of the gap as printed (rounded in the table's units), so a gap shown as 0 is balanced;
 * without (CSV, JSON: exact figures), that of the exact gap.
 */
export function positionRow(f: FundingProjection, years: readonly FiscalYear[], units: Units, display?: DisplayOptions): TableRow {
  const shown = (gap: Dec): Dec => (display ? roundForDisplay(toShown(gap, units, display), display) : gap);
  return {
    id: 'position',
    cells: { label: text('Position'), ...Object.fromEntries(years.map((y) => [y, text(position(shown(f.gap.get(y) ?? ZERO)))])) },
  };
}

/**
 * A note when the call on reserves, rounded once from the exact running sum, differs from the
 * sum of the gaps as printed (each rounded on its own): the table then does not add across.
 */
export function cumulativeRoundingNote(
  f: FundingProjection,
  years: readonly FiscalYear[],
  units: Units,
  display: DisplayOptions,
): string[] {
  const shown = (d: Dec): Dec => roundForDisplay(toShown(d, units, display), display);
  let running: Dec = ZERO;
  const off: string[] = [];
  for (const y of years) {
    running = running.plus(shown(f.gap.get(y) ?? ZERO));
    const printed = shown(f.cumulativeGap.get(y) ?? ZERO);
    if (!printed.equals(running)) off.push(y);
  }
  if (off.length === 0) return [];
  return [
    `the call on reserves is the running sum of the exact gaps, rounded once; in ${off.join(', ')} it differs by rounding from the sum of the gaps as printed.`,
  ];
}

/** A minimum balance in words: `7,220`, or `5% of the net budget: 18,050 in 2018/19, …`. */
function minimumText(
  written: ReservesMinimum | undefined,
  byYear: ReadonlyMap<FiscalYear, Dec> | undefined,
  years: readonly FiscalYear[],
): string | undefined {
  if (!written) return undefined;
  if (written.kind === 'amount') return formatPlainGrouped(written.amount);
  if (written.kind === 'risk-assessed')
    return `${formatPlainGrouped(written.amount)}, risk-assessed: ${written.risks.map((r) => `${r.risk} ${formatPlainGrouped(r.amount)}`).join('; ')}`;
  const each = years.map((y) => `${formatPlainGrouped(byYear?.get(y) ?? ZERO)} in ${y}`);
  return `${toPlain(written.rate.times(100))}% of the net budget: ${each.join(', ')}`;
}

/** Identities of the funding rows, checked after rounding: need = funding + gap, and the reserves roll-forward. */
export function fundingIdentities(p: Projection): { total: string; parts: string[]; less?: string[] }[] {
  const out: { total: string; parts: string[]; less?: string[] }[] = [];
  if (p.departments) out.push({ total: 'net_budget', parts: p.departments.map((d) => d.id) });
  if (!p.funding) return out;
  out.push({ total: 'net_budget', parts: ['funding', 'gap'] });
  if (p.funding.reserves) {
    // brought forward − planned use − one-off spend + contributions = carried forward (movements positive)
    out.push({ total: 'reserves_bf', parts: ['reserves_cf', 'reserves_use', 'reserves_one_off'], less: ['reserves_contributions'] });
    out.push({ total: 'reserves_cf', parts: ['reserves_after_gap', 'cumulative_gap'] });
  }
  return out;
}

/**
 * The marks of one year of a funding component: § when the figure is calibrated to a published
 * total, † when it is an estimate (the whole figure, or a year the source does not state).
 */
export function componentMark(c: FundingComponent, y: FiscalYear): string {
  const basis = c.bases.get(y);
  if (basis === 'ended' || basis === 'not-started') return '';
  const calibrated = c.provenance === 'calibrated' ? CALIBRATED_MARK : '';
  const estimate = c.provenance === 'estimate' || (basis !== undefined && isEstimate(basis)) || scaledIn(c, y) ? ESTIMATE_MARK : '';
  return calibrated + estimate;
}

/** True when a settlement scenario (a variant's `funding: scale:`) scaled the component in `y`: an illustration. */
const scaledIn = (c: FundingComponent, y: FiscalYear): boolean =>
  (c.stream?.adjustments ?? []).some((a) => a.kind === 'scale' && (!a.from || compareYears(y, a.from) >= 0));

/** The marks a total carries in year `y`: every mark of the components it adds up. */
export function fundingTotalMark(f: FundingProjection, y: FiscalYear): string {
  const marks = f.components.map((c) => componentMark(c, y)).join('');
  return [CALIBRATED_MARK, ESTIMATE_MARK].filter((m) => marks.includes(m)).join('');
}

/** The marks of a department's figure in year `y`: § when it rests on calibrated inputs, † when it is an estimate, rests on assumed inputs, or is a year the source does not state. */
export function departmentMark(d: DepartmentBudget, y: FiscalYear): string {
  const dep = d.department;
  const statuses: ReadonlySet<string> = dep.kind === 'scenario' ? inflationStatuses(dep.scenario) : new Set([dep.provenance]);
  const basis = d.bases.get(y);
  const calibrated = statuses.has('calibrated') ? CALIBRATED_MARK : '';
  const estimate = statuses.has('assumed') || statuses.has('estimate') || (basis !== undefined && isEstimate(basis)) ? ESTIMATE_MARK : '';
  return calibrated + estimate;
}

/**
 * The marks of a row of the budget table in year `y`: a department's own; the net budget
 * requirement every mark of its departments; funding every mark of its components; the gap and the
 * call on reserves both.
 */
export function budgetRowMark(p: Projection, id: string, y: FiscalYear): string {
  const departments = p.departments ?? [];
  const own = departments.find((d) => d.id === id);
  if (own) return departmentMark(own, y);
  const spend = id === 'net_budget' || id === 'gap' || id === 'cumulative_gap' ? departments.map((d) => departmentMark(d, y)).join('') : '';
  const funds = p.funding && (id === 'funding' || id === 'gap' || id === 'cumulative_gap') ? fundingTotalMark(p.funding, y) : '';
  return [CALIBRATED_MARK, ESTIMATE_MARK].filter((m) => (spend + funds).includes(m)).join('');
}

/** Key lines for the marks funding figures carry. */
function fundingMarkKey(f: FundingProjection, pointers: Pointers): string[] {
  const calibrated = f.components.filter((c) => c.provenance === 'calibrated').map((c) => c.label);
  const estimates = f.components
    .filter((c) => c.provenance === 'estimate' || c.stream?.adjustments?.some((a) => a.kind === 'scale'))
    .map((c) => c.label);
  return [
    ...(calibrated.length > 0
      ? [
          `${CALIBRATED_MARK} calibrated to published totals (true by construction, not evidence): ${list(calibrated)}; totals and the gap that include it carry the mark.`,
        ]
      : []),
    ...(estimates.length > 0
      ? [
          `${ESTIMATE_MARK} funding estimates (${pointers.fundingSources}): ${list(estimates)}; totals and the gap that include them carry the mark.`,
        ]
      : []),
  ];
}

const pounds = (d: Dec): string => formatPlainGrouped(dec(d.toFixed(2)));
/** Labels may contain `and`: separate them with semicolons. */
const list = (xs: readonly string[]): string => xs.join('; ');

/**
 * The statuses of every input of a scenario's inflation drivers (base, rates, index figures used,
 * pass-through, on-costs). A table asks for them for every department in every year of several
 * rows: they are worked out once per scenario, which is never changed once loaded.
 */
function inflationStatuses(s: Scenario): ReadonlySet<string> {
  let out = statusesOf.get(s);
  if (!out) {
    out = statusesOfInflation(s);
    statusesOf.set(s, out);
  }
  return out;
}
const statusesOf = new WeakMap<Scenario, ReadonlySet<string>>();

function statusesOfInflation(s: Scenario): Set<string> {
  const out = new Set<string>();
  for (const i of s.inflation ?? []) {
    out.add(i.base.provenance.status);
    if (i.rate.kind === 'given') out.add(i.rate.rate.provenance.status);
    else for (const y of seriesYears(i.rate.series.form, s.years)) out.add(i.rate.series.points.get(y)?.provenance.status ?? '');
    for (const p of [i.passThrough?.provenance, i.onCosts?.provenance, i.pension?.provenance]) if (p) out.add(p.status);
  }
  return out;
}

/** Notes under the budget table: estimates, Band D differences, and when reserves would run out. */
export function fundingNotes(p: Projection, pointers: Pointers = CLI_POINTERS): string[] {
  const notes: string[] = [];
  const estimatedDepartments = (p.departments ?? []).filter((d) => [...d.bases.values()].some(isEstimate));
  if (estimatedDepartments.length > 0) {
    notes.push(
      `${ESTIMATE_MARK} estimated: the source does not state this year (a straight line between stated years, or the earlier figure held); totals and the gap that include it carry the mark.`,
    );
  }
  for (const d of p.departments ?? []) {
    if (d.department.kind === 'levels' && d.department.provenance !== 'published') {
      notes.push(
        d.department.provenance === 'calibrated'
          ? `${CALIBRATED_MARK} ${d.department.name} is ${describe(d.department.provenance)}, not published (true by construction, not evidence): ${pointers.departmentNote(d.department.origin.file)}; totals and the gap that include it carry the mark.`
          : d.department.provenance === 'estimate'
            ? `${ESTIMATE_MARK} ${d.department.name} is ${describe(d.department.provenance)}, not published, in every year: ${pointers.departmentNote(d.department.origin.file)}; totals and the gap that include it carry the mark.`
            : `${d.department.name} is ${describe(d.department.provenance)}, not published: ${pointers.departmentNote(d.department.origin.file)}.`,
      );
    }
    if (d.department.kind === 'scenario') {
      const statuses = inflationStatuses(d.department.scenario);
      const kinds = ['calibrated', 'assumed'].filter((k) => statuses.has(k));
      const marks = p.years.map((y) => departmentMark(d, y)).join('');
      const key = [CALIBRATED_MARK, ESTIMATE_MARK].filter((m) => marks.includes(m)).join('');
      if (kinds.length)
        notes.push(
          `${key ? `${key} ` : ''}${d.department.name} is built from inflation drivers with ${kinds.join(' and ')} inputs${kinds.includes('calibrated') ? ' (calibrated inputs are true by construction, not evidence)' : ''}: ${pointers.departmentNote(d.department.scenario.file)}; totals and the gap that include it carry the mark.`,
        );
    }
  }
  const f = p.funding;
  if (!f) return notes;
  const derived = f.components.filter((c) => c.provenance === 'derived').map((c) => c.label);
  notes.push(...fundingMarkKey(f, pointers));
  if (derived.length > 0) notes.push(`funding derived from published figures: ${list(derived)}.`);
  notes.push(...negativeGrantNotes(f, p.years));
  if (f.conditional.length > 0)
    notes.push(
      `not in funding: ring-fenced and conditional grants (${list(f.conditional.map((c) => c.label))}), matched to the spend they fund (--detail shows them).`,
    );
  for (const [y, ct] of f.councilTax ?? []) {
    const d = ct.bandD.derived;
    if (ct.bandD.basis === 'given' && d && !d.amount.equals(ct.bandD.used)) {
      const rule = f.funding.councilTax?.bandD.rounding ?? '';
      notes.push(
        `Band D ${y}: the given £${pounds(ct.bandD.used)} is used; ${rule} derives £${pounds(d.amount)} (exactly £${formatPlainGrouped(d.exact)}).`,
      );
    }
  }
  const r = f.reserves;
  if (r?.movementsOnly) {
    notes.push(
      'no opening balance of reserves is given: the reserves rows show the movement since the start of the first year, not the balance.',
    );
  } else if (r) {
    const last = p.years[p.years.length - 1] ?? '';
    const min = minimumText(f.funding.reserves?.minimum, r.minimum, p.years);
    if (r.exhausted || r.belowMinimum) {
      const parts = [
        ...(r.belowMinimum && min ? [`fall below the minimum balance (${min}) in ${r.belowMinimum}`] : []),
        ...(r.exhausted ? [`run out in ${r.exhausted}`] : []),
      ];
      notes.push(`if each year's gap were met from reserves, they would ${parts.join(' and ')}.`);
    } else {
      notes.push(
        `if each year's gap were met from reserves, they would stay ${min ? `at or above the minimum balance (${min})` : 'above nil'} to ${last}.`,
      );
    }
  }
  return notes;
}

const describe = (pr: Provenance): string =>
  pr === 'estimate' ? 'an estimate' : pr === 'calibrated' ? 'calibrated to a published total' : pr;

const percent = (r: Dec): Cell => ({ kind: 'number', value: r.times(100), dp: 2 });

/** Decimal places a count needs to show exactly, at most 2. */
const placesOf = (xs: readonly Dec[]): number => Math.min(2, Math.max(0, ...xs.map((x) => x.decimalPlaces())));

function componentRow(c: FundingComponent, years: readonly FiscalYear[]): TableRow {
  return {
    id: `funding.${c.id}`,
    cells: {
      label: text(c.label + window(c)),
      basis: text(c.provenance),
      ...Object.fromEntries(
        years.map((y) => {
          const basis = c.bases.get(y);
          const v = c.values.get(y) ?? ZERO;
          if (basis === 'ended' || basis === 'not-started') return [y, money(v, { blankInText: true })];
          const marker = componentMark(c, y);
          return [y, money(v, marker ? { marker } : {})];
        }),
      ),
    },
  };
}

/** ` (2018/19 only)`, ` (2018/19 to 2019/20)`, ` (to 2019/20)`: the years of a stream that has an end. */
function window(c: FundingComponent): string {
  const s = c.stream;
  if (!s?.to) return '';
  const start = s.from ?? [...s.levels].find(([, l]) => l.basis === 'stated')?.[0];
  if (!start) return ` (to ${s.to})`;
  return start === s.to ? ` (${s.to} only)` : ` (${start} to ${s.to})`;
}

/** The funding detail table of `mtfs project --detail`. */
export function fundingTable(p: Projection, pointers: Pointers = CLI_POINTERS): TableModel | undefined {
  const f = p.funding;
  if (!f) return undefined;
  const years = p.years;
  const rows: TableRow[] = [];
  const ct = f.councilTax;
  const written = f.funding.councilTax;
  const notes: string[] = [];
  if (ct && written) {
    const at = (y: FiscalYear) => {
      const c = ct.get(y);
      if (!c) throw new Error(`no council tax for ${y}`);
      return c;
    };
    const counts = years.map((y) => at(y).taxBase);
    const dp = placesOf(counts);
    const byYear = (cell: (y: FiscalYear) => Cell): Record<string, Cell> => Object.fromEntries(years.map((y) => [y, cell(y)]));
    rows.push({
      id: 'funding.tax_base',
      cells: {
        label: text('Tax base (Band D equivalents)'),
        basis: text(written.taxBase.provenance),
        ...byYear((y) => ({ kind: 'number', value: at(y).taxBase, dp })),
      },
    });
    if (written.taxBase.dwellings)
      notes.push(
        `Tax base growth: ${formatPlainGrouped(written.taxBase.dwellings)} Band D equivalent dwellings added each year after a stated year.`,
      );
    const collection = written.collection;
    if (collection) {
      rows.push({
        id: 'funding.collection_rate',
        cells: {
          label: text(
            collection.basis === 'applied'
              ? 'Collection rate (%): the yield is tax base × Band D × this rate'
              : 'Collection rate (%): already allowed for in the tax base, not applied again',
          ),
          basis: text(collection.provenance),
          ...byYear((y) => percent(collectionRateIn(collection, y))),
        },
      });
      notes.push(`Council tax: collection rate — ${citation(collection)}`);
    }
    if (years.some((y) => at(y).bandD.increase)) {
      const inc = (pick: 'core' | 'ascPrecept') =>
        byYear((y) => {
          const i = at(y).bandD.increase;
          return i ? percent(i[pick]) : blank;
        });
      rows.push({
        id: 'funding.core_increase',
        cells: { label: text('Core council tax increase (%)'), basis: text(written.bandD.provenance), ...inc('core') },
      });
      rows.push({
        id: 'funding.asc_precept',
        cells: { label: text('Adult social care precept (%)'), basis: text(written.bandD.provenance), ...inc('ascPrecept') },
      });
      const rules = written.principles;
      if (rules) {
        const limit = (pick: (r: PrinciplesYear) => Dec | undefined) =>
          byYear((y) => {
            const r = rules.years.get(y);
            const v = r && pick(r);
            return v ? percent(v) : blank;
          });
        rows.push({
          id: 'funding.core_limit',
          cells: { label: text('Referendum limit: core increase below (%)'), basis: text('rule'), ...limit((r) => r.coreLimit) },
        });
        if (years.some((y) => rules.years.get(y)?.ascPreceptLimit))
          rows.push({
            id: 'funding.asc_precept_limit',
            cells: { label: text('Referendum limit: ASC precept at most (%)'), basis: text('rule'), ...limit((r) => r.ascPreceptLimit) },
          });
      }
    }
    const givenYears = years.filter((y) => at(y).bandD.basis === 'given');
    rows.push({
      id: 'funding.band_d',
      cells: {
        label: text('Band D used (£)'),
        basis: text(
          givenYears.length === years.length
            ? written.bandD.provenance
            : givenYears.length === 0
              ? 'derived'
              : `${written.bandD.provenance}/derived`,
        ),
        ...byYear((y) => ({ kind: 'number', value: at(y).bandD.used, dp: 2 })),
      },
    });
    if (years.some((y) => at(y).bandD.derived)) {
      rows.push({
        id: 'funding.band_d_derived',
        cells: {
          label: text(`Band D derived: last year × (1 + core + ASC precept), ${written.bandD.rounding} (£)`),
          basis: text('derived'),
          ...byYear((y) => {
            const d = at(y).bandD.derived;
            return d ? { kind: 'number', value: d.amount, dp: 2 } : blank;
          }),
        },
      });
      rows.push({
        id: 'funding.band_d_difference',
        cells: {
          label: text('Band D used less derived (£)'),
          basis: blank,
          ...byYear((y) => {
            const c = at(y);
            return c.bandD.derived ? { kind: 'number', value: c.bandD.used.minus(c.bandD.derived.amount), dp: 2 } : blank;
          }),
        },
      });
    }
  }
  const rb = f.requirementBandD;
  const req = f.funding.councilTaxRequirement;
  if (rb && req?.taxBase && req.rounding) {
    const counts = [...rb.values()].map((r) => r.taxBase);
    const cell = (pick: (r: RequirementYear) => Cell): Record<string, Cell> =>
      Object.fromEntries(
        years.map((y) => {
          const r = rb.get(y);
          return [y, r ? pick(r) : blank];
        }),
      );
    rows.push({
      id: 'funding.tax_base',
      cells: {
        label: text('Tax base (Band D equivalents)'),
        basis: text(req.taxBase.provenance),
        ...cell((r) => ({ kind: 'number', value: r.taxBase, dp: placesOf(counts) })),
      },
    });
    rows.push({
      id: 'funding.band_d',
      cells: {
        label: text(`Band D: requirement ÷ tax base, ${req.rounding} (£)`),
        basis: text('derived'),
        ...cell((r) => ({ kind: 'number', value: r.bandD.amount, dp: 2 })),
      },
    });
    notes.push(`Council tax: tax base — ${citation(req.taxBase)}`);
  }
  const moneyComponents = f.components.map((c) => componentRow(c, years));
  rows.push(...moneyComponents);
  const before = f.beforeCouncilTax;
  if (before)
    rows.push({
      id: `funding.${BEFORE_COUNCIL_TAX}`,
      cells: {
        label: text(`${f.funding.beforeCouncilTax?.label ?? ''} (funding other than council tax)`),
        basis: blank,
        ...Object.fromEntries(years.map((y) => [y, money(before.get(y) ?? ZERO)])),
      },
    });
  rows.push({
    id: 'funding.total',
    cells: {
      label: text('Total funding'),
      basis: blank,
      ...Object.fromEntries(
        years.map((y) => {
          const marker = fundingTotalMark(f, y);
          return [y, money(f.total.get(y) ?? ZERO, marker ? { marker } : {})];
        }),
      ),
    },
    emphasis: 'total',
  });
  if (ct && written) rows.push(...ascPreceptRows(p, ct, written));
  const bill = billRows(p);
  rows.push(...bill.rows);
  notes.push(...bill.notes);
  const rates = businessRatesRows(f, years);
  rows.push(...rates.rows);
  const ascShown = rows.some((r) => r.id === 'funding.asc_spend') ? written?.ascDepartment?.name : undefined;
  const conditional = conditionalGrantRows(p, (c) => componentRow(c, years), ascShown);
  rows.push(...conditional.rows);
  if (f.components.some((c) => [...c.bases.values()].some(isEstimate))) {
    notes.push(
      `${ESTIMATE_MARK} estimated: a year the source does not state (straight line, or grown by the stated rate), rounded to whole units.`,
    );
  }
  notes.push(...fundingMarkKey(f, pointers));
  notes.push(...negativeGrantNotes(f, years), ...conditional.notes);
  notes.push(
    'A blank figure is a stream that has not started or has ended; tax base, Band D and percentages are in the units their labels give.',
  );
  if (written) {
    notes.push(`Council tax: tax base — ${citation(written.taxBase)}`);
    notes.push(`Council tax: Band D — ${citation(written.bandD)}`);
    if (written.bandD.earlierAscPrecept) notes.push(`ASC precepts before ${years[0] ?? ''} — ${citation(written.bandD.earlierAscPrecept)}`);
    notes.push(...referendumNotes(written));
  }
  notes.push(...rates.notes);
  for (const c of [...f.components, ...f.conditional]) {
    const cite = c.stream ?? (c.id === 'reserves_use' ? f.funding.reserves?.plannedUseCited : undefined);
    if (cite) notes.push(`${c.label} — ${citation(cite)}`);
  }
  for (const d of p.departments ?? []) {
    if (d.department.kind === 'levels') notes.push(`${d.department.name} — ${citation(d.department)}`);
  }
  const r = f.funding.reserves;
  if (r) {
    if (r.opening) notes.push(`Reserves brought forward — ${citation(r.opening)}`);
    if (r.contributionsCited) notes.push(`Contributions to reserves — ${citation(r.contributionsCited)}`);
    if (r.minimum) notes.push(`Minimum balance (${minimumText(r.minimum, f.reserves?.minimum, p.years)}) — ${citation(r.minimum)}`);
  }
  return {
    id: 'funding',
    title: 'Funding: components, council tax and Band D',
    units: p.scenario.units,
    columns: labelBasisYearColumns(years),
    rows,
    notes,
    identities: [
      { total: 'funding.total', parts: moneyComponents.map((r) => r.id) },
      ...(before
        ? [{ total: `funding.${BEFORE_COUNCIL_TAX}`, parts: moneyComponents.map((r) => r.id).filter((id) => id !== 'funding.council_tax') }]
        : []),
      ...bill.identities,
      ...rates.identities,
    ],
  };
}

/** The words for the bill's total: the source's own label, said to be derived. */
const billTotalLabel = (b: NonNullable<FundingProjection['bill']>): string => `${b.bill.label ?? 'Total'} (derived: the sum of the above)`;

/**
 * The council tax bill under total funding: the council's own Band D (or council tax) and each other
 * preceptor's, then their total (derived). Not funding: in neither total funding nor the gap.
 */
function billRows(p: Projection): { rows: TableRow[]; notes: string[]; identities: NonNullable<TableModel['identities']>[number][] } {
  const b = p.funding?.bill;
  if (!b) return { rows: [], notes: [], identities: [] };
  const bandD = b.bill.basis === 'band_d';
  const cell = (v: Dec): Cell => (bandD ? { kind: 'number', value: v, dp: 2 } : money(v));
  const head = bandD ? 'Council tax bill, Band D (£)' : 'Council tax bill';
  const ownWhat = bandD ? '' : p.funding?.funding.councilTaxRequirement ? ' (council tax requirement)' : ' (council tax)';
  const rows: TableRow[] = [
    {
      id: 'funding.bill.own',
      cells: {
        label: text(`${head}: ${p.scenario.authority}${ownWhat}`),
        basis: text(b.ownProvenance),
        ...Object.fromEntries(p.years.map((y) => [y, cell(b.own.get(y) ?? ZERO)])),
      },
    },
    ...b.bill.preceptors.map((pr, i) => ({
      id: `funding.bill.preceptor.${i + 1}`,
      cells: {
        label: text(`${head}: ${pr.name}${bandD ? '' : ' precept'}`),
        basis: text(pr.provenance),
        ...Object.fromEntries(p.years.map((y) => [y, cell(pr.values.get(y)?.amount ?? ZERO)])),
      },
    })),
    {
      id: bandD ? BILL_BAND_D_CONTROL : BILL_TOTAL_CONTROL,
      cells: {
        label: text(`${head}: ${billTotalLabel(b)}`),
        basis: text('derived'),
        ...Object.fromEntries(p.years.map((y) => [y, cell(b.total.get(y) ?? ZERO)])),
      },
      emphasis: 'total',
    },
  ];
  const notes = [
    `Council tax bill: the other preceptors’ ${bandD ? 'Band D' : 'precepts'} are collected with the council tax for their own authorities; the bill is not the council’s funding, so it is in neither total funding nor the gap.`,
    ...b.bill.preceptors.map((pr) => `Council tax bill: ${pr.name} — ${citation(pr)}`),
  ];
  const identities = bandD ? [] : [{ total: 'funding.bill.total', parts: rows.slice(0, -1).map((r) => r.id) }];
  return { rows, notes, identities };
}

/**
 * The ASC precept raised in each year (its share of Band D so far × the tax base) beside the net
 * budget of the department it must fund, where the scenario names one.
 */
function ascPreceptRows(p: Projection, ct: NonNullable<FundingProjection['councilTax']>, written: CouncilTax): TableRow[] {
  const years = p.years;
  if (!years.some((y) => ct.get(y)?.ascPreceptRaised)) return [];
  const since = [...(written.bandD.earlierAscPrecept?.years.keys() ?? [])][0] ?? years[0] ?? '';
  const rows: TableRow[] = [
    {
      id: 'funding.asc_precept_raised',
      cells: {
        label: text(`ASC precept raised in the year (precepts since ${since})`),
        basis: text('derived'),
        ...Object.fromEntries(
          years.map((y) => {
            const v = ct.get(y)?.ascPreceptRaised;
            return [y, v ? money(v) : blank];
          }),
        ),
      },
    },
  ];
  const dept = written.ascDepartment && p.departments?.find((d) => d.department.name === written.ascDepartment?.name);
  if (dept)
    rows.push({
      id: 'funding.asc_spend',
      cells: {
        label: text(`${dept.department.name} net budget (the ASC spend the precept funds)`),
        basis: text(dept.department.kind === 'scenario' ? 'published' : dept.department.provenance),
        ...Object.fromEntries(years.map((y) => [y, money(dept.values.get(y) ?? ZERO)])),
      },
    });
  return rows;
}

const pctText = (r: Dec): string => `${r.times(100).toFixed()}%`;

/** What the referendum check found, and the report each year's rule comes from. */
function referendumNotes(written: CouncilTax): string[] {
  const rules = written.principles;
  if (!rules) return [];
  const { planned, earlier } = plannedIncreases(written);
  const check = checkReferendumPrinciples(planned, earlier, rules);
  const span = (ys: readonly string[]): string => (ys.length > 1 ? `${ys[0]} to ${ys[ys.length - 1]}` : (ys[0] ?? ''));
  const notes = [
    check.breaches.length
      ? `Referendum principles: ${check.breaches.length} planned increase${check.breaches.length === 1 ? ' is' : 's are'} excessive (${check.breaches.map((b) => `${b.year} ${b.kind === 'core' ? 'core' : b.kind === 'asc-precept' ? 'ASC precept' : 'ASC precept total'}`).join(', ')}): see the warnings.`
      : `Referendum principles: no planned increase ${span(check.checked)} is excessive (core below its limit, ASC precept within its limits).`,
    ...check.totals.map(
      (t) =>
        `Referendum principles: ASC precepts ${t.over.from} to ${t.upTo} total ${pctText(t.total)}, against at most ${pctText(t.over.limit)} over ${t.over.from} to ${t.over.to}.`,
    ),
    ...(check.noPrinciples.length ? [`Referendum principles: none given for ${check.noPrinciples.join(', ')}, so not checked.`] : []),
    ...(check.unsplit.length
      ? [
          `Referendum principles: ${check.unsplit.join(', ')} ${check.unsplit.length === 1 ? 'gives its increase' : 'give their increases'} as one figure with no split into core and ASC precept, so not checked.`,
        ]
      : []),
    ...check.totalsUnchecked.map(
      (t) =>
        `Referendum principles: the ASC precept total over ${t.over.from} to ${t.over.to} is not checked: no precept is given for ${t.missing.join(', ')}.`,
    ),
  ];
  for (const y of check.checked) {
    const r = rules.years.get(y);
    if (r)
      notes.push(
        `Referendum principles ${y} — ${r.source}${r.external ? " (not among this project's source documents)" : ''}${r.note ? `: ${r.note}` : ''}`,
      );
  }
  return notes;
}

function citation(c: Pick<Cited, 'provenance' | 'source' | 'note'>): string {
  return `${c.provenance}: ${c.source}${c.note ? ` (${c.note})` : ''}`;
}

type Json = Record<string, unknown>;

const byYear = (years: readonly FiscalYear[], m: ReadonlyMap<FiscalYear, Dec>): Record<string, string> =>
  Object.fromEntries(years.map((y) => [y, toPlain(m.get(y) ?? ZERO)]));

const citedJson = (c: Pick<Cited, 'provenance' | 'source' | 'note' | 'origin'>): Json => ({
  provenance: c.provenance,
  source: c.source,
  note: c.note ?? null,
  origin: `${c.origin.file}:${c.origin.line}`,
});

function referendumJson(ct: CouncilTax): Json {
  const rules = ct.principles as NonNullable<CouncilTax['principles']>;
  const { planned, earlier } = plannedIncreases(ct);
  const check = checkReferendumPrinciples(planned, earlier, rules);
  return {
    principles: rules.file,
    checked: check.checked,
    not_checked: check.noPrinciples,
    excessive: check.breaches.map((b) => ({
      year: b.year,
      kind: b.kind,
      rate: toPlain(b.kind === 'asc-precept-total' ? b.total : b.rate),
      limit: toPlain(b.kind === 'core' ? b.rule.coreLimit : b.kind === 'asc-precept' ? (b.rule.ascPreceptLimit ?? ZERO) : b.over.limit),
      source: b.rule.source,
    })),
    asc_precept_totals: check.totals.map((t) => ({
      from: t.over.from,
      to: t.over.to,
      up_to: t.upTo,
      total: toPlain(t.total),
      limit: toPlain(t.over.limit),
    })),
  };
}

/** JSON fields for departments and funding (none when the scenario has neither). */
export function fundingJson(p: Projection): Json {
  const years = p.years;
  const out: Json = {};
  if (p.departments) {
    out.departments = p.departments.map((d) => ({
      id: d.id,
      name: d.department.name,
      ...(d.department.kind === 'scenario'
        ? {
            scenario: d.department.scenario.file,
            provenance: 'published',
            source: d.department.scenario.source ?? null,
            note: null,
            origin: `${d.department.origin.file}:${d.department.origin.line}`,
          }
        : citedJson(d.department)),
      values: byYear(years, d.values),
      basis: Object.fromEntries(years.map((y) => [y, d.bases.get(y) ?? 'stated'])),
    }));
  }
  const f = p.funding;
  if (!f) return out;
  const ct = f.funding.councilTax;
  const rbJson = f.requirementBandD
    ? {
        council_tax_requirement: Object.fromEntries(
          [...f.requirementBandD].map(([y, r]) => [
            y,
            { tax_base: toPlain(r.taxBase), band_d: toPlain(r.bandD.amount), band_d_exact: toPlain(r.bandD.exact) },
          ]),
        ),
      }
    : {};
  out.funding = {
    ...rbJson,
    position: Object.fromEntries(years.map((y) => [y, position(f.gap.get(y) ?? ZERO)])),
    ...(f.beforeCouncilTax
      ? { before_council_tax: { label: f.funding.beforeCouncilTax?.label ?? null, values: byYear(years, f.beforeCouncilTax) } }
      : {}),
    components: f.components.map((c) => ({
      id: c.id,
      label: c.label,
      ...(c.stream ? { ...citedJson(c.stream), from: c.stream.from ?? null, to: c.stream.to ?? null } : { provenance: c.provenance }),
      values: byYear(years, c.values),
      basis: Object.fromEntries(years.map((y) => [y, c.bases.get(y) ?? 'stated'])),
    })),
    ...(f.funding.retainedBusinessRates && f.businessRates
      ? { retained_business_rates: businessRatesJson(f.funding.retainedBusinessRates, f.businessRates) }
      : {}),
    ...(f.conditional.length
      ? {
          conditional_grants: f.conditional.map((c) => ({
            id: c.id,
            label: c.label,
            funds: c.stream?.conditional?.funds ?? null,
            ...(c.stream ? citedJson(c.stream) : { provenance: c.provenance }),
            values: byYear(years, c.values),
          })),
        }
      : {}),
    ...(f.bill ? { bill: billJson(p, f.bill) } : {}),
    council_tax:
      ct && f.councilTax
        ? {
            rounding: ct.bandD.rounding,
            collection: ct.collection
              ? {
                  rate: toPlain(ct.collection.rate),
                  ...(ct.collection.years ? { years: Object.fromEntries([...ct.collection.years].map(([y, r]) => [y, toPlain(r)])) } : {}),
                  basis: ct.collection.basis,
                  ...citedJson(ct.collection),
                }
              : null,
            tax_base_growth: ct.taxBase.dwellings
              ? { dwellings: toPlain(ct.taxBase.dwellings) }
              : ct.taxBase.growth
                ? { rate: toPlain(ct.taxBase.growth) }
                : null,
            referendum: ct.principles ? referendumJson(ct) : null,
            tax_base: citedJson(ct.taxBase),
            band_d: citedJson(ct.bandD),
            years: Object.fromEntries(
              [...f.councilTax].map(([y, c]) => [
                y,
                {
                  tax_base: toPlain(c.taxBase),
                  tax_base_basis: c.taxBaseBasis,
                  band_d: toPlain(c.bandD.used),
                  band_d_basis: c.bandD.basis,
                  band_d_derived: c.bandD.derived ? toPlain(c.bandD.derived.amount) : null,
                  band_d_derived_exact: c.bandD.derived ? toPlain(c.bandD.derived.exact) : null,
                  core_increase: c.bandD.increase ? toPlain(c.bandD.increase.core) : null,
                  asc_precept: c.bandD.increase ? toPlain(c.bandD.increase.ascPrecept) : null,
                  yield_pounds: toPlain(c.yieldPounds),
                  yield: toPlain(c.yield),
                  asc_precept_per_band_d: c.ascPreceptPerBandD ? toPlain(c.ascPreceptPerBandD) : null,
                  asc_precept_raised: c.ascPreceptRaised ? toPlain(c.ascPreceptRaised) : null,
                },
              ]),
            ),
          }
        : null,
    reserves:
      f.reserves && f.funding.reserves
        ? {
            opening: f.funding.reserves.opening ? toPlain(f.funding.reserves.opening.amount) : null,
            ...(f.reserves.movementsOnly ? { movements_only: true } : {}),
            minimum: f.funding.reserves.minimum?.kind === 'amount' ? toPlain(f.funding.reserves.minimum.amount) : null,
            ...(f.funding.reserves.minimum?.kind === 'percent'
              ? {
                  minimum_percent: toPlain(f.funding.reserves.minimum.rate.times(100)),
                  minimum_by_year: Object.fromEntries([...(f.reserves.minimum ?? [])].map(([y, m]) => [y, toPlain(m)])),
                }
              : {}),
            below_minimum_year: f.reserves.belowMinimum ?? null,
            exhausted_year: f.reserves.exhausted ?? null,
            ...reservesJson(p),
          }
        : null,
  };
  return out;
}

/** The bill in JSON: its basis and units, the council's own share, each preceptor's, and the derived total. */
function billJson(p: Projection, b: NonNullable<FundingProjection['bill']>): Json {
  const years = p.years;
  return {
    basis: b.bill.basis,
    units: b.bill.basis === 'band_d' ? '£' : p.scenario.units,
    in_funding: false,
    own: { name: p.scenario.authority, provenance: b.ownProvenance, values: byYear(years, b.own) },
    preceptors: b.bill.preceptors.map((pr) => ({
      name: pr.name,
      ...citedJson(pr),
      values: byYear(years, new Map([...pr.values].map(([y, v]) => [y, v.amount]))),
    })),
    total: { label: b.bill.label ?? null, provenance: 'derived', derivation: 'own + every preceptor', values: byYear(years, b.total) },
  };
}
