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

  it('steps and ranges', () => {
    expect(nextYear(fiscalYear(2018))).toBe('2019/20');
    expect(previousYear(fiscalYear(2018))).toBe('2017/18');
    expect(startOf(fiscalYear(2021))).toBe(2021);
    expect(yearRange(fiscalYear(2018), fiscalYear(2021))).toEqual(['2018/19', '2019/20', '2020/21', '2021/22']);
    expect(yearRange(fiscalYear(2021), fiscalYear(2018))).toEqual([]);
  });
});
