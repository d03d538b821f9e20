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

/** A locator filled in as a document is walked (YAML). */
export class Locator implements SourceLocator {
  readonly #values = new Map<string, Location>();
  readonly #keys = new Map<string, Location>();

  constructor(
    readonly file: string,
    readonly whole: Location,
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

  /** setValue by the path's key string (Locator.keyOf), for a walk that builds it as it goes. */
  setValueAt(pathKey: string, loc: Location): void {
    this.#values.set(pathKey, loc);
  }

  /** setKey by the path's key string (Locator.keyOf). */
  setKeyAt(pathKey: string, loc: Location): void {
    this.#keys.set(pathKey, loc);
  }

  /** The location set by setKey for the path with this key string, if any. */
  keyAt(pathKey: string): Location | undefined {
    return this.#keys.get(pathKey);
  }

  /** The location of the value at `path`, or of its nearest written ancestor. */
  value(path: Path): Location {
    for (let n = path.length; n >= 0; n--) {
      const loc = this.#values.get(Locator.keyOf(path.slice(0, n)));
      if (loc) return loc;
    }
    return this.whole;
  }

  /** The location of the key that introduces `path`, falling back to its value. */
  key(path: Path): Location {
    return this.#keys.get(Locator.keyOf(path)) ?? this.value(path);
  }

  /** True when something was written exactly at `path`. */
  has(path: Path): boolean {
    return this.#values.has(Locator.keyOf(path));
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
