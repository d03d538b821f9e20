// A running exact total of amounts written as decimal text, for the totals path that adds up large
// line tables: a scaled integer (the total × 10^places) held in a JS Number while it stays a safe
// integer, and in a BigInt once it would not. Exact in every case; decimal.js is the reference.

/** Powers of ten that are safe integers, 10^0 … 10^15. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Canonical amount text: `-?(0|[1-9]\d*)(\.\d+)?`, as `parseAmountText` writes it. */
const CANONICAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * An exact sum of canonical decimal texts. `add` takes text that has passed the amount schema
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
