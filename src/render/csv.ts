// TableModel → CSV: one row per table row, `id` first, exact amounts in the scenario's units as
// plain signed decimals (no grouping, no rounding). Text cells and ids are neutralised against
// formula injection when opened in a spreadsheet (safe-text.ts); amounts stay numbers.

import { stringify } from 'csv-stringify/sync';
import { toPlain } from '../model/money.js';
import { spreadsheetText } from './safe-text.js';
import type { Cell, TableModel } from './table-model.js';

function csvCell(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'blank':
      return '';
    case 'text':
      return spreadsheetText(cell.text);
    case 'number':
    case 'money':
      return toPlain(cell.value);
  }
}

/** Several tables in one CSV share a header: they must have the same columns. */
export function tablesAsCsv(models: readonly TableModel[]): string {
  const first = models[0];
  if (!first) return '';
  const header = ['id', ...first.columns.map((c) => spreadsheetText(c.key))];
  const records = [header];
  for (const model of models) {
    for (const row of model.rows) records.push([spreadsheetText(row.id), ...first.columns.map((c) => csvCell(row.cells[c.key]))]);
  }
  return stringify(records, { record_delimiter: '\n' });
}
