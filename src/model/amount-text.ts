// Reading amounts as written by people: the grammar of an amount in a scenario file or CSV cell.
// Pure; returns the canonical text (for `moneyFromText`) or a reason it was refused.

import { MAX_DECIMAL_PLACES, MAX_DIGITS } from './money.js';

type AmountText =
  { readonly ok: true; readonly canonical: string } | { readonly ok: false; readonly message: string; readonly hint: string };

const PLAIN = /^(-)?(0|[1-9]\d*)(\.\d+)?$/;
const GROUPED = /^(-)?([1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?$/;
const BRACKETED = /^\((0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?\)$/;

/** Plain digits already in canonical form: no grouping, brackets, spaces or negative zero. */
const CANONICAL = /^(-(?=0*[1-9]|0*\.\d*[1-9]))?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * True for text that `parseAmountText` would return unchanged as its canonical form: the common
 * case, checked with one regex (short enough that it cannot have too many digits).
 */
export const isCanonicalAmount = (text: string): boolean => text.length <= MAX_DIGITS && CANONICAL.test(text);

const HINT =
  'write plain digits such as 1275 or -4755.50 (thousands commas like 135,053 and brackets like (4,755) are also accepted); units are set once by `units:`';

/**
 * Parses an amount: plain (`1275`, `-0.5`), grouped in threes (`135,053`), or bracketed for a
 * negative as in committee tables (`(4,755)`). Refuses exponents, `k`/`m` suffixes, currency signs,
 * leading zeros, `.5`, `_` separators and more than MAX_DIGITS digits: each could be misread.
 */
export function parseAmountText(raw: string): AmountText {
  const text = raw.trim();
  let sign = '';
  let intPart: string;
  let fraction: string;
  let m = PLAIN.exec(text);
  const plain = m !== null;
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
  } else {
    return { ok: false, message: `expected an amount, found ${describe(text)}`, hint: HINT };
  }
  const all = intPart + fraction.slice(1);
  let leadingZeros = 0;
  while (leadingZeros < all.length && all.charCodeAt(leadingZeros) === 48) leadingZeros++;
  const significant = all.length - leadingZeros;
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

const RATE = /^(-)?(0|[1-9]\d*)(\.\d+)?(%)?$/;

/**
 * Parses a rate written as a decimal fraction (`0.035`) or a percentage (`3.5%`); the canonical
 * text is always the fraction. Pure text manipulation: no JS number is involved.
 */
export function parseRateText(raw: string): RateText {
  const text = raw.trim();
  const m = RATE.exec(text);
  if (!m) {
    return {
      ok: false,
      message: `expected a rate, found ${describe(text)}`,
      hint: 'write a fraction such as 0.035 or a percentage such as 3.5%',
    };
  }
  const digits = ((m[2] ?? '') + (m[3] ?? '').slice(1)).replace(/^0+/, '');
  if (digits.length > MAX_DIGITS) {
    return { ok: false, message: `rate has more than ${MAX_DIGITS} digits`, hint: 'check the figure' };
  }
  const sign = m[1] ?? '';
  let intPart = m[2] ?? '0';
  let frac = (m[3] ?? '').slice(1);
  if (m[4]) {
    // shift the decimal point two places left, exactly, as text
    const whole = intPart.padStart(3, '0');
    frac = whole.slice(-2) + frac;
    intPart = whole.slice(0, -2).replace(/^0+(?=\d)/, '');
  }
  frac = frac.replace(/0+$/, '');
  if (frac.length > MAX_DECIMAL_PLACES) return tooManyPlaces('rate', frac.length);
  const isZero = /^0*$/.test(intPart + frac);
  return { ok: true, canonical: `${isZero ? '' : sign}${intPart}${frac ? `.${frac}` : ''}` };
}
