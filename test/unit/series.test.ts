import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/money.js';
import { compoundRounded, integerRoot, MAX_EXACT_SPAN } from '../../src/model/compound-growth.js';
import { compoundApprox, fillSeries, type SeriesPoint } from '../../src/model/series.js';

const pts = (o: Record<number, string>): SeriesPoint[] => Object.entries(o).map(([y, v]) => ({ year: Number(y), value: new Dec(v) }));
const show = (r: ReturnType<typeof fillSeries>) => [...r.values].map(([y, v]) => `${y}:${v.value.toFixed()}:${v.basis}`);

describe('fillSeries', () => {
  it('keeps stated figures exactly, decimals included', () => {
    expect(show(fillSeries(pts({ 2019: '419403.25', 2020: '423067' }), [2019, 2020], undefined, undefined))).toEqual([
      '2019:419403.25:stated',
      '2020:423067:stated',
    ]);
  });

  it('compound growth between published points, rounded to whole people half away from zero', () => {
    // 130,084 (2014) to 144,892 (2019): 130,084 × (144,892 / 130,084)^(3/5) = 138,776.585… → 138,777
    const r = fillSeries(pts({ 2014: '130084', 2019: '144892' }), [2017, 2018], 'compound', undefined);
    expect(show(r)).toEqual(['2017:138777:compound', '2018:141801:compound']);
    expect(r.gaps).toEqual([]);
  });

  it('linear and hold between points', () => {
    expect(show(fillSeries(pts({ 2018: '100', 2021: '200' }), [2019, 2020], 'linear', undefined))).toEqual([
      '2019:133:linear',
      '2020:167:linear',
    ]);
    expect(show(fillSeries(pts({ 2018: '9700', 2030: '9700' }), [2019], 'hold', undefined))).toEqual(['2019:9700:hold']);
  });

  it('extends beyond the published points only when asked', () => {
    const p = pts({ 2019: '100', 2020: '110' });
    expect(fillSeries(p, [2017, 2021], undefined, undefined).gaps).toEqual([
      { year: 2017, reason: 'outside' },
      { year: 2021, reason: 'outside' },
    ]);
    expect(show(fillSeries(p, [2018, 2021], undefined, 'hold'))).toEqual(['2018:100:hold', '2021:110:hold']);
    // trend: 100 × 1.1^(−1) = 90.909… → 91; 100 × 1.1^3 = 133.1 → 133
    expect(show(fillSeries(p, [2018, 2022], undefined, 'trend'))).toEqual(['2018:91:trend', '2022:133:trend']);
  });

  it('names every year it cannot fill, and why', () => {
    expect(fillSeries(pts({ 2018: '1', 2021: '2' }), [2019], undefined, undefined).gaps).toEqual([{ year: 2019, reason: 'needs-method' }]);
    expect(fillSeries(pts({ 2018: '1' }), [2019], undefined, 'trend').gaps).toEqual([{ year: 2019, reason: 'trend-needs-two-points' }]);
    expect(fillSeries(pts({ 2018: '0', 2021: '2' }), [2019], 'compound', undefined).gaps).toEqual([
      { year: 2019, reason: 'compound-needs-positive' },
    ]);
  });

  it('compound values lie between their two points and are whole (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 2, max: 30 }),
        (a, b, span) => {
          const r = fillSeries(pts({ 2000: String(a), [2000 + span]: String(b) }), [2001, 2000 + span - 1], 'compound', undefined);
          for (const v of r.values.values()) {
            expect(v.value.isInteger()).toBe(true);
            expect(v.value.greaterThanOrEqualTo(Math.min(a, b))).toBe(true);
            expect(v.value.lessThanOrEqualTo(Math.max(a, b))).toBe(true);
          }
        },
      ),
    );
  });
});

describe('compound growth in integers', () => {
  const point = (year: number, value: string): SeriesPoint => ({ year, value: new Dec(value) });
  /** fillSeries's value for `year` from the points at `from` and `to`: between them, or beyond them by trend. */
  const filled = (a: SeriesPoint, b: SeriesPoint, year: number): string | undefined =>
    fillSeries([a, b], [year], 'compound', 'trend').values.get(year)?.value.toFixed();

  it('integerRoot is the whole part of the q-th root (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 60n }), fc.integer({ min: 1, max: 40 }), (x, q) => {
        const r = integerRoot(x, q);
        const k = BigInt(q);
        expect(r ** k <= x).toBe(true);
        expect((r + 1n) ** k > x).toBe(true);
      }),
    );
  });

  const amount = fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
    .map(([n, places]) => new Dec(n.toString()).dividedBy(new Dec(10).pow(places)).toFixed());

  it('gives the digits of the 40-digit decimal.js computation, between and beyond the points (property)', () => {
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 1, max: 40 }), fc.integer({ min: -30, max: 70 }), (a, b, span, offset) => {
        fc.pre(offset !== 0 && offset !== span);
        const pa = point(2000, a);
        const pb = point(2000 + span, b);
        expect(filled(pa, pb, 2000 + offset)).toBe(compoundApprox(pa, pb, 2000 + offset).toFixed());
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves a value on or near a rounding boundary to the decimal.js computation', () => {
    // halfway between (2k+1)/4 and 2k+1 (exponent ½) the true value is √((2k+1)²/4) = k + ½ exactly
    for (const k of [0n, 1n, 7n, 123456n, 98765432109n]) {
      const a = new Dec((2n * k + 1n).toString()).dividedBy(4).toFixed();
      const b = (2n * k + 1n).toString();
      expect(compoundRounded(new Dec(a), new Dec(b), 1, 2)).toBeUndefined();
      expect(filled(point(2000, a), point(2002, b), 2001)).toBe(compoundApprox(point(2000, a), point(2002, b), 2001).toFixed());
      // a hair away from the boundary: 10^-40 of the value, inside the margin, is left to decimal.js too
      const nudged = new Dec(a).plus(new Dec(a).times('1e-40')).toFixed();
      expect(compoundRounded(new Dec(nudged), new Dec(b), 1, 2)).toBeUndefined();
      // and 10^-20 of it, outside the margin, is rounded in integers to the same whole number
      const away = new Dec(a).plus(new Dec(a).times('1e-20')).toFixed();
      expect(compoundRounded(new Dec(away), new Dec(b), 1, 2)?.toString()).toBe(
        compoundApprox(point(2000, away), point(2002, b), 2001).toFixed(),
      );
    }
  });

  it('leaves spans beyond MAX_EXACT_SPAN to decimal.js', () => {
    expect(compoundRounded(new Dec(100), new Dec(200), 1, MAX_EXACT_SPAN + 1)).toBeUndefined();
    expect(compoundRounded(new Dec(100), new Dec(200), MAX_EXACT_SPAN + 1, 2)).toBeUndefined();
    expect(compoundRounded(new Dec(100), new Dec(200), 1, MAX_EXACT_SPAN)).toBe(100n);
  });
});
