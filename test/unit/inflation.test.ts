// Inflation drivers: compounding is exact (property: ten years of random bases and rates equal the
// closed form base × Π(1 + r) to the last digit), and known answers for pay, care fees through a
// level series, and income.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/diagnostics/diagnostic.js';
import { fiscalYear, yearRange, type FiscalYear } from '../../src/model/fiscal-year.js';
import { computeInflation, inflationLineLevels, seriesChange, type IndexSeries, type InflationItem } from '../../src/model/inflation.js';
import { Dec, dec, type Money, type Rate } from '../../src/model/money.js';
import { runCli } from '../helpers/cli.js';

const at: Location = { file: 'test.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const prov = { status: 'assumed' as const, source: 'test' };
const BASE_YEAR = fiscalYear(2017);

const item = (over: Partial<InflationItem> & Pick<InflationItem, 'rate'>): InflationItem => ({
  name: 'x',
  description: 'x',
  kind: 'contract-prices',
  base: { amount: dec('1000') as Money, year: BASE_YEAR, provenance: prov },
  origin: at,
  ...over,
});

const given = (rates: ReadonlyMap<FiscalYear, Dec>): InflationItem['rate'] => ({
  kind: 'given',
  rate: { value: { byYear: rates as ReadonlyMap<FiscalYear, Rate> }, provenance: prov },
});

/** Decimal text from a whole number of units of 10^-scale: many digits, any sign. */
const decimalText = (units: bigint, scale: number): string => {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return `${neg && units !== 0n ? '-' : ''}${text}`;
};

const base = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.integer({ min: 0, max: 12 })).map(([u, s]) => decimalText(u, s));
/** A rate above −100%: nil, negative, or up to 50%, with up to 12 places. */
const rate = fc.oneof(
  fc.constant('0'),
  fc.tuple(fc.bigInt({ min: -(10n ** 12n) + 1n, max: 5n * 10n ** 11n }), fc.constant(12)).map(([u, s]) => decimalText(u, s)),
  fc.tuple(fc.integer({ min: -99, max: 50 }), fc.constant(2)).map(([u, s]) => decimalText(BigInt(u), s)),
);

describe('inflation compounding', () => {
  const years = yearRange(fiscalYear(2018), fiscalYear(2027));

  it('over ten years equals base × Π(1 + r) exactly, for random bases and rates', () => {
    fc.assert(
      fc.property(
        base,
        fc.array(rate, { minLength: 10, maxLength: 10 }),
        fc.constantFrom('contract-prices', 'income', 'general'),
        (b, rs, kind) => {
          const rates = new Map(years.map((y, i) => [y, dec(rs[i] ?? '0')]));
          const i = item({
            kind: kind as InflationItem['kind'],
            base: { amount: dec(b) as Money, year: BASE_YEAR, provenance: prov },
            rate: given(rates),
          });
          const r = computeInflation(i, years);
          let product = new Dec(1);
          years.forEach((y, n) => {
            product = product.times(new Dec(rs[n] ?? '0').plus(1));
            const closed = new Dec(b).times(product);
            const row = r.years[n + 1];
            expect(row?.inflated.equals(closed)).toBe(true);
            const level = closed.minus(b).times(kind === 'income' ? -1 : 1);
            expect(row?.level.equals(level)).toBe(true);
            expect(inflationLineLevels(i, years).get(y)?.equals(level)).toBe(true);
          });
        },
      ),
      { numRuns: 300, seed: 20180116 },
    );
  });

  it('year n inflates year n−1’s inflated base (the pressure already added included)', () => {
    const i = item({ rate: given(new Map(years.map((y) => [y, dec('0.1')]))) });
    const r = computeInflation(i, years);
    expect(r.years.slice(0, 4).map((y) => y.inflated.toFixed())).toEqual(['1000', '1100', '1210', '1331']);
    expect(r.years.slice(0, 4).map((y) => y.level.toFixed())).toEqual(['0', '100', '210', '331']);
  });
});

describe('known answers', () => {
  const years = yearRange(fiscalYear(2018), fiscalYear(2021));

  it('care fees: 60% of the National Living Wage increase, the change of a level series rounded to 6 places', () => {
    const nlw: IndexSeries = {
      name: 'nlw',
      description: 'NLW',
      form: 'level',
      file: 'data.yaml',
      origin: at,
      points: new Map(
        [
          ['7.50', 2017],
          ['7.83', 2018],
          ['8.21', 2019],
          ['8.72', 2020],
          ['8.91', 2021],
        ].map(([v, y]) => [fiscalYear(y as number), { value: dec(v as string), provenance: prov }]),
      ),
    };
    expect(years.map((y) => seriesChange(nlw, y).toFixed())).toEqual(['0.044', '0.048531', '0.062119', '0.021789']);
    const fees = item({
      kind: 'care-fees',
      base: { amount: dec('50000') as Money, year: BASE_YEAR, provenance: prov },
      rate: { kind: 'index', series: nlw, origin: at },
      passThrough: { value: dec('0.6') as Rate, provenance: prov },
    });
    const r = computeInflation(fees, years);
    // worked independently: 50,000 × Π(1 + 0.6 × change)
    expect(r.years.map((y) => y.inflated.toFixed())).toEqual([
      '50000',
      '51320',
      '52814.366552',
      '54782.8319335062128',
      '55499.02980850571292241952',
    ]);
  });

  it('pay: the award compounds on the pay bill, on-costs and pension steps on the cost', () => {
    const pay = item({
      kind: 'pay',
      base: { amount: dec('20000') as Money, year: BASE_YEAR, provenance: prov },
      rate: given(new Map(years.map((y) => [y, dec('0.02')]))),
      onCosts: { value: { every: dec('0.1') as Rate }, provenance: prov },
      pension: {
        value: { byYear: new Map([BASE_YEAR, ...years].map((y, i) => [y, dec(`0.2${i}`) as Rate])) },
        provenance: prov,
      },
    });
    const r = computeInflation(pay, years);
    // 2018/19: 20,400 × (1 + 0.1 + 0.21) − 20,000 × 1.3 = 26,724 − 26,000
    expect(r.years[1]?.cost.toFixed()).toBe('26724');
    expect(r.years[1]?.level.toFixed()).toBe('724');
    expect(r.years[4]?.level.toFixed()).toBe(new Dec('20000').times(new Dec('1.02').pow(4)).times('1.34').minus(26000).toFixed());
  });

  it('income: more income reduces net spend', () => {
    const income = item({ kind: 'income', rate: given(new Map(years.map((y) => [y, dec('0.02')]))) });
    expect([...inflationLineLevels(income, years).values()].map((v) => v.toFixed())).toEqual(['-20', '-40.4', '-61.208', '-82.43216']);
  });
});

describe('inflation lines in variants, what-ifs and ranges', () => {
  const levels = async (argv: string[]): Promise<Record<string, Record<string, string>>> => {
    const r = await runCli([...argv, '--format', 'json', '--detail']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { growth: { lines: { ref: string; levels: Record<string, { amount: string }> }[] } };
    return Object.fromEntries(
      j.growth.lines.map((l) => [l.ref, Object.fromEntries(Object.entries(l.levels).map(([y, v]) => [y, v.amount]))]),
    );
  };
  const county = 'test/fixtures/inflation/county.yaml';

  it('a variant scales the built levels exactly', async () => {
    const base = await levels(['project', county]);
    const half = await levels(['project', 'test/fixtures/inflation/county-half-fees.yaml']);
    for (const [y, v] of Object.entries(base.INF2!)) expect(half.INF2![y]).toBe(new Dec(v).times('0.5').toFixed());
    expect(half.INF1).toEqual(base.INF1);
  });

  it('--set on a driver and on a series: every driver on the series follows', async () => {
    const nil = await levels(['project', county, '--set', 'inflation.care_fees.rate=0']);
    expect(Object.values(nil.INF2!)).toEqual(['0', '0', '0', '0']);
    const cpi = await levels(['project', county, '--set', 'index.cpi-september=10%']);
    expect(cpi.INF3!['2019/20']).toBe('2100'); // 10,000 × 1.1² − 10,000
    expect(cpi.INF4!['2019/20']).toBe('-5250'); // −(25,000 × 1.1² − 25,000)
  });

  it('a range on an index series is drawn by sensitivity', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-inflation-'));
    const file = path.join(dir, 'county.yaml');
    const text = fs
      .readFileSync(county, 'utf8')
      .replaceAll('../../../data/index-series.yaml', path.resolve('data/index-series.yaml'))
      .concat(
        '\nassumptions:\n  - {id: nlw, description: NLW increase, parameter: index.nlw, range: {low: 0%, high: 10%}, source: illustrative}\n',
      );
    fs.writeFileSync(file, text);
    const r = await runCli(['sensitivity', file]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // at 0% the care fees line is nil: the net budget falls by its level, 2,112 in 2018/19
    expect(r.stdout).toMatch(/net budget at low \(0%\)\s+\(2,112\)/);
  });
});
