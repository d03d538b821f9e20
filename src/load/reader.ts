// The loader's only window on the file system: a function the CLI supplies. Keeps load/ pure and
// lets tests load scenarios from memory.

import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | {
      readonly ok: false;
      /** `over-limit`: larger than the `maxBytes` the caller would take; not read. */
      readonly reason: 'not-found' | 'is-directory' | 'not-a-file' | 'too-large' | 'over-limit' | 'unreadable';
      readonly detail?: string;
    };

/**
 * Reads a file by the path as the user (or a scenario) wrote it, relative to the working folder.
 * A file of more than `maxBytes` is not read (`over-limit`): its size is checked first.
 */
export type FileReader = (file: string, maxBytes?: number) => ReadResult;

/** A reader over an in-memory map of files, for tests and generated scenarios. */
export const memoryReader =
  (files: ReadonlyMap<string, string>): FileReader =>
  (file, maxBytes) => {
    const text = files.get(file);
    if (text === undefined) return { ok: false, reason: 'not-found' };
    const bytes = new TextEncoder().encode(text);
    return maxBytes !== undefined && bytes.length > maxBytes ? { ok: false, reason: 'over-limit' } : { ok: true, bytes };
  };

/** A path written in `from` (relative to its folder, or absolute), as the loader should read it. */
export const relativeTo = (from: string, written: string): string =>
  path.isAbsolute(written) ? path.normalize(written) : path.join(path.dirname(from), written);

/** A value loaded from files: absent when there were errors, with the text of every file read. */
export interface Loaded<T> {
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
  /** Text of every file read, by file name, for diagnostic excerpts. */
  readonly sources: ReadonlyMap<string, string>;
}
