// Parsing CSV with positions: text → header and rows of cells, each cell with its file:line:column.
// csv-parse does the parsing; this module recovers where each field was written. Pure.

import { parse } from 'csv-parse/sync';
import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';

export interface CsvCell {
  readonly value: string;
  readonly location: Location;
}

export interface CsvRow {
  /** Line on which the record starts (csv-parse itself reports where it ends). */
  readonly line: number;
  readonly cells: readonly CsvCell[];
  readonly location: Location;
}

export interface CsvTable {
  readonly file: string;
  readonly header: readonly CsvCell[];
  readonly rows: readonly CsvRow[];
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Reading stops after this many rows whose length differs from the header: such a file is not a
 * table of this kind, and 2 million two-field rows (32 MiB) would otherwise take minutes and
 * gigabytes (csv-parse builds an error object for each).
 */
export const MAX_MALFORMED_ROWS = 1000;

class TooManyMalformed {
  constructor(readonly line: number) {}
}

/**
 * Parses a CSV file with a header row. Rows whose length differs from the header are reported
 * (`csv-row-length`), the first MAX_MALFORMED_ROWS of them, and left out; blank lines are skipped.
 */
export function parseCsv(file: string, text: string): { table?: CsvTable; diagnostics: Diagnostic[] } {
  const normalised = text.replace(/\r\n?/g, '\n');
  const records: ParsedRecord[] = [];
  let headerWidth: number | undefined;
  let malformed = 0;
  let stoppedAt: number | undefined;
  try {
    parse(normalised, {
      raw: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: '\n',
      // with raw and info, csv-parse hands each record over as { record, raw, info }
      on_record: (value: unknown) => {
        const r = value as ParsedRecord;
        records.push(r);
        if (r.record.every((v) => v.trim() === '')) return null;
        if (headerWidth === undefined) headerWidth = r.record.length;
        else if (r.record.length !== headerWidth && ++malformed > MAX_MALFORMED_ROWS) throw new TooManyMalformed(r.info.lines);
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof TooManyMalformed)) return { diagnostics: [syntaxError(file, normalised, e)] };
    stoppedAt = e.line;
    records.pop();
  }
  const rows: CsvRow[] = [];
  for (const rec of records) {
    const rawBody = rec.raw.endsWith('\n') ? rec.raw.slice(0, -1) : rec.raw;
    const startLine = rec.info.lines - countNewlines(rawBody);
    const positions = fieldPositions(rawBody, startLine, file);
    if (rec.record.every((v) => v.trim() === '')) continue;
    const cells = rec.record.map((value, i) => ({
      value,
      location: positions[i] ?? positions[positions.length - 1] ?? point(file, startLine, 1),
    }));
    const first = cells[0]?.location ?? point(file, startLine, 1);
    const last = cells[cells.length - 1]?.location ?? first;
    rows.push({
      line: first.line,
      cells,
      location: { file, line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn },
    });
  }
  const [headerRow, ...body] = rows;
  if (!headerRow) {
    return {
      diagnostics: [error('csv-header', `${file} is empty: expected a header row`, point(file, 1, 1), 'the first row names the columns')],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const width = headerRow.cells.length;
  const kept: CsvRow[] = [];
  for (const row of body) {
    if (row.cells.length !== width) {
      const loc = row.cells.length < width ? endOf(row.location) : (row.cells[width]?.location ?? row.location);
      diagnostics.push(
        error(
          'csv-row-length',
          `row has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}; the header has ${width}`,
          loc,
          row.cells.length < width
            ? 'add the missing fields (leave a field empty with nothing between two commas)'
            : 'remove the extra fields, or quote a value that contains a comma',
        ),
      );
      continue;
    }
    kept.push(row);
  }
  if (stoppedAt !== undefined) {
    diagnostics.push(
      error(
        'csv-row-length',
        `more than ${MAX_MALFORMED_ROWS} rows have a different number of fields from this header: reading stopped at line ${stoppedAt}`,
        headerRow.location,
        'check that this is the right file, that its fields are separated by commas, and the header',
      ),
    );
  }
  return { table: { file, header: headerRow.cells, rows: kept }, diagnostics };
}

/** A CSV syntax error from csv-parse, at the line it names. */
function syntaxError(file: string, normalised: string, e: unknown): Diagnostic {
  const err = e as { code?: string; message?: string; lines?: number };
  const line = typeof err.lines === 'number' && err.lines > 0 ? err.lines : 1;
  const lineText = normalised.split('\n')[line - 1] ?? '';
  return error(
    'csv-syntax',
    csvMessage(err.code, err.message),
    { file, line, column: 1, endLine: line, endColumn: Math.max(lineText.length, 1) + 1 },
    'quote fields that contain commas or line breaks with "…", and double any quote inside them ("")',
  );
}

function csvMessage(code: string | undefined, message: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears in the middle of an unquoted field';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text follows the closing quote of a field';
    default:
      return `cannot parse CSV: ${(message ?? code ?? 'unknown error').split('\n')[0]}`;
  }
}

const countNewlines = (s: string): number => {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
};

const point = (file: string, line: number, column: number): Location => ({
  file,
  line,
  column,
  endLine: line,
  endColumn: column + 1,
});

const endOf = (loc: Location): Location => ({
  file: loc.file,
  line: loc.endLine,
  column: loc.endColumn,
  endLine: loc.endLine,
  endColumn: loc.endColumn + 1,
});

/** Where each field of a raw record starts and ends, honouring quotes. */
function fieldPositions(raw: string, startLine: number, file: string): Location[] {
  const out: Location[] = [];
  let line = startLine;
  let col = 1;
  let fieldLine = line;
  let fieldCol = col;
  let inQuotes = false;
  let atFieldStart = true;
  let leading = true; // skipping blank lines csv-parse counted into this record
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (leading && ch === '\n') {
      line++;
      col = 1;
      fieldLine = line;
      fieldCol = col;
      continue;
    }
    leading = false;
    if (atFieldStart) {
      fieldLine = line;
      fieldCol = col;
      atFieldStart = false;
      if (ch === '"') inQuotes = true;
    } else if (ch === '"') {
      if (inQuotes && raw[i + 1] === '"') {
        i++;
        col++;
      } else {
        inQuotes = !inQuotes;
      }
    }
    if (ch === ',' && !inQuotes) {
      out.push({ file, line: fieldLine, column: fieldCol, endLine: line, endColumn: Math.max(col, fieldCol + 1) });
      atFieldStart = true;
      col++;
      fieldLine = line;
      fieldCol = col;
      continue;
    }
    if (ch === '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  out.push({ file, line: fieldLine, column: fieldCol, endLine: line, endColumn: Math.max(col, fieldCol + 1) });
  return out;
}
