// The local view of the national options: national £m shared out to one authority under a named
// basis (its share of national adult social care net spend, of population, or an explicit share)
// and set against the authority's own gap. Pure; each local figure is rounded to the nearest £1
// half away from zero, and the basis travels with every figure.

import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FiscalYear } from '../../model/fiscal-year.js';
import { Dec, ZERO, roundTo, sub, type Money, type Rate, dec } from '../../model/money.js';
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
}

/** A national £m figure shared out: rounded to the nearest £1, in the authority's units. */
export function apportion(nationalMillions: Money, share: Share, units: Units): Money {
  const pounds = roundTo(toPounds(nationalMillions, '£m').times(share.numerator).dividedBy(share.denominator), 0, 'half-away-from-zero');
  const inUnits = fromPounds(pounds, units);
  return (inUnits.isZero() ? ZERO : dec(inUnits)) as Money;
}

/** The national view shared out to the authority of `projection`, against its own gap. */
export function localView(national: NationalView, share: Share, projection: Projection): LocalView {
  const { scenario } = projection;
  const years = national.years;
  const local = (m: ReadonlyMap<FiscalYear, Money>): Map<FiscalYear, Money> =>
    new Map(years.map((y) => [y, apportion(m.get(y) ?? ZERO, share, scenario.units)]));
  const yieldLocal = national.options.length > 0 ? local(national.optionsTotal) : undefined;
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
    ...(yieldLocal ? { yield: yieldLocal } : {}),
    ...(cost ? { cost } : {}),
    ...(gap ? { gap } : {}),
    ...(yieldLocal && gap ? { yieldLessGap: difference(yieldLocal, gap) } : {}),
    ...(yieldLocal && cost ? { yieldLessCost: difference(yieldLocal, cost) } : {}),
  };
}
