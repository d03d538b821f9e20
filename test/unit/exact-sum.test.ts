// The exact running sum (scaled integers in a Number, BigInt past 2^53) against decimal.js, the
// reference: random and adversarial amounts, added as text (the totals path) or as decimals (`sum`,
// the schedules' totals), must give the same total, digit for digit.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../src/model/exact-sum.js';
import { Dec, ZERO, add, moneyFromText, neg, sum, toPlain, type Money } from '../../src/model/money.js';

/** The reference: decimal.js at mtfs's exact precision. */
const reference = (texts: readonly string[]): string => toPlain(texts.reduce((t, x) => add(t, moneyFromText(x)), ZERO));

const fast = (texts: readonly string[]): string => {
  const s = new ExactSum();
  for (const t of texts) s.add(t);
  return s.text();
};

/** Canonical amount text: an optional sign, digits without leading zeros, optional decimals. */
const amountText = (maxWhole: number, maxPlaces: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.boolean(),
      fc.oneof(fc.constant('0'), fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(new RegExp(`^[0-9]{0,${maxWhole - 1}}$`)))),
      fc.stringMatching(new RegExp(`^[0-9]{0,${maxPlaces}}$`)),
    )
    .map(([negative, whole, places]) => {
      const w = typeof whole === 'string' ? whole : `${whole[0]}${whole[1]}`;
      return `${negative ? '-' : ''}${w}${places ? `.${places}` : ''}`;
    });

describe('ExactSum agrees with decimal.js', () => {
  it('pounds and pence, as line tables write them', () => {
    fc.assert(
      fc.property(fc.array(amountText(9, 2), { maxLength: 200 }), (texts) => {
        expect(fast(texts)).toBe(reference(texts));
      }),
      { numRuns: 500 },
    );
  });

  it('many digits and many decimal places (24 and 30, the amount limits)', () => {
    fc.assert(
      fc.property(fc.array(amountText(24, 30), { maxLength: 50 }), (texts) => {
        expect(fast(texts)).toBe(reference(texts));
      }),
      { numRuns: 500 },
    );
  });

  it('amounts with differing decimal places, mixed in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(amountText(6, 0), amountText(6, 1), amountText(6, 3), amountText(4, 12)), { maxLength: 100 }),
        (texts) => {
          expect(fast(texts)).toBe(reference(texts));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('totals of 1e15 scale that cross 2^53 and come back', () => {
    const big = fc.integer({ min: 2 ** 52, max: Number.MAX_SAFE_INTEGER }).map(String);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            big,
            big.map((t) => `-${t}`),
            amountText(16, 2),
          ),
          { maxLength: 40 },
        ),
        (texts) => {
          expect(fast(texts)).toBe(reference(texts));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the edges: 2^53 exactly, one past it, negative zero, pence that rescale a large total', () => {
    const cases: string[][] = [
      ['9007199254740991', '1'],
      ['9007199254740991', '1', '-1'],
      ['9007199254740992', '-9007199254740993'],
      ['4503599627370496', '4503599627370496', '0.01'],
      ['90071992547409.91', '0.001'],
      ['-0', '-0'],
      ['-0', '-0.00', '0'],
      ['-0.5', '0.5'],
      ['0.1', '0.2', '-0.3'],
      ['999999999999999', '0.000000000000001'],
      ['123456789012345678901234', '-0.000000000000000000000000000001'],
      [],
    ];
    for (const texts of cases) expect(fast(texts), texts.join(' + ')).toBe(reference(texts));
  });

  it('never answers -0 and refuses text that is not canonical', () => {
    expect(fast(['-0'])).toBe('0');
    expect(() => new ExactSum().add('1,234')).toThrow(/canonical/);
    expect(() => new ExactSum().add('1e3')).toThrow(/canonical/);
    expect(() => new ExactSum().add('01')).toThrow(/canonical/);
  });
});

/** The same texts added as decimals, each negated where `negate` says (ExactSum.addDecimal). */
const fastDecimals = (texts: readonly string[], negate: readonly boolean[] = []): string => {
  const s = new ExactSum();
  texts.forEach((t, i) => s.addDecimal(moneyFromText(t), negate[i] === true));
  return s.text();
};
const referenceSigned = (texts: readonly string[], negate: readonly boolean[]): string =>
  toPlain(texts.reduce((t, x, i) => add(t, negate[i] === true ? neg(moneyFromText(x)) : moneyFromText(x)), ZERO));

describe('ExactSum.addDecimal and sum agree with decimal.js', () => {
  const mixed = fc.oneof(amountText(9, 2), amountText(24, 30), amountText(6, 0), amountText(4, 12), amountText(16, 7), amountText(1, 21));

  it('decimals of every shape, some negated', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(mixed, fc.boolean()), { maxLength: 120 }), (pairs) => {
        const texts = pairs.map(([t]) => t);
        const negate = pairs.map(([, n]) => n);
        expect(fastDecimals(texts, negate)).toBe(referenceSigned(texts, negate));
      }),
      { numRuns: 1000 },
    );
  });

  it('decimals made by arithmetic (not from text): products, differences, exponents on word edges', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amountText(12, 9), amountText(3, 3), fc.integer({ min: -150, max: 150 })), { maxLength: 40 }), (xs) => {
        const values = xs.map(([a, b, k]) => new Dec(a).times(b).times(new Dec(10).pow(k)) as Money);
        const s = new ExactSum();
        for (const v of values) s.addDecimal(v);
        expect(s.text()).toBe(toPlain(values.reduce((t, v) => add(t, v), ZERO)));
      }),
      { numRuns: 500 },
    );
  });

  it('the edges: words of seven digits, 10^15, 2^53, -0, a single word past the point', () => {
    const cases: string[][] = [
      ['10000000', '0.0000001'],
      ['9999999.9999999', '0.0000001'],
      ['999999999999999', '1'],
      ['9007199254740991', '1', '-1'],
      ['4503599627370496', '4503599627370496', '0.01'],
      ['1000000000', '-1000000000.5', '0.5'],
      ['-0', '-0.00', '0'],
      ['0.00000000000000000001', '123456789012345678.123456789'],
      ['12345678901234567890.5', '-12345678901234567890.5'],
    ];
    for (const texts of cases) expect(fastDecimals(texts), texts.join(' + ')).toBe(reference(texts));
  });

  it('sum of many terms (scaled) equals the decimal-by-decimal sum, and is never -0', () => {
    fc.assert(
      fc.property(fc.array(mixed, { minLength: 17, maxLength: 200 }), (texts) => {
        const values = texts.map(moneyFromText);
        const total = sum(values);
        const expected = values.reduce((t, v) => add(t, v), ZERO);
        expect(toPlain(total)).toBe(toPlain(expected));
        expect(total.isNegative() && total.isZero()).toBe(false);
      }),
      { numRuns: 300 },
    );
    const zeros = Array.from({ length: 40 }, () => moneyFromText('-0'));
    expect(sum(zeros).isNeg()).toBe(false);
  });

  it('adds parts whose last word is zero (decimal.js strips such words, but the parts are read as given)', () => {
    const s = new ExactSum();
    // 1.0000000 written as the words [1, 0]: e = 0, so the second word is the first seven places
    s.addDecimal({ d: [1, 0], e: 0, s: 1 });
    s.addDecimal({ d: [2, 5000000], e: 0, s: -1 });
    expect(s.text()).toBe('-1.5');
  });

  it('refuses NaN and the infinities', () => {
    expect(() => new ExactSum().addDecimal(new Dec(NaN))).toThrow(/finite/);
    expect(() => new ExactSum().addDecimal(new Dec(Infinity))).toThrow(/finite/);
  });
});
