// Text safety for every output format: the one place that decides how text from a scenario (a
// description, a source, a file name) is written so that it cannot change the structure of a
// terminal table, a Markdown document, a CSV or XLSX cell or an HTML page. Used by every renderer.

/**
 * Characters a terminal would act on or reorder rather than show: C0 controls (ESC starts colour,
 * hyperlink and clipboard sequences; BEL; CR and LF break rows), DEL, C1 controls (CSI, OSC as
 * single bytes), the bidirectional overrides and isolates, and the byte order mark.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The mark shown instead of a control character, as in diagnostics' excerpts. */
export const CONTROL_MARK = '·';

/** A character UNSAFE_IN_TERMINAL matches (a tab among them), by its UTF-16 code unit. */
const unsafeInTerminal = (c: number): boolean =>
  c < 0x20 ||
  (c >= 0x7f &&
    (c <= 0x9f ||
      c === 0x61c ||
      c === 0x200e ||
      c === 0x200f ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0xfeff));

/**
 * Text for a terminal: a tab becomes a space, every other control or bidi character a `·`. Text
 * with none of them (nearly every cell) is returned as it is, found without running the patterns.
 */
export const terminalText = (s: string): string => {
  let i = 0;
  while (i < s.length && !unsafeInTerminal(s.charCodeAt(i))) i++;
  return i === s.length ? s : s.replace(/\t/g, ' ').replace(UNSAFE_IN_TERMINAL, CONTROL_MARK);
};

/**
 * Text for Markdown (a table cell, a list item, a heading or a quote): newlines become spaces,
 * controls become `·`, characters that start emphasis, code, links, images, tables or
 * strikethrough are backslash-escaped, `<` and `>` (HTML tags, autolinks) and `&` that would
 * start an entity become entities, and a first character that would start a block (`#`, `+`,
 * `-`, `=`, `>`, `1.`) is escaped.
 */
export function markdownText(s: string): string {
  const flat = terminalText(s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
  return flat
    .replace(/[\\`*[\]|~]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_') // `a_b` can never be emphasis
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Text as a Markdown code span: fenced by more backticks than any run inside, on one line. */
export function markdownCode(s: string): string {
  const flat = terminalText(s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;
const HTML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and attribute values: in one pass, and text with none of the five returned as it is. */
export const htmlText = (s: string): string => (HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIALS, (c) => HTML_ENTITY[c] ?? c) : s);

/**
 * A spreadsheet text cell (CSV or XLSX) that cannot run as a formula: text starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return (or their full-width forms) gets a leading `'`. Only for
 * text: exact amounts such as -4755 are written as numbers and never pass through here.
 */
export function spreadsheetText(s: string): string {
  return /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(s) ? `'${s}` : s;
}

/** Text safe inside an XML attribute or element: escaped, and characters XML 1.0 forbids dropped. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
