// A running exact total of amounts written as decimal text (the totals path that adds up large line
// tables) or held as decimals (the sums of many lines' levels): a scaled integer (the total ×
// 10^places) held in a JS Number while it stays a safe integer, and in a BigInt once it would not.
// Exact in every case; decimal.js is the reference.

/** Powers of ten that are safe integers, 10^0 … 10^15. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Canonical amount text: `-?(0|[1-9]\d*)(\.\d+)?`, as `parseAmountText` writes it. */
const CANONICAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * A decimal.js value as its documented instance properties: `d`, the digits in words of seven
 * (base 10^7), aligned on the decimal point and without trailing zero words; `e`, the exponent of
 * the first digit; `s`, the sign. `d` is null for NaN and the infinities.
 */
export interface DecimalParts {
  readonly d: readonly number[] | null;
  readonly e: number;
  readonly s: number;
}

/** Digits in one word of a decimal.js value. */
const WORD = 7;

/**
 * An exact sum of canonical decimal texts or of decimals. `add` takes text that has passed the amount schema
 * (`1234.5`, `-0.05`, `-0`); `text()` gives the total as plain canonical text (no exponent, no
 * trailing zeros, `0` never `-0`). The scale is the most decimal places of any amount added.
 */
export class ExactSum {
  /** Decimal places of the scaled total. */
  #places = 0;
  /** The total × 10^places while a safe integer; undefined once the BigInt holds it. */
  #small: number | undefined = 0;
  #big = 0n;

  add(text: string): void {
    if (!this.tryAdd(text)) throw new Error(`not canonical amount text: ${text}`);
  }

  /** Adds canonical amount text and returns true; returns false, adding nothing, for any other text. */
  tryAdd(text: string): boolean {
    if (!CANONICAL.test(text)) return false;
    const dot = text.indexOf('.');
    const places = dot < 0 ? 0 : text.length - dot - 1;
    if (places > this.#places) this.#rescale(places);
    const shift = this.#places - places;
    const negative = text.charCodeAt(0) === 45; // '-'
    const length = text.length - (negative ? 1 : 0) - (dot < 0 ? 0 : 1);
    if (this.#small !== undefined && length + shift <= 15) {
      // at most 15 digits: read digit by digit, exactly, and the product is below 10^15
      let digits = 0;
      for (let k = negative ? 1 : 0; k < text.length; k++) if (k !== dot) digits = digits * 10 + (text.charCodeAt(k) - 48);
      const scaled = (negative ? -digits : digits) * (POW10[shift] as number);
      const total = this.#small + scaled;
      // both terms are safe integers, so the double sum is exact whenever the exact sum is safe
      if (Number.isSafeInteger(total)) {
        this.#small = total;
        return true;
      }
    }
    this.#toBig();
    this.#big += BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1)) * 10n ** BigInt(shift);
    return true;
  }

  /** Adds a finite decimal (`negate`: its negation); throws for NaN and the infinities. */
  addDecimal(x: DecimalParts, negate = false): void {
    const d = x.d;
    if (d === null || d.length === 0) throw new Error('not a finite decimal');
    const last = d.length - 1;
    const lastWord = d[last] as number;
    if (last === 0 && lastWord === 0) return; // zero (or -0)
    // the first word is worth 10^(7k); the words after the decimal point are the last `fraction`
    const k = Math.floor(x.e / WORD);
    const fraction = last - k;
    let trailing = 0;
    // decimal.js strips trailing zero words; a zero last word, were one given, counts no trailing zeros
    if (fraction > 0) for (let w = lastWord; w !== 0 && w % 10 === 0; w /= 10) trailing++;
    const places = fraction > 0 ? WORD * fraction - trailing : 0;
    if (places > this.#places) this.#rescale(places);
    const shift = this.#places - places;
    const negative = x.s < 0 !== negate;
    // the value × 10^places is a whole number of e + 1 + places digits
    if (this.#small !== undefined && x.e + 1 + places + shift <= 15) {
      // every term and partial sum is a whole number below 10^15: exact in a double
      let digits = fraction > 0 ? lastWord / (POW10[trailing] as number) : lastWord * (POW10[WORD * (k - last)] as number);
      for (let i = 0; i < last; i++) digits += (d[i] as number) * (POW10[WORD * (k - i) + places] as number);
      const total = this.#small + (negative ? -digits : digits) * (POW10[shift] as number);
      if (Number.isSafeInteger(total)) {
        this.#small = total;
        return;
      }
    }
    let digits = fraction > 0 ? BigInt(lastWord) / 10n ** BigInt(trailing) : BigInt(lastWord) * 10n ** BigInt(WORD * (k - last));
    for (let i = 0; i < last; i++) digits += BigInt(d[i] as number) * 10n ** BigInt(WORD * (k - i) + places);
    this.#toBig();
    this.#big += (negative ? -digits : digits) * 10n ** BigInt(shift);
  }

  /** True while nothing but zeros has been added, or the total is zero. */
  isZero(): boolean {
    return this.#small !== undefined ? this.#small === 0 : this.#big === 0n;
  }

  /** The total as plain canonical decimal text. */
  text(): string {
    const scaled = this.#small !== undefined ? BigInt(this.#small) : this.#big;
    if (scaled === 0n) return '0';
    const negative = scaled < 0n;
    const digits = (negative ? -scaled : scaled).toString().padStart(this.#places + 1, '0');
    const whole = digits.slice(0, digits.length - this.#places);
    const fraction = digits.slice(digits.length - this.#places).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  /** Moves the total to `places` decimal places (more than it has). */
  #rescale(places: number): void {
    const shift = places - this.#places;
    this.#places = places;
    if (this.#small !== undefined && shift <= 15) {
      const scaled = this.#small * (POW10[shift] as number);
      if (Number.isSafeInteger(scaled)) {
        this.#small = scaled;
        return;
      }
      // the product may have rounded: redo it exactly
      this.#big = BigInt(this.#small) * 10n ** BigInt(shift);
      this.#small = undefined;
      return;
    }
    this.#toBig();
    this.#big *= 10n ** BigInt(shift);
  }

  #toBig(): void {
    if (this.#small === undefined) return;
    this.#big = BigInt(this.#small);
    this.#small = undefined;
  }
}
