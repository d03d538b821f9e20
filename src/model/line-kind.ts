// The kinds of budget line (growth, saving, inflation, …) and the sign each has on the net budget.
// Shared by loading, projection, rendering and checks: one sign convention everywhere.

/** Every kind a line may have, in the order the neutral layout shows them. */
export const LINE_KINDS = [
  'growth',
  'inflation',
  'saving',
  'income',
  'adjustment',
  'to_reserves',
  'from_reserves',
  'levy',
  'capital_financing',
] as const;

export type LineKind = (typeof LINE_KINDS)[number];

/**
 * A line's amounts are written as the amount of its kind (a saving of 250 saves 250; income of 40
 * raises 40). Its effect on the net budget is that amount times this sign: +1 for kinds that add
 * to the budget, −1 for those that reduce it. An adjustment is written as its effect.
 */
export const KIND_SIGN: Record<LineKind, 1 | -1> = {
  growth: 1,
  inflation: 1,
  saving: -1,
  income: -1,
  adjustment: 1,
  to_reserves: 1,
  from_reserves: -1,
  levy: 1,
  capital_financing: 1,
};

/** Plain labels of the neutral layout's rows, one per kind. */
export const KIND_ROW_LABEL: Record<LineKind, string> = {
  growth: 'Growth',
  inflation: 'Inflation',
  saving: 'Savings',
  income: 'Income',
  adjustment: 'Adjustments',
  to_reserves: 'Contribution to reserves',
  from_reserves: 'Contribution from reserves',
  levy: 'Levies',
  capital_financing: 'Capital financing',
};

/** Row ids of the neutral layout, one per kind (`growth` and `savings` as before). */
export const KIND_ROW_ID: Record<LineKind, string> = {
  growth: 'growth',
  inflation: 'inflation',
  saving: 'savings',
  income: 'income',
  adjustment: 'adjustments',
  to_reserves: 'to_reserves',
  from_reserves: 'from_reserves',
  levy: 'levies',
  capital_financing: 'capital_financing',
};
