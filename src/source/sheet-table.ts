// Reading a spreadsheet's budget table (`mtfs import`): a grid of cell texts → the header row of
// years, one row of amounts per label, and the rows that are totals. Pure; every problem is a
// diagnostic located at its cell (`Budget!C7`), with the workbook as the file and the row and
// column as line and column.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { parseAmountText } from '../model/amount-text.js';
import { parseFiscalYear, type FiscalYear } from '../model/fiscal-year.js';

/** One sheet as text: `rows[r][c]` is the cell at row r+1, column c+1 ('' when empty). */
export interface SheetGrid {
  readonly workbook: string;
  readonly sheet: string;
  readonly rows: readonly (readonly string[])[];
}

export interface SheetRow {
  /** The cell that names the row, e.g. `Budget!A7`. */
  readonly at: string;
  readonly line: number;
  readonly ref?: string;
  readonly label: string;
  /** Canonical amounts by year; a year left blank or `-` is absent (blank) or '0' (nil). */
  readonly amounts: ReadonlyMap<FiscalYear, string>;
}

export interface SheetTable {
  readonly years: readonly FiscalYear[];
  /** The cell of the header row's first year, e.g. `Budget!C3`. */
  readonly headerAt: string;
  readonly rows: readonly SheetRow[];
  /** Rows whose label reads like a total (Total, Sub total, Net budget): offered as controls. */
  readonly totals: readonly SheetRow[];
}

/** Labels of rows that total other rows, as spreadsheets write them. */
export const TOTAL_LABEL = /^\s*((grand|sub|net)[\s-]*)?totals?\b|^\s*net (budget|expenditure)\b/i;

/** `B7` for row 7, column 2. */
export function cellName(line: number, column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${line}`;
}

/** A sheet name as Excel writes it in a reference: quoted when it holds anything but letters and digits. */
const sheetRef = (sheet: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);

/** A year header as spreadsheets write it: 2025/26, 2025-26, 2025/2026, `2025/26 £000`. */
export function yearHeader(text: string): FiscalYear | undefined {
  const m = /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b/.exec(text);
  if (!m) return undefined;
  const start = m[1] as string;
  const end = (m[2] as string).slice(-2);
  const y = parseFiscalYear(`${start}/${end}`);
  return y.ok ? y.year : undefined;
}

/**
 * An amount as spreadsheets show it: `1,234`, `£1,234.50`, `(1,234)` for a negative, `-` or `–`
 * for nil, blank for not stated (undefined). Numbers from cells arrive as their shortest text.
 */
export function sheetAmount(text: string): { ok: true; amount?: string } | { ok: false; message: string } {
  const t = text.replace(/\u00a0/g, ' ').trim();
  if (t === '') return { ok: true };
  if (/^[-–—]$/.test(t)) return { ok: true, amount: '0' };
  const bare = t.replace(/^(\(?-?)\s*£\s*/, '$1').replace(/\s+/g, '');
  const r = parseAmountText(bare);
  return r.ok ? { ok: true, amount: r.canonical } : { ok: false, message: r.message };
}

/**
 * Finds the table in `grid`: the first row with year headers, the label column (the text column
 * nearest the years, with a ref column before it when there is one), then one row per label.
 */
export function readSheetTable(grid: SheetGrid): { table?: SheetTable; diagnostics: Diagnostic[] } {
  const where = (line: number, column: number): Location => ({
    file: grid.workbook,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
  });
  const name = (line: number, column: number): string => `${sheetRef(grid.sheet)}!${cellName(line, column)}`;
  const headerIndex = grid.rows.findIndex((row) => row.some((c) => yearHeader(c) !== undefined));
  if (headerIndex < 0) {
    return {
      diagnostics: [
        error(
          'workbook',
          `sheet ${grid.sheet}: no header row of years such as 2025/26`,
          where(1, 1),
          'the table needs a row naming each year, e.g. 2025/26 2026/27 …; choose the sheet with --sheet',
        ),
      ],
    };
  }
  const header = grid.rows[headerIndex] as readonly string[];
  const yearColumns: { column: number; year: FiscalYear }[] = [];
  header.forEach((c, i) => {
    const y = yearHeader(c);
    if (y && !yearColumns.some((k) => k.year === y)) yearColumns.push({ column: i, year: y });
  });
  const firstYear = Math.min(...yearColumns.map((k) => k.column));
  const body = grid.rows.slice(headerIndex + 1);
  const texty = (i: number): number => body.filter((r) => (r[i] ?? '').trim() !== '' && sheetAmount(r[i] ?? '').ok === false).length;
  // the label column: the text column nearest the years; a ref column may sit before it
  let labelColumn = -1;
  for (let i = firstYear - 1; i >= 0; i--) {
    if (texty(i) > 0) {
      labelColumn = i;
      break;
    }
  }
  if (labelColumn < 0) {
    return {
      diagnostics: [
        error(
          'workbook',
          `sheet ${grid.sheet}: no column of labels to the left of the years`,
          where(headerIndex + 1, firstYear + 1),
          'each row needs a description to the left of its amounts',
        ),
      ],
    };
  }
  const refColumn =
    labelColumn > 0 && body.some((r) => /^[A-Za-z][A-Za-z0-9_.-]{0,11}$/.test((r[labelColumn - 1] ?? '').trim())) ? labelColumn - 1 : -1;

  const diagnostics: Diagnostic[] = [];
  const rows: SheetRow[] = [];
  const totals: SheetRow[] = [];
  body.forEach((r, k) => {
    const line = headerIndex + 2 + k;
    const label = (r[labelColumn] ?? '').trim();
    const amounts = new Map<FiscalYear, string>();
    let bad = false;
    for (const { column, year } of yearColumns) {
      const a = sheetAmount(r[column] ?? '');
      if (!a.ok) {
        bad = true;
        diagnostics.push(
          error(
            'workbook',
            `${name(line, column + 1)}: cannot read \`${(r[column] ?? '').trim()}\` as an amount: ${a.message}`,
            where(line, column + 1),
            'write an amount such as 1,234, (1,234) or £1,234.50; `-` for nil; leave it empty when not stated',
          ),
        );
      } else if (a.amount !== undefined) amounts.set(year, a.amount);
    }
    if (label === '' && amounts.size === 0) return; // a blank row or a heading with no figures
    if (label === '') {
      if (!bad) {
        diagnostics.push(
          error(
            'workbook',
            `${name(line, labelColumn + 1)}: amounts with no label`,
            where(line, labelColumn + 1),
            'give the row a description, or delete it',
          ),
        );
      }
      return;
    }
    if (amounts.size === 0 || bad) return; // a section heading, or a row already reported
    const ref = refColumn >= 0 ? (r[refColumn] ?? '').trim() : '';
    const row: SheetRow = { at: name(line, labelColumn + 1), line, label, amounts, ...(ref !== '' ? { ref } : {}) };
    (TOTAL_LABEL.test(label) || TOTAL_LABEL.test(ref) ? totals : rows).push(row);
  });
  return {
    table: { years: yearColumns.map((k) => k.year), headerAt: name(headerIndex + 1, firstYear + 1), rows, totals },
    diagnostics,
  };
}
