// The LGA funding options: the shipped data reproduces the green paper's totals exactly; ids are
// checked with "did you mean"; alternatives are refused together; the yield meets needs in order;
// interpolation and apportionment round as stated.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../src/cli/commands/options.js';
import { nodeIo } from '../../src/cli/io.js';
import { loadNationalData } from '../../src/load/national-data.js';
import { fiscalYear, type FiscalYear } from '../../src/model/fiscal-year.js';
import { Dec, ZERO, add, moneyFromText, toPlain, type Money } from '../../src/model/money.js';
import { seriesValue } from '../../src/model/published-series.js';
import { apportion, type Share } from '../../src/reports/funding-options/local.js';
import { defaultYears, nationalView, sufficiency, type SeriesRow } from '../../src/reports/funding-options/national.js';
import { selectFromTables } from '../../src/reports/funding-options/select.js';
import type { Need } from '../../src/model/national-options.js';

const data = loadNationalData(DATA_FILES, nodeIo().readFile).value!;
const y = (s: number) => fiscalYear(s);
const select = (options: string[], needs: string[] = []) => selectFromTables(data, options, needs);
const at = (options: string[], needs: string[], year: FiscalYear) => {
  const view = nationalView(select(options, needs).value!, [year]);
  return { yield: toPlain(view.optionsTotal.get(year)!), cost: toPlain(view.needsTotal.get(year)!), view };
};

describe('the shipped green paper tables', () => {
  it('load without diagnostics', () => {
    expect(loadNationalData(DATA_FILES, nodeIo().readFile).diagnostics).toEqual([]);
  });

  it('1p on each income tax rate raises £6.35bn in 2024/25 (the council’s "£6.4bn")', () => {
    expect(at(['income-tax-basic', 'income-tax-higher', 'income-tax-top'], [], y(2024)).yield).toBe('6350');
  });

  it('the four existing requirements cost £8.56bn; a reform makes £13.26bn or £14.96bn', () => {
    const existing = ['fair-price', 'inflation-demography', 'unmet-older', 'unmet-working-age'];
    expect(at([], existing, y(2024)).cost).toBe('8560');
    expect(at([], [...existing, 'cap-and-floor'], y(2024)).cost).toBe('13260');
    expect(at([], [...existing, 'free-personal-care'], y(2024)).cost).toBe('14960');
    // 2017/18: the inflation and demography cell is blank in the source, so the total is left out
    expect(nationalView(select([], existing).value!, [y(2017)]).needsTotal.has(y(2017))).toBe(false);
    expect(at([], ['fair-price', 'unmet-older', 'unmet-working-age'], y(2017)).cost).toBe('5040');
    expect(at([], ['fair-price', 'inflation-demography'], y(2024)).cost).toBe('3560');
  });
});

describe('choosing ids', () => {
  it('suggests the closest id for a typo', () => {
    const r = select(['income-tax-basc'], ['unmet-older', 'fair-prize']);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.hint?.split('?')[0]])).toEqual([
      ['unknown-option', 'did you mean `income-tax-basic`'],
      ['unknown-need', 'did you mean `fair-price`'],
    ]);
  });

  it('refuses cap-and-floor with free-personal-care, once, and an id given twice', () => {
    expect(select([], ['cap-and-floor', 'fair-price', 'free-personal-care']).diagnostics.map((d) => d.code)).toEqual([
      'incompatible-needs',
    ]);
    expect(select(['ni-all', 'ni-all']).diagnostics.map((d) => d.code)).toEqual(['usage']);
  });
});

describe('years', () => {
  it('shows by default the published years where every chosen item has a figure', () => {
    expect(defaultYears(select(['income-tax-basic']).value!.options)).toEqual(['2020/21', '2024/25', '2030/31']);
    const s = select(['income-tax-basic', 'council-tax'], ['fair-price']).value!;
    expect(defaultYears([...s.options, ...s.needs])).toEqual(['2020/21', '2024/25']);
    const r = select([], ['fair-price', 'cap-and-floor']).value!;
    expect(defaultYears(r.needs)).toEqual(['2024/25']);
  });

  it('shows no figure for a reform outside its published year, nor between estimates on different bases', () => {
    const cap = data.needs.items.find((n) => n.id === 'cap-and-floor')!;
    expect(seriesValue(cap.points, y(2018), 1, cap.hold)).toEqual({ basis: 'not-published' });
    const ni = data.options.items.find((o) => o.id === 'ni-beyond-retirement')!.points;
    expect(seriesValue(ni, y(2027), 1)).toEqual({ basis: 'not-comparable' });
    expect(nationalView(select(['ni-beyond-retirement']).value!, [y(2027)]).optionsTotal.has(y(2027))).toBe(false);
  });

  it('interpolates between published points (rounded to £0.1m) and holds the last point after them', () => {
    const top = data.options.items.find((o) => o.id === 'income-tax-top')!.points;
    expect(seriesValue(top, y(2021), 1)).toEqual({ amount: new Dec('412.5'), basis: 'interpolated' });
    expect(seriesValue(data.options.items.find((o) => o.id === 'income-tax-basic')!.points, y(2025), 1).basis).toBe('not-comparable');
    expect(toPlain(seriesValue(top, y(2040), 1).amount!)).toBe('900');
    const view = nationalView(select(['income-tax-top']).value!, [y(2031), y(2032)]);
    expect(view.held).toEqual([{ id: 'income-tax-top', years: ['2031/32', '2032/33'], first: '2020/21', last: '2030/31' }]);
  });

  it('gives no value before the first published point, even in a series held after its last', () => {
    const from2020 = [{ year: y(2020), amount: moneyFromText('3800') }];
    expect(seriesValue(from2020, y(2018), 1)).toEqual({ basis: 'not-published' });
    expect(seriesValue(from2020, y(2018), 1, true).amount).toBeUndefined();
    expect(seriesValue(from2020, y(2020), 1)).toEqual({ amount: moneyFromText('3800'), basis: 'published' });
    // income-tax-basic is first published for 2020/21: nothing in 2018/19 or 2019/20, nothing held back
    const view = nationalView(select(['income-tax-basic', 'council-tax']).value!, [y(2018), y(2019), y(2020)]);
    const basic = view.options.find((r) => r.item.id === 'income-tax-basic')!;
    expect([y(2018), y(2019)].map((year) => basic.values.get(year))).toEqual([{ basis: 'not-published' }, { basis: 'not-published' }]);
    expect(view.held).toEqual([]);
    // the total is not counted where a part has no figure (never a blank read as nil)
    expect(view.optionsTotal.has(y(2018))).toBe(false);
    expect(view.optionsTotal.has(y(2020))).toBe(true);
  });
});

describe('sufficiency', () => {
  it('meets needs in the order given', () => {
    const s = at(
      ['income-tax-basic', 'income-tax-higher', 'income-tax-top'],
      ['fair-price', 'inflation-demography', 'unmet-older', 'unmet-working-age'],
      y(2024),
    ).view.sufficiency!;
    const left = (id: string) => toPlain(s.uncovered.get(id)!.get(y(2024))!);
    // 6,350 pays 1,440 + 2,120, then 2,790 of the 3,600 for older people's unmet need
    expect(['fair-price', 'inflation-demography', 'unmet-older', 'unmet-working-age'].map(left)).toEqual(['0', '0', '810', '1400']);
    expect(toPlain(s.shortfall.get(y(2024))!)).toBe('2210');
  });

  it('leaves uncovered exactly the shortfall, never more than each need (property)', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Dec(n).dividedBy(10) as Money);
    const year = y(2024);
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 6 }), fc.integer({ min: -1_000_000, max: 20_000_000 }), (costs, yieldTenths) => {
        const needs: SeriesRow<Need>[] = costs.map((c, i) => ({
          item: {
            id: `n${i}`,
            label: 'n',
            group: 'existing',
            excludes: [],
            illustrative: false,
            hold: true,
            points: [],
            origin: { file: 'f', line: 1, column: 1, endLine: 1, endColumn: 2 },
          },
          values: new Map([[year, { amount: c, basis: 'published' as const }]]),
        }));
        const total = new Dec(yieldTenths).dividedBy(10) as Money;
        const s = sufficiency(new Map([[year, total]]), needs, [year]);
        const uncovered = needs.reduce((acc, n) => add(acc, s.uncovered.get(n.item.id)!.get(year)!), ZERO);
        const shortfall = s.shortfall.get(year)!;
        const positiveYield = total.isNegative() ? ZERO : total;
        const expected = s.cost.get(year)!.minus(positiveYield);
        expect(uncovered.equals(expected.isNegative() ? ZERO : expected)).toBe(true);
        expect(shortfall.equals(s.cost.get(year)!.minus(total))).toBe(true);
        needs.forEach((n) => expect(s.uncovered.get(n.item.id)!.get(year)!.lessThanOrEqualTo(n.values.get(year)!.amount!)).toBe(true));
      }),
    );
  });
});

describe('apportionment', () => {
  const share = (num: string, den: string): Share => ({
    basis: 'asc-net-spend',
    numerator: new Dec(num),
    denominator: new Dec(den),
    units: '£000',
  });

  it('shares a national £m figure out to the nearest £1, in the authority’s units', () => {
    // £13,260m × 137,000 / 15,000,000 = £121,108,000 exactly
    expect(toPlain(apportion(moneyFromText('13260'), share('137000', '15000000'), '£000'))).toBe('121108');
    // £6,350m × 695,090 / 55,977,178 (England, mid-2018) = £78,850,375.415… → £78,850,375
    expect(toPlain(apportion(moneyFromText('6350'), share('695090', '55977178'), '£000'))).toBe('78850.375');
    expect(toPlain(apportion(moneyFromText('6350'), share('695090', '55977178'), '£'))).toBe('78850375');
  });
});
