// The national tables of the LGA green paper "The lives we want to lead" (2018) after loading:
// options to raise money and the costs of the options for change, each a series of published
// points (year → £m), plus the national totals used to share them out. Immutable data; no I/O.

import type { Location } from '../diagnostics/diagnostic.js';
import type { FiscalYear } from './fiscal-year.js';
import type { Provenance } from './funding.js';
import type { Dec, Money, Rate } from './money.js';

/** One published (or derived) figure of a series, in £m. */
export interface SeriesPoint {
  readonly year: FiscalYear;
  readonly amount: Money;
  readonly provenance: Provenance;
  readonly source: string;
  /** Whose estimate the figure is: points on different bases are not interpolated. */
  readonly estimateBasis?: string;
  readonly origin: Location;
}

/** A national option or need: its published points in year order. */
export interface NationalSeries {
  readonly id: string;
  readonly label: string;
  /** The point figures are for illustration only (the LGA's social care premium). */
  readonly illustrative: boolean;
  readonly note?: string;
  /** Whether the last point is held after the published points (else no figure there); before the first there is never one. */
  readonly hold: boolean;
  readonly points: readonly SeriesPoint[];
  readonly origin: Location;
}

export interface FundingOption extends NationalSeries {
  /** e.g. `income-tax`, `national-insurance`: options in one group are separate rates, not overlaps. */
  readonly group: string;
  /** Locally this option is this rate of the authority's own council tax yield (tax base × Band D), not a share. */
  readonly localCouncilTaxRate?: Rate;
}

type NeedGroup = 'existing' | 'reform';

export interface Need extends NationalSeries {
  /** `existing`: funding existing requirements; `reform`: extending entitlements. */
  readonly group: NeedGroup;
  /** Needs that are alternatives to this one: never costed together. */
  readonly excludes: readonly string[];
  /** How the need overlaps an authority's own gap, said wherever the two are shown together. */
  readonly ownGapOverlap?: string;
}

export interface NationalTable<T> {
  readonly file: string;
  readonly title: string;
  readonly source: string;
  readonly items: readonly T[];
}

/** National denominators for sharing national amounts out to one authority. */
export interface NationalTotals {
  readonly file: string;
  /** Councils' net spend on adult social care, £m. */
  readonly ascNetSpend: {
    readonly amount: Money;
    readonly when: string;
    readonly provenance: Provenance;
    readonly source: string;
    readonly note?: string;
  };
  /** Resident population (a count). */
  readonly population: {
    readonly count: Dec;
    readonly when: string;
    readonly provenance: Provenance;
    readonly source: string;
    /** Not read from a document in this repository: to be checked against its source. */
    readonly external: boolean;
    readonly note?: string;
  };
}

export interface NationalData {
  readonly options: NationalTable<FundingOption>;
  readonly needs: NationalTable<Need>;
  readonly totals: NationalTotals;
}
