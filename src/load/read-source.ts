// Reading one input file into text, with the diagnostics a user needs when that fails.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { decodeText, tooLarge } from '../source/text.js';
import type { FileReader } from './reader.js';

export function readSource(read: FileReader, file: string, referencedAt?: Location): { text?: string; diagnostics: Diagnostic[] } {
  const r = read(file);
  if (!r.ok) {
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
  return decodeText(file, r.bytes);
}

/** Codes about reading a file as a whole: they have no place inside it. */
const READING = new Set(['file-not-found', 'file-unreadable', 'file-too-large']);

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
