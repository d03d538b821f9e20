// A calendar date written in a scenario (`date: 2018-01-16`), checked and shown as committee papers
// write it ("16 January 2018"). Read from the text, never from the clock.

import { digitsOnly } from './digits.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export type DateParse = { ok: true; text: string } | { ok: false; message: string; hint: string };

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** `2018-01-16` → ok; anything else, or a day the month does not have, → a message and a hint. */
export function parseDateText(text: string): DateParse {
  const t = text.trim();
  const hint = 'write the date of the paper as YYYY-MM-DD, e.g. 2018-01-16';
  // /^(\d{4})-(\d{2})-(\d{2})$/, read without a pattern
  if (
    t.length !== 10 ||
    t.charCodeAt(4) !== 45 ||
    t.charCodeAt(7) !== 45 ||
    !digitsOnly(t, 0, 4) ||
    !digitsOnly(t, 5, 7) ||
    !digitsOnly(t, 8)
  )
    return { ok: false, message: `expected a date like 2018-01-16, found \`${t}\``, hint };
  const [year, month, day] = [Number(t.slice(0, 4)), Number(t.slice(5, 7)), Number(t.slice(8))];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return { ok: false, message: `\`${text.trim()}\` is not a day of the calendar`, hint };
  return { ok: true, text: text.trim() };
}

/** `2018-01-16` → `16 January 2018`. The text must have passed `parseDateText`. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d ?? ''} ${MONTHS[(m ?? 1) - 1] ?? ''} ${y ?? ''}`;
}
