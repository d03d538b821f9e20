import { describe, expect, it } from 'vitest';
import { fiscalYear, nextYear, parseFiscalYear, previousYear, startOf, yearRange } from '../../src/model/fiscal-year.js';

describe('fiscal years', () => {
  it('parses and formats 2018/19', () => {
    expect(parseFiscalYear('2018/19')).toEqual({ ok: true, year: '2018/19' });
    expect(fiscalYear(1999)).toBe('1999/00');
    expect(parseFiscalYear('1999/00')).toEqual({ ok: true, year: '1999/00' });
  });

  it.each(['2018', '2018-19', '2018/2019', '2018/20', '18/19', '2018/1', ''])('refuses %j', (t) => {
    expect(parseFiscalYear(t).ok).toBe(false);
  });

  // found by the fuzz suite: `--year 9999/00` parsed, then had no next year (error[internal]: bad year 9999),
  // and a period from 1000/01 had no year before it
  it.each(['9999/00', '1000/01', '1900/01', '2999/00'])('refuses %j as outside the years mtfs handles, without throwing', (t) => {
    const r = parseFiscalYear(t);
    expect(r).toMatchObject({ ok: false, message: `\`${t}\` is outside the years mtfs handles (1901/02 to 2998/99)` });
  });

  it('can step from every year it parses', () => {
    for (const t of ['1901/02', '2998/99']) {
      const r = parseFiscalYear(t);
      if (!r.ok) throw new Error(r.message);
      expect(() => [previousYear(r.year), nextYear(r.year)]).not.toThrow();
    }
  });

  it('steps and ranges', () => {
    expect(nextYear(fiscalYear(2018))).toBe('2019/20');
    expect(previousYear(fiscalYear(2018))).toBe('2017/18');
    expect(startOf(fiscalYear(2021))).toBe(2021);
    expect(yearRange(fiscalYear(2018), fiscalYear(2021))).toEqual(['2018/19', '2019/20', '2020/21', '2021/22']);
    expect(yearRange(fiscalYear(2021), fiscalYear(2018))).toEqual([]);
  });
});
