import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/diagnostics/diagnostic.js';
import { fiscalYear, yearRange } from '../../src/model/fiscal-year.js';
import { fillLevels } from '../../src/model/levels.js';
import { moneyFromText, toPlain } from '../../src/model/money.js';

const here: Location = { file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const years = yearRange(fiscalYear(2018), fiscalYear(2021));
const at = (start: number, amount: string) => ({ year: fiscalYear(start), amount: moneyFromText(amount), origin: here });
const show = (m: ReturnType<typeof fillLevels>) => years.map((y) => `${toPlain(m.levels.get(y)!.amount)}:${m.levels.get(y)!.basis}`);

describe('fillLevels', () => {
  it('"£250,000 in 2018/19 rising to £350,000 by 2019/20" is 250, 350, 350, 350', () => {
    expect(show(fillLevels(years, [at(2018, '250'), at(2019, '350')], 'hold'))).toEqual([
      '250:stated',
      '350:stated',
      '350:ongoing',
      '350:ongoing',
    ]);
  });

  it('a line that starts later is nil before (AC14 from 2019/20)', () => {
    expect(show(fillLevels(years, [at(2019, '400')], 'hold'))).toEqual(['0:not-started', '400:stated', '400:ongoing', '400:ongoing']);
  });

  it('linear draws a straight line, rounding to whole units half away from zero', () => {
    expect(show(fillLevels(years, [at(2018, '880'), at(2021, '4140')], 'linear'))).toEqual([
      '880:stated',
      '1967:linear',
      '3053:linear',
      '4140:stated',
    ]);
    expect(show(fillLevels(years, [at(2018, '-1'), at(2020, '0')], 'linear'))[1]).toBe('-1:linear'); // -0.5 → -1
  });

  it('hold between stated points keeps the earlier level and marks it as an estimate', () => {
    expect(show(fillLevels(years, [at(2018, '100'), at(2020, '300')], 'hold'))[1]).toBe('100:hold');
  });

  it('fills an unstated year from the nearest stated years on each side, whatever order they are written in', () => {
    const six = yearRange(fiscalYear(2018), fiscalYear(2023));
    const origin = (line: number): Location => ({ ...here, line });
    const stated = [2023, 2018, 2021, 2019].map((start, i) => ({ ...at(start, String(100 * (i + 1))), origin: origin(start) }));
    const filled = fillLevels(six, stated, 'linear');
    // 2020/21 lies between 2019/20 (400) and 2021/22 (300): not between the first and last stated years
    expect(toPlain(filled.levels.get(fiscalYear(2020))!.amount)).toBe('350');
    expect(filled.levels.get(fiscalYear(2020))!.origins.map((o) => o.line)).toEqual([2019, 2021]);
    expect(filled.levels.get(fiscalYear(2022))!.origins.map((o) => o.line)).toEqual([2021, 2023]);
    const held = fillLevels(six, stated.slice(1, 3), 'hold');
    expect(
      six.map(
        (y) =>
          `${toPlain(held.levels.get(y)!.amount)}:${held.levels
            .get(y)!
            .origins.map((o) => o.line)
            .join('+')}`,
      ),
    ).toEqual(['200:2018', '200:2018', '200:2018', '300:2021', '300:2021', '300:2021']);
  });

  it('asks for a method when a year after the first stated one is missing', () => {
    expect(fillLevels(years, [at(2018, '100'), at(2020, '300')], undefined).unstated).toEqual(['2019/20', '2021/22']);
    expect(fillLevels(years, [at(2021, '5')], undefined).unstated).toEqual([]);
    expect(
      fillLevels(
        years,
        years.map((_, i) => at(2018 + i, '1')),
        undefined,
      ).unstated,
    ).toEqual([]);
  });
});
