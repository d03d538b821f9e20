// A CSV line table → one raw document per row, in the same shape as a YAML line, so the same
// schema validates both and every diagnostic points at the CSV cell.

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseFiscalYear } from '../model/fiscal-year.js';
import { closest } from '../schema/diagnose.js';
import { LINE_CSV_COLUMNS, REQUIRED_LINE_CSV_COLUMNS } from '../schema/scenario.js';
import type { CsvTable } from '../source/csv.js';
import { Locator, record, type RawDocument } from '../source/raw-tree.js';

type Column = { kind: 'field'; name: string } | { kind: 'year'; year: string } | { kind: 'bad' };

/** Checks the header and turns each row into a raw line document. */
export function lineTableRows(table: CsvTable): { rows: RawDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const columns: Column[] = table.header.map((cell) => {
    const name = cell.value.trim();
    const dupe = seen.get(name);
    seen.set(name, (dupe ?? 0) + 1);
    if (dupe !== undefined) {
      diagnostics.push(error('csv-header', `column \`${name}\` appears twice`, cell.location, 'keep one column of each name'));
      return { kind: 'bad' };
    }
    if ((LINE_CSV_COLUMNS as readonly string[]).includes(name)) return { kind: 'field', name };
    if (/^\d{4}\//.test(name)) {
      const y = parseFiscalYear(name);
      if (y.ok) return { kind: 'year', year: y.year };
      diagnostics.push(error('csv-header', y.message, cell.location, y.hint));
      return { kind: 'bad' };
    }
    const guess = closest(name, LINE_CSV_COLUMNS);
    diagnostics.push(
      error(
        'csv-header',
        `unknown column \`${name}\``,
        cell.location,
        guess ? `did you mean \`${guess}\`?` : `columns are ${LINE_CSV_COLUMNS.join(', ')} and one per year such as 2018/19`,
      ),
    );
    return { kind: 'bad' };
  });
  const firstHeader = table.header[0];
  for (const required of REQUIRED_LINE_CSV_COLUMNS) {
    if (!seen.has(required) && firstHeader) {
      diagnostics.push(
        error('csv-header', `missing column \`${required}\``, {
          ...firstHeader.location,
          endLine: firstHeader.location.line,
          endColumn: (table.header[table.header.length - 1]?.location.endColumn ?? 2),
        }, `the header needs ${REQUIRED_LINE_CSV_COLUMNS.join(', ')}`),
      );
    }
  }
  if (!columns.some((c) => c.kind === 'year') && firstHeader) {
    diagnostics.push(
      error('csv-header', 'no year columns: a line table needs one column per stated year, such as 2018/19', firstHeader.location),
    );
  }
  if (diagnostics.length > 0) return { rows: [], diagnostics };

  const rows = table.rows.map((row) => {
    const locator = new Locator(table.file, row.location);
    const tree = record();
    const levels = record();
    tree.levels = levels;
    locator.setValue(['levels'], row.location);
    row.cells.forEach((cell, i) => {
      const col = columns[i];
      const head = table.header[i];
      if (!col || col.kind === 'bad' || cell.value.trim() === '') return;
      if (col.kind === 'year') {
        levels[col.year] = cell.value.trim();
        locator.setValue(['levels', col.year], cell.location);
        if (head) locator.setKey(['levels', col.year], head.location);
        return;
      }
      const v = cell.value.trim();
      tree[col.name] = col.name === 'reconciling' ? booleanCell(v) : v;
      locator.setValue([col.name], cell.location);
      if (head) locator.setKey([col.name], cell.location);
    });
    return { file: table.file, tree, locator };
  });
  return { rows, diagnostics };
}

function booleanCell(v: string): boolean | string {
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === 'yes') return true;
  if (lower === 'false' || lower === 'no') return false;
  return v;
}
