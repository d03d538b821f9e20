// Reading one input file into text, with the diagnostics a user needs when that fails. The file is
// read once (readFile, by the resolver); what went wrong is said where the file is named (textOf).

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { parseCsv } from '../source/csv.js';
import { decodeText, inputTooLarge, tooLarge } from '../source/text.js';
import type { RawDocument } from '../source/raw-tree.js';
import type { FileReader, ReadResult } from './reader.js';

/** One file as read: its text (with any decoding problem), or why it could not be read. */
export interface SourceFile {
  readonly text?: string;
  /** Problems decoding the bytes (encoding, size). */
  readonly decoded: readonly Diagnostic[];
  readonly failure?: Extract<ReadResult, { ok: false }>;
  /** Set when reading this file would have taken the input past this many bytes: it was not kept. */
  readonly overLimit?: number;
  /** Its size in bytes, when it was read. */
  readonly bytes?: number;
  /** For a YAML file: the parsed document and the parser's diagnostics. */
  readonly yaml?: Result<RawDocument>;
}

/** Every file a scenario names, read and (for YAML) parsed before loading starts. */
export interface SourceSet {
  readonly files: ReadonlyMap<string, SourceFile>;
  /** Text of every file read, by file name, for diagnostic excerpts. */
  readonly texts: ReadonlyMap<string, string>;
}

/** Reads and decodes one file; one of more than `maxBytes` is not read (`overLimit: limit`). */
export function readFile(read: FileReader, file: string, maxBytes?: number, limit?: number): SourceFile {
  const r = read(file, maxBytes);
  // a reader that cannot tell the size first (a test's) is held to the limit once it has read
  if ((!r.ok && r.reason === 'over-limit') || (r.ok && maxBytes !== undefined && r.bytes.length > maxBytes))
    return { decoded: [], overLimit: limit ?? maxBytes ?? 0 };
  if (!r.ok) return { decoded: [], failure: r };
  const d = decodeText(file, r.bytes);
  return d.text === undefined
    ? { decoded: d.diagnostics, bytes: r.bytes.length }
    : { text: d.text, decoded: d.diagnostics, bytes: r.bytes.length };
}

/** The text of a file read, or the diagnostics saying why there is none (at `referencedAt` when another file names it). */
export function textOf(f: SourceFile, file: string, referencedAt?: Location): { text?: string; diagnostics: readonly Diagnostic[] } {
  if (f.overLimit !== undefined) return { diagnostics: [inputTooLarge(file, f.overLimit, referencedAt)] };
  const r = f.failure;
  if (r) {
    switch (r.reason) {
      case 'not-found':
        return {
          diagnostics: [
            error(
              'file-not-found',
              referencedAt ? `the referenced file ${file} does not exist` : `${file}: no such file`,
              referencedAt,
              referencedAt ? 'paths are relative to the folder of the scenario that names them' : 'check the path',
            ),
          ],
        };
      case 'is-directory':
        return { diagnostics: [error('file-unreadable', `${file} is a folder, not a file`, referencedAt, 'name a .yaml or .csv file')] };
      case 'not-a-file':
        return {
          diagnostics: [
            error(
              'file-unreadable',
              `${file} is not a regular file (a device, a pipe or a socket)`,
              referencedAt,
              'name a .yaml or .csv file',
            ),
          ],
        };
      case 'too-large':
        return { diagnostics: [tooLarge(file, referencedAt)] };
      case 'over-limit': // readFile turns it into overLimit, with the limit
        throw new Error(`${file}: over-limit without a limit`);
      case 'unreadable':
        return {
          diagnostics: [
            error(
              'file-unreadable',
              `${file} cannot be read${r.detail ? ` (${r.detail})` : ''}`,
              referencedAt,
              'check the file permissions',
            ),
          ],
        };
    }
  }
  return f.text === undefined ? { diagnostics: f.decoded } : { text: f.text, diagnostics: f.decoded };
}

/** parseCsv's result for each file read, so that two scenarios naming one table parse it once. */
const parsedCsv = new WeakMap<SourceFile, { readonly file: string; readonly text: string; readonly csv: ReturnType<typeof parseCsv> }>();

/**
 * A CSV file of the set parsed (parseCsv), once in a run however many scenarios name it
 * (`compare_with:`, `extends:`): the result is kept with the file as read, for the same name and text.
 */
export function csvOf(f: SourceFile, file: string, text: string): ReturnType<typeof parseCsv> {
  const kept = parsedCsv.get(f);
  if (kept && kept.file === file && kept.text === text) return kept.csv;
  const csv = parseCsv(file, text);
  parsedCsv.set(f, { file, text, csv });
  return csv;
}

/** A file of the set, which the resolver must have read: asking for any other is a bug. */
export function sourceFile(set: SourceSet, file: string): SourceFile {
  const f = set.files.get(file);
  if (!f) throw new Error(`${file} was not read before loading`);
  return f;
}

/** Codes about reading a file as a whole: they have no place inside it. */
const READING = new Set(['file-not-found', 'file-unreadable', 'file-too-large', 'input-too-large']);

/**
 * The diagnostics of a scenario loaded because another file names it (`extends:`, a department's
 * `scenario:`): a problem reading the file itself is reported where it is named.
 */
export function atReference(diagnostics: readonly Diagnostic[], at: Location, missing: string): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.location || !READING.has(d.code)) return d;
    if (d.code === 'file-not-found') return error('file-not-found', missing, at, 'the path is relative to the folder of this file');
    return { ...d, location: at };
  });
}
