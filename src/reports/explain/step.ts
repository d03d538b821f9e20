// One step of an explanation, the unit `mtfs explain` builds and renders: a figure, its arithmetic,
// its origin and its parts.

import type { Location } from '../../diagnostics/diagnostic.js';
import type { Money } from '../../model/money.js';

/** One step of an explanation: a figure, how it is made, where it comes from, and its parts. */
export interface Step {
  /** Stable id such as `net_budget/2020-21/growth/G6`. */
  readonly id: string;
  readonly label: string;
  readonly amount: Money;
  /** The arithmetic, e.g. "subtotal + growth + savings" with the figures. */
  readonly formula?: string;
  readonly origin?: Location;
  readonly source?: string;
  /** The line's note, e.g. how a reconciling line was derived. */
  readonly note?: string;
  readonly children: readonly Step[];
}
