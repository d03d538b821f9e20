// Text that mtfs reads or writes character by character rather than with a regular expression
// (each pattern is compiled afresh in every run): each function is compared with the pattern it
// replaces, on random text of the characters that matter and on every UTF-16 code unit.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../src/model/calendar-date.js';
import { parseFiscalYear, startsLikeFiscalYear } from '../../src/model/fiscal-year.js';
import { group } from '../../src/model/grouped-number.js';
import { slug } from '../../src/model/slug.js';
import { nameKey } from '../../src/load/population-table.js';

const slugByPattern = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const nameKeyByPattern = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[‐-―−]/g, '-');

/** Text of letters, digits, spaces, slashes, dashes and a few others, with any code unit now and then. */
const texty = fc.string({
  unit: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'aZ09 /-–_\t.İ'.split('')) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  ),
  maxLength: 24,
});

/** `f` gives what `byPattern` gives with every UTF-16 code unit placed in `around`, and on random text. */
function agreesEverywhere(f: (s: string) => string, byPattern: (s: string) => string, around: (ch: string) => string): void {
  for (let c = 0; c <= 0xffff; c++) {
    const s = around(String.fromCharCode(c));
    expect([c, f(s)]).toEqual([c, byPattern(s)]);
  }
  fc.assert(
    fc.property(texty, (s) => {
      expect(f(s)).toBe(byPattern(s));
    }),
    { numRuns: 3000 },
  );
}

describe('text read and written without patterns', () => {
  it('makes slugs as the patterns do', () => {
    agreesEverywhere(slug, slugByPattern, (ch) => `A${ch}b ${ch}`);
  });

  it('compares names as the patterns do', () => {
    agreesEverywhere(nameKey, nameKeyByPattern, (ch) => ` 18${ch}64  Age${ch} `);
  });

  it('reads financial years as the pattern does', () => {
    const byPattern = (text: string): string | undefined => {
      const m = /^(\d{4})\/(\d{2})$/.exec(text.trim());
      return m && (Number(m[1]) + 1) % 100 === Number(m[2]) && Number(m[1]) >= 1901 && Number(m[1]) <= 2998 ? text.trim() : undefined;
    };
    const yearish = fc.string({ unit: fc.constantFrom(...'0123456789/ -٣'.split('')), maxLength: 9 });
    for (const text of ['2018/19', ' 2018/19 ', '2018/20', '2018-19', '2018/2019', '218/19', '2018/1', '2018/19/', '1900/01', '2999/00']) {
      const r = parseFiscalYear(text);
      expect(r.ok ? r.year : undefined, text).toBe(byPattern(text));
    }
    fc.assert(
      fc.property(yearish, (text) => {
        const r = parseFiscalYear(text);
        expect(r.ok ? r.year : undefined).toBe(byPattern(text));
        expect(startsLikeFiscalYear(text)).toBe(/^\d{4}\//.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads dates as the pattern does', () => {
    const byPattern = (text: string): boolean => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const last = new Date(0);
      last.setUTCFullYear(y, mo, 0); // the last day of month mo (years below 100 included)
      return mo >= 1 && mo <= 12 && d >= 1 && d <= last.getUTCDate();
    };
    const dateish = fc.string({ unit: fc.constantFrom(...'0123456789- ٣'.split('')), maxLength: 12 });
    for (const text of [
      '2018-01-16',
      ' 2018-01-16 ',
      '2018-02-29',
      '2020-02-29',
      '1900-02-29',
      '2000-02-29',
      '0000-02-29',
      '2018-13-01',
      '2018-1-16',
      '18-01-16',
    ]) {
      expect(parseDateText(text).ok, text).toBe(byPattern(text));
    }
    fc.assert(
      fc.property(dateish, (text) => {
        expect(parseDateText(text).ok).toBe(byPattern(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('groups digits as the pattern does', () => {
    const byPattern = (plainAbs: string): string => {
      const [int = '0', frac] = plainAbs.split('.');
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return frac ? `${grouped}.${frac}` : grouped;
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.x'.split('')), maxLength: 20 }), (s) => {
        expect(group(s)).toBe(byPattern(s));
      }),
      { numRuns: 3000 },
    );
  });
});
