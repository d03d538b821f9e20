// Parsing CSV with positions: text → header and rows of cells, each cell with its file:line:column.
// csv-parse parses any table; one whose records each sit on one line with quotes only around whole
// fields is read by a search for its commas and quotes instead. Locations are recovered here. Pure.
//
// Positions are recovered lazily: a single pass finds where each record starts (line and offset),
// and a cell's location is worked out only when something asks for it (a diagnostic, an origin).
// A 100,000-line table thus costs one Location per cell actually used, not one per cell read.

import { parse } from 'csv-parse/sync';
import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';

export interface CsvCell {
  readonly value: string;
  readonly location: Location;
}

/** One record: its values (from csv-parse) and, on demand, where each was written. */
export class CsvRow {
  #cells: CsvCell[] | undefined;

  constructor(
    readonly file: string,
    readonly values: readonly string[],
    /** Line on which the record starts. */
    readonly line: number,
    readonly raw: string,
  ) {}

  // The field bounds of the row asked about last: lines are read row by row, so one entry serves
  // the several locations a row's line needs without keeping bounds for every row.
  static #lastRow: CsvRow | undefined;
  static #lastBounds: readonly number[] = [];

  /** Where field `i` was written (the last field for an index past the end); a new value each call. */
  cellLocation(i: number): Location {
    if (CsvRow.#lastRow !== this) {
      CsvRow.#lastBounds = fieldBounds(this.raw, this.line);
      CsvRow.#lastRow = this;
    }
    const b = CsvRow.#lastBounds;
    const k = 4 * Math.min(i, b.length / 4 - 1);
    return {
      file: this.file,
      line: b[k] as number,
      column: b[k + 1] as number,
      endLine: b[k + 2] as number,
      endColumn: b[k + 3] as number,
    };
  }

  get cells(): readonly CsvCell[] {
    this.#cells ??= this.values.map((value, i) => ({ value, location: this.cellLocation(i) }));
    return this.#cells;
  }

  /** From the first field to the end of the last. */
  get location(): Location {
    const first = this.cellLocation(0);
    const last = this.cellLocation(this.values.length - 1);
    return { file: this.file, line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
  }
}

export interface CsvTable {
  readonly file: string;
  readonly header: readonly CsvCell[];
  readonly rows: readonly CsvRow[];
}

/**
 * Reading stops after this many rows whose length differs from the header: such a file is not a
 * table of this kind, and 2 million two-field rows (32 MiB) would otherwise take minutes and
 * gigabytes (csv-parse builds an error object for each).
 */
export const MAX_MALFORMED_ROWS = 1000;

/**
 * Parses a CSV file with a header row. Rows whose length differs from the header are reported
 * (`csv-row-length`), the first MAX_MALFORMED_ROWS of them, and left out; blank lines are skipped.
 * Records of the plain shape are read by plainRecords, any other table by csv-parse (all of it, as
 * with `plain` false).
 */
export function parseCsv(file: string, text: string, plain = true): { table?: CsvTable; diagnostics: Diagnostic[] } {
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // The scan finds each record and counts its fields before csv-parse reads them, so a file that is
  // not a table of this shape is cut short after MAX_MALFORMED_ROWS odd rows.
  const scan = recordStarts(normalised);
  const starts = scan.starts;
  const read = scan.cut === undefined ? normalised : normalised.slice(0, scan.cut.offset);
  let records: string[][];
  try {
    records = (plain ? plainRecords(normalised, starts) : undefined) ?? (parse(read, CSV_OPTIONS) as string[][]);
  } catch (e) {
    return { diagnostics: [syntaxError(file, normalised, e, scan.unclosedQuoteLine)] };
  }
  const rows: CsvRow[] = [];
  const located = starts.length === records.length;
  records.forEach((values, i) => {
    const at = starts[i];
    // csv-parse and recordStarts split records by the same rules; should they ever disagree, the
    // row is still read, located at its record number rather than a wrong line.
    const row = at && located ? new CsvRow(file, values, at.line, normalised.slice(at.start, at.end)) : new CsvRow(file, values, i + 1, '');
    if (!values.every((v) => v.trim() === '')) rows.push(row);
  });
  const [headerRow, ...body] = rows;
  if (!headerRow) {
    return {
      diagnostics: [error('csv-header', `${file} is empty: expected a header row`, point(file, 1, 1), 'the first row names the columns')],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const width = headerRow.values.length;
  const kept: CsvRow[] = [];
  for (const row of body) {
    const n = row.values.length;
    if (n !== width) {
      const loc = n < width ? endOf(row.location) : row.cellLocation(width);
      diagnostics.push(
        error(
          'csv-row-length',
          `row has ${n} field${n === 1 ? '' : 's'}; the header has ${width}`,
          loc,
          n < width
            ? 'add the missing fields (leave a field empty with nothing between two commas)'
            : 'remove the extra fields, or quote a value that contains a comma',
        ),
      );
      continue;
    }
    kept.push(row);
  }
  if (scan.cut !== undefined) {
    diagnostics.push(
      error(
        'csv-row-length',
        `more than ${MAX_MALFORMED_ROWS} rows have a different number of fields from this header: reading stopped at line ${scan.cut.line}`,
        headerRow.location,
        'check that this is the right file, that its fields are separated by commas, and the header',
      ),
    );
  }
  return { table: { file, header: headerRow.cells, rows: kept }, diagnostics };
}

/**
 * The syntax error parseCsv would report for `text`, if any, found without keeping its records: for
 * a run refused before its lines are read, which still says what is wrong with its files.
 */
export function csvSyntaxError(file: string, text: string): Diagnostic | undefined {
  // with these options csv-parse finds fault only with quotes: a table without one has no syntax error
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const quote = normalised.indexOf('"');
  if (quote < 0) return undefined;
  // the same scan as parseCsv's, a chunk at a time, keeping no record's bounds: csv-parse reads from
  // the record of the first quote, then the whole text (as parseCsv does) if it finds a fault there
  const scan = new RecordScanner(normalised);
  let from: number | undefined;
  let records = 0;
  while (!scan.done) {
    const starts = scan.next(CHUNK_RECORDS);
    const i = from === undefined ? starts.findIndex((r) => r.end > quote) : 0;
    if (i < 0) continue;
    from ??= (starts[i] as RecordStart).start;
    records += starts.length - i;
  }
  // the quote is past the rows parseCsv reads
  if (from === undefined) return undefined;
  const end = scan.cut === undefined ? normalised.length : scan.cut.offset;
  let read = 0;
  const options = { ...CSV_OPTIONS, on_record: (): undefined => void read++ };
  let suspect = scan.unclosedQuoteLine !== undefined;
  try {
    if (!suspect) parse(normalised.slice(from, end), options);
  } catch {
    suspect = true;
  }
  if (!suspect && read === records) return undefined;
  try {
    parse(normalised.slice(0, end), options);
    return undefined;
  } catch (e) {
    return syntaxError(file, normalised, e, scan.unclosedQuoteLine);
  }
}

/** Records read at a time on the totals path (csvRowsByChunk): 64 took about 5% less time than 256 for 100,000 lines, and 5 MiB less memory. */
export const CHUNK_RECORDS = 64;

/**
 * The values of the records at `starts`, read without csv-parse when every one is on one line with
 * quotes only around whole fields, each closed just before a comma or the line's end: csv-parse reads
 * such a field as the text between its quotes with `""` as `"`, and any other as its text. Undefined
 * when any record is not of that shape (a field over several lines, a stray or unclosed quote):
 * csv-parse then reads them all, and says what is wrong. A property test compares the two.
 */
export function plainRecords(
  text: string,
  starts: readonly RecordStart[],
  next: { quote: number; comma: number } = { quote: -1, comma: -1 },
): string[][] | undefined {
  const out: string[][] = [];
  // the next quote and comma at or after where a field starts (the text's length for none), kept
  // between fields, and in `next` between the chunks of one text, so that a table with few quotes or
  // one column is not searched to its end for each chunk
  let { quote, comma } = next;
  const n = text.length;
  for (const { start: from, end } of starts) {
    // a record over several lines (a quoted field with a line break in it)
    const nl = text.indexOf('\n', from);
    if (nl >= 0 && nl < end) return undefined;
    const values: string[] = [];
    let start = from;
    for (;;) {
      if (quote < start) {
        const q = text.indexOf('"', start);
        quote = q < 0 ? n : q;
      }
      if (quote === start && start < end) {
        // a quoted field: its text, between its quotes, has only doubled quotes in it
        const close = closingQuote(text, start, end);
        if (close < 0) return undefined;
        const inner = text.slice(start + 1, close);
        values.push(inner.includes('"') ? inner.replaceAll('""', '"') : inner);
        if (close + 1 === end) break;
        if (text.charCodeAt(close + 1) !== COMMA) return undefined;
        start = close + 2;
        continue;
      }
      if (comma < start) {
        const c = text.indexOf(',', start);
        comma = c < 0 ? n : c;
      }
      const fieldEnd = comma < end ? comma : end;
      // a quote inside an unquoted field
      if (quote < fieldEnd) return undefined;
      values.push(text.slice(start, fieldEnd));
      if (fieldEnd === end) break;
      start = fieldEnd + 1;
    }
    out.push(values);
  }
  next.quote = quote;
  next.comma = comma;
  return out;
}

/** The options both readers give csv-parse: records end at `\n` (line ends are normalised first). */
const CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: true, record_delimiter: '\n' } as const;

/**
 * The totals path's reading of a table: the header, then the rows read a chunk of records at a
 * time (by plainRecords, or csv-parse for a chunk not of its shape or with `plain` false), so that a large table's rows die young instead of all living until the last
 * is read. A table parseCsv would say anything about (a syntax error, a row of another length, a
 * record it cannot locate) makes `regular()` false and the rows stop there: the caller then reads
 * the file with parseCsv, which reports it.
 */
export function csvRowsByChunk(
  file: string,
  text: string,
  plain = true,
): { header?: readonly CsvCell[]; rows: Iterable<CsvRow>; regular: () => boolean } {
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // records are found a chunk at a time too: a table of 250,000 lines keeps no 250,000 bounds
  const scan = new RecordScanner(normalised, false);
  const next = { quote: -1, comma: -1 };
  let regular = true;
  /** The non-blank rows of the next chunk of records, or undefined when the table is irregular or csv-parse and the scan disagree. */
  const chunk = (): CsvRow[] | undefined => {
    const starts = scan.next(CHUNK_RECORDS);
    if (scan.cut !== undefined || scan.unclosedQuoteLine !== undefined) return undefined;
    const first = starts[0];
    const last = starts[starts.length - 1];
    if (!first || !last) return [];
    let records: string[][];
    try {
      records =
        (plain ? plainRecords(normalised, starts, next) : undefined) ??
        (parse(normalised.slice(first.start, last.end), CSV_OPTIONS) as string[][]);
    } catch {
      return undefined;
    }
    if (records.length !== starts.length) return undefined;
    const rows: CsvRow[] = [];
    records.forEach((values, i) => {
      const at = starts[i] as RecordStart;
      if (!values.every((v) => v.trim() === '')) rows.push(new CsvRow(file, values, at.line, normalised.slice(at.start, at.end)));
    });
    return rows;
  };
  // the header: the first record that is not blank
  let header: CsvRow | undefined;
  let pending: CsvRow[] = [];
  while (regular && !header && !scan.done) {
    const rows = chunk();
    if (!rows) regular = false;
    else [header, ...pending] = rows;
  }
  const width = header?.values.length;
  const rows = function* (): Generator<CsvRow> {
    for (;;) {
      for (const row of pending) {
        if (row.values.length !== width) regular = false;
        if (!regular) return;
        yield row;
      }
      if (scan.done) return;
      const read = chunk();
      if (!read) {
        regular = false;
        return;
      }
      pending = read;
    }
  };
  return { ...(header && regular ? { header: header.cells } : {}), rows: rows(), regular: () => regular && header !== undefined };
}

function syntaxError(file: string, text: string, e: unknown, unclosedQuoteLine: number | undefined): Diagnostic {
  const err = e as { code?: string; message?: string; lines?: number };
  let line = typeof err.lines === 'number' && err.lines > 0 ? err.lines : 1;
  // an unclosed quote runs to the end of the file: point at the line where it opened
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') line = unclosedQuoteLine ?? line;
  const lineText = lineAt(text, line);
  return error(
    'csv-syntax',
    csvMessage(err.code, err.message),
    { file, line, column: 1, endLine: line, endColumn: Math.max(lineText.length, 1) + 1 },
    'quote fields that contain commas or line breaks with "…", and double any quote inside them ("")',
  );
}

function lineAt(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
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

export interface RecordStart {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;

/**
 * Where each record of `text` (with `\n` line ends) starts and ends, skipping empty lines as
 * csv-parse's `skip_empty_lines` does. A quote opens a quoted field only at the start of a field;
 * `""` inside one is an escaped quote. Stops before the record that would be the
 * (MAX_MALFORMED_ROWS + 1)th whose field count differs from the first record's (`cut`). When the
 * text ends inside a quoted field, says on which line that quote opened (`unclosedQuoteLine`).
 */
export function recordStarts(text: string): { starts: RecordStart[]; cut?: { offset: number; line: number }; unclosedQuoteLine?: number } {
  const scan = new RecordScanner(text);
  const starts = scan.next(Infinity);
  return {
    starts,
    ...(scan.cut ? { cut: scan.cut } : {}),
    ...(scan.unclosedQuoteLine !== undefined ? { unclosedQuoteLine: scan.unclosedQuoteLine } : {}),
  };
}

/**
 * recordStarts a number of records at a time: `next(n)` finds the next n (fewer at the end), until
 * `done`. Without `cuts`, records are not counted by their fields and the scan never stops at a
 * `cut` (the totals path stops at the first row of another length itself). A record with no quote
 * in it is found by searching for its line end, and its fields counted by searching for commas.
 */
class RecordScanner {
  #line = 1;
  #i = 0;
  #width: number | undefined;
  #malformed = 0;
  /** Where the next quote is, at or after #i (the text's length for none): a record ending before it has none. */
  #quote = -1;
  /** Where the next comma is, at or after #i (the text's length for none), when records are counted by their fields. */
  #comma = -1;
  cut: { offset: number; line: number } | undefined;
  unclosedQuoteLine: number | undefined;

  constructor(
    private readonly text: string,
    private readonly cuts = true,
  ) {}

  /** True when every record has been found (or the scan stopped at a cut or an unclosed quote). */
  get done(): boolean {
    return this.#i >= this.text.length;
  }

  next(max: number): RecordStart[] {
    const out: RecordStart[] = [];
    const text = this.text;
    const n = text.length;
    let line = this.#line;
    let i = this.#i;
    while (i < n && out.length < max) {
      if (text.charCodeAt(i) === NEWLINE) {
        line++;
        i++;
        continue;
      }
      if (this.#quote < i) {
        const q = text.indexOf('"', i);
        this.#quote = q < 0 ? n : q;
      }
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? n : eol;
      if (end < this.#quote) {
        // no quote before the line end: the record is the line, its fields one more than its commas
        if (this.cuts && !blankLine(text, i, end) && this.#cutAt(this.#commasBefore(i, end) + 1, i, line)) {
          i = n;
          break;
        }
        out.push({ line, start: i, end });
        i = end < n ? end + 1 : n;
        line++;
        continue;
      }
      const start = i;
      const startLine = line;
      let fieldStart = true;
      let inQuotes = false;
      let quoteLine = line;
      let fields = 1;
      let blank = true; // nothing but spaces, commas and quotes: a row mtfs skips
      let lineEnd = -1; // the next line end at or after i, once looked for (the text's length for none)
      for (; i < n; i++) {
        if (inQuotes) {
          // a quoted field's text runs to the next quote: found by searching, with its line breaks
          // counted and (while the record still looks blank) its characters checked for other than spaces
          const q = text.indexOf('"', i);
          const close = q < 0 ? n : q;
          for (let nl = text.indexOf('\n', i); nl >= 0 && nl < close; nl = text.indexOf('\n', nl + 1)) line++;
          for (let k = i; blank && k < close; k++) {
            const ch = text.charCodeAt(k);
            if (ch !== SPACE && ch !== NEWLINE) blank = false;
          }
          if (q < 0) {
            i = n;
            break;
          }
          i = q;
          if (text.charCodeAt(i + 1) === QUOTE) i++;
          else inQuotes = false;
          continue;
        }
        const c = text.charCodeAt(i);
        if (c === NEWLINE) break;
        if (c === COMMA) fields++;
        else if (c !== QUOTE && c !== SPACE && c !== TAB) blank = false;
        if (fieldStart && c === QUOTE) {
          inQuotes = true;
          quoteLine = line;
        }
        fieldStart = c === COMMA;
        if (!inQuotes && !fieldStart && !blank) {
          // within a field's text, once the record is known not to be blank, only the next comma or
          // line end changes anything (a quote opens a field only at its start): skip to it
          if (lineEnd < i) {
            const nl = text.indexOf('\n', i);
            lineEnd = nl < 0 ? n : nl;
          }
          const comma = text.indexOf(',', i + 1);
          i = (comma >= 0 && comma < lineEnd ? comma : lineEnd) - 1;
        }
      }
      if (inQuotes) {
        out.push({ line: startLine, start, end: i });
        this.unclosedQuoteLine = quoteLine;
        break;
      }
      if (!blank && this.cuts && this.#cutAt(fields, start, startLine)) {
        i = n;
        break;
      }
      out.push({ line: startLine, start, end: i });
      if (i < n) {
        line++;
        i++;
      }
    }
    this.#line = line;
    this.#i = i;
    return out;
  }

  /**
   * Counts a record of `fields` fields against the first record's; true when it is the
   * (MAX_MALFORMED_ROWS + 1)th of another count, where the scan stops (`cut`).
   */
  #cutAt(fields: number, start: number, line: number): boolean {
    if (this.#width === undefined) this.#width = fields;
    else if (fields !== this.#width && ++this.#malformed > MAX_MALFORMED_ROWS) {
      this.cut = { offset: start, line };
      return true;
    }
    return false;
  }

  /** The commas from `start` to before `end`, found by searching: the next comma is kept, as the next quote is. */
  #commasBefore(start: number, end: number): number {
    if (this.#comma < start) {
      const c = this.text.indexOf(',', start);
      this.#comma = c < 0 ? this.text.length : c;
    }
    let commas = 0;
    while (this.#comma < end) {
      commas++;
      const c = this.text.indexOf(',', this.#comma + 1);
      this.#comma = c < 0 ? this.text.length : c;
    }
    return commas;
  }
}

/** True when text[start, end) holds nothing but spaces, tabs and commas (and no quote): a row mtfs skips. */
function blankLine(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== COMMA && c !== SPACE && c !== TAB) return false;
  }
  return true;
}

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

/**
 * The quote that closes the quoted field opened at `open` (the first quote after it that is not
 * doubled: `""` inside the field is one quote), or -1 when there is none before `end`.
 */
function closingQuote(text: string, open: number, end: number): number {
  let q = text.indexOf('"', open + 1);
  while (q >= 0 && q < end && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2);
  return q >= 0 && q < end ? q : -1;
}

/**
 * Where each field of a raw record starts and ends, honouring quotes: line, column, end line and
 * end column (exclusive) per field, four numbers each. A record on one line whose quotes are where
 * csv-parse accepts them (around whole fields) is split by searching for its commas and quotes;
 * any other is read character by character (fieldBoundsByChar), which gives the same for these.
 */
export function fieldBounds(raw: string, startLine: number): number[] {
  return oneLineFieldBounds(raw, startLine) ?? fieldBoundsByChar(raw, startLine);
}

/** fieldBounds of a record on one line with quotes only around whole fields, else undefined. */
function oneLineFieldBounds(raw: string, line: number): number[] | undefined {
  if (raw.includes('\n')) return undefined;
  const out: number[] = [];
  const n = raw.length;
  let start = 0;
  for (;;) {
    let after = start; // where the field's text ends, past any closing quote
    if (raw.charCodeAt(start) === QUOTE) {
      const close = closingQuote(raw, start, n);
      if (close < 0) return undefined;
      after = close + 1;
    }
    const comma = raw.indexOf(',', after);
    const end = comma < 0 ? n : comma;
    const quote = raw.indexOf('"', after);
    if (quote >= 0 && quote < end) return undefined;
    out.push(line, start + 1, line, Math.max(end + 1, start + 2));
    if (comma < 0) return out;
    start = comma + 1;
  }
}

/** fieldBounds, one character at a time: any record, line breaks and stray quotes included. */
export function fieldBoundsByChar(raw: string, startLine: number): number[] {
  const out: number[] = [];
  let line = startLine;
  let col = 1;
  let fieldLine = line;
  let fieldCol = col;
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (atFieldStart) {
      fieldLine = line;
      fieldCol = col;
      atFieldStart = false;
      if (ch === QUOTE) inQuotes = true;
    } else if (ch === QUOTE) {
      if (inQuotes && raw.charCodeAt(i + 1) === QUOTE) {
        i++;
        col++;
      } else {
        inQuotes = !inQuotes;
      }
    }
    if (ch === COMMA && !inQuotes) {
      out.push(fieldLine, fieldCol, line, Math.max(col, fieldCol + 1));
      atFieldStart = true;
      col++;
      fieldLine = line;
      fieldCol = col;
      continue;
    }
    if (ch === NEWLINE) {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  out.push(fieldLine, fieldCol, line, Math.max(col, fieldCol + 1));
  return out;
}
