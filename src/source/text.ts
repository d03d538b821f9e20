// Decoding file bytes to text before any parser sees them: UTF-8 only, a BOM is dropped, and
// anything else (UTF-16, binary) is refused with a diagnostic rather than parsed as garbage.

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';

/** Files larger than this are refused before parsing (a scenario is kilobytes). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

export function decodeText(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const whole = { file, line: 1, column: 1, endLine: 1, endColumn: 2 };
  if (bytes.length > MAX_INPUT_BYTES) {
    return {
      diagnostics: [
        error(
          'file-too-large',
          `${file} is ${bytes.length} bytes; the limit is ${MAX_INPUT_BYTES}`,
          undefined,
          'split the lines across several CSV files',
        ),
      ],
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      diagnostics: [error('encoding', `${file} is UTF-16; mtfs reads UTF-8`, whole, 'save the file as UTF-8 (in Excel: "CSV UTF-8")')],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      diagnostics: [error('encoding', `${file} is not valid UTF-8 text`, undefined, 'save the file as UTF-8 text')],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const column = nul - before.lastIndexOf('\n');
    return {
      diagnostics: [
        error('encoding', `${file} contains a NUL byte: it looks like a binary file`, { file, line, column, endLine: line, endColumn: column + 1 }, 'give mtfs a YAML or CSV text file'),
      ],
    };
  }
  return { text, diagnostics: [] };
}
