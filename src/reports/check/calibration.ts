// Which published controls a scenario's own figures were calibrated to (`calibrated_to:`): those are
// true by construction, so `mtfs check` reports them as calibrated and never counts them as evidence.

import type { Cited } from '../../model/funding.js';
import type { Control, Scenario } from '../../model/scenario.js';

/** The key a figure's `calibrated_to:` uses for a control: `<row> <year>`, e.g. `gap 2018/19`. */
export const controlKey = (c: Control): string => `${c.row} ${c.year}`;

/** Every `<row> <year>` some figure of the scenario (funding, department or inflation index) was calibrated to. */
export function calibratedControlKeys(s: Scenario): ReadonlySet<string> {
  const f = s.funding;
  const cited: (Cited | undefined)[] = [
    f?.councilTax?.taxBase,
    f?.councilTax?.collectionFund,
    ...(f?.streams ?? []),
    ...(f?.retainedBusinessRates
      ? [
          f.retainedBusinessRates.baseline,
          f.retainedBusinessRates.topUp,
          f.retainedBusinessRates.tariff,
          f.retainedBusinessRates.multiplierChange,
          f.retainedBusinessRates.growth,
          f.retainedBusinessRates.levyRate,
          f.retainedBusinessRates.safetyNet,
        ]
      : []),
    f?.reserves?.opening,
    f?.reserves?.minimum,
    f?.reserves?.plannedUseCited,
    ...(s.departments ?? []).map((d) => (d.kind === 'levels' ? d : undefined)),
  ];
  // inflation figures chosen to match a published total (an index series' calibrated points)
  const inflation = (s.inflation ?? []).flatMap((i) =>
    i.rate.kind === 'index' ? [...i.rate.series.points.values()].flatMap((pt) => pt.provenance.calibratedTo ?? []) : [],
  );
  return new Set([...cited.flatMap((c) => c?.calibratedTo ?? []), ...inflation]);
}
