// A CSV line table → one raw document per row, in the same shape as a YAML line, so the same
// schema validates both and every diagnostic points at the CSV cell.

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseFiscalYear, startsLikeFiscalYear } from '../model/fiscal-year.js';
import { closest } from '../schema/diagnose.js';
import { LINE_CSV_COLUMNS, REQUIRED_LINE_CSV_COLUMNS } from '../schema/scenario.js';
import type { Location } from '../diagnostics/diagnostic.js';
import type { AmountForm } from '../schema/scenario.js';
import type { CsvCell, CsvRow, CsvTable } from '../source/csv.js';
import type { Path, RawDocument, SourceLocator } from '../source/raw-tree.js';

type Column = { kind: 'field'; name: string } | { kind: 'year'; year: string } | { kind: 'bad' } | { kind: 'blank' };

/** Labels of rows that total other rows, as spreadsheets write them: Total, Sub total, Net budget. */
const TOTAL_LABEL = /^\s*((grand|sub|net)[\s-]*)?totals?\b|^\s*net (budget|expenditure)\b/i;

/**
 * Checks the header and turns each row into a raw line document, one at a time as they are asked
 * for (a large table's trees then live only while their line is validated).
 */
export function lineTableRows(
  table: CsvTable,
  form: AmountForm = 'levels',
): { rows: Iterable<RawDocument>; diagnostics: Diagnostic[]; years: readonly string[]; fields: readonly string[] } {
  const { columns, diagnostics } = headerColumns(table.header, (i) => table.rows.find((r) => (r.values[i] ?? '').trim() !== ''));
  if (diagnostics.length > 0) return { rows: [], diagnostics, years: [], fields: [] };

  const index = columnIndex(columns);
  const totals = totalRows(table, index);
  diagnostics.push(...totals.diagnostics);
  const intern = interner();
  return {
    rows: (function* () {
      for (const row of table.rows) if (!totals.rows.has(row)) yield rowDocument(row, table.header, columns, index, form, intern);
    })(),
    diagnostics,
    years: [...index.levels.keys()],
    fields: [...index.fields.keys()],
  };
}

/**
 * The totals path's line table (see csvRowsByChunk): the same header checks and row documents,
 * one row at a time. A row lineTableRows would report (a total row, a value under a column with
 * no header) makes `regular()` false and the rows stop: the caller then reads the table in full.
 */
export function lineTableRowsStreamed(
  header: readonly CsvCell[],
  rows: Iterable<CsvRow>,
  form: AmountForm = 'levels',
): { rows: Iterable<RawDocument>; diagnostics: Diagnostic[]; regular: () => boolean; years: readonly string[]; fields: readonly string[] } {
  const { columns, diagnostics } = headerColumns(header, () => undefined);
  let regular = diagnostics.length === 0;
  if (!regular) return { rows: [], diagnostics, regular: () => false, years: [], fields: [] };
  const index = columnIndex(columns);
  const blank = columns.flatMap((c, i) => (c.kind === 'blank' ? [i] : []));
  const textAt = [...index.fields.values()];
  const intern = interner();
  return {
    rows: (function* () {
      for (const row of rows) {
        if (blank.some((i) => (row.values[i] ?? '').trim() !== '') || totalCell(row, index.fields.get('ref'), textAt) !== undefined) {
          regular = false;
          return;
        }
        yield rowDocument(row, header, columns, index, form, intern);
      }
    })(),
    diagnostics,
    regular: () => regular,
    years: [...index.levels.keys()],
    fields: [...index.fields.keys()],
  };
}

/** The header's columns, checked; `usedAt(i)` finds a row with a value in column `i`. */
function headerColumns(
  header: readonly CsvCell[],
  usedAt: (i: number) => CsvRow | undefined,
): { columns: Column[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const columns: Column[] = header.map((cell, i) => {
    const name = cell.value.trim();
    // a spreadsheet saves the empty columns to the right of a table (or between) as `,,`
    if (name === '') {
      const used = usedAt(i);
      if (!used) return { kind: 'blank' };
      diagnostics.push(
        error(
          'csv-header',
          `this column has no header, but line ${used.line} has a value in it`,
          cell.location,
          'name the column (a field such as note, or a year such as 2018/19), or delete it',
        ),
      );
      return { kind: 'bad' };
    }
    const dupe = seen.get(name);
    seen.set(name, (dupe ?? 0) + 1);
    if (dupe !== undefined) {
      diagnostics.push(error('csv-header', `column \`${name}\` appears twice`, cell.location, 'keep one column of each name'));
      return { kind: 'bad' };
    }
    if ((LINE_CSV_COLUMNS as readonly string[]).includes(name)) return { kind: 'field', name };
    if (startsLikeFiscalYear(name)) {
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
  const firstHeader = header[0];
  for (const required of REQUIRED_LINE_CSV_COLUMNS) {
    if (!seen.has(required) && firstHeader) {
      diagnostics.push(
        error(
          'csv-header',
          `missing column \`${required}\``,
          {
            ...firstHeader.location,
            endLine: firstHeader.location.line,
            endColumn: header[header.length - 1]?.location.endColumn ?? 2,
          },
          `the header needs ${REQUIRED_LINE_CSV_COLUMNS.join(', ')}`,
        ),
      );
    }
  }
  if (!columns.some((c) => c.kind === 'year') && firstHeader) {
    diagnostics.push(
      error('csv-header', 'no year columns: a line table needs one column per stated year, such as 2018/19', firstHeader.location),
    );
  }
  return { columns, diagnostics };
}

/**
 * Columns whose values repeat from line to line (a kind, a status, a service area, a source): a
 * table of 100,000 lines holds one string of each value rather than one a line (CSV parsing makes
 * a new string for every field). Every line column but those written afresh for each line.
 */
const WRITTEN_PER_LINE: readonly string[] = ['ref', 'description', 'one_off', 'reconciling', 'note'];
const REPEATED_COLUMNS: ReadonlySet<string> = new Set(LINE_CSV_COLUMNS.filter((c) => !WRITTEN_PER_LINE.includes(c)));

/** The most values a table's interner keeps: past it, values are used as read (a column that does not repeat). */
const INTERNED_AT_MOST = 4096;

/** One string for each value met (up to INTERNED_AT_MOST values). */
function interner(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (seen.size < INTERNED_AT_MOST) seen.set(value, value);
    return value;
  };
}

/** One row of a line table as a raw line document, located by its cells. */
function rowDocument(
  row: CsvRow,
  header: readonly CsvCell[],
  columns: readonly Column[],
  index: ColumnIndex,
  form: AmountForm,
  intern: (value: string) => string,
): RawDocument {
  // Plain objects, not null-prototype records: every key is a known column name or a canonical
  // year label (the header was checked above), so none can be `__proto__`; and plain objects
  // keep V8's fast properties, which makes validating 100,000 rows about a third quicker.
  const levels: Record<string, string> = {};
  const tree: Record<string, unknown> = {};
  const values = row.values;
  for (let i = 0; i < values.length; i++) {
    const col = columns[i];
    const v = (values[i] as string).trim();
    if (!col || col.kind === 'bad' || col.kind === 'blank' || v === '') continue;
    if (col.kind === 'year') levels[col.year] = v;
    else if (col.name === 'reconciling' || col.name === 'one_off') tree[col.name] = booleanCell(v);
    else tree[col.name] = REPEATED_COLUMNS.has(col.name) ? intern(v) : v;
  }
  // the year columns are levels or changes, as the row's `amounts` (or the scenario) says
  const rowForm = tree.amounts ?? form;
  if (rowForm === 'levels' || rowForm === 'changes') delete tree.amounts;
  tree[rowForm === 'changes' ? 'changes' : 'levels'] = levels;
  return { file: row.file, tree, locator: new CsvRowLocator(row, header, index) };
}

/**
 * Rows with no ref (or a ref such as `Total`) whose text reads like a total (`Total`, `Sub total`, `Net budget`): one
 * `total-row` error each, instead of a missing-key error for every field a line needs.
 */
function totalRows(table: CsvTable, index: ColumnIndex): { rows: ReadonlySet<CsvRow>; diagnostics: Diagnostic[] } {
  const rows = new Set<CsvRow>();
  const diagnostics: Diagnostic[] = [];
  const refAt = index.fields.get('ref');
  const textAt = [...index.fields.values()];
  for (const row of table.rows) {
    const i = totalCell(row, refAt, textAt);
    if (i === undefined) continue;
    rows.add(row);
    diagnostics.push(
      error(
        'total-row',
        `this row looks like a total (\`${(row.values[i] as string).trim()}\`), not a line`,
        row.cellLocation(i),
        'a line table holds growth and saving lines only: delete the row; to check a published total, put it under `controls:` in the scenario',
      ),
    );
  }
  return { rows, diagnostics };
}

/** The cell that makes a row read as a total: no ref (or a ref such as `Total`) and a text such as `Total`. */
function totalCell(row: CsvRow, refAt: number | undefined, textAt: readonly number[]): number | undefined {
  const ref = refAt === undefined ? '' : (row.values[refAt] ?? '').trim();
  if (ref !== '' && !totalLabel(ref)) return undefined;
  return textAt.find((k) => totalLabel(row.values[k] ?? ''));
}

/**
 * TOTAL_LABEL.test(text). The pattern matches only text with `total` or `net` in it (in ASCII
 * letters of either case), so other text, nearly every ref, is answered without running it.
 */
function totalLabel(text: string): boolean {
  const lower = text.toLowerCase();
  return (lower.includes('total') || lower.includes('net')) && TOTAL_LABEL.test(text);
}

/** Where a line table's columns sit: fields (`ref`) and levels (by year). */
interface ColumnIndex {
  readonly fields: ReadonlyMap<string, number>;
  readonly levels: ReadonlyMap<string, number>;
}

function columnIndex(columns: readonly Column[]): ColumnIndex {
  const fields = new Map<string, number>();
  const levels = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c.kind === 'field') fields.set(c.name, i);
    else if (c.kind === 'year') levels.set(c.year, i);
  });
  return { fields, levels };
}

/**
 * Locates the fields of one CSV row read as a line: a field at its cell, a level at its year's
 * cell (its key at the year's header), `levels` itself and anything else at the whole row.
 * Worked out on demand, so reading a large table allocates no locations.
 */
class CsvRowLocator implements SourceLocator {
  constructor(
    private readonly row: CsvRow,
    private readonly header: readonly CsvCell[],
    private readonly index: ColumnIndex,
  ) {}

  get file(): string {
    return this.row.file;
  }

  get whole(): Location {
    return this.row.location;
  }

  /** The written cell at `path` or, failing that, at its parent; undefined for the whole row. */
  #cell(path: Path): { i: number; level: boolean } | undefined {
    const [first, second] = path;
    if ((first === 'levels' || first === 'changes') && typeof second === 'string') {
      const i = this.index.levels.get(second);
      if (this.#written(i)) return { i, level: true };
    }
    if (typeof first === 'string') {
      const i = this.index.fields.get(first);
      if (this.#written(i)) return { i, level: false };
    }
    return undefined;
  }

  #written(i: number | undefined): i is number {
    return i !== undefined && (this.row.values[i] ?? '').trim() !== '';
  }

  value(path: Path): Location {
    const cell = this.#cell(path);
    return cell ? this.row.cellLocation(cell.i) : this.row.location;
  }

  key(path: Path): Location {
    const cell = this.#cell(path);
    if (cell?.level && path.length === 2) return this.header[cell.i]?.location ?? this.row.cellLocation(cell.i);
    return cell ? this.row.cellLocation(cell.i) : this.row.location;
  }

  has(path: Path): boolean {
    if (path.length === 1 && (path[0] === 'levels' || path[0] === 'changes')) return true;
    const cell = this.#cell(path);
    return cell !== undefined && path.length === (cell.level ? 2 : 1);
  }
}

function booleanCell(v: string): boolean | string {
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === 'yes') return true;
  if (lower === 'false' || lower === 'no') return false;
  return v;
}
