// Published precision: the step to which a source rounded a figure (£1, £000, £0.1m …) and the
// comparison `mtfs check` makes against it — the exact figure rounded by a named rule to that step.
// Pure; the one rounding here is the control's own, never a display rounding.

import { Dec, roundTo, type Dec as Decimal, type Money, type RoundingMode } from './money.js';
import { poundsPerUnit, type Units } from './units.js';

/** The control of Band D: a figure in pounds and pence, whatever units the scenario is written in. */
export const BAND_D_CONTROL = 'funding.band_d';

/** The control of the council tax bill's total Band D (the council's own and the other preceptors'), in £ and pence. */
export const BILL_BAND_D_CONTROL = 'funding.bill.band_d';

/** The control of the bill's total amount (council tax plus the other precepts), in the scenario's units. */
export const BILL_TOTAL_CONTROL = 'funding.bill.total';

/** Whether a control is of a Band D, in £ and pence whatever the scenario's units. */
export const isPoundsControl = (row: string): boolean => row === BAND_D_CONTROL || row === BILL_BAND_D_CONTROL;

/** The units a control's figures are in: Band D in £, every other row in the scenario's units. */
export const controlUnits = (row: string, units: Units): Units => (isPoundsControl(row) ? '£' : units);

/** The steps a published figure can be rounded to, by the names finance officers write. */
export const PUBLISHED_TO = ['£0.01', '£1', '£100', '£000', '£0.01m', '£0.1m', '£m'] as const;
export type PublishedTo = (typeof PUBLISHED_TO)[number];

/** The step of each precision, in £. */
const STEP_POUNDS: Record<PublishedTo, string> = {
  '£0.01': '0.01',
  '£1': '1',
  '£100': '100',
  '£000': '1000',
  '£0.01m': '10000',
  '£0.1m': '100000',
  '£m': '1000000',
};

/** The step of `to` in the scenario's units, e.g. £0.1m in a £000 scenario is 100. */
export const stepInUnits = (to: PublishedTo, units: Units): Decimal => new Dec(STEP_POUNDS[to]).dividedBy(poundsPerUnit(units));

/** Whether `amount` (in the scenario's units) is a whole number of steps, as a figure published to `to` must be. */
export const isMultipleOf = (amount: Money, to: PublishedTo, units: Units): boolean => amount.dividedBy(stepInUnits(to, units)).isInteger();

/** `exact` (in the scenario's units) rounded to the step of `to` by `mode`, in the scenario's units. */
export function roundToPublished(exact: Money, to: PublishedTo, units: Units, mode: RoundingMode): Money {
  const step = stepInUnits(to, units);
  const r = roundTo(exact.dividedBy(step), 0, mode).times(step);
  return (r.isZero() ? new Dec(0) : r) as Money;
}
