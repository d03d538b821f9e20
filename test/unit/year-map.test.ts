// YearMap, the compact map of a figure per year, against a Map of the same entries: every way of
// reading it answers the same, in the same order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FiscalYear } from '../../src/model/fiscal-year.js';
import { YearMap, yearMapOf } from '../../src/model/year-map.js';

const yearsOf = (first: number, n: number): FiscalYear[] =>
  Array.from({ length: n }, (_, i) => `${first + i}/${String((first + i + 1) % 100).padStart(2, '0')}` as FiscalYear);

describe('YearMap reads as the Map of the same entries', () => {
  it('get, has, size, keys, values, entries, forEach and iteration', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1901, max: 2900 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1900, max: 3000 }),
        (first, n, probe) => {
          const years = yearsOf(first, n);
          const values = years.map((y, i) => ({ y, i }));
          const map = new Map(years.map((y, i) => [y, values[i]] as const));
          const compact = new YearMap(years, values);
          expect(compact.size).toBe(map.size);
          expect([...compact]).toEqual([...map]);
          expect([...compact.entries()]).toEqual([...map.entries()]);
          expect([...compact.keys()]).toEqual([...map.keys()]);
          expect([...compact.values()]).toEqual([...map.values()]);
          const seen: unknown[] = [];
          compact.forEach((v, k, m) => seen.push([k, v, m === compact]));
          expect(seen).toEqual([...map].map(([k, v]) => [k, v, true]));
          const asked = yearsOf(probe, 1)[0] as FiscalYear;
          expect(compact.get(asked)).toBe(map.get(asked));
          expect(compact.has(asked)).toBe(map.has(asked));
          for (const y of years) expect(compact.get(y)).toBe(map.get(y));
          expect(yearMapOf(years, map)?.get(years[0] as FiscalYear)).toBe(map.get(years[0] as FiscalYear));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('yearMapOf keeps a map only when it holds exactly those years in that order', () => {
    const years = yearsOf(2018, 4);
    const inOrder = new Map(years.map((y, i) => [y, i]));
    expect([...(yearMapOf(years, inOrder) ?? [])]).toEqual([...inOrder]);
    expect(yearMapOf(years, new Map([...inOrder].reverse()))).toBeUndefined();
    expect(yearMapOf(years, new Map([...inOrder].slice(1)))).toBeUndefined();
    expect(yearMapOf(years.slice(1), inOrder)).toBeUndefined();
    expect(() => new YearMap(years, [1, 2])).toThrow(/2 figures for 4 years/);
  });
});
