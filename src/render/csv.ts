// TableModel → CSV: one row per table row, `id` first, exact amounts in the table's units (or
// `--units`) as plain signed decimals (no grouping, no rounding). Text cells and ids are neutralised
// against formula injection when opened in a spreadsheet (safe-text.ts); amounts stay numbers.

import { stringify } from 'csv-stringify/sync';
import { toPlain } from '../model/money.js';
import { convert, type Units } from '../model/units.js';
import { spreadsheetText } from './safe-text.js';
import type { Cell, TableModel } from './table-model.js';

function csvCell(cell: Cell | undefined, from: Units, to: Units): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'blank':
      return '';
    case 'text':
      return spreadsheetText(cell.text);
    case 'number':
      return toPlain(cell.value);
    case 'money':
      return toPlain(convert(cell.value, from, to));
  }
}

/**
 * Several tables in one CSV share a header: they must have the same columns (the first table's).
 * `units`, when given, converts every money cell exactly (`--units`); else each table keeps its own
 * units. A table given as a function is made when its rows are written, and each table's records
 * become text before the next is made, so a large schedule's rows are not all held at once.
 */
export function tablesAsCsv(models: Iterable<TableModel | (() => TableModel)>, units?: Units): string {
  let columns: TableModel['columns'] | undefined;
  const parts: string[] = [];
  for (const given of models) {
    const model = typeof given === 'function' ? given() : given;
    const records: string[][] = [];
    if (!columns) {
      columns = model.columns;
      records.push(['id', ...columns.map((c) => spreadsheetText(c.key))]);
    }
    const shared = columns;
    for (const row of model.rows)
      records.push([spreadsheetText(row.id), ...shared.map((c) => csvCell(row.cells[c.key], model.units, units ?? model.units))]);
    // each record ends with the delimiter, so the tables' texts join to what one call would write
    parts.push(stringify(records, { record_delimiter: '\n' }));
  }
  return parts.join('');
}
