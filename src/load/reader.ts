// The loader's only window on the file system: a function the CLI supplies. Keeps load/ pure and
// lets tests load scenarios from memory.

import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | {
      readonly ok: false;
      readonly reason: 'not-found' | 'is-directory' | 'not-a-file' | 'too-large' | 'unreadable';
      readonly detail?: string;
    };

/** Reads a file by the path as the user (or a scenario) wrote it, relative to the working folder. */
export type FileReader = (file: string) => ReadResult;

/** A reader over an in-memory map of files, for tests and generated scenarios. */
export const memoryReader =
  (files: ReadonlyMap<string, string>): FileReader =>
  (file) => {
    const text = files.get(file);
    return text === undefined ? { ok: false, reason: 'not-found' } : { ok: true, bytes: new TextEncoder().encode(text) };
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
