// Reading one input file into text, with the diagnostics a user needs when that fails.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { decodeText, MAX_INPUT_BYTES } from '../source/text.js';
import type { FileReader } from './reader.js';

export function readSource(
  read: FileReader,
  file: string,
  referencedAt?: Location,
): { text?: string; diagnostics: Diagnostic[] } {
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
      case 'too-large':
        return {
          diagnostics: [error('file-too-large', `${file} is larger than the ${MAX_INPUT_BYTES}-byte limit`, referencedAt, 'split it into smaller files')],
        };
      case 'unreadable':
        return { diagnostics: [error('file-unreadable', `${file} cannot be read${r.detail ? ` (${r.detail})` : ''}`, referencedAt, 'check the file permissions')] };
    }
  }
  return decodeText(file, r.bytes);
}
