// The raw tree: what a file says, as plain objects whose leaves are strings (numbers keep their
// source text), booleans or null, plus a locator from each path to where it was written.

import type { Location } from '../diagnostics/diagnostic.js';

export type PathKey = string | number;
export type Path = readonly PathKey[];

/** Where each node of a raw tree was written: its value and, for map entries, its key. */
export interface SourceLocator {
  readonly file: string;
  /** The whole document (or row). */
  readonly whole: Location;
  /** The location of the value at `path`, or of its nearest written ancestor. */
  value(path: Path): Location;
  /** The location of the key that introduces `path`, falling back to its value. */
  key(path: Path): Location;
  /** True when something was written exactly at `path`. */
  has(path: Path): boolean;
}

/**
 * A span of a file's text, `start * 2^16 + end`, for a locator that turns it into a location only
 * when asked (see Locator.setValueSpan): a small integer, which V8 keeps in a map without
 * allocating. A span further into a file than that is located at once.
 */
type Span = number;
const SPAN_LIMIT = 0x8000;
/** A locator filled in as a document is walked (YAML). */
export class Locator implements SourceLocator {
  readonly #values = new Map<string, Location | Span>();
  readonly #keys = new Map<string, Location | Span>();

  /**
   * `locate`: the location of a span of the text, for the spans set with setValueSpan and
   * setKeySpan. A YAML file has far more keys and values than a run ever asks the location of, so
   * each is worked out (once) when first asked for.
   */
  constructor(
    readonly file: string,
    readonly whole: Location,
    private readonly locate?: (start: number, end: number) => Location,
  ) {}

  static keyOf(path: Path): string {
    return path.map((k) => (typeof k === 'number' ? `#${k}` : `.${k}`)).join('');
  }

  setValue(path: Path, loc: Location): void {
    this.#values.set(Locator.keyOf(path), loc);
  }

  setKey(path: Path, loc: Location): void {
    this.#keys.set(Locator.keyOf(path), loc);
  }

  /** The value at the path with this key string (Locator.keyOf) runs from `start` to `end` of the text. */
  setValueSpan(pathKey: string, start: number, end: number): void {
    this.#values.set(pathKey, this.#span(start, end));
  }

  /** The key of the path with this key string (Locator.keyOf) runs from `start` to `end` of the text. */
  setKeySpan(pathKey: string, start: number, end: number): void {
    this.#keys.set(pathKey, this.#span(start, end));
  }

  /** The location of the key of the path with this key string (Locator.keyOf), if one was set. */
  keyAt(pathKey: string): Location | undefined {
    return this.#found(this.#keys, pathKey);
  }

  /** The location of the value at `path`, or of its nearest written ancestor. */
  value(path: Path): Location {
    for (let n = path.length; n >= 0; n--) {
      const loc = this.#found(this.#values, Locator.keyOf(path.slice(0, n)));
      if (loc) return loc;
    }
    return this.whole;
  }

  /** The location of the key that introduces `path`, falling back to its value. */
  key(path: Path): Location {
    return this.#found(this.#keys, Locator.keyOf(path)) ?? this.value(path);
  }

  /** True when something was written exactly at `path`. */
  has(path: Path): boolean {
    return this.#values.has(Locator.keyOf(path));
  }

  /** The location kept under `pathKey`, a span made a location (and kept as one) the first time. */
  #found(map: Map<string, Location | Span>, pathKey: string): Location | undefined {
    const kept = map.get(pathKey);
    if (typeof kept !== 'number') return kept;
    const end = kept & 0xffff;
    const loc = (this.locate as (start: number, end: number) => Location)(kept >>> 16, end);
    map.set(pathKey, loc);
    return loc;
  }

  #span(start: number, end: number): Location | Span {
    return start < SPAN_LIMIT && end < 2 * SPAN_LIMIT
      ? start * 0x10000 + end
      : (this.locate as (start: number, end: number) => Location)(start, end);
  }
}

/** A parsed file: its tree and where each part was written. */
export interface RawDocument {
  readonly file: string;
  readonly tree: unknown;
  readonly locator: SourceLocator;
}

/** A null-prototype object: keys such as `__proto__` are plain data, never prototype changes. */
export const record = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;
