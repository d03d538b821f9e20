// ASCII digits read without a regular expression (a short run compiles every pattern it uses): the
// one check the amount, rate, date, financial-year, number and population readers share.

/** True for the character code of an ASCII digit, 0–9. */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** True when text[from, to) is ASCII digits only (and when it is empty), as /^\d*$/ says of it. */
export function digitsOnly(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) if (!isDigitCode(text.charCodeAt(i))) return false;
  return true;
}
