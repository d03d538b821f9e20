// The amount and rate readers (src/model/amount-text.ts, plainDecimal in src/model/money.ts) read
// text character by character; here they are compared with the regular expressions that state
// the grammar, on random text made of the characters that grammar uses and on chosen cases.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalAmount, parseAmountText, parseRateText } from '../../src/model/amount-text.js';
import { MAX_DECIMAL_PLACES, MAX_DIGITS, moneyFromText, plainDecimal, rateFromText } from '../../src/model/money.js';

// The grammar as regular expressions, as mtfs read it before.
const PLAIN = /^(-)?(0|[1-9]\d*)(\.\d+)?$/;
const GROUPED = /^(-)?([1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?$/;
const BRACKETED = /^\((0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?\)$/;
const CANONICAL = /^(-(?=0*[1-9]|0*\.\d*[1-9]))?(0|[1-9]\d*)(\.\d+)?$/;
const RATE = /^(-)?(0|[1-9]\d*)(\.\d+)?(%)?$/;

/** parseAmountText by the patterns: the canonical text, or undefined when refused. */
function amountByPattern(raw: string): string | undefined {
  const text = raw.trim();
  let sign = '';
  let intPart: string;
  let fraction: string;
  let m = PLAIN.exec(text);
  if (m) {
    sign = m[1] ?? '';
    intPart = m[2] ?? '';
    fraction = m[3] ?? '';
  } else if ((m = GROUPED.exec(text))) {
    sign = m[1] ?? '';
    intPart = (m[2] ?? '').replaceAll(',', '');
    fraction = m[3] ?? '';
  } else if ((m = BRACKETED.exec(text))) {
    sign = '-';
    intPart = (m[1] ?? '').replaceAll(',', '');
    fraction = m[2] ?? '';
  } else return undefined;
  const significant = (intPart + fraction.slice(1)).replace(/^0+/, '').length;
  if (significant > MAX_DIGITS || fraction.length - 1 > MAX_DECIMAL_PLACES) return undefined;
  return `${significant === 0 ? '' : sign}${intPart}${fraction}`;
}

/** parseRateText by the patterns: the canonical text, or undefined when refused. */
function rateByPattern(raw: string): string | undefined {
  const m = RATE.exec(raw.trim());
  if (!m) return undefined;
  if (((m[2] ?? '') + (m[3] ?? '').slice(1)).replace(/^0+/, '').length > MAX_DIGITS) return undefined;
  let intPart = m[2] ?? '0';
  let frac = (m[3] ?? '').slice(1);
  if (m[4]) {
    const whole = intPart.padStart(3, '0');
    frac = whole.slice(-2) + frac;
    intPart = whole.slice(0, -2).replace(/^0+(?=\d)/, '');
  }
  frac = frac.replace(/0+$/, '');
  if (frac.length > MAX_DECIMAL_PLACES) return undefined;
  const isZero = /^0*$/.test(intPart + frac);
  return `${isZero ? '' : (m[1] ?? '')}${intPart}${frac ? `.${frac}` : ''}`;
}

/** Text made of the characters the grammar uses (and a few it refuses), often number-like. */
const numberish = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789,.-()% e£+_'), maxLength: 16 }),
  fc.string({ unit: fc.constantFrom(...'0001123456789,,.-'), maxLength: 40 }),
  fc
    .tuple(
      fc.constantFrom('', '-', '(', ' '),
      fc.bigInt({ min: 0n, max: 10n ** 30n }),
      fc.boolean(),
      fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 35 }),
      fc.constantFrom('', ')', '%', ' ', '.'),
    )
    .map(([before, int, grouped, frac, after]) => {
      const digits = grouped ? int.toLocaleString('en-GB') : int.toString();
      return `${before}${digits}${frac ? `.${frac}` : ''}${after}`;
    }),
);

// prettier-ignore
const CASES = [
  '', '-', '0', '-0', '00', '0.0', '-0.0', '-0.01', '1.', '.5', '1.2.3', '1,', ',123', '1,234', '1,234,', '12,34', '1,2345',
  '0,123', '1234,567', '(4,755)', '(0)', '()', '(', ')', '(-5)', '-(5)', '(5', '5)', ' 42 ', '5%', '5%%', '%', '-%', '0.5%',
  '-3.5%', '100%', '0%', '-0%', '1,000%', '007%', '1'.repeat(24), '1'.repeat(25), `0.${'1'.repeat(30)}`, `0.${'1'.repeat(31)}`,
  `${'0'.repeat(30)}1`, '٣', '１２', '1e3',
];

/** `read` gives what `byPattern` gives on every chosen case and on random number-like text. */
function agrees<T>(read: (text: string) => T, byPattern: (text: string) => T): void {
  for (const text of CASES) expect(read(text), text).toBe(byPattern(text));
  fc.assert(
    fc.property(numberish, (text) => {
      expect(read(text)).toBe(byPattern(text));
    }),
    { numRuns: 5000 },
  );
}

const canonicalOf = (r: { ok: true; canonical: string } | { ok: false }): string | undefined => (r.ok ? r.canonical : undefined);

describe('the amount and rate readers', () => {
  it('read amounts as the patterns do', () => {
    agrees((text) => canonicalOf(parseAmountText(text)), amountByPattern);
  });

  it('say an amount is canonical as the pattern does', () => {
    agrees(isCanonicalAmount, (text) => text.length <= MAX_DIGITS && CANONICAL.test(text));
  });

  it('read rates as the patterns do', () => {
    agrees((text) => canonicalOf(parseRateText(text)), rateByPattern);
  });

  it('make decimals only from plain decimal text', () => {
    const plain = /^-?(0|[1-9]\d*)(\.\d+)?$/;
    for (const text of CASES) {
      expect(plainDecimal(text) >= 0, text).toBe(plain.test(text));
      if (plain.test(text)) expect(moneyFromText(text).toFixed(), text).toBe(rateFromText(text).toFixed());
      else expect(() => moneyFromText(text), text).toThrow();
    }
    fc.assert(
      fc.property(numberish, (text) => {
        expect(plainDecimal(text) >= 0).toBe(plain.test(text));
        if (plain.test(text)) expect(plainDecimal(text)).toBe(/[1-9]/.test(text) ? 1 : 0);
      }),
      { numRuns: 5000 },
    );
  });
});
