// Exact numbers written for people: thousands grouped with commas and an explicit sign, with no
// rounding (reports' messages use these; display rounding is render/number.ts's alone).

import { digitsOnly } from './digits.js';
import type { Dec as Decimal } from './money.js';

/**
 * Groups the integer part in threes with commas: 1234567.5 → 1,234,567.5 (sign excluded). Digits
 * are grouped by counting from the right (a pattern with a lookahead costs a scan of the rest of the
 * digits at every position, in the many numbers a report writes); anything else by that pattern.
 */
export function group(plainAbs: string): string {
  const [int = '0', frac] = plainAbs.split('.');
  let grouped: string;
  if (digitsOnly(int)) {
    let first = int.length % 3 || 3;
    grouped = int.slice(0, first);
    for (; first < int.length; first += 3) grouped += `,${int.slice(first, first + 3)}`;
  } else grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

/**
 * Exact value with grouping and a leading minus: -4,755 (no rounding). `minDecimals` pads with
 * zeros, never rounds: pounds and pence as 1,802.80.
 */
export function formatPlainGrouped(d: Decimal, minDecimals = 0): string {
  if (d.isZero() && minDecimals === 0) return '0';
  return `${d.isNegative() ? '-' : ''}${group(d.abs().toFixed(Math.max(d.decimalPlaces(), minDecimals)))}`;
}

/** Pounds and pence are written with two decimals; other figures exactly as they are. */
export const penceOf = (units: string | undefined): number => (units === '£' ? 2 : 0);

/** Exact value with an explicit sign: +10, -4,755, 0. */
export function formatSigned(d: Decimal): string {
  if (d.isZero()) return '0';
  return `${d.isNegative() ? '-' : '+'}${group(d.abs().toFixed())}`;
}
