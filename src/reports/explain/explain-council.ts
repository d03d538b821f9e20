// Explaining the rows of a whole council and its funding: the net budget requirement as the sum of
// its departments, each department's net budget, total funding as the sum of its components (council
// tax as tax base × Band D, with how Band D was obtained), the gap, the cumulative gap and the
// reserves roll-forward, each down to where it is written and its source. Pure.

import { previousYear, type FiscalYear } from '../../model/fiscal-year.js';
import type { Cited } from '../../model/funding.js';
import type { SourcedAmount } from '../../model/level.js';
import { ZERO, type Money } from '../../model/money.js';
import type { DepartmentBudget } from '../../project/council.js';
import type { FundingComponent, FundingProjection } from '../../project/funding.js';
import type { Projection, RowId } from '../../project/project.js';
import { formatPlainGrouped, group } from '../../model/grouped-number.js';
import { explainReservesItem, reservesItemIds } from './explain-reserves.js';
import type { Step } from './step.js';
import { businessRatesItemIds, explainBusinessRates, explainConditionalGrant } from './explain-business-rates.js';
import { collectionRateIn } from '../../model/funding.js';

const g = formatPlainGrouped;
/** £ and pence, grouped: 1,127.40. */
const pence = (d: Money): string => group(d.toFixed(2));
const yid = (y: FiscalYear): string => y.replace('/', '-');
const valueOf = (p: Projection, id: string, y: FiscalYear): Money => p.rows.find((r) => (r.id as string) === id)?.values.get(y) ?? ZERO;

/** The step for a council or funding row, or undefined when `row` is a department budget row this module does not know. */
export function explainCouncilRow(p: Projection, row: RowId, y: FiscalYear): Step | undefined {
  const id = `${row}/${yid(y)}`;
  const label = `${row} ${y}`;
  const amount = valueOf(p, row, y);
  if (row === 'net_budget' && p.departments) {
    return {
      id,
      label,
      amount,
      formula: `the sum of ${p.departments.length} departments' net budgets`,
      children: p.departments.map((d) => departmentStep(p, d, y)),
    };
  }
  if (row.startsWith('department.')) {
    const d = p.departments?.find((x) => x.id === row);
    return d ? departmentStep(p, d, y) : undefined;
  }
  const f = p.funding;
  if (!f) return undefined;
  const first = p.years[0];
  const prev = y === first ? undefined : previousYear(y);
  switch (row) {
    case 'funding':
      return {
        id,
        label,
        amount,
        formula: `the sum of ${f.components.length} funding components`,
        children: f.components.map((c) => componentStep(f, c, y, id, p.years)),
      };
    case 'gap':
      return {
        id,
        label,
        amount,
        formula: `net_budget ${g(valueOf(p, 'net_budget', y))} − funding ${g(valueOf(p, 'funding', y))} (positive is a shortfall)`,
        children: [
          {
            id: `${id}/net_budget`,
            label: `net_budget ${y}`,
            amount: valueOf(p, 'net_budget', y),
            formula: `see mtfs explain ${p.scenario.file} net_budget ${y}`,
            children: [],
          },
          explainCouncilRow(p, 'funding', y) as Step,
        ],
      };
    case 'cumulative_gap':
      return {
        id,
        label,
        amount,
        formula: prev
          ? `cumulative_gap ${prev} ${g(valueOf(p, 'cumulative_gap', prev))} + gap ${g(valueOf(p, 'gap', y))}`
          : `gap ${g(valueOf(p, 'gap', y))} (the first year)`,
        children: [],
      };
    case 'reserves_bf': {
      const opening = f.funding.reserves?.opening;
      return prev
        ? { id, label, amount, formula: `reserves_cf ${prev}`, children: [] }
        : {
            id,
            label,
            amount,
            formula: opening
              ? 'the opening balance, as written'
              : 'nil: no opening balance is given, so the reserves rows show movements only',
            ...(opening ? { origin: opening.origin, source: opening.source } : {}),
            children: [],
          };
    }
    case 'reserves_use':
    case 'reserves_contributions': {
      const r = f.funding.reserves;
      const use = row === 'reserves_use';
      return movementStep(
        { id, label, amount },
        (use ? r?.plannedUse : r?.contributions)?.get(y),
        use ? r?.plannedUseCited : r?.contributionsCited,
        use
          ? 'planned use, as written (a draw counts as funding)'
          : 'contributions, as written (they add to the balance and are not funding)',
      );
    }
    case 'reserves_cf':
      return {
        id,
        label,
        amount,
        formula:
          `reserves_bf ${g(valueOf(p, 'reserves_bf', y))} − reserves_use ${g(valueOf(p, 'reserves_use', y))}` +
          (f.reserves?.oneOff ? ` − reserves_one_off ${g(valueOf(p, 'reserves_one_off', y))}` : '') +
          (f.reserves?.contributions ? ` + reserves_contributions ${g(valueOf(p, 'reserves_contributions', y))}` : ''),
        children: [],
      };
    case 'reserves_one_off': {
      const items = (f.funding.reserves?.oneOff ?? []).filter((o) => o.reserve === 'general_fund');
      return {
        id,
        label,
        amount,
        formula: `the sum of ${items.length} one-off spend item${items.length === 1 ? '' : 's'} funded from the general fund (not in the net budget requirement, so not in the gap)`,
        children: items.map((o) => explainReservesItem(p, `reserves.general_fund.one_off.${o.id}`, y) as Step),
      };
    }
    case 'reserves_after_gap':
      return {
        id,
        label,
        amount,
        formula: `reserves_cf ${g(valueOf(p, 'reserves_cf', y))} − cumulative_gap ${g(valueOf(p, 'cumulative_gap', y))}`,
        children: [],
      };
    default:
      return undefined;
  }
}

function departmentStep(p: Projection, d: DepartmentBudget, y: FiscalYear): Step {
  const amount = d.values.get(y) ?? ZERO;
  const id = `${d.id}/${yid(y)}`;
  const label = `${d.department.name} ${y}`;
  if (d.department.kind === 'scenario') {
    const units =
      d.department.scenario.units === p.scenario.units ? '' : ` (converted from ${d.department.scenario.units} to ${p.scenario.units})`;
    return {
      id,
      label,
      amount,
      formula: `the net budget of ${d.department.scenario.file}${units}; see mtfs explain ${d.department.scenario.file} net_budget ${y}`,
      origin: d.department.origin,
      children: [],
    };
  }
  const basis = d.department.levels.get(y)?.basis ?? 'stated';
  return {
    id,
    label,
    amount,
    formula: `${basis === 'stated' ? 'as written' : `not written for this year: ${basis}`} (${d.department.provenance})`,
    origin: d.department.levels.get(y)?.origins[0] ?? d.department.origin,
    source: d.department.source,
    ...(d.department.note ? { note: d.department.note } : {}),
    children: [],
  };
}

function componentStep(f: FundingProjection, c: FundingComponent, y: FiscalYear, parent: string, years: readonly FiscalYear[]): Step {
  const id = `${parent}/${c.id}`;
  if (c.id === 'retained_business_rates') {
    const step = explainBusinessRates(f, years, c.id, y, parent);
    if (step) return step;
  }
  const amount = c.values.get(y) ?? ZERO;
  const basis = c.bases.get(y) ?? 'stated';
  if (c.id === 'council_tax') {
    const ct = f.councilTax?.get(y);
    const tax = f.funding.councilTax;
    if (ct && tax) {
      const band =
        ct.bandD.basis === 'given'
          ? 'Band D as published'
          : `Band D derived: last year's × (1 + core + ASC precept) = ${ct.bandD.derived?.exact.toFixed() ?? '?'}, rounded to the penny (${tax.bandD.rounding})`;
      return {
        id,
        label: `council tax ${y}`,
        amount,
        formula: `tax base ${g(ct.taxBase)} × Band D £${g(ct.bandD.used)}${ct.collectionRate ? ` × collection rate ${ct.collectionRate.times(100).toFixed()}%` : ''} = £${g(ct.yieldPounds)}`,
        children: [
          {
            id: `${id}/tax_base`,
            label: `tax base ${y}`,
            amount: ct.taxBase as Money,
            measure: 'count',
            formula: `${taxBaseFormula(f, y)} (${tax.taxBase.provenance}${ct.taxBaseBasis === 'stated' ? '' : `, ${ct.taxBaseBasis}`})`,
            origin: tax.taxBase.origin,
            source: tax.taxBase.source,
            ...(tax.taxBase.note ? { note: tax.taxBase.note } : {}),
            children: [],
          },
          {
            id: `${id}/band_d`,
            label: `Band D ${y} (£)`,
            amount: ct.bandD.used,
            measure: 'pounds',
            formula: `${band} (${tax.bandD.provenance})`,
            origin: tax.bandD.years.get(y)?.given?.origin ?? tax.bandD.years.get(y)?.increase?.origin ?? tax.bandD.origin,
            source: tax.bandD.source,
            children: [],
          },
          ...(tax.collection ? [collectionStep(tax, y, `${id}/collection_rate`) as Step] : []),
        ],
      };
    }
  }
  const stream = c.stream;
  const level = stream?.levels.get(y);
  return {
    id,
    label: `${c.label} ${y}`,
    amount,
    formula: `${basis === 'stated' ? 'as written' : basis === 'ended' ? `nil: ended ${stream?.to ?? ''}` : `not written for this year: ${basis}`} (${c.provenance})`,
    ...(level?.origins[0] ? { origin: level.origins[0] } : stream ? { origin: stream.origin } : {}),
    ...(stream ? { source: stream.source } : {}),
    ...(stream?.note ? { note: stream.note } : {}),
    children: [],
  };
}

/** Council tax rows of the funding table that are not funding components. */
const COUNCIL_TAX_ROWS = ['tax_base', 'core_increase', 'asc_precept', 'band_d', 'band_d_derived', 'band_d_difference'] as const;

/**
 * Every funding-table row `explain` can reach, as the funding table names them (`funding.<id>`),
 * in table order; the `funding.` prefix may be left off when asking.
 */
export function fundingItemIds(p: Projection): string[] {
  const f = p.funding;
  if (!f) return [];
  const tax = f.funding.councilTax;
  const rules = tax?.principles ? (['core_limit', 'asc_precept_limit'] as const) : [];
  const asc = f.councilTax && [...f.councilTax.values()].some((c) => c.ascPreceptRaised) ? ['asc_precept_raised'] : [];
  const spend = tax?.ascDepartment && asc.length ? ['asc_spend'] : [];
  const collection = tax?.collection ? ['collection_rate'] : [];
  return [
    ...[
      ...(f.councilTax ? [...COUNCIL_TAX_ROWS, ...collection, ...rules] : []),
      ...f.components.map((c) => c.id),
      'total',
      ...asc,
      ...spend,
      ...businessRatesItemIds(f),
      ...f.conditional.map((c) => `conditional.${c.id}`),
      ...(p.departments ?? [])
        .filter((d) => f.conditional.some((c) => c.stream?.conditional?.funds === d.department.name))
        .map((d) => `conditional.spend.${d.id}`),
    ].map((id) => `funding.${id}`),
    ...reservesItemIds(p),
  ];
}

/** The step behind one row of the funding table in year `y`, or undefined when it has no such row. */
export function explainFundingItem(p: Projection, item: string, y: FiscalYear): Step | undefined {
  const f = p.funding;
  if (!f) return undefined;
  const key = item.replace(/^funding\./, '');
  if (key.startsWith('reserves.')) return explainReservesItem(p, key, y);
  const root = `funding/${yid(y)}`;
  if (key === 'total') return explainCouncilRow(p, 'funding', y);
  const c = f.components.find((x) => x.id === key);
  if (c) return componentStep(f, c, y, root, p.years);
  if (key.startsWith('business_rates.')) return explainBusinessRates(f, p.years, key, y, root);
  if (key.startsWith('conditional.spend.')) {
    const d = p.departments?.find((x) => `conditional.spend.${x.id}` === key);
    return d ? departmentStep(p, d, y) : undefined;
  }
  if (key.startsWith('conditional.')) return explainConditionalGrant(f, key, y, root);
  const council = f.components.find((x) => x.id === 'council_tax');
  const ct = f.councilTax?.get(y);
  const tax = f.funding.councilTax;
  if (!council || !ct || !tax) return undefined;
  const parts = componentStep(f, council, y, root, p.years).children;
  const written = tax.bandD.years.get(y);
  const pct = (r: Money | undefined): Money => (r ? (r.times(100) as Money) : ZERO);
  const id = `${root}/${key}`;
  switch (key) {
    case 'tax_base':
      return parts[0];
    case 'band_d':
      return parts[1];
    case 'core_increase':
    case 'asc_precept': {
      const inc = written?.increase;
      const rate = key === 'core_increase' ? inc?.core : inc?.ascPrecept;
      return {
        id,
        label: `${key === 'core_increase' ? 'core council tax increase' : 'adult social care precept'} ${y} (%)`,
        amount: pct(rate as Money | undefined),
        measure: 'percent',
        formula: inc ? "as written, a percentage of last year's Band D" : 'not written for this year',
        ...(inc ? { origin: inc.origin } : {}),
        source: tax.bandD.source,
        children: [],
      };
    }
    case 'band_d_derived': {
      const d = ct.bandD.derived;
      return {
        id,
        label: `Band D derived ${y} (£)`,
        amount: (d?.amount ?? ZERO) as Money,
        measure: 'pounds',
        formula: d
          ? `last year's Band D × (1 + core + ASC precept) = ${d.exact.toFixed()}, rounded to the penny (${tax.bandD.rounding})`
          : 'no increase is written for this year, so nothing is derived',
        children: [],
      };
    }
    case 'core_limit':
    case 'asc_precept_limit': {
      const rule = tax.principles?.years.get(y);
      const limit = key === 'core_limit' ? rule?.coreLimit : rule?.ascPreceptLimit;
      return {
        id,
        label: `referendum limit ${y}: ${key === 'core_limit' ? 'core increase below' : 'ASC precept at most'} (%)`,
        amount: pct(limit as Money | undefined),
        measure: 'percent',
        formula: !rule
          ? 'no referendum principles for this year'
          : limit
            ? key === 'core_limit'
              ? `a core increase of this or more is excessive under the referendum principles for ${y}`
              : `the most adult social care precept the referendum principles for ${y} allow in the year`
            : `no limit of its own for ${y}${rule.ascPreceptTotal ? `: only the total over ${rule.ascPreceptTotal.from} to ${rule.ascPreceptTotal.to}` : ''}`,
        ...(rule
          ? { origin: rule.origin, source: `${rule.source}${rule.external ? " (not among this project's source documents)" : ''}` }
          : {}),
        ...(rule?.note ? { note: rule.note } : {}),
        children: [],
      };
    }
    case 'asc_precept_raised':
      return ascPreceptStep(p, f, y, id);
    case 'collection_rate':
      return collectionStep(tax, y, id);
    case 'asc_spend': {
      const d = p.departments?.find((x) => x.department.name === tax.ascDepartment?.name);
      return d ? departmentStep(p, d, y) : undefined;
    }
    case 'band_d_difference': {
      const d = ct.bandD.derived;
      return {
        id,
        label: `Band D used less derived ${y} (£)`,
        amount: (d ? ct.bandD.used.minus(d.amount) : ZERO) as Money,
        measure: 'pounds',
        formula: d ? `Band D used £${g(ct.bandD.used)} − derived £${g(d.amount)}` : 'nothing derived for this year',
        children: [],
      };
    }
    default:
      return undefined;
  }
}

/** How a year's tax base was obtained: as written, or grown from the year before by a rate or by new dwellings. */
function taxBaseFormula(f: FundingProjection, y: FiscalYear): string {
  const tax = f.funding.councilTax;
  const ct = f.councilTax?.get(y);
  const before = f.councilTax?.get(previousYear(y));
  if (!tax || !ct || ct.taxBaseBasis !== 'growth' || !before) return 'Band D equivalents';
  if (tax.taxBase.dwellings)
    return `Band D equivalents: ${previousYear(y)}'s ${g(before.taxBase)} + ${g(tax.taxBase.dwellings)} dwellings added a year`;
  if (tax.taxBase.growth)
    return `Band D equivalents: ${previousYear(y)}'s ${g(before.taxBase)} × (1 + ${tax.taxBase.growth.times(100).toFixed()}%) = ${before.taxBase.times(tax.taxBase.growth.plus(1)).toFixed()}, rounded to whole units`;
  return 'Band D equivalents';
}

/** The collection rate of the council tax, and whether the yield applies it. */
function collectionStep(tax: NonNullable<FundingProjection['funding']['councilTax']>, y: FiscalYear, id: string): Step | undefined {
  const c = tax.collection;
  if (!c) return undefined;
  return {
    id,
    label: `collection rate ${y} (%)`,
    amount: collectionRateIn(c, y).times(100) as Money,
    measure: 'percent',
    formula:
      c.basis === 'applied'
        ? `as written (${c.provenance}): the yield is tax base × Band D × this rate`
        : `as written (${c.provenance}): the tax base is stated after this allowance for non-collection, so it is not applied again`,
    origin: c.origin,
    source: c.source,
    ...(c.note ? { note: c.note } : {}),
    children: [],
  };
}

/** A reserves movement (planned use, contributions) in a year: as written, or none. */
function movementStep(
  step: { id: string; label: string; amount: Money },
  written: SourcedAmount | undefined,
  cited: Cited | undefined,
  formula: string,
): Step {
  return written
    ? { ...step, formula, origin: written.origin, ...(cited ? { source: cited.source } : {}), children: [] }
    : { ...step, formula: 'none planned for this year', children: [] };
}

/**
 * The ASC precept raised in `y`: its share of Band D (each precept so far × the Band D before it,
 * earlier precepts included) × the tax base, with a step for each precept.
 */
function ascPreceptStep(p: Projection, f: FundingProjection, y: FiscalYear, id: string): Step | undefined {
  const tax = f.funding.councilTax;
  const ct = f.councilTax?.get(y);
  if (!tax || !ct?.ascPreceptRaised || !ct.ascPreceptPerBandD) return undefined;
  const children: Step[] = [...(tax.bandD.earlierAscPrecept?.years ?? [])].map(([ey, e]) => ({
    id: `${id}/${yid(ey)}`,
    label: `ASC precept ${ey} (£ a Band D)`,
    amount: e.rate.times(e.bandDBefore) as Money,
    measure: 'pounds',
    formula: `${e.rate.times(100).toFixed()}% × Band D before it £${pence(e.bandDBefore)}`,
    origin: e.origin,
    source: tax.bandD.earlierAscPrecept?.source ?? '',
    children: [],
  }));
  for (const py of p.years) {
    const inc = tax.bandD.years.get(py)?.increase;
    const before = py === p.years[0] ? tax.bandD.base?.amount : f.councilTax?.get(previousYear(py))?.bandD.used;
    if (inc && before)
      children.push({
        id: `${id}/${yid(py)}`,
        label: `ASC precept ${py} (£ a Band D)`,
        amount: inc.ascPrecept.times(before) as Money,
        measure: 'pounds',
        formula: `${inc.ascPrecept.times(100).toFixed()}% × Band D before it £${pence(before)}`,
        origin: inc.ascPreceptOrigin,
        source: tax.bandD.source,
        children: [],
      });
    if (py === y) break;
  }
  return {
    id,
    label: `ASC precept raised ${y}`,
    amount: ct.ascPreceptRaised,
    formula: `the precepts' share of Band D £${g(ct.ascPreceptPerBandD)} (the sum of the steps below) × tax base ${g(ct.taxBase)} = £${g(ct.taxBase.times(ct.ascPreceptPerBandD))}`,
    children,
  };
}
