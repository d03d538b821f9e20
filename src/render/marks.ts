// Footnote marks shown after figures in text tables; every table that uses one explains it in a note.

/** An estimate: a year the source does not state, filled by a named method. */
export const ESTIMATE_MARK = '†';
/** A reconciling line, derived from a published total. */
export const RECONCILING_MARK = '‡';
/** A national figure read outside the years its source publishes: the nearest published figure held. */
export const HELD_MARK = '*';
