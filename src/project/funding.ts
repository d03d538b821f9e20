// Funding and the gap: a scenario's funding against its net budget requirement → council tax
// (tax base × Band D, exactly), each funding stream, total funding, the gap, the cumulative gap and
// the reserves roll-forward. Pure and exact; the only rounding is Band D's named penny rule.

import { bandDFromRequirement, deriveBandD, type DerivedBandD } from '../model/band-d.js';
import { retainedBusinessRates, type BusinessRatesYear } from '../model/business-rates.js';
import { previousYear, type FiscalYear } from '../model/fiscal-year.js';
import {
  GENERAL_FUND,
  type Cited,
  type CouncilTaxBill,
  type EarmarkedReserve,
  type Funding,
  type FundingStream,
  type OneOffSpend,
  type Provenance,
  type RetainedBusinessRates,
} from '../model/funding.js';
import { amountIn, firstYearBelow, rollReserve, type ReserveYear } from '../model/reserves.js';
import { ZERO, add, sub, type Dec, type Money, type Rate } from '../model/money.js';
import { isEstimate, type FundingRow, type LevelBasis, type Units } from '../model/scenario.js';
import { fromPounds, toPounds } from '../model/units.js';
import { collectionRateIn } from '../model/funding.js';

interface BandDResult {
  /** The Band D the yield uses (£): the given amount where there is one, else the derived one. */
  readonly used: Money;
  readonly basis: 'given' | 'derived';
  /** Last year's Band D × (1 + core + ASC precept) under the scenario's rule, where the year has an increase. */
  readonly derived?: DerivedBandD;
  readonly increase?: { readonly core: Rate; readonly ascPrecept: Rate };
}

interface CouncilTaxYear {
  readonly taxBase: Dec;
  readonly taxBaseBasis: LevelBasis;
  readonly bandD: BandDResult;
  /** Tax base × Band D in £, exactly. */
  readonly yieldPounds: Money;
  /** The same in the scenario's units. */
  readonly yield: Money;
  /**
   * The ASC precept raised in the year, in the scenario's units: the precept's share of Band D (each
   * year's precept × the Band D before it, summed over the precepts so far, earlier ones included)
   * × the tax base. Absent once a year's Band D is given without an increase (its precept is unknown).
   */
  readonly ascPreceptRaised?: Money;
  /** That share of Band D in £, exactly. */
  readonly ascPreceptPerBandD?: Dec;
  /** The collection rate the yield is multiplied by (`collection: {basis: applied}`). */
  readonly collectionRate?: Rate;
}

/** The id of the row of funding other than council tax (`funding.before_council_tax`). */
export const BEFORE_COUNCIL_TAX = 'before_council_tax';

/** One part of total funding, by year, in the scenario's units. */
export interface FundingComponent {
  /** `council_tax`, `collection_fund`, `business_rates`, `revenue_support_grant`, `grant.<id>` or `reserves_use`. */
  readonly id: string;
  readonly label: string;
  readonly provenance: Provenance;
  readonly values: ReadonlyMap<FiscalYear, Money>;
  /** How each year's figure was obtained (estimates and ended grants are marked in tables). */
  readonly bases: ReadonlyMap<FiscalYear, LevelBasis>;
  readonly stream?: FundingStream;
}

interface ReservesProjection {
  /** True where no opening balance is given: the balance rows are movements since the start of the first year. */
  readonly movementsOnly: boolean;
  readonly broughtForward: ReadonlyMap<FiscalYear, Money>;
  /** Planned use, positive (a draw), as written and as counted in funding. */
  readonly use: ReadonlyMap<FiscalYear, Money>;
  readonly stated: ReadonlySet<FiscalYear>;
  /** Contributions to reserves, positive: they add to the balance and are not funding. */
  readonly contributions?: ReadonlyMap<FiscalYear, Money>;
  readonly contributionsStated?: ReadonlySet<FiscalYear>;
  /** Brought forward − planned use + contributions. */
  readonly carriedForward: ReadonlyMap<FiscalYear, Money>;
  /** Carried forward less the cumulative gap: the balance if every year's gap were met from reserves. */
  readonly afterGap: ReadonlyMap<FiscalYear, Money>;
  /** The minimum balance in each year (an amount, or a percentage of that year's net budget). */
  readonly minimum?: ReadonlyMap<FiscalYear, Money>;
  /** The first year in which `afterGap` is below the minimum balance. */
  readonly belowMinimum?: FiscalYear;
  /** The first year in which `afterGap` is below nil: reserves would have run out (only with an opening balance). */
  readonly exhausted?: FiscalYear;
  /** One-off spend funded from the general fund, positive, by year (when any names it), and the years it is written for. */
  readonly oneOff?: { readonly values: ReadonlyMap<FiscalYear, Money>; readonly stated: ReadonlySet<FiscalYear> };
  /** `afterGap` less the minimum balance: the headroom if every year's gap were met from the general fund. */
  readonly headroom?: ReadonlyMap<FiscalYear, Money>;
  /** Earmarked reserves, each rolled forward on its own. */
  readonly earmarked?: readonly EarmarkedProjection[];
  /** The general fund carried forward plus every earmarked reserve carried forward. */
  readonly totalCarriedForward?: ReadonlyMap<FiscalYear, Money>;
}

/** One earmarked reserve by year: brought forward + contributions − uses − one-off spend = carried forward. */
export interface EarmarkedProjection {
  readonly reserve: EarmarkedReserve;
  /** The one-off spend it funds. */
  readonly oneOff: readonly OneOffSpend[];
  /** Uses and one-off spend together in `uses`. */
  readonly years: ReadonlyMap<FiscalYear, ReserveYear>;
  /** The first year it would be below nil. */
  readonly negative?: FiscalYear;
}

/** A year of council tax given as a requirement, with the Band D it implies where a tax base is given. */
export interface RequirementYear {
  readonly taxBase: Dec;
  /** Requirement (in £) ÷ tax base, exactly and rounded by the council's rule. */
  readonly bandD: DerivedBandD;
}

/**
 * The council tax bill by year: the council's own share and the total with the other preceptors'.
 * Band D in £ (basis `band_d`) or amounts in the scenario's units (basis `precept`); never funding.
 */
export interface BillProjection {
  readonly bill: CouncilTaxBill;
  /** The council's own Band D (£), or its council tax (the yield or the requirement), by year. */
  readonly own: ReadonlyMap<FiscalYear, Money>;
  readonly ownProvenance: Provenance;
  /** The council's own plus every preceptor's, exactly: derived. */
  readonly total: ReadonlyMap<FiscalYear, Money>;
}

export interface FundingProjection {
  readonly funding: Funding;
  readonly councilTax?: ReadonlyMap<FiscalYear, CouncilTaxYear>;
  /** With a council tax requirement and a tax base: the Band D each year implies. */
  readonly requirementBandD?: ReadonlyMap<FiscalYear, RequirementYear>;
  readonly components: readonly FundingComponent[];
  /** Retained business rates and each of its parts, by year (with `retained_business_rates:`). */
  readonly businessRates?: ReadonlyMap<FiscalYear, BusinessRatesYear>;
  /**
   * Ring-fenced and conditional grants, each matched to the spend it funds (`stream.conditional`):
   * shown apart, never in `components`, the total or the gap.
   */
  readonly conditional: readonly FundingComponent[];
  readonly total: ReadonlyMap<FiscalYear, Money>;
  /** Where the scenario asks for it: total funding less council tax (the collection fund stays in). */
  readonly beforeCouncilTax?: ReadonlyMap<FiscalYear, Money>;
  /** Net budget requirement less total funding: positive is a shortfall. */
  readonly gap: ReadonlyMap<FiscalYear, Money>;
  /** Running sum of the gap: what reserves would have to meet by the end of each year. */
  readonly cumulativeGap: ReadonlyMap<FiscalYear, Money>;
  readonly reserves?: ReservesProjection;
  /** The council tax bill with the other preceptors (`council_tax: bill:`): apart from funding and the gap. */
  readonly bill?: BillProjection;
}

/** Labels of the balance rows where no opening balance is given: they show movements only. */
export const MOVEMENT_ROW_LABELS: Partial<Record<FundingRow, string>> = {
  reserves_bf: 'Movement in reserves brought forward (no opening balance given)',
  reserves_cf: 'Movement in reserves carried forward (no opening balance given)',
  reserves_after_gap: "Movement in reserves if each year's gap were met from them",
};

/** Labels of the balance rows where earmarked reserves are given too: the budget table's rows are the general fund. */
export const GENERAL_FUND_ROW_LABELS: Partial<Record<FundingRow, string>> = {
  reserves_bf: 'General fund brought forward',
  reserves_use: 'Planned use of the general fund',
  reserves_contributions: 'Contributions to the general fund',
  reserves_one_off: 'One-off spend funded from the general fund',
  reserves_cf: 'General fund carried forward',
  reserves_after_gap: "General fund if each year's gap were met from it",
};

/** Labels of the rows funding adds to the budget table. */
export const FUNDING_ROW_LABELS: Record<FundingRow, string> = {
  funding: 'Total funding',
  gap: 'Gap: net budget requirement less funding',
  cumulative_gap: 'Call on reserves if gaps are not closed',
  reserves_bf: 'Reserves brought forward',
  reserves_use: 'Planned use of reserves',
  reserves_contributions: 'Contributions to reserves',
  reserves_one_off: 'One-off spend funded from reserves',
  reserves_cf: 'Reserves carried forward',
  reserves_after_gap: "Reserves if each year's gap were met from them",
};

const RANK: Record<Provenance, number> = { published: 0, derived: 1, estimate: 2, calibrated: 3 };
/** The less certain of two provenances: a yield from a published Band D and an estimated tax base is an estimate. */
const weakest = (a: Provenance, b: Provenance): Provenance => (RANK[a] >= RANK[b] ? a : b);

function councilTaxYears(funding: Funding, years: readonly FiscalYear[], units: Units): Map<FiscalYear, CouncilTaxYear> | undefined {
  const ct = funding.councilTax;
  if (!ct) return undefined;
  const out = new Map<FiscalYear, CouncilTaxYear>();
  const first = years[0];
  let previous: Money | undefined = ct.bandD.base && first && ct.bandD.base.year === previousYear(first) ? ct.bandD.base.amount : undefined;
  // the ASC precept's share of Band D so far (£): earlier precepts, then each year's on the Band D before it
  let ascShare: Dec | undefined = [...(ct.bandD.earlierAscPrecept?.years.values() ?? [])].reduce<Dec>(
    (acc, e) => acc.plus(e.rate.times(e.bandDBefore)),
    ZERO,
  );
  for (const y of years) {
    const entry = ct.bandD.years.get(y);
    const base = ct.taxBase.counts.get(y);
    if (!entry || !base) throw new Error(`council tax for ${y} was not checked when loading`);
    const derived =
      entry.increase && previous ? deriveBandD(previous, entry.increase.core, entry.increase.ascPrecept, ct.bandD.rounding) : undefined;
    const used = entry.given?.amount ?? derived?.amount;
    if (!used) throw new Error(`Band D for ${y} was not checked when loading`);
    const collected = ct.collection?.basis === 'applied' ? collectionRateIn(ct.collection, y) : undefined;
    const yieldPounds = (collected ? base.count.times(used).times(collected) : base.count.times(used)) as Money;
    // an increase with no split into core and precept leaves the precept unknown from then on
    ascShare =
      entry.increase && !entry.increase.whole && previous && ascShare
        ? ascShare.plus(entry.increase.ascPrecept.times(previous))
        : undefined;
    out.set(y, {
      ...(ascShare
        ? {
            ascPreceptPerBandD: ascShare,
            ascPreceptRaised: fromPounds(base.count.times(ascShare).times(collected ?? 1) as Money, units),
          }
        : {}),
      ...(collected ? { collectionRate: collected } : {}),
      taxBase: base.count,
      taxBaseBasis: base.basis,
      bandD: {
        used,
        basis: entry.given ? 'given' : 'derived',
        ...(derived ? { derived } : {}),
        ...(entry.increase ? { increase: { core: entry.increase.core, ascPrecept: entry.increase.ascPrecept } } : {}),
      },
      yieldPounds,
      yield: fromPounds(yieldPounds, units),
    });
    previous = used;
  }
  return out;
}

/** Band D = requirement ÷ tax base in each year, rounded by the council's rule (none without a tax base and rule). */
function bandDFromRequirements(
  req: NonNullable<Funding['councilTaxRequirement']>,
  years: readonly FiscalYear[],
  units: Units,
): Map<FiscalYear, RequirementYear> | undefined {
  const { taxBase, rounding } = req;
  if (!taxBase || !rounding) return undefined;
  return new Map(
    years.flatMap((y): [FiscalYear, RequirementYear][] => {
      const count = taxBase.counts.get(y)?.count;
      const amount = req.requirement.levels.get(y)?.amount;
      if (!count || !amount) return [];
      return [[y, { taxBase: count, bandD: bandDFromRequirement(toPounds(amount, units), count, rounding) }]];
    }),
  );
}

function streamComponent(s: FundingStream, years: readonly FiscalYear[], id: string): FundingComponent {
  const values = new Map<FiscalYear, Money>();
  const bases = new Map<FiscalYear, LevelBasis>();
  for (const y of years) {
    const l = s.levels.get(y);
    if (!l) throw new Error(`${s.label} has no level for ${y}`);
    values.set(y, l.amount);
    bases.set(y, l.basis);
  }
  return { id, label: s.label, provenance: s.provenance, values, bases, stream: s };
}

/** The id of a stream's row: `grant.<id>` for a grant, the stream's id otherwise. */
export const streamComponentId = (s: FundingStream): string => (s.kind === 'grant' ? `grant.${s.id}` : s.id);

/** The inputs of retained business rates as the model takes them. */
function projectBusinessRates(r: RetainedBusinessRates, years: readonly FiscalYear[]): Map<FiscalYear, BusinessRatesYear> {
  return retainedBusinessRates(
    {
      baseline: r.baseline.amount,
      topUp: r.topUp?.amount ?? ZERO,
      tariff: r.tariff?.amount ?? ZERO,
      multiplierChange: new Map([...r.multiplierChange.rates].map(([y, m]) => [y, m.rate])),
      growth: new Map(years.map((y) => [y, r.growth.levels.get(y)?.amount ?? ZERO])),
      ...(r.levyRate ? { levyRate: r.levyRate.rate } : {}),
      ...(r.safetyNet ? { safetyNet: r.safetyNet.rate } : {}),
    },
    years,
  );
}

/** Every input of retained business rates, for provenance and citations, in the order of the formula. */
export function businessRatesInputs(r: RetainedBusinessRates): { id: string; label: string; cited: Cited }[] {
  return [
    { id: 'baseline', label: `business rates baseline ${r.baseYear}`, cited: r.baseline },
    ...(r.topUp ? [{ id: 'top_up', label: `top-up ${r.baseYear}`, cited: r.topUp }] : []),
    ...(r.tariff ? [{ id: 'tariff', label: `tariff ${r.baseYear}`, cited: r.tariff }] : []),
    { id: 'multiplier_change', label: 'multiplier change', cited: r.multiplierChange },
    { id: 'growth', label: 'growth above the baseline', cited: r.growth },
    ...(r.levyRate ? [{ id: 'levy_rate', label: 'levy rate on growth', cited: r.levyRate }] : []),
    ...(r.safetyNet ? [{ id: 'safety_net', label: 'safety net', cited: r.safetyNet }] : []),
  ];
}

/**
 * The retained rates row: derived from its inputs, so `derived` when every input is published or
 * derived, else the least certain of them; a year is marked an estimate where its growth or its
 * multiplier change is (a year the source does not state).
 */
function businessRatesComponent(
  r: RetainedBusinessRates,
  by: ReadonlyMap<FiscalYear, BusinessRatesYear>,
  years: readonly FiscalYear[],
): FundingComponent {
  const provenance = businessRatesInputs(r).reduce<Provenance>((acc, i) => weakest(acc, i.cited.provenance), 'derived');
  const basis = (y: FiscalYear): LevelBasis => {
    const g = r.growth.levels.get(y)?.basis;
    if (g && isEstimate(g)) return g;
    return r.multiplierChange.rates.get(y)?.basis === 'hold' ? 'hold' : 'stated';
  };
  return {
    id: 'retained_business_rates',
    label: r.label,
    provenance,
    values: new Map(years.map((y) => [y, by.get(y)?.retained ?? ZERO])),
    bases: new Map(years.map((y) => [y, basis(y)])),
  };
}

/**
 * The bill: the council's own Band D (used, or requirement ÷ tax base) or its council tax, plus
 * each preceptor's. Undefined where the council's own figure is not there in every year.
 */
function projectBill(
  funding: Funding,
  years: readonly FiscalYear[],
  councilTax: ReadonlyMap<FiscalYear, CouncilTaxYear> | undefined,
  requirementBandD: ReadonlyMap<FiscalYear, RequirementYear> | undefined,
  councilTaxComponent: FundingComponent | undefined,
): BillProjection | undefined {
  const bill = funding.bill;
  if (!bill) return undefined;
  const ownOf = (y: FiscalYear): Money | undefined =>
    bill.basis === 'precept'
      ? councilTaxComponent?.values.get(y)
      : (councilTax?.get(y)?.bandD.used ?? requirementBandD?.get(y)?.bandD.amount);
  const own = new Map(years.flatMap((y): [FiscalYear, Money][] => (ownOf(y) ? [[y, ownOf(y) as Money]] : [])));
  if (own.size !== years.length) return undefined;
  const ct = funding.councilTax;
  const ownProvenance: Provenance =
    bill.basis === 'precept'
      ? (councilTaxComponent?.provenance ?? 'derived')
      : ct
        ? [...(councilTax?.values() ?? [])].every((c) => c.bandD.basis === 'given')
          ? ct.bandD.provenance
          : 'derived'
        : 'derived';
  const total = new Map([...own].map(([y, v]) => [y, bill.preceptors.reduce((acc, pr) => add(acc, pr.values.get(y)?.amount ?? ZERO), v)]));
  return { bill, own, ownProvenance, total };
}

/** The section of `funding:` each row that is not a stream comes from. */
const SECTION_OF: Readonly<Record<string, string>> = {
  council_tax: 'council_tax',
  collection_fund: 'collection_fund',
  retained_business_rates: 'retained_business_rates',
  reserves_use: 'reserves',
};

/** Sorts the rows, in place and stably, by the order their sections are written in (unchanged without one). */
function inWrittenOrder(components: FundingComponent[], order: readonly string[], sectionOf: (c: FundingComponent) => string): void {
  if (order.length === 0) return;
  const rank = (c: FundingComponent): number => {
    const i = order.indexOf(sectionOf(c));
    return i < 0 ? order.length : i;
  };
  components.sort((a, b) => rank(a) - rank(b));
}

/** Funding, gap, cumulative gap and reserves for `requirement` (the net budget, in the scenario's units). */
export function projectFunding(
  funding: Funding,
  units: Units,
  years: readonly FiscalYear[],
  requirement: ReadonlyMap<FiscalYear, Money>,
): FundingProjection {
  const councilTax = councilTaxYears(funding, years, units);
  const components: FundingComponent[] = [];
  const ct = funding.councilTax;
  if (ct && councilTax) {
    const at = (y: FiscalYear): CouncilTaxYear => {
      const c = councilTax.get(y);
      if (!c) throw new Error(`no council tax for ${y}`);
      return c;
    };
    components.push({
      id: 'council_tax',
      label: ct.collection?.basis === 'applied' ? 'Council tax: tax base × Band D × collection rate' : 'Council tax: tax base × Band D',
      provenance: weakest(ct.taxBase.provenance, ct.bandD.provenance),
      values: new Map(years.map((y) => [y, at(y).yield])),
      bases: new Map(years.map((y) => [y, at(y).taxBaseBasis])),
    });
    if (ct.collectionFund) components.push(streamComponent(ct.collectionFund, years, 'collection_fund'));
  }
  const req = funding.councilTaxRequirement;
  if (req) {
    components.push(streamComponent(req.requirement, years, 'council_tax'));
    if (req.collectionFund) components.push(streamComponent(req.collectionFund, years, 'collection_fund'));
  }
  const requirementBandD = req ? bandDFromRequirements(req, years, units) : undefined;
  const rates = funding.retainedBusinessRates;
  const businessRates = rates ? projectBusinessRates(rates, years) : undefined;
  if (rates && businessRates) components.push(businessRatesComponent(rates, businessRates, years));
  const general = funding.streams.filter((s) => !s.conditional);
  // section 31 grants sit beside the retained rates they compensate
  const ordered = [...general.filter((s) => s.kind === 'section_31'), ...general.filter((s) => s.kind !== 'section_31')];
  for (const s of ordered) components.push(streamComponent(s, years, streamComponentId(s)));
  const conditional = funding.streams.filter((s) => s.conditional).map((s) => streamComponent(s, years, streamComponentId(s)));
  const section = new Map<string, string>(
    general.map((s) => [
      streamComponentId(s),
      s.kind === 'grant' ? 'grants' : s.kind === 'section_31' ? 'retained_business_rates' : s.kind,
    ]),
  );
  const reservesIn = funding.reserves;
  if (reservesIn?.plannedUse.size) {
    components.push({
      id: 'reserves_use',
      label: 'Planned use of reserves',
      provenance: reservesIn.plannedUseCited?.provenance ?? 'published',
      values: new Map(years.map((y) => [y, reservesIn.plannedUse.get(y)?.amount ?? ZERO])),
      bases: new Map(years.map((y) => [y, reservesIn.plannedUse.has(y) ? 'stated' : 'not-started'])),
    });
  }

  inWrittenOrder(components, funding.order ?? [], (c) => section.get(c.id) ?? SECTION_OF[c.id] ?? c.id);
  const total = new Map<FiscalYear, Money>();
  const gap = new Map<FiscalYear, Money>();
  const cumulativeGap = new Map<FiscalYear, Money>();
  let running = ZERO;
  for (const y of years) {
    const t = components.reduce((acc, c) => add(acc, c.values.get(y) ?? ZERO), ZERO);
    const need = requirement.get(y);
    if (need === undefined) throw new Error(`no net budget for ${y}`);
    const g = sub(need, t);
    running = add(running, g);
    total.set(y, t);
    gap.set(y, g);
    cumulativeGap.set(y, running);
  }
  const councilTaxComponent = components.find((c) => c.id === 'council_tax');
  const beforeCouncilTax =
    funding.beforeCouncilTax && councilTaxComponent
      ? new Map(years.map((y) => [y, sub(total.get(y) ?? ZERO, councilTaxComponent.values.get(y) ?? ZERO)]))
      : undefined;
  const bill = projectBill(funding, years, councilTax, requirementBandD, councilTaxComponent);
  return {
    funding,
    ...(bill ? { bill } : {}),
    ...(beforeCouncilTax ? { beforeCouncilTax } : {}),
    ...(councilTax ? { councilTax } : {}),
    ...(requirementBandD ? { requirementBandD } : {}),
    components,
    ...(businessRates ? { businessRates } : {}),
    conditional,
    total,
    gap,
    cumulativeGap,
    ...(reservesIn ? { reserves: rollForward(reservesIn, years, cumulativeGap, requirement) } : {}),
  };
}

/**
 * The reserves roll-forward: the general fund's brought forward − planned use − one-off spend +
 * contributions = carried forward, from the opening balance (or from nil, as movements only, where
 * none is given); each earmarked reserve's own roll-forward; the year the general fund would fall
 * below its minimum and below nil if every year's gap were met from it.
 */
function rollForward(
  r: NonNullable<Funding['reserves']>,
  years: readonly FiscalYear[],
  cumulativeGap: ReadonlyMap<FiscalYear, Money>,
  requirement: ReadonlyMap<FiscalYear, Money>,
): ReservesProjection {
  const oneOffFrom = (id: string): OneOffSpend[] => (r.oneOff ?? []).filter((o) => o.reserve === id);
  const generalOneOff = oneOffFrom(GENERAL_FUND);
  const general = rollReserve(
    r.opening?.amount ?? ZERO,
    years,
    (y) => amountIn(y, [r.contributions]),
    (y) => amountIn(y, [r.plannedUse, ...generalOneOff.map((o) => o.amounts)]),
  );
  const at = <T>(m: ReadonlyMap<FiscalYear, T>, y: FiscalYear): T => {
    const v = m.get(y);
    if (v === undefined) throw new Error(`no reserves figure for ${y}`);
    return v;
  };
  const carriedForward = new Map(years.map((y) => [y, at(general, y).carriedForward]));
  const afterGap = new Map(years.map((y) => [y, sub(at(carriedForward, y), cumulativeGap.get(y) ?? ZERO)]));
  const min = r.minimum;
  const minimum = min
    ? new Map(years.map((y) => [y, min.kind === 'percent' ? ((requirement.get(y) ?? ZERO).times(min.rate) as Money) : min.amount]))
    : undefined;
  const belowMinimum = minimum && firstYearBelow(afterGap, (y) => at(minimum, y));
  const exhausted = r.opening ? firstYearBelow(afterGap) : undefined;
  const earmarked = (r.earmarked ?? []).map((e): EarmarkedProjection => {
    const oneOff = oneOffFrom(e.id);
    const rolled = rollReserve(
      e.opening.amount,
      years,
      (y) => amountIn(y, [e.contributions.amounts]),
      (y) => amountIn(y, [e.uses.amounts, ...oneOff.map((o) => o.amounts)]),
    );
    const negative = firstYearBelow(new Map([...rolled].map(([y, v]) => [y, v.carriedForward])));
    return { reserve: e, oneOff, years: rolled, ...(negative ? { negative } : {}) };
  });
  return {
    movementsOnly: !r.opening,
    broughtForward: new Map(years.map((y) => [y, at(general, y).broughtForward])),
    use: new Map(years.map((y) => [y, r.plannedUse.get(y)?.amount ?? ZERO])),
    stated: new Set(r.plannedUse.keys()),
    ...(r.contributions.size
      ? {
          contributions: new Map(years.map((y) => [y, at(general, y).contributions])),
          contributionsStated: new Set(r.contributions.keys()),
        }
      : {}),
    carriedForward,
    afterGap,
    ...(minimum ? { minimum, headroom: new Map(years.map((y) => [y, sub(at(afterGap, y), at(minimum, y))])) } : {}),
    ...(belowMinimum ? { belowMinimum } : {}),
    ...(exhausted ? { exhausted } : {}),
    ...(generalOneOff.length
      ? {
          oneOff: {
            values: new Map(
              years.map((y) => [
                y,
                amountIn(
                  y,
                  generalOneOff.map((o) => o.amounts),
                ),
              ]),
            ),
            stated: new Set(generalOneOff.flatMap((o) => [...o.amounts.keys()])),
          },
        }
      : {}),
    ...(earmarked.length
      ? {
          earmarked,
          totalCarriedForward: new Map(
            years.map((y) => [y, earmarked.reduce((acc, e) => add(acc, at(e.years, y).carriedForward), at(carriedForward, y))]),
          ),
        }
      : {}),
  };
}

/** The words for a year's position: funding short of the requirement, equal to it, or more than it. */
export type Position = 'shortfall' | 'balanced' | 'surplus';

/**
 * The position of a gap: a shortfall above nil, a surplus below nil, balanced at nil. Pass the gap
 * as printed (rounded) so the word never contradicts the figure beside it.
 */
export function position(gap: Dec): Position {
  if (gap.isZero()) return 'balanced';
  return gap.isPositive() ? 'shortfall' : 'surplus';
}
