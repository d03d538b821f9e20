// One step of an explanation, the unit `mtfs explain` builds and renders: a figure, its arithmetic,
// its origin and its parts.

import type { Location } from '../../diagnostics/diagnostic.js';
import type { Money } from '../../model/money.js';
import { convert, type Units } from '../../model/units.js';

/** One step of an explanation: a figure, how it is made, where it comes from, and its parts. */
export interface Step {
  /** Stable id such as `net_budget/2020-21/growth/G6`. */
  readonly id: string;
  readonly label: string;
  /** In the scenario's units, unless `measure` says it is not money in those units. */
  readonly amount: Money;
  /** A figure that is not an amount in the scenario's units: a count, pounds and pence, or a percentage. */
  readonly measure?: 'count' | 'pounds' | 'percent';
  /** The arithmetic, e.g. "subtotal + growth + savings" with the figures. */
  readonly formula?: string;
  readonly origin?: Location;
  readonly source?: string;
  /** The line's note, e.g. how a reconciling line was derived. */
  readonly note?: string;
  readonly children: readonly Step[];
}

/** Every step's amount in `to` (converted exactly from `from`); counts, pounds and percentages as they are. */
export function stepsInUnits(steps: readonly Step[], from: Units, to: Units): Step[] {
  if (from === to) return [...steps];
  const walk = (s: Step): Step => ({
    ...s,
    amount: s.measure === undefined ? convert(s.amount, from, to) : s.amount,
    children: s.children.map(walk),
  });
  return steps.map(walk);
}
