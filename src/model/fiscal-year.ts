// UK financial years (April–March) written `2018/19`. Pure; a FiscalYear is its canonical label,
// so it can key maps and appear in JSON unchanged.

import { digitsOnly } from './digits.js';

declare const fyBrand: unique symbol;
/** A financial year label such as `2018/19` (1 April 2018 to 31 March 2019). */
export type FiscalYear = string & { readonly [fyBrand]: 'FiscalYear' };

/** `2018/19` as its two numbers (/^(\d{4})\/(\d{2})$/), or undefined. */
function yearNumbers(text: string): { start: number; end: number } | undefined {
  if (text.length !== 7 || text.charCodeAt(4) !== 47 || !digitsOnly(text, 0, 4) || !digitsOnly(text, 5, 7)) return undefined;
  return { start: Number(text.slice(0, 4)), end: Number(text.slice(5)) };
}

/** True when text starts with four digits and a slash (/^\d{4}\//): written as a financial year, rightly or not. */
export const startsLikeFiscalYear = (text: string): boolean => text.length > 4 && text.charCodeAt(4) === 47 && digitsOnly(text, 0, 4);

/**
 * Labels made so far, by start year: each year has one label string, so the many maps keyed by
 * year (a level per line and year) share it and compare keys by identity.
 */
const labels = new Map<number, FiscalYear>();

/** The year label for the year starting in April of `start`. */
export const fiscalYear = (start: number): FiscalYear => {
  const known = labels.get(start);
  if (known !== undefined) return known;
  if (!Number.isInteger(start) || start < 1000 || start > 9998) throw new Error(`bad year ${start}`);
  const label = `${start}/${String((start + 1) % 100).padStart(2, '0')}` as FiscalYear;
  labels.set(start, label);
  return label;
};

/** The first and last years a file or an option may name (by the calendar year they start in). */
const FIRST_START = 1901;
const LAST_START = 2998;

type ParsedYear =
  { readonly ok: true; readonly year: FiscalYear } | { readonly ok: false; readonly message: string; readonly hint: string };

/** Years parsed so far, by their text: a line table repeats the same few year labels per row. */
const parsed = new Map<string, ParsedYear>();
const MAX_REMEMBERED = 1024;

/** Parses `2018/19`; refuses `2018`, `2018-19`, `2018/2019` and mismatched halves like `2018/20`. */
export function parseFiscalYear(text: string): ParsedYear {
  const known = parsed.get(text);
  if (known) return known;
  const r = parseYearText(text);
  if (r.ok && parsed.size < MAX_REMEMBERED) parsed.set(text, r);
  return r;
}

function parseYearText(text: string): ParsedYear {
  const m = yearNumbers(text.trim());
  const hint = 'write a UK financial year as `2018/19` (April 2018 to March 2019)';
  if (!m) return { ok: false, message: `expected a financial year, found \`${text}\``, hint };
  const { start, end } = m;
  if (start < FIRST_START || start > LAST_START) {
    // far from the 4-digit limits, so that the years before and after a parsed year are years too
    // (a period from 9999/00 had no next year, from 1000/01 no year before: error[internal])
    return {
      ok: false,
      message: `\`${text}\` is outside the years mtfs handles (${fiscalYear(FIRST_START)} to ${fiscalYear(LAST_START)})`,
      hint,
    };
  }
  if ((start + 1) % 100 !== end) {
    return {
      ok: false,
      message: `\`${text}\` is not a financial year: ${start} is followed by ${String((start + 1) % 100).padStart(2, '0')}`,
      hint,
    };
  }
  return { ok: true, year: fiscalYear(start) };
}

/** The calendar year in which the financial year starts (2018 for `2018/19`). */
export const startOf = (fy: FiscalYear): number => Number(fy.slice(0, 4));
export const nextYear = (fy: FiscalYear): FiscalYear => fiscalYear(startOf(fy) + 1);
export const previousYear = (fy: FiscalYear): FiscalYear => fiscalYear(startOf(fy) - 1);
export const compareYears = (a: FiscalYear, b: FiscalYear): number => startOf(a) - startOf(b);

/** Every year from `from` to `to` inclusive; empty when `to` is before `from`. */
export function yearRange(from: FiscalYear, to: FiscalYear): FiscalYear[] {
  const out: FiscalYear[] = [];
  for (let y = startOf(from); y <= startOf(to); y++) out.push(fiscalYear(y));
  return out;
}
