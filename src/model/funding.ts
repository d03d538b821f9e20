// The funding side of a scenario after loading: council tax (tax base × Band D), the collection
// fund, business rates, revenue support grant and other grants with start and end years, and
// reserves. Immutable data, every figure with its origin, citation and provenance; no arithmetic.

import type { Location } from '../diagnostics/diagnostic.js';
import type { BandDRounding } from './band-d.js';
import type { CouncilTaxPrinciples } from './council-tax-principles.js';
import type { FiscalYear } from './fiscal-year.js';
import type { Dec, Money, Rate } from './money.js';
import type { Level, SourcedAmount } from './level.js';

/**
 * Whether a figure is published (verbatim in a source), derived by stated arithmetic, an estimate,
 * or calibrated: chosen so that a published total comes out (its `calibratedTo` names the controls).
 */
export const PROVENANCES = ['published', 'derived', 'estimate', 'calibrated'] as const;
export type Provenance = (typeof PROVENANCES)[number];

/** Where a funding figure comes from and how far it can be trusted. */
export interface Cited {
  readonly provenance: Provenance;
  readonly source: string;
  readonly note?: string;
  readonly origin: Location;
  /** Controls (`<row> <year>`, e.g. `gap 2018/19`) this figure was chosen to reproduce: true by construction. */
  readonly calibratedTo?: readonly string[];
}

export type StreamKind =
  'council_tax' | 'collection_fund' | 'business_rates' | 'revenue_support_grant' | 'grant' | 'section_31' | 'business_rates_growth';

/**
 * Amounts by year with an optional start and end: nil before the first stated amount and after
 * `to` (a one-off or ending grant drops out). Amounts are in the scenario's units.
 */
export interface FundingStream extends Cited {
  /** Stable id: `collection_fund`, `business_rates`, `revenue_support_grant` or the grant's own id. */
  readonly id: string;
  readonly kind: StreamKind;
  readonly label: string;
  /** The amount in every MTFS year; basis `ended` after `to`. */
  readonly levels: ReadonlyMap<FiscalYear, Level>;
  readonly from?: FiscalYear;
  readonly to?: FiscalYear;
  /** The annual rate of `unstated: growth`: years with basis `growth` are the year before × (1 + rate), rounded to whole units. */
  readonly growth?: Rate;
  /**
   * A ring-fenced or conditional grant: it funds the spend of this department (or line group) and
   * is shown matched to it, never counted in general funding.
   */
  readonly conditional?: { readonly funds: string; readonly origin: Location };
  /** Changes made by scenario variants (settlement scenarios), in the order applied. */
  readonly adjustments?: readonly FundingAdjustment[];
}

/** A variant's change to a funding stream, kept so `explain` and `compare` can say what happened. */
export interface FundingAdjustment {
  readonly kind: 'set' | 'scale';
  readonly variantFile: string;
  readonly origin: Location;
  /** The `reason` of a scale, the `source` of a set. */
  readonly reason: string;
  /** For `scale`: the factor (0.8 = −20%) and the first year it applies to. */
  readonly factor?: Dec;
  readonly from?: FiscalYear;
}

/** A single figure with its citation (an amount in the scenario's units, or a rate). */
export type CitedAmount = { readonly amount: Money } & Cited;
export type CitedRate = { readonly rate: Rate } & Cited;

/**
 * Retained business rates as the inputs a settlement states: the business rates baseline and the
 * top-up or tariff of the year before the period, uprated each year by the change in the small
 * business rates multiplier; local growth above the baseline; the levy rate on growth; the safety
 * net (a share of the baseline funding level). The figure itself is derived (model/business-rates.ts).
 */
export interface RetainedBusinessRates {
  readonly label: string;
  /** The year before the period, whose baseline, top-up and tariff are given. */
  readonly baseYear: FiscalYear;
  readonly baseline: CitedAmount;
  readonly topUp?: CitedAmount;
  readonly tariff?: CitedAmount;
  /** The multiplier change of each MTFS year; `basis` hold where it repeats an earlier year's (an estimate). */
  readonly multiplierChange: {
    readonly rates: ReadonlyMap<FiscalYear, { readonly rate: Rate; readonly basis: 'stated' | 'hold'; readonly origin: Location }>;
  } & Cited;
  /** Growth above the baseline, a stream with id `business_rates_growth`. */
  readonly growth: FundingStream;
  readonly levyRate?: CitedRate;
  readonly safetyNet?: CitedRate;
  readonly origin: Location;
}

/** A tax base: Band D equivalent dwellings in each MTFS year (a count, not money). */
export interface TaxBase extends Cited {
  readonly counts: ReadonlyMap<FiscalYear, { readonly count: Dec; readonly basis: Level['basis'] }>;
  /** The annual rate of `unstated: growth`, as for a funding stream. */
  readonly growth?: Rate;
  /** Band D equivalents added each year after a stated year (`unstated: dwellings`); such years have basis `growth`. */
  readonly dwellings?: Dec;
}

/**
 * The council tax collection rate. `applied`: yield = tax base × Band D × rate (the tax base is
 * stated before the allowance for non-collection); `in-tax-base`: the tax base is stated after it,
 * so the rate is shown and explained but not applied again.
 */
export interface CollectionRate extends Cited {
  /** The rate of every year not listed in `years`. */
  readonly rate: Rate;
  /** Years with a rate of their own (a council that plans a rising or falling collection rate). */
  readonly years?: ReadonlyMap<FiscalYear, Rate>;
  readonly basis: 'applied' | 'in-tax-base';
}

/** The collection rate of `y`: its own where the scenario lists the year, else the general rate. */
export const collectionRateIn = (c: CollectionRate, y: FiscalYear): Rate => c.years?.get(y) ?? c.rate;

/** One year of Band D: given as published, derivable from an increase, or both (then compared). */
export interface BandDYear {
  readonly given?: { readonly amount: Money; readonly origin: Location };
  readonly increase?: {
    readonly core: Rate;
    readonly ascPrecept: Rate;
    readonly origin: Location;
    /** Written as one `increase:` with no split into core and ASC precept (then `core` is the whole). */
    readonly whole?: true;
    readonly coreOrigin: Location;
    readonly ascPreceptOrigin: Location;
  };
}

/** An adult social care precept of a year before the period: its rate and the Band D it was a share of. */
export interface EarlierAscPrecept {
  readonly rate: Rate;
  /** Band D (£) of the year before it. */
  readonly bandDBefore: Money;
  readonly origin: Location;
}

export interface BandD {
  /** Band D of the year before the first derived year, when a derivation needs it. */
  readonly base?: { readonly year: FiscalYear; readonly amount: Money; readonly origin: Location };
  readonly years: ReadonlyMap<FiscalYear, BandDYear>;
  /** ASC precepts of years before the period, oldest first. */
  readonly earlierAscPrecept?: { readonly years: ReadonlyMap<FiscalYear, EarlierAscPrecept> } & Cited;
  readonly rounding: BandDRounding;
  /** Of the given amounts and increases; years derived by mtfs are shown as derived. */
  readonly provenance: Provenance;
  readonly source: string;
  readonly note?: string;
  readonly origin: Location;
}

export interface CouncilTax {
  readonly taxBase: TaxBase;
  /** Band D in £ (pounds and pence), whatever the scenario's units. */
  readonly bandD: BandD;
  /** Surplus (+) or deficit (−) on the collection fund, in the scenario's units. */
  readonly collectionFund?: FundingStream;
  /** The collection rate, where one is given. */
  readonly collection?: CollectionRate;
  /** The referendum principles the plan's increases are checked against. */
  readonly principles?: CouncilTaxPrinciples;
  /** The department whose net budget is the ASC spend the precept must fund. */
  readonly ascDepartment?: { readonly name: string; readonly origin: Location };
}

/** One assessed risk of a risk-assessed minimum balance, and the amount held against it. */
export interface RiskItem {
  readonly risk: string;
  readonly amount: Money;
  readonly origin: Location;
}

/**
 * A minimum balance: an amount, a percentage (a rate, 0.05 for 5%) of each year's net budget, or a
 * risk assessment (its `amount` is the exact sum of its risk items).
 */
export type ReservesMinimum = (
  | { readonly kind: 'amount'; readonly amount: Money }
  | { readonly kind: 'percent'; readonly rate: Rate }
  | { readonly kind: 'risk-assessed'; readonly amount: Money; readonly risks: readonly RiskItem[] }
) &
  Cited;

/** Movements of a reserve by year (contributions or uses), each written positive, with their citation. */
export interface ReserveMovements {
  readonly amounts: ReadonlyMap<FiscalYear, SourcedAmount>;
  readonly cited?: Cited;
}

/** An earmarked reserve: its opening balance, contributions and uses (uses do not change the gap). */
export interface EarmarkedReserve {
  readonly id: string;
  readonly label: string;
  readonly opening: SourcedAmount & Cited;
  readonly contributions: ReserveMovements;
  readonly uses: ReserveMovements;
  readonly origin: Location;
}

/** The id one-off spend names to draw on the general fund. */
export const GENERAL_FUND = 'general_fund';

/** One-off spend funded from a named reserve: outside the net budget requirement, so not in the gap. */
export interface OneOffSpend extends Cited {
  readonly id: string;
  readonly label: string;
  /** An earmarked reserve's id, or GENERAL_FUND. */
  readonly reserve: string;
  readonly amounts: ReadonlyMap<FiscalYear, SourcedAmount>;
}

export interface Reserves {
  /** Balance brought forward at the start of the first MTFS year; absent where only movements are published. */
  readonly opening?: SourcedAmount & Cited;
  /** The balance the council intends never to go below (only with an opening balance). */
  readonly minimum?: ReservesMinimum;
  /** Planned draws on reserves, positive, by year; a draw counts as funding. */
  readonly plannedUse: ReadonlyMap<FiscalYear, SourcedAmount>;
  readonly plannedUseCited?: Cited;
  /** Contributions to reserves, positive, by year: they add to the balance and are not funding. */
  readonly contributions: ReadonlyMap<FiscalYear, SourcedAmount>;
  readonly contributionsCited?: Cited;
  /** Earmarked reserves, in the order written. */
  readonly earmarked?: readonly EarmarkedReserve[];
  /** One-off spend funded from reserves, in the order written. */
  readonly oneOff?: readonly OneOffSpend[];
}

/**
 * Council tax given as a requirement (the amount to raise, in the scenario's units) rather than
 * tax base × Band D. With a tax base, Band D is derived: requirement ÷ tax base, rounded by `rounding`.
 */
export interface CouncilTaxRequirement {
  readonly requirement: FundingStream;
  readonly taxBase?: TaxBase;
  readonly rounding?: BandDRounding;
  readonly collectionFund?: FundingStream;
}

export interface Funding {
  readonly councilTax?: CouncilTax;
  /** Council tax as a requirement (instead of `councilTax`). */
  readonly councilTaxRequirement?: CouncilTaxRequirement;
  /**
   * Business rates, revenue support grant, section 31 grants and other grants, in the order
   * written; conditional grants among them are matched to spend, not counted in funding.
   */
  readonly streams: readonly FundingStream[];
  /** Retained business rates worked out from the settlement's parts (beside or instead of `business_rates`). */
  readonly retainedBusinessRates?: RetainedBusinessRates;
  readonly reserves?: Reserves;
  /** The council tax bill with the other preceptors' shares (`council_tax: bill:`): shown, never funding. */
  readonly bill?: CouncilTaxBill;
  /** The label of a row of funding other than council tax, where the scenario asks for one. */
  readonly beforeCouncilTax?: { readonly label: string };
  readonly source?: string;
  /**
   * The sections of `funding:` that give funding rows (council_tax, business_rates, grants …) in the
   * order the scenario writes them: the funding rows are shown in that order, as the source prints them.
   */
  readonly order?: readonly string[];
}

/**
 * What a preceptor's figures are: its Band D by year in £ and pence (`band_d`), or its precept by
 * year in the scenario's units (`precept`). Every preceptor of a bill is of the same kind.
 */
export type BillBasis = 'band_d' | 'precept';

/** Another authority whose council tax is on the same bill (a county, police, fire, the GLA, a parish). */
export interface Preceptor extends Cited {
  readonly name: string;
  /** Its Band D (£) or its precept (scenario units) in every MTFS year. */
  readonly values: ReadonlyMap<FiscalYear, { readonly amount: Money; readonly origin: Location }>;
}

/**
 * The council tax bill: the council's own council tax plus the other preceptors' (by Band D, or by
 * precept amount). Collected on the other authorities' behalf: never the council's funding, so it
 * is in neither total funding nor the gap.
 */
export interface CouncilTaxBill {
  /** The label of the total as the source prints it, e.g. Council Tax level (Band D). */
  readonly label?: string;
  readonly basis: BillBasis;
  readonly preceptors: readonly Preceptor[];
  readonly origin: Location;
}

/** An authority's own figures for sharing national amounts out: see `mtfs options --basis`. */
export interface Apportionment {
  /** Net spend on adult social care, in the scenario's units. */
  readonly ascNetSpend?: { readonly amount: Money; readonly when: string } & Cited;
  /** Resident population (a count). */
  readonly population?: { readonly count: Dec; readonly when: string } & Cited;
}
