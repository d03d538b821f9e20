// Band D council tax: the charge on a Band D dwelling (in £, to the penny) and how a council
// derives next year's figure from this year's: previous × (1 + core increase + ASC precept),
// rounded to the penny by a rule the scenario names. Pure; the only rounding is that named rule.

import { roundTo, type Dec, type Money, type Rate, type RoundingMode } from './money.js';

/** How Band D is rounded to the penny. Councils differ, and published Band D figures depend on it. */
export const BAND_D_ROUNDING = ['penny-half-up', 'penny-half-even', 'penny-truncate'] as const;
export type BandDRounding = (typeof BAND_D_ROUNDING)[number];

const MODE: Record<BandDRounding, RoundingMode> = {
  'penny-half-up': 'half-up',
  'penny-half-even': 'half-even',
  'penny-truncate': 'truncate',
};

export interface DerivedBandD {
  /** previous × (1 + core + ASC precept), exact. */
  readonly exact: Dec;
  /** `exact` rounded to the penny by the rule. */
  readonly amount: Money;
}

/**
 * This year's Band D (£) from last year's: `previous × (1 + core + ascPrecept)`, rounded to the
 * penny with `rule`. The increase is a share of last year's whole Band D, as the referendum
 * principles define it, so 2.99% core plus 3% ASC precept is one 5.99% increase.
 */
export function deriveBandD(previous: Money, core: Rate, ascPrecept: Rate, rule: BandDRounding): DerivedBandD {
  const exact = previous.times(core.plus(ascPrecept).plus(1));
  return { exact, amount: roundTo(exact, 2, MODE[rule]) as Money };
}

/** Band D (£) from a council tax requirement (£) and a tax base, rounded to the penny with `rule`. */
export function bandDFromRequirement(requirementPounds: Dec, taxBase: Dec, rule: BandDRounding): DerivedBandD {
  const exact = requirementPounds.dividedBy(taxBase);
  return { exact, amount: roundTo(exact, 2, MODE[rule]) as Money };
}

/** The first year of the adult social care precept (2016/17): before it, a Band D increase has no precept. */
export const ASC_PRECEPT_FROM = '2016/17';
