// Decoding file bytes to text before any parser sees them: UTF-8 only, a BOM is dropped, and
// anything else (UTF-16, binary) is refused with a diagnostic rather than parsed as garbage.

import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';

/** Files larger than this are refused before parsing (a scenario is kilobytes). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** The limit as people read it: `32 MiB`. */
const MAX_INPUT_TEXT = `${MAX_INPUT_BYTES / (1024 * 1024)} MiB`;

/** The diagnostic for a file over the limit, at the place that names it (when another file does). */
export const tooLarge = (file: string, location?: Location, size?: number): Diagnostic =>
  error(
    'file-too-large',
    `${file} is larger than the ${MAX_INPUT_TEXT} limit${size !== undefined ? ` (${size} bytes)` : ''}`,
    location,
    `mtfs reads files of up to ${MAX_INPUT_TEXT}: split the lines across several CSV files (\`line_files:\` takes a list)`,
  );

/**
 * All the files one run reads (every scenario it names, their line tables, departments and
 * population files, each file once) may hold at most this much together unless the user raises it
 * (MTFS_MAX_INPUT_BYTES): about 600,000 lines. A command that keeps every line (`--detail`,
 * `explain`, the reports) is also held to the memory Node allows it (fullLoadNeed). Checked from
 * each file's size before it is read, for the totals path too: whether a run must keep every line
 * (an error to report at its line, a ref written twice, a control `check` finds different) is known
 * only once the lines are read (docs/development.md).
 */
export const MAX_TOTAL_INPUT_BYTES = 64 * 1024 * 1024;

/** The diagnostic for a file that would take a run's input past `limit` bytes, at the place that names it. */
export const inputTooLarge = (file: string, limit: number, location?: Location): Diagnostic =>
  error(
    'input-too-large',
    `reading ${file} would take the files of this run past ${limit} bytes altogether, the limit on one run's input`,
    location,
    `a run that keeps every line needs up to about ${FULL_LOAD_BYTES_PER_BYTE} bytes of memory for each byte of input, and is refused when Node's heap cannot hold that; on a machine with the memory, raise the limit with MTFS_MAX_INPUT_BYTES=${limit * 2} (and give Node more heap, e.g. NODE_OPTIONS=--max-old-space-size=8192), or project the departments separately`,
  );

/**
 * Memory a run that keeps every line (`explain`, the reports, JSON) may need for each byte of its
 * input, at most, beyond FULL_LOAD_BASE: measured at 100,000 and 300,000 lines for every command
 * that keeps them, the heaviest with room to spare (docs/development.md). Before such a run loads
 * its lines it compares what its input needs with the heap Node allows it, and refuses rather than
 * run out.
 */
export const FULL_LOAD_BYTES_PER_BYTE = 100;
/** The same for `project --detail` as a table, Markdown or CSV, which keeps less beside the lines. */
export const DETAIL_BYTES_PER_BYTE = 50;
/** The same for `report --xlsx`, whose workbook (a cell object for every figure of every line) needs more. */
export const WORKBOOK_BYTES_PER_BYTE = 200;
/** Memory a run needs whatever its input: the program, its libraries and their data. */
export const FULL_LOAD_BASE = 64 * 1024 * 1024;

const MIB = 1024 * 1024;

/** The memory a run that keeps every line of `bytes` of input may need, at most (see FULL_LOAD_BYTES_PER_BYTE). */
export const fullLoadNeed = (bytes: number, perByte: number): number => FULL_LOAD_BASE + bytes * perByte;

/**
 * The diagnostic for a run whose lines, all kept, would need more memory than Node allows it
 * (`heap` bytes), at the place that names its largest line table (see fullLoadNeed).
 */
export const memoryTooSmall = (bytes: number, perByte: number, heap: number, location?: Location): Diagnostic => {
  const need = Math.ceil(fullLoadNeed(bytes, perByte) / MIB);
  // a heap a quarter larger than the need, in MiB, rounded up to a multiple of 512
  const ask = Math.ceil((need * 1.25) / 512) * 512;
  return error(
    'input-too-large',
    `keeping every line of this run's files (${bytes} bytes) needs up to about ${need} MiB of memory, more than the ${Math.floor(heap / MIB)} MiB Node allows this process`,
    location,
    `on a machine with the memory, give Node more heap with NODE_OPTIONS=--max-old-space-size=${ask}, or split the lines into separate scenarios; \`project\` without \`--detail\`, and \`check\`, need far less, adding the lines up as they read them, but only when nothing in them is to be reported (an error or a warning at a line, a ref written twice, a control that differs) and no line is built from drivers or named by ref`,
  );
};

export function decodeText(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const whole = { file, line: 1, column: 1, endLine: 1, endColumn: 2 };
  if (bytes.length > MAX_INPUT_BYTES) return { diagnostics: [tooLarge(file, undefined, bytes.length)] };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksLikeUtf16(bytes)) {
    return {
      diagnostics: [error('encoding', `${file} is UTF-16; mtfs reads UTF-8`, whole, 'save the file as UTF-8 (in Excel: "CSV UTF-8")')],
    };
  }
  // the decoder checks the bytes far faster than a loop in JavaScript; the loop finds where they went wrong
  const decoded = decodeUtf8(bytes);
  const bad = decoded === undefined ? firstInvalidUtf8(bytes) : -1;
  if (bad >= 0) {
    const at = bytePosition(file, bytes, bad);
    return {
      diagnostics: [
        error(
          'encoding',
          `${file} is not valid UTF-8: byte 0x${(bytes[bad] as number).toString(16).padStart(2, '0')} at line ${at.line}, column ${at.column}`,
          at,
          'save the file as UTF-8 (in Excel: "CSV UTF-8"); a £ or an accent saved as Windows-1252 or Latin-1 looks like this',
        ),
      ],
    };
  }
  let text = decoded ?? new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const column = nul - before.lastIndexOf('\n');
    return {
      diagnostics: [
        error(
          'encoding',
          `${file} contains a NUL byte: it looks like a binary file`,
          { file, line, column, endLine: line, endColumn: column + 1 },
          'give mtfs a YAML or CSV text file',
        ),
      ],
    };
  }
  return { text, diagnostics: [] };
}

/**
 * UTF-16 without a byte order mark: text that is mostly ASCII has a NUL in every other byte. Only
 * the first bytes are looked at; a file with stray NULs elsewhere is reported as binary below.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 64);
  if (n < 2) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  return (even === n / 2 && odd === 0) || (odd === n / 2 && even === 0);
}

/**
 * The text of well-formed UTF-8 (as the lenient decoder below would give it, without its first
 * BOM), or undefined: Node's own checks and decoding in native code, rather than a TextDecoder
 * made for each file; ASCII is taken byte for byte.
 */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (!isUtf8(buffer)) return undefined;
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // the sequence length and the allowed range of the second byte (no overlongs, surrogates or > U+10FFFF)
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

/** The line and column (in characters) of a byte offset, given that the bytes before it are valid UTF-8. */
function bytePosition(file: string, bytes: Uint8Array, offset: number): Location {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  if (line === 1 && prefix.charCodeAt(0) === 0xfeff) prefix = prefix.slice(1);
  const column = prefix.length + 1;
  return { file, line, column, endLine: line, endColumn: column + 1 };
}
