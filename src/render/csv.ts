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

/** Several tables in one CSV share a header: they must have the same columns. */
/** `units`, when given, converts every money cell exactly (`--units`); else each table keeps its own units. */
export function tablesAsCsv(models: readonly TableModel[], units?: Units): string {
  const first = models[0];
  if (!first) return '';
  const header = ['id', ...first.columns.map((c) => spreadsheetText(c.key))];
  const records = [header];
  for (const model of models) {
    for (const row of model.rows)
      records.push([spreadsheetText(row.id), ...first.columns.map((c) => csvCell(row.cells[c.key], model.units, units ?? model.units))]);
  }
  return stringify(records, { record_delimiter: '\n' });
}
