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
  | (RowCommon & {
      readonly kind: 'lines';
      readonly select: RowSelector;
      /** The name the source gives the schedule of these lines, e.g. `Appendix B`. */
      readonly schedule?: string;
    })
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

/** The one row of a declared layout that chooses every line of `kind` and nothing else (by kind alone). */
function rowOfKind(layout: Layout, kind: LineKind): (LayoutRow & { kind: 'lines' }) | undefined {
  if (!layout.declared) return undefined;
  const rows = layout.rows.filter(
    (r): r is LayoutRow & { kind: 'lines' } =>
      r.kind === 'lines' && r.select.refs === undefined && r.select.classes === undefined && r.select.kinds?.includes(kind) === true,
  );
  const [only] = rows;
  return rows.length === 1 && only?.select.kinds?.length === 1 ? only : undefined;
}

/**
 * The source's own words for the schedule of a kind's lines: the name it gives the schedule (from a
 * declared row's `schedule:`, e.g. Appendix B) and the label of the budget table's row that shows
 * their change (without that name). Nothing for the neutral layout, or where no single row of a
 * declared layout chooses exactly that kind: a council's words are never printed for another's table.
 */
export function scheduleWords(layout: Layout, kind: LineKind): { readonly name?: string; readonly changeRow?: string } {
  const row = rowOfKind(layout, kind);
  if (!row) return {};
  const suffix = row.schedule === undefined ? undefined : ` (${row.schedule})`;
  const changeRow = suffix && row.label.endsWith(suffix) ? row.label.slice(0, -suffix.length) : row.label;
  return { ...(row.schedule === undefined ? {} : { name: row.schedule }), changeRow };
}

/** Whether a declared layout has a row choosing lines of `kind` by kind. */
export const layoutChoosesKind = (layout: Layout, kind: LineKind): boolean =>
  layout.rows.some((r) => r.kind === 'lines' && r.select.kinds?.includes(kind) === true);
