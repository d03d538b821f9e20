// Reading amounts as written by people: the grammar of an amount in a scenario file or CSV cell.
// Pure; returns the canonical text (for `moneyFromText`) or a reason it was refused.

import { isDigitCode as isDigit } from './digits.js';
import { MAX_DECIMAL_PLACES, MAX_DIGITS, plainDecimal } from './money.js';

const MINUS = 45;
const COMMA = 44;
const POINT = 46;
const OPEN = 40;
const CLOSE = 41;
const PERCENT = 37;
const DIGIT_0 = 48;
const NOT_PLAIN = -1;
const NON_ZERO = 1;

type AmountText =
  { readonly ok: true; readonly canonical: string } | { readonly ok: false; readonly message: string; readonly hint: string };

/**
 * True for text that `parseAmountText` would return unchanged as its canonical form: the common
 * case, plain digits with no grouping, brackets, spaces or negative zero (short enough that it
 * cannot have too many digits).
 */
export const isCanonicalAmount = (text: string): boolean => {
  if (text.length > MAX_DIGITS) return false;
  const p = plainDecimal(text);
  return p !== NOT_PLAIN && (p === NON_ZERO || text.charCodeAt(0) !== MINUS);
};

/**
 * Reads text[start, end) as a whole number, plain (`0` or `[1-9]\d*`) or grouped in threes
 * (`[1-9]\d{0,2}(,\d{3})+`), then an optional fraction (`\.\d+`), as the amount grammar writes
 * them. Returns the whole number without its commas and the fraction with its point, or undefined
 * when the text is neither.
 */
function unsignedNumber(text: string, start: number, end: number): { int: string; fraction: string; grouped: boolean } | undefined {
  let i = start;
  let commas = 0;
  let group = 0; // digits since the last comma (or the start)
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) group++;
    else if (c === COMMA) {
      // the first group has 1 to 3 digits, every later group 3
      if (commas === 0 ? group < 1 || group > 3 : group !== 3) return undefined;
      commas++;
      group = 0;
    } else break;
  }
  if (i === start || (commas > 0 && group !== 3)) return undefined;
  const first = text.charCodeAt(start);
  // no leading zero, but for the number 0 itself (never grouped)
  if (first === DIGIT_0 && (commas > 0 || i - start > 1)) return undefined;
  const intEnd = i;
  if (i < end) {
    if (text.charCodeAt(i) !== POINT || i + 1 === end) return undefined;
    for (i++; i < end; i++) if (!isDigit(text.charCodeAt(i))) return undefined;
  }
  const written = text.slice(start, intEnd);
  return { int: commas > 0 ? written.replaceAll(',', '') : written, fraction: text.slice(intEnd, end), grouped: commas > 0 };
}

const HINT =
  'write plain digits such as 1275 or -4755.50 (thousands commas like 135,053 and brackets like (4,755) are also accepted); units are set once by `units:`';

/**
 * Parses an amount: plain (`1275`, `-0.5`), grouped in threes (`135,053`), or bracketed for a
 * negative as in committee tables (`(4,755)`). Refuses exponents, `k`/`m` suffixes, currency signs,
 * leading zeros, `.5`, `_` separators and more than MAX_DIGITS digits: each could be misread.
 */
export function parseAmountText(raw: string): AmountText {
  const text = raw.trim();
  const n = text.length;
  const bracketed = n > 1 && text.charCodeAt(0) === OPEN && text.charCodeAt(n - 1) === CLOSE;
  const signed = !bracketed && text.charCodeAt(0) === MINUS;
  const m = bracketed ? unsignedNumber(text, 1, n - 1) : unsignedNumber(text, signed ? 1 : 0, n);
  if (!m) return { ok: false, message: `expected an amount, found ${describe(text)}`, hint: HINT };
  const sign = bracketed || signed ? '-' : '';
  const plain = !bracketed && !m.grouped;
  const intPart = m.int;
  const fraction = m.fraction;
  const all = intPart + fraction.slice(1);
  const significant = all.length - leadingZeros(all);
  if (significant > MAX_DIGITS) {
    return {
      ok: false,
      message: `amount has ${significant} significant digits; at most ${MAX_DIGITS} are allowed`,
      hint: 'check the figure: no council budget needs that many digits',
    };
  }
  if (fraction.length - 1 > MAX_DECIMAL_PLACES) return tooManyPlaces('amount', fraction.length - 1);
  const isZero = significant === 0;
  // plain text that is already canonical is returned as it is (no new string)
  if (plain && text === raw && !(isZero && sign)) return { ok: true, canonical: text };
  return { ok: true, canonical: `${isZero ? '' : sign}${intPart}${fraction}` };
}

/** The refusal for more decimal places than every sum and product can keep exactly. */
function tooManyPlaces(what: 'amount' | 'rate', places: number): { ok: false; message: string; hint: string } {
  return {
    ok: false,
    message: `${what} has ${places} decimal places; at most ${MAX_DECIMAL_PLACES} are allowed`,
    hint: `check the figure: mtfs keeps every sum exact for amounts and rates of up to ${MAX_DECIMAL_PLACES} decimal places`,
  };
}

function describe(text: string): string {
  if (text === '') return 'an empty value';
  if (/^[-+]?\d*\.?\d+e[-+]?\d+$/i.test(text)) return `\`${text}\` (exponent notation is ambiguous)`;
  if (/\d[km]$/i.test(text)) return `\`${text}\` (a k/m suffix is ambiguous)`;
  if (/^[£$€]/.test(text) || /^-[£$€]/.test(text)) return `\`${text}\` (a currency sign)`;
  return `\`${text.length > 40 ? `${text.slice(0, 40)}…` : text}\``;
}

type RateText = { readonly ok: true; readonly canonical: string } | { readonly ok: false; readonly message: string; readonly hint: string };

/**
 * Parses a rate written as a decimal fraction (`0.035`) or a percentage (`3.5%`); the canonical
 * text is always the fraction. Pure text manipulation: no JS number is involved.
 */
export function parseRateText(raw: string): RateText {
  const text = raw.trim();
  const percent = text.charCodeAt(text.length - 1) === PERCENT;
  const end = percent ? text.length - 1 : text.length;
  const signed = text.charCodeAt(0) === MINUS;
  const m = unsignedNumber(text, signed ? 1 : 0, end);
  if (!m || m.grouped) {
    return {
      ok: false,
      message: `expected a rate, found ${describe(text)}`,
      hint: 'write a fraction such as 0.035 or a percentage such as 3.5%',
    };
  }
  let intPart = m.int;
  let frac = m.fraction.slice(1);
  if (intPart.length + frac.length - leadingZeros(intPart + frac) > MAX_DIGITS) {
    return { ok: false, message: `rate has more than ${MAX_DIGITS} digits`, hint: 'check the figure' };
  }
  if (percent) {
    // shift the decimal point two places left, exactly, as text
    const whole = intPart.padStart(3, '0');
    frac = whole.slice(-2) + frac;
    const int = whole.slice(0, -2);
    intPart = int.slice(Math.min(leadingZeros(int), int.length - 1));
  }
  let fracEnd = frac.length;
  while (fracEnd > 0 && frac.charCodeAt(fracEnd - 1) === DIGIT_0) fracEnd--;
  frac = frac.slice(0, fracEnd);
  if (frac.length > MAX_DECIMAL_PLACES) return tooManyPlaces('rate', frac.length);
  const digits = intPart + frac;
  const isZero = leadingZeros(digits) === digits.length;
  return { ok: true, canonical: `${isZero || !signed ? '' : '-'}${intPart}${frac ? `.${frac}` : ''}` };
}

/** How many `0`s `digits` starts with. */
function leadingZeros(digits: string): number {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === DIGIT_0) i++;
  return i;
}
