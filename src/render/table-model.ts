// A format-neutral table: what every command shows, before it becomes terminal text, Markdown or
// CSV. Money cells hold exact values in the scenario's units; renderers round them once.

import type { Dec } from '../model/money.js';
import type { TableUnits } from './number.js';

export type Cell =
  | {
      readonly kind: 'money';
      /** Exact, in the table's units. */
      readonly value: Dec;
      /** Printed in brackets even when nil, like the report's "Less" rows. */
      readonly deduction?: boolean;
      /** A mark shown after the figure in text formats (e.g. † for an estimate, ` ADV` for a variance). */
      readonly marker?: string;
      /** Shown blank in text formats (the report leaves unstated transfers empty); CSV and JSON keep the value. */
      readonly blankInText?: boolean;
    }
  | {
      readonly kind: 'number';
      /** Exact; not money, so never converted to £000 (people, rates, £ per user). */
      readonly value: Dec;
      /** Decimal places shown in text formats (default 0). */
      readonly dp?: number;
      /** A footnote mark shown after the figure in text formats. */
      readonly marker?: string;
      /** In text, close the figure with a space as money does, so digits line up in a column shared with money. */
      readonly alignWithMoney?: boolean;
    }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'blank' };

export interface Column {
  readonly key: string;
  readonly header: string;
  readonly align: 'left' | 'right';
}

export interface TableRow {
  /** Stable id used in CSV and JSON, e.g. `net_budget` or `growth.G6`. */
  readonly id: string;
  readonly cells: Readonly<Record<string, Cell>>;
  /** Totals are set off by a rule in text output. */
  readonly emphasis?: 'total';
}

export interface TableModel {
  readonly id: string;
  readonly title: string;
  readonly units: TableUnits;
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
  readonly notes: readonly string[];
  /** What the figures are in, given the units money is shown in, when not every figure is money (e.g. people beside costs). */
  readonly caption?: (shown: TableUnits) => string;
  /** Row identities (total = Σ parts − Σ less) per money column, checked after rounding. */
  readonly identities?: readonly { readonly total: string; readonly parts: readonly string[]; readonly less?: readonly string[] }[];
}

export const money = (value: Dec, extra: { deduction?: boolean; marker?: string; blankInText?: boolean } = {}): Cell => ({
  kind: 'money',
  value,
  ...extra,
});
export const number = (value: Dec, extra: { dp?: number; marker?: string; alignWithMoney?: boolean } = {}): Cell => ({
  kind: 'number',
  value,
  ...extra,
});
export const text = (t: string): Cell => ({ kind: 'text', text: t });
export const blank: Cell = { kind: 'blank' };

/** One right-aligned column per year, keyed and headed by the year. */
export const yearColumns = (years: readonly string[]): Column[] => years.map((y) => ({ key: y, header: y, align: 'right' }));

/** The columns of a detail table: a label, a basis (published, derived, estimate …) and one per year. */
export const labelBasisYearColumns = (years: readonly string[]): Column[] => [
  { key: 'label', header: '', align: 'left' },
  { key: 'basis', header: 'Basis', align: 'left' },
  ...yearColumns(years),
];
