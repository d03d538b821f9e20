// The local view of the national options: national £m shared out to one authority under a named
// basis (its share of national adult social care net spend, of population, or an explicit share)
// and set against the authority's own gap; a council tax option yields the authority's own tax base
// × Band D. Pure; each local figure is rounded to the nearest £1 half away from zero, and the basis
// travels with every figure.

import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FiscalYear } from '../../model/fiscal-year.js';
import { Dec, ZERO, add, roundTo, sub, type Money, type Rate, dec } from '../../model/money.js';
import type { NationalTotals } from '../../model/national-options.js';
import type { Scenario, Units } from '../../model/scenario.js';
import { convert, fromPounds, toPounds } from '../../model/units.js';
import type { Projection } from '../../project/project.js';
import type { NationalView } from './national.js';

export const BASES = ['asc-net-spend', 'population', 'explicit'] as const;
export type ApportionmentBasis = (typeof BASES)[number];

/** Where one side of a share comes from. */
interface ShareSide {
  readonly when: string;
  readonly source: string;
  /** Not read from a document in this repository (only national figures can say so). */
  readonly external?: boolean;
}

/** A share of a national total: `numerator / denominator`, both in `units`. */
export interface Share {
  readonly basis: ApportionmentBasis;
  readonly numerator: Dec;
  readonly denominator: Dec;
  /** `£000`, `£` or `people`, for saying what the two figures are. */
  readonly units: string;
  /** The authority's figure and the national one; none for an explicit share. */
  readonly own?: ShareSide;
  readonly national?: ShareSide;
}

/**
 * The authority's share under `basis`. Diagnostics: `apportionment` when the scenario lacks the
 * figure the basis needs; `usage` for a missing or impossible explicit share.
 */
export function shareFor(
  basis: ApportionmentBasis,
  scenario: Scenario,
  totals: NationalTotals,
  explicit: Rate | undefined,
): { value?: Share; diagnostics: Diagnostic[] } {
  const missing = (key: string, what: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [
      error(
        'apportionment',
        `${scenario.file} has no \`apportionment.${key}\`, which --basis ${basis} needs`,
        undefined,
        `add \`apportionment: {${key}: …}\` with the authority's ${what}, its provenance and source; or use --basis explicit --share <rate>`,
      ),
    ],
  });
  switch (basis) {
    case 'asc-net-spend': {
      const own = scenario.apportionment?.ascNetSpend;
      if (!own) return missing('asc_net_spend', 'net spend on adult social care');
      const national = convert(totals.ascNetSpend.amount, '£m', scenario.units);
      return {
        value: { basis, numerator: own.amount, denominator: national, units: scenario.units, own, national: totals.ascNetSpend },
        diagnostics: [],
      };
    }
    case 'population': {
      const own = scenario.apportionment?.population;
      if (!own) return missing('population', 'population');
      return {
        value: { basis, numerator: own.count, denominator: totals.population.count, units: 'people', own, national: totals.population },
        diagnostics: [],
      };
    }
    case 'explicit': {
      if (!explicit)
        return { diagnostics: [error('usage', '--basis explicit needs --share <rate>', undefined, 'e.g. --share 0.9% or --share 0.009')] };
      if (!explicit.isPositive() || explicit.isZero() || explicit.greaterThan(1)) {
        return {
          diagnostics: [
            error(
              'usage',
              `--share ${explicit.times(100).toFixed()}% is not a share`,
              undefined,
              'a share is more than 0% and at most 100%',
            ),
          ],
        };
      }
      return { value: { basis, numerator: explicit, denominator: dec(1), units: 'share' }, diagnostics: [] };
    }
  }
}

export interface LocalView {
  readonly scenario: Scenario;
  readonly share: Share;
  readonly units: Units;
  readonly years: readonly FiscalYear[];
  readonly yield?: ReadonlyMap<FiscalYear, Money>;
  readonly cost?: ReadonlyMap<FiscalYear, Money>;
  /** The authority's own gap, in the years of its MTFS period. */
  readonly gap?: ReadonlyMap<FiscalYear, Money>;
  readonly yieldLessGap?: ReadonlyMap<FiscalYear, Money>;
  readonly yieldLessCost?: ReadonlyMap<FiscalYear, Money>;
  /**
   * Options whose local yield is a rate of the authority's own council tax (tax base × Band D from
   * its scenario) rather than a share, with the years where the scenario has a council tax yield.
   */
  /** What the chosen needs say about overlapping the own gap, when a gap is shown. */
  readonly overlaps: readonly string[];
  readonly ownCouncilTax: readonly { readonly id: string; readonly rate: Rate; readonly years: readonly FiscalYear[] }[];
}

/** A national £m figure shared out: rounded to the nearest £1, in the authority's units. */
export function apportion(nationalMillions: Money, share: Share, units: Units): Money {
  return nearestPound(toPounds(nationalMillions, '£m').times(share.numerator).dividedBy(share.denominator), units);
}

/** An exact £ figure rounded to the nearest £1 half away from zero, in `units`. */
function nearestPound(pounds: Dec, units: Units): Money {
  const rounded = roundTo(pounds, 0, 'half-away-from-zero');
  const inUnits = fromPounds(rounded, units);
  return (inUnits.isZero() ? ZERO : dec(inUnits)) as Money;
}

/**
 * The national view shared out to the authority of `projection`, against its own gap. An option
 * with a local council tax rate yields that rate of the authority's own council tax (tax base ×
 * Band D) in the years its scenario projects council tax, and a share of the national figure elsewhere.
 */
export function localView(national: NationalView, share: Share, projection: Projection): LocalView {
  const { scenario } = projection;
  const years = national.years;
  const inYears = (f: (y: FiscalYear) => Money | undefined): Map<FiscalYear, Money> =>
    new Map(
      years.flatMap((y) => {
        const v = f(y);
        return v === undefined ? [] : [[y, v] as const];
      }),
    );
  const local = (m: ReadonlyMap<FiscalYear, Money>): Map<FiscalYear, Money> =>
    inYears((y) => {
      const v = m.get(y);
      return v === undefined ? undefined : apportion(v, share, scenario.units);
    });
  const councilTax = projection.funding?.councilTax;
  const ownCouncilTax = national.options.flatMap((r) => {
    const rate = r.item.localCouncilTaxRate;
    return rate && councilTax ? [{ id: r.item.id, rate, years: years.filter((y) => councilTax.has(y)) }] : [];
  });
  /** One option's local yield in `y`; none where the national figure is missing and no own council tax applies. */
  const optionLocal = (r: NationalView['options'][number], y: FiscalYear): Money | undefined => {
    const rate = r.item.localCouncilTaxRate;
    const own = rate ? councilTax?.get(y) : undefined;
    if (rate && own) return nearestPound(own.yieldPounds.times(rate), scenario.units);
    const national = r.values.get(y)?.amount;
    return national === undefined ? undefined : apportion(national, share, scenario.units);
  };
  const yieldOf = (y: FiscalYear): Money | undefined => {
    const parts = national.options.map((r) => optionLocal(r, y));
    return parts.every((p) => p !== undefined) ? parts.reduce((acc: Money, p) => add(acc, p), ZERO) : undefined;
  };
  const yieldLocal = national.options.length > 0 ? inYears(yieldOf) : undefined;
  const cost = national.needs.length > 0 ? local(national.needsTotal) : undefined;
  const ownGap = projection.funding?.gap;
  const gap = ownGap
    ? new Map(
        years.flatMap((y) => {
          const g = ownGap.get(y);
          return g === undefined ? [] : [[y, g] as const];
        }),
      )
    : undefined;
  const difference = (a: ReadonlyMap<FiscalYear, Money>, b: ReadonlyMap<FiscalYear, Money>): Map<FiscalYear, Money> =>
    new Map(
      years.flatMap((y) => {
        const x = a.get(y);
        const z = b.get(y);
        return x === undefined || z === undefined ? [] : [[y, sub(x, z)] as const];
      }),
    );
  return {
    scenario,
    share,
    units: scenario.units,
    years,
    ownCouncilTax: ownCouncilTax.filter((o) => o.years.length > 0),
    overlaps: gap ? national.needs.flatMap((r) => (r.item.ownGapOverlap ? [r.item.ownGapOverlap] : [])) : [],
    ...(yieldLocal ? { yield: yieldLocal } : {}),
    ...(cost ? { cost } : {}),
    ...(gap ? { gap } : {}),
    ...(yieldLocal && gap ? { yieldLessGap: difference(yieldLocal, gap) } : {}),
    ...(yieldLocal && cost ? { yieldLessCost: difference(yieldLocal, cost) } : {}),
  };
}
