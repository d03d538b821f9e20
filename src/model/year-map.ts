// A figure for each year of a period, read like a Map: the years (one array shared by every line of
// a scenario) and the figures beside them. A line table of 100,000 lines keeps a map of levels for
// each line, and a projection a map of levels and one of changes for each: this holds the same
// entries, in the same order, in less than half a Map's memory. Immutable; no I/O.

import type { FiscalYear } from './fiscal-year.js';

export class YearMap<V> implements ReadonlyMap<FiscalYear, V> {
  readonly #years: readonly FiscalYear[];
  readonly #values: readonly V[];

  /** `values[i]` is the figure of `years[i]`; the years are distinct. */
  constructor(years: readonly FiscalYear[], values: readonly V[]) {
    if (values.length !== years.length) throw new Error(`YearMap: ${values.length} figures for ${years.length} years`);
    this.#years = years;
    this.#values = values;
  }

  get size(): number {
    return this.#years.length;
  }

  get(year: FiscalYear): V | undefined {
    const i = this.#years.indexOf(year);
    return i < 0 ? undefined : this.#values[i];
  }

  has(year: FiscalYear): boolean {
    return this.#years.includes(year);
  }

  forEach(callback: (value: V, year: FiscalYear, map: ReadonlyMap<FiscalYear, V>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.#years.length; i++) callback.call(thisArg, this.#values[i] as V, this.#years[i] as FiscalYear, this);
  }

  *entries(): MapIterator<[FiscalYear, V]> {
    for (let i = 0; i < this.#years.length; i++) yield [this.#years[i] as FiscalYear, this.#values[i] as V];
  }

  *keys(): MapIterator<FiscalYear> {
    yield* this.#years;
  }

  *values(): MapIterator<V> {
    yield* this.#values;
  }

  [Symbol.iterator](): MapIterator<[FiscalYear, V]> {
    return this.entries();
  }
}

/**
 * `map` as a YearMap over `years` when it holds exactly those years in that order (its iteration
 * order is kept); undefined otherwise.
 */
export function yearMapOf<V>(years: readonly FiscalYear[], map: ReadonlyMap<FiscalYear, V>): YearMap<V> | undefined {
  if (map.size !== years.length) return undefined;
  // an array of exactly its length (an array grown by push keeps room for more)
  const values = new Array<V>(years.length);
  let i = 0;
  for (const [y, v] of map) {
    if (y !== years[i]) return undefined;
    values[i++] = v;
  }
  return new YearMap(years, values);
}
