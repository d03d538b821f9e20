// The layout of a budget table: its rows, their labels and order, what each row sums (lines by
// kind or classification, other rows) and how the base budget is carried from year to year.
// Domain data read from a scenario's `layout:` or the neutral default below; no I/O.

import type { Location } from '../diagnostics/diagnostic.js';
import { KIND_ROW_ID, KIND_ROW_LABEL, LINE_KINDS, type LineKind } from './line-kind.js';

/**
 * What a base row shows: `brought_forward` is last year's net budget (the first year: the
 * original budget); `base` the base budget of the year (stated each year with `base_budget:`,
 * or last year's net rolled forward); `restatement` the stated base less last year's net.
 */
export type BaseShown = 'brought_forward' | 'base' | 'restatement';

/** Which lines a row sums: every condition given must hold. */
export interface RowSelector {
  readonly kinds?: readonly LineKind[];
  readonly refs?: readonly string[];
  /** Classification name (e.g. `category`) → the value a line must have. */
  readonly classes?: ReadonlyMap<string, string>;
}

interface RowCommon {
  readonly id: string;
  readonly label: string;
  /** Print a nil figure as (0), as a "Less …" row of a committee report does. */
  readonly deduction: boolean;
  readonly origin?: Location;
}

export type LayoutRow =
  | (RowCommon & { readonly kind: 'base'; readonly shows: BaseShown })
  | (RowCommon & { readonly kind: 'transfers' })
  | (RowCommon & { readonly kind: 'lines'; readonly select: RowSelector })
  | (RowCommon & { readonly kind: 'sum'; readonly parts: readonly string[] });

export interface Layout {
  readonly rows: readonly LayoutRow[];
  /** True when the scenario wrote `layout:`; false for the neutral default. */
  readonly declared: boolean;
}

/** The row every layout ends its identity with: the net budget (used by funding and councils). */
export const NET_ROW = 'net_budget';

/**
 * The neutral default: base (or, with a stated base, net brought forward, restatement and base),
 * transfers where the scenario has any, one row per kind of line present, and the net budget.
 */
export function defaultLayout(kinds: ReadonlySet<LineKind>, hasTransfers: boolean, statedBase: boolean): Layout {
  const row = { deduction: false } as const;
  const baseRows: LayoutRow[] = statedBase
    ? [
        { ...row, kind: 'base', id: 'brought_forward', label: 'Net budget brought forward', shows: 'brought_forward' },
        { ...row, kind: 'base', id: 'restatement', label: 'Restatement of base', shows: 'restatement' },
        { ...row, kind: 'sum', id: 'base_budget', label: 'Base budget', parts: ['brought_forward', 'restatement'] },
      ]
    : [{ ...row, kind: 'base', id: 'base_budget', label: 'Base budget', shows: 'base' }];
  const transfers: LayoutRow[] = hasTransfers ? [{ ...row, kind: 'transfers', id: 'transfers', label: 'Transfers and adjustments' }] : [];
  const kindRows: LayoutRow[] = LINE_KINDS.filter((k) => kinds.has(k)).map((k) => ({
    ...row,
    kind: 'lines',
    id: KIND_ROW_ID[k],
    label: KIND_ROW_LABEL[k],
    select: { kinds: [k] },
  }));
  const parts = ['base_budget', ...transfers.map((r) => r.id), ...kindRows.map((r) => r.id)];
  return {
    declared: false,
    rows: [...baseRows, ...transfers, ...kindRows, { ...row, kind: 'sum', id: NET_ROW, label: 'Net budget', parts }],
  };
}
