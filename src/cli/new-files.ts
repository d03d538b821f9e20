// Writing new files into a folder (`mtfs init`, `mtfs import`): never over an existing file, the
// folder created if need be, each file atomically. Reports what went wrong; true when all written.

import fs from 'node:fs';
import { error } from '../diagnostics/diagnostic.js';
import type { Io } from './io.js';
import { report } from './output.js';

export interface NewFile {
  readonly file: string;
  readonly text: string;
}

export function writeNewFiles(io: Io, folder: string, files: readonly NewFile[]): boolean {
  const existing = files.filter((t) => fs.existsSync(t.file));
  if (existing.length > 0) {
    report(
      io,
      existing.map((t) =>
        error('output', `refusing to write ${t.file}: it already exists`, undefined, 'choose another folder, or move the file away first'),
      ),
      new Map(),
    );
    return false;
  }
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    report(io, [error('output', `cannot create the folder ${folder}: ${code}`, undefined, 'choose a folder you can write to')], new Map());
    return false;
  }
  for (const t of files) {
    const r = io.writeFileAtomic(t.file, t.text);
    if (!r.ok) {
      report(io, [error('output', r.message, undefined, 'check that the folder exists and is writable')], new Map());
      return false;
    }
  }
  return true;
}
