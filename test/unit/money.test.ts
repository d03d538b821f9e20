import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalAmount, parseAmountText, parseRateText } from '../../src/model/amount-text.js';
import { money } from '../../src/load/validated.js';
import {
  Dec,
  ROUNDING_MODES,
  add,
  divideRounded,
  interpolateRounded,
  moneyFromText,
  neg,
  roundTo,
  sum,
  toPlain,
  type Money,
  type RoundingMode,
} from '../../src/model/money.js';

describe('parseAmountText', () => {
  it.each([
    ['1275', '1275'],
    ['-4755.50', '-4755.50'],
    ['135,053', '135053'],
    ['1,234,567.25', '1234567.25'],
    ['(4,755)', '-4755'],
    ['(0)', '0'],
    ['-0', '0'],
    ['0.5', '0.5'],
    [' 42 ', '42'],
  ])('accepts %s as %s', (text, canonical) => {
    expect(parseAmountText(text)).toEqual({ ok: true, canonical });
  });

  it.each(['1,2k', '1e3', '1E3', '£100', '.5', '1_000', '12,34', '1,2345', '007', '+5', '', 'NaN', '.inf', '1.', '(-5)', '5-', '1 000'])(
    'refuses %j',
    (text) => {
      expect(parseAmountText(text).ok).toBe(false);
    },
  );

  it('refuses more digits than can be summed exactly', () => {
    expect(parseAmountText('1'.repeat(25)).ok).toBe(false);
    expect(parseAmountText('1'.repeat(24)).ok).toBe(true);
  });

  it('round-trips any decimal text exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat({ max: 4 }), (units, dp) => {
        const s = units.toString();
        const neg = s.startsWith('-');
        const digits = (neg ? s.slice(1) : s).padStart(dp + 1, '0');
        const text = `${neg ? '-' : ''}${dp ? `${digits.slice(0, -dp)}.${digits.slice(-dp)}` : digits}`;
        const r = parseAmountText(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(moneyFromText(r.canonical).equals(new Dec(text))).toBe(true);
      }),
    );
  });
});

describe('parseRateText', () => {
  it.each([
    ['0.035', '0.035'],
    ['3.5%', '0.035'],
    ['2.99%', '0.0299'],
    ['100%', '1'],
    ['0%', '0'],
    ['-1.5%', '-0.015'],
    ['12%', '0.12'],
  ])('%s → %s', (text, canonical) => {
    expect(parseRateText(text)).toEqual({ ok: true, canonical });
  });
  it.each(['3,5%', '1e-2', '%', '.5', 'five'])('refuses %j', (t) => expect(parseRateText(t).ok).toBe(false));
});

describe('money arithmetic', () => {
  const m = (t: string): Money => moneyFromText(t);

  it('is exact where floats are not', () => {
    expect(toPlain(add(m('0.1'), m('0.2')))).toBe('0.3');
    expect(toPlain(sum([m('135053'), m('688'), m('1845'), neg(m('4755'))]))).toBe('132831');
  });

  it('never prints -0 or exponents', () => {
    expect(toPlain(neg(m('0')))).toBe('0');
    expect(toPlain(m('0.0000001'))).toBe('0.0000001');
    expect(toPlain(m('123456789012345678901234'))).toBe('123456789012345678901234');
  });

  it('rounds with the named mode', () => {
    expect(roundTo(m('2.5'), 0, 'half-away-from-zero').toString()).toBe('3');
    expect(roundTo(m('-2.5'), 0, 'half-away-from-zero').toString()).toBe('-3');
    expect(roundTo(m('2.5'), 0, 'half-even').toString()).toBe('2');
    expect(roundTo(m('-2.5'), 0, 'half-up').toString()).toBe('-2');
    expect(roundTo(m('1242.619'), 2, 'truncate').toString()).toBe('1242.61');
  });

  it('sums are order-independent and exact (property)', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.nat({ max: 2 }))
      .map(([u, dp]) => new Dec(u.toString()).dividedBy(10 ** dp) as Money);
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 50 }), (xs) => {
        const forward = sum(xs);
        const backward = sum([...xs].reverse());
        expect(forward.equals(backward)).toBe(true);
        expect(sum([forward, ...xs.map(neg)]).isZero()).toBe(true);
      }),
    );
  });
});

describe('money (an amount that passed the schema)', () => {
  // money() takes canonical text straight to a decimal and parses anything else first: both ways
  // must give the same value and the same text (no negative zero)
  it('gives what parseAmountText then moneyFromText give, for any written form', () => {
    const written = fc.oneof(
      fc
        .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.option(fc.stringMatching(/^[0-9]{1,6}$/)))
        .map(([negative, int, fraction]) => `${negative ? '-' : ''}${int}${fraction === null ? '' : `.${fraction}`}`),
      fc.constantFrom(
        '-0',
        '-0.00',
        '0.000',
        '-0.010',
        '135,053',
        '(4,755)',
        '(0)',
        ' 12 ',
        '1,234,567.25',
        '007',
        '.5',
        '1e3',
        '1234567890123456789012345',
        '123456789012345678901.5',
      ),
    );
    fc.assert(
      fc.property(written, (text) => {
        const r = parseAmountText(text);
        if (!r.ok) {
          expect(isCanonicalAmount(text)).toBe(false);
          return;
        }
        const viaParse = moneyFromText(r.canonical);
        const direct = money(text);
        expect(direct.toString()).toBe(viaParse.toString());
        expect(Object.is(direct.toNumber(), -0)).toBe(false);
        // the schema's one-regex shortcut accepts only what the full grammar returns unchanged
        if (isCanonicalAmount(text)) expect(r.canonical).toBe(text);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('divideRounded', () => {
  /** A decimal of up to 24 digits and 0 to 6 places, either sign, as decimal.js reads its text. */
  const decimal = fc
    .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 6 }))
    .map(([units, places]) => new Dec(units.toString()).dividedBy(`1e${places}`));
  const modes = Object.keys(ROUNDING_MODES) as RoundingMode[];

  it('rounds every quotient as decimal.js rounds the quotient worked out in full', () => {
    fc.assert(
      fc.property(
        decimal,
        fc.oneof(
          decimal,
          fc.integer({ min: -400, max: 400 }).map((n) => new Dec(n)),
        ),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(...modes),
        (a, b, dp, mode) => {
          fc.pre(!b.isZero());
          const got = divideRounded(a, b, dp, mode);
          const want = roundTo(a.dividedBy(b), dp, mode);
          expect([got.toFixed(), got.isNegative()]).toEqual([want.toFixed(), want.isNegative()]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('interpolates as decimal.js rounds the point on the line worked out in full, whole ends or not', () => {
    const whole = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }).map((n) => new Dec(n.toString()));
    const small = fc.integer({ min: -30, max: 30 }).map((n) => new Dec(n));
    fc.assert(
      fc.property(
        fc.oneof(whole, small, decimal),
        fc.oneof(whole, small, decimal),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 45 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(...modes),
        (before, after, span, step, dp, mode) => {
          const got = interpolateRounded(before, after, step, span, dp, mode);
          const want = roundTo(before.plus(after.minus(before).times(step).dividedBy(span)), dp, mode);
          expect([got.toFixed(), got.isNegative(), got.decimalPlaces()]).toEqual([want.toFixed(), want.isNegative(), want.decimalPlaces()]);
        },
      ),
      { numRuns: 5000 },
    );
    // halves and near-zero quotients of either sign, in every mode
    for (const mode of modes) {
      for (const [before, after, step, span] of [
        [0, 1, 1, 2],
        [0, -1, 1, 2],
        [0, 3, 1, 2],
        [0, -3, 1, 2],
        [0, 1, 1, 5],
        [0, -1, 1, 5],
        [2, -2, 1, 2],
        [1, -2, 1, 3],
      ] as const) {
        for (const dp of [0, 1, 2]) {
          const got = interpolateRounded(new Dec(before), new Dec(after), step, span, dp, mode);
          const want = roundTo(new Dec(before).plus(new Dec(after - before).times(step).dividedBy(span)), dp, mode);
          expect([got.toFixed(), got.isNegative()]).toEqual([want.toFixed(), want.isNegative()]);
        }
      }
    }
  });

  it('rounds halves, thirds and whole quotients in each mode', () => {
    for (const [a, b] of [
      ['5', 2],
      ['-5', 2],
      ['7', 2],
      ['-7', 2],
      ['1', 3],
      ['-2', 3],
      ['6', 3],
      ['-6', -3],
      ['0', 7],
      ['2.5', -1],
    ] as const) {
      for (const mode of modes) {
        for (const dp of [0, 1, 2]) {
          const want = roundTo(new Dec(a).dividedBy(b), dp, mode);
          expect(divideRounded(new Dec(a), b, dp, mode).toFixed()).toBe(want.toFixed());
        }
      }
    }
  });
});
