// Loading a scenario without showing the content of a foreign file: a file another file names
// (`extends:`, `line_files:`, a department, a population table) that turns out not to be what it
// should be is named with its problem and place, but no line of it is printed, so the log of a
// run over an untrusted scenario cannot leak other files (`extends: /etc/passwd`).

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Sources } from '../diagnostics/format.js';
import { LINE_CSV_COLUMNS } from '../schema/scenario.js';

/** Codes that say a file is not the kind of file it was named as (not merely a wrong value in it). */
const NOT_WHAT_IT_SHOULD_BE = new Set(['encoding', 'yaml-syntax']);
const NOT_A_MAPPING = /^a scenario file is a mapping/;
/** Columns of a line table or a population table (area, age_band), and year columns. */
const TABLE_COLUMN = (name: string): boolean =>
  (LINE_CSV_COLUMNS as readonly string[]).includes(name) || name === 'area' || name === 'age_band' || /^(mid-)?\d{4}(\/\d{2})?$/.test(name);

/** A CSV whose header row names no column of any table mtfs reads: a header typo is not a sign. */
const headerIsForeign = (text: string | undefined): boolean =>
  !(text ?? '')
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .some((cell) => TABLE_COLUMN(cell.trim().replace(/^"|"$/g, '').toLowerCase()));

const isForeignSign = (d: Diagnostic, sources: Sources): boolean =>
  NOT_WHAT_IT_SHOULD_BE.has(d.code) ||
  (d.code === 'invalid-value' && NOT_A_MAPPING.test(d.message)) ||
  (d.code === 'csv-header' && d.location !== undefined && headerIsForeign(sources.get(d.location.file)));

/** Signs whose message quotes nothing of the file (a byte value and a place, a parser's sentence). */
const KEEPS_MESSAGE = new Set(['encoding', 'yaml-syntax', 'invalid-value']);

const HIDDEN = 'no line of it is shown, since another file names it (run mtfs on it yourself to see one)';

/**
 * `loaded` with each referenced file (any but `root`) that shows a sign of being foreign reduced
 * to one diagnostic that names it, the place and what it is not, with no excerpt and no text of
 * it in the message (a header or a key quoted back would leak it too). Its text is left out of
 * the sources, so no diagnostic can show an excerpt of it.
 */
export function hideForeignText<T extends { diagnostics: readonly Diagnostic[]; sources: Sources }>(root: string, loaded: T): T {
  const firstSign = new Map<string, Diagnostic>();
  for (const d of loaded.diagnostics) {
    if (d.location && d.location.file !== root && isForeignSign(d, loaded.sources) && !firstSign.has(d.location.file))
      firstSign.set(d.location.file, d);
  }
  if (firstSign.size === 0) return loaded;
  const sources = new Map([...loaded.sources].filter(([file]) => !firstSign.has(file)));
  const diagnostics = loaded.diagnostics.flatMap((d): Diagnostic[] => {
    const file = d.location?.file;
    const sign = file === undefined ? undefined : firstSign.get(file);
    if (!sign || file === undefined) return [d];
    if (d !== sign) return [];
    // these messages are mtfs's own words and quote nothing of the file: kept, without the excerpt
    if (KEEPS_MESSAGE.has(d.code)) return [{ ...d, hint: `${d.hint ? `${d.hint}; ` : ''}${HIDDEN}` }];
    return [
      error(
        d.code,
        `${file} is not a table mtfs reads: its header row names none of the columns mtfs expects`,
        d.location,
        `check that the reference names the right file; ${HIDDEN}`,
      ),
    ];
  });
  return { ...loaded, diagnostics, sources };
}
