// The CLI's only contact with the outside world: files, stdout/stderr, terminal detection. Tests
// replace it with an in-memory Io; everything else in mtfs is pure.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileReader } from '../load/reader.js';
import { MAX_INPUT_BYTES } from '../source/text.js';

type WriteResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: FileReader;
  /** Writes a whole file or nothing: a temporary file in the same folder, then a rename. */
  readonly writeFileAtomic: (file: string, data: string | Uint8Array) => WriteResult;
  /** True when two paths name the same existing file (after links and `..`). */
  readonly sameFile: (a: string, b: string) => boolean;
  readonly color: boolean;
  /** True when stderr is an interactive terminal (progress bars go there). */
  readonly interactive: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--bom`: CSV output starts with a UTF-8 byte-order mark, so that Excel reads £ and – correctly. */
  readonly csvBom?: boolean;
}

export const nodeReader: FileReader = (file) => {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { ok: false, reason: 'is-directory' };
    // a device or a pipe has no size to check: /dev/zero would be read until memory ran out, a FIFO wait forever
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > MAX_INPUT_BYTES) return { ok: false, reason: 'too-large' };
    return { ok: true, bytes: fs.readFileSync(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'not-found' };
    if (code === 'EISDIR') return { ok: false, reason: 'is-directory' };
    return { ok: false, reason: 'unreadable', detail: code ?? 'unknown error' };
  }
};

export function writeFileAtomic(file: string, data: string | Uint8Array): WriteResult {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const existing = fs.statSync(file, { throwIfNoEntry: false });
    if (existing?.isDirectory()) {
      return { ok: false, message: `${file} is a folder` };
    }
    if (existing && !existing.isFile()) {
      // the rename would replace the device or pipe itself (as root, --output /dev/null would)
      return {
        ok: false,
        message: `${file} is not a regular file (a device, a pipe or a socket); leave out --output to write to standard output`,
      };
    }
    const fd = fs.openSync(tmp, 'wx', 0o644);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return { ok: true };
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing more can be done; the temporary file name says what it is
    }
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `the folder ${dir} does not exist` : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    return { ok: false, message: `cannot write ${file}: ${why}` };
  }
}

export function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

export function nodeIo(): Io {
  const env = process.env;
  const tty = process.stdout.isTTY === true;
  const color = tty && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: nodeReader,
    writeFileAtomic,
    sameFile,
    color,
    interactive: process.stderr.isTTY === true,
    env,
  };
}
