// A population CSV in the wide layout of ONS, POPPI and PANSI downloads — area, age band, one column
// per mid-year — → published points by area and band, every figure with its file:line:column.
// Several rows may give the same band (one row per source); a year given twice is an error.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { parseAmountText } from '../model/amount-text.js';
import { digitsOnly } from '../model/digits.js';
import { PARAMETER_STATUSES } from '../model/demand.js';
import { moneyFromText, type Dec } from '../model/money.js';
import { closest } from '../schema/diagnose.js';
import type { CsvTable } from '../source/csv.js';

export interface PopulationCell {
  readonly value: Dec;
  readonly location: Location;
}

export interface PopulationBand {
  /** As first written in the file. */
  readonly area: string;
  readonly band: string;
  /** Published figures by calendar (mid-)year. */
  readonly points: ReadonlyMap<number, PopulationCell>;
}

export interface PopulationTable {
  readonly file: string;
  readonly bands: readonly PopulationBand[];
  /** Each band by its area's and its own nameKey (bandKey), so a lookup compares no names. */
  readonly byName: ReadonlyMap<string, PopulationBand>;
}

/** Column names (case-insensitive) and the names ONS downloads use for them. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  area: ['area', 'area_name'],
  area_code: ['area_code'],
  age_band: ['age_band', 'age_group'],
  status: ['status'],
  source: ['source'],
  note: ['note'],
};
const REQUIRED = ['area', 'age_band'] as const;
const KNOWN = Object.values(FIELDS).flat();

type Column = { kind: 'field'; name: string } | { kind: 'year'; year: number } | { kind: 'bad' };

/** A mid-year column's year: `2019` or `mid-2019` (/^(?:mid-)?(\d{4})$/), else undefined. */
function midYear(name: string): number | undefined {
  const digits = name.startsWith('mid-') ? name.slice(4) : name;
  return digits.length === 4 && digitsOnly(digits) ? Number(digits) : undefined;
}

/** Compares area and band names ignoring case, repeated spaces and the kind of dash (18–64 = 18-64). */
export const nameKey = (s: string): string => {
  const lower = s.trim().toLowerCase();
  // printable ASCII with no two spaces together (nearly every name) has nothing to replace
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c > 0x7e || c < 0x20 || (c === 0x20 && lower.charCodeAt(i + 1) === 0x20)) return lower.replace(/\s+/g, ' ').replace(/[‐-―−]/g, '-');
  }
  return lower;
};

/** Where a band is kept in a table's byName: its area's and its own name compared as nameKey does. */
const bandKey = (area: string, band: string): string => `${nameKey(area)}\u0000${nameKey(band)}`;

/**
 * Checks the header (area, age_band, mid-year columns such as 2019; optional area_code, status,
 * source, note) and reads every figure. Diagnostics: csv-header, invalid-value, amount-format,
 * negative-count, population-duplicate.
 */
export function populationTable(table: CsvTable): { table?: PopulationTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const columns: Column[] = table.header.map((cell) => {
    const name = cell.value.trim().toLowerCase();
    const field = Object.keys(FIELDS).find((f) => FIELDS[f]?.includes(name));
    const key = field ?? name;
    if (seen.has(key)) {
      diagnostics.push(error('csv-header', `column \`${cell.value.trim()}\` appears twice`, cell.location, 'keep one column of each name'));
      return { kind: 'bad' };
    }
    seen.add(key);
    if (field) return { kind: 'field', name: field };
    const year = midYear(name);
    if (year !== undefined) return { kind: 'year', year };
    diagnostics.push(
      error(
        'csv-header',
        /^\d{4}\/\d{2}$/.test(name)
          ? `\`${cell.value.trim()}\` is a financial year: population columns are mid-years`
          : `unknown column \`${cell.value.trim()}\``,
        cell.location,
        /^\d{4}\//.test(name) ? 'write the mid-year, such as 2018 (mtfs uses the mid-2018 population for 2018/19)' : hintFor(name),
      ),
    );
    return { kind: 'bad' };
  });
  const first = table.header[0];
  if (first) {
    const whole: Location = {
      ...first.location,
      endColumn: table.header[table.header.length - 1]?.location.endColumn ?? first.location.endColumn,
    };
    for (const r of REQUIRED) {
      if (!seen.has(r))
        diagnostics.push(
          error(
            'csv-header',
            `missing column \`${r}\``,
            whole,
            'a population file has columns area, age_band and one per mid-year, such as 2019',
          ),
        );
    }
    if (!columns.some((c) => c.kind === 'year')) {
      diagnostics.push(error('csv-header', 'no year columns: a population file has one column per mid-year, such as 2019', whole));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  const bands = new Map<string, { area: string; band: string; points: Map<number, PopulationCell> }>();
  for (const row of table.rows) {
    const field = (name: string) => {
      const i = columns.findIndex((c) => c.kind === 'field' && c.name === name);
      return i < 0 ? undefined : row.cells[i];
    };
    const area = field('area');
    const band = field('age_band');
    let ok = true;
    for (const [cell, what] of [
      [area, 'area'],
      [band, 'age band'],
    ] as const) {
      if (cell && cell.value.trim() === '') {
        diagnostics.push(error('invalid-value', `this row has no ${what}`, cell.location, `every row names its ${what}`));
        ok = false;
      }
    }
    const status = field('status');
    if (status && status.value.trim() !== '' && !(PARAMETER_STATUSES as readonly string[]).includes(status.value.trim())) {
      diagnostics.push(
        error(
          'invalid-value',
          `status \`${status.value.trim()}\` is not one of ${PARAMETER_STATUSES.join(', ')}`,
          status.location,
          'say whether the row is verbatim, derived, assumed or calibrated',
        ),
      );
    }
    if (!ok || !area || !band) continue;
    const key = bandKey(area.value, band.value);
    const entry = bands.get(key) ?? { area: area.value.trim(), band: band.value.trim(), points: new Map<number, PopulationCell>() };
    bands.set(key, entry);
    row.cells.forEach((cell, i) => {
      const col = columns[i];
      if (col?.kind !== 'year' || cell.value.trim() === '') return;
      const parsed = parseAmountText(cell.value);
      if (!parsed.ok) {
        diagnostics.push(
          error(
            'amount-format',
            parsed.message.replace('an amount', 'a population'),
            cell.location,
            'write the number of people, such as 144892 or "144,892"',
          ),
        );
        return;
      }
      const value = moneyFromText(parsed.canonical);
      if (value.isNegative()) {
        diagnostics.push(
          error('negative-count', `a population cannot be negative (${cell.value.trim()})`, cell.location, 'check the figure'),
        );
        return;
      }
      const earlier = entry.points.get(col.year);
      if (earlier) {
        const at = earlier.location;
        diagnostics.push(
          error(
            'population-duplicate',
            `${entry.band} (${entry.area}) in ${col.year} is given twice`,
            cell.location,
            `the first is at ${at.file}:${at.line}:${at.column}; keep one figure per band and year`,
          ),
        );
        return;
      }
      entry.points.set(col.year, { value, location: cell.location });
    });
  }
  return { table: { file: table.file, bands: [...bands.values()], byName: bands }, diagnostics };
}

function hintFor(name: string): string {
  const guess = closest(name, KNOWN);
  return guess
    ? `did you mean \`${guess}\`?`
    : 'columns are area, age_band, one per mid-year such as 2019, and optionally area_code, status, source, note';
}

export type BandLookup =
  { readonly ok: true; readonly band: PopulationBand } | { readonly ok: false; readonly message: string; readonly hint: string };

/** The band of `area` named `band`, or why there is none (with the closest names in the file). */
export function findBand(t: PopulationTable, area: string, band: string): BandLookup {
  const named = t.byName.get(bandKey(area, band));
  if (named) return { ok: true, band: named };
  const inArea = t.bands.filter((b) => nameKey(b.area) === nameKey(area));
  if (inArea.length === 0) {
    const areas = [...new Set(t.bands.map((b) => b.area))].sort();
    const guess = closest(area, areas);
    return {
      ok: false,
      message: `${t.file} has no rows for area \`${area}\``,
      hint: guess ? `did you mean \`${guess}\`?` : `its areas are: ${areas.join(', ')}`,
    };
  }
  const found = inArea.find((b) => nameKey(b.band) === nameKey(band));
  if (found) return { ok: true, band: found };
  const names = inArea.map((b) => b.band).sort();
  // 75+ is not a misspelling of 65+: suggest only a name with the same numbers
  const digits = (x: string): string => x.replace(/\D+/g, ' ').trim();
  const guess = closest(
    band,
    names.filter((n) => digits(n) === digits(band)),
  );
  return {
    ok: false,
    message: `${t.file} has no age band \`${band}\` for ${inArea[0]?.area ?? area}`,
    hint: guess ? `did you mean \`${guess}\`?` : `its bands are: ${names.join(', ')}`,
  };
}
