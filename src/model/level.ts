// A figure of one year and where it came from: the level a line or funding stream has in a year, and
// an amount with its origin. Shared by budget lines, funding and drivers; no I/O.

import type { Location } from '../diagnostics/diagnostic.js';
import type { Money } from './money.js';

/** How a line's level in a year was obtained. */
export type LevelBasis =
  | 'stated' // written in the scenario or CSV
  | 'ongoing' // after the last stated level: the level continues ("ongoing")
  | 'hold' // between two stated levels, the earlier one held: an estimate
  | 'linear' // between two stated levels, a straight line rounded to whole units: an estimate
  | 'growth' // after a stated level, grown by a stated rate and rounded to whole units: an estimate
  | 'not-started' // before the first stated level: nil
  | 'ended' // after a funding stream's stated end year: nil
  | 'changes' // the sum of the changes stated up to this year (`changes:`)
  | 'one-off-ended' // a one-off line after its stated year: fallen out, nil
  | 'uplift' // income after its last stated year, grown by the line's stated uplift rate, exactly
  | 'driver' // built from demand drivers: cost − base-year cost (`mtfs demand` shows how)
  | 'inflation'; // built from an inflation driver: inflated cost − base-year cost (`mtfs explain` shows how)

/** True when a level is the tool's estimate of a year the source does not state. */
export const isEstimate = (basis: LevelBasis): boolean => basis === 'hold' || basis === 'linear' || basis === 'growth';

export interface Level {
  readonly amount: Money;
  readonly basis: LevelBasis;
  /** Where the level was written, or the stated levels it was derived from. */
  readonly origins: readonly Location[];
}

export interface SourcedAmount {
  readonly amount: Money;
  readonly origin: Location;
}
