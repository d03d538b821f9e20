// The CLI's only contact with the outside world: files, stdout/stderr, terminal detection. Tests
// replace it with an in-memory Io; everything else in mtfs is pure.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FileReader } from '../load/reader.js';
import { MAX_INPUT_BYTES } from '../source/text.js';
import { expectLongRun, LONG_RUN_BYTES } from './tiering.js';

type WriteResult = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly hint?: string };

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: FileReader;
  /** Writes a whole file or nothing: a temporary file in the same folder, then a rename. */
  readonly writeFileAtomic: (file: string, data: string | Uint8Array) => WriteResult;
  /** Writes every file or none (see `writeFilesAtomic`): all of one command's outputs. */
  readonly writeFilesAtomic: (files: readonly FileToWrite[]) => WriteResult;
  /** True when two paths name the same existing file (after links and `..`). */
  readonly sameFile: (a: string, b: string) => boolean;
  readonly color: boolean;
  /** True when stderr is an interactive terminal (progress bars go there). */
  readonly interactive: boolean;
  /** The width of the terminal that stdout or stderr is, for help text; none (80 columns) otherwise. */
  readonly columns?: { readonly stdout?: number; readonly stderr?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--bom`: CSV output starts with a UTF-8 byte-order mark, so that Excel reads £ and – correctly. */
  readonly csvBom?: boolean;
  /** The most bytes of memory Node allows this process (V8's heap limit); none known: no limit is checked. */
  readonly heapLimit?: () => number | undefined;
}

/** Bytes read by nodeReader in this process: a run that reads much is a long one (see tiering.ts). */
let bytesRead = 0;

export const nodeReader: FileReader = (file, maxBytes) => {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { ok: false, reason: 'is-directory' };
    // a device or a pipe has no size to check: /dev/zero would be read until memory ran out, a FIFO wait forever
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > MAX_INPUT_BYTES) return { ok: false, reason: 'too-large' };
    if (maxBytes !== undefined && st.size > maxBytes) return { ok: false, reason: 'over-limit' };
    bytesRead += st.size;
    if (bytesRead > LONG_RUN_BYTES) expectLongRun();
    return { ok: true, bytes: fs.readFileSync(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'not-found' };
    if (code === 'EISDIR') return { ok: false, reason: 'is-directory' };
    return { ok: false, reason: 'unreadable', detail: code ?? 'unknown error' };
  }
};

/** One file of a command's output. */
export interface FileToWrite {
  readonly file: string;
  readonly data: string | Uint8Array;
}

/** Writes a whole file or nothing: a temporary file in the same folder, then a rename. */
export const writeFileAtomic = (file: string, data: string | Uint8Array): WriteResult => writeFilesAtomic([{ file, data }]);

/**
 * Writes every file or none: each goes to a temporary file in its own folder first, and only when
 * all are written are they renamed into place. With several files, each target that existed is
 * kept (as a hard link) until every rename succeeded, so a failed rename restores them all and
 * removes the new ones: a failure leaves no new file and no changed one.
 */
export function writeFilesAtomic(files: readonly FileToWrite[]): WriteResult {
  const staged: { readonly file: string; readonly tmp: string; readonly existed: boolean }[] = [];
  const removeAll = (paths: readonly string[]): void => {
    for (const p of paths) {
      try {
        fs.rmSync(p, { force: true });
      } catch {
        // nothing more can be done; the temporary file name says what it is
      }
    }
  };
  for (const { file, data } of files) {
    try {
      const existing = fs.statSync(file, { throwIfNoEntry: false });
      if (existing?.isDirectory()) {
        removeAll(staged.map((s) => s.tmp));
        return { ok: false, message: `${file} is a folder` };
      }
      if (existing && !existing.isFile()) {
        // the rename would replace the device or pipe itself (as root, --output /dev/null would)
        removeAll(staged.map((s) => s.tmp));
        return {
          ok: false,
          message: `${file} is not a regular file (a device, a pipe or a socket); leave out --output to write to standard output`,
        };
      }
      const { name: tmp, made: fd } = createTemporary(file, 'tmp', (name) => fs.openSync(name, 'wx', 0o644));
      staged.push({ file, tmp, existed: existing !== undefined });
      try {
        fs.writeFileSync(fd, data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      removeAll(staged.map((s) => s.tmp));
      return writeFailure(file, e);
    }
  }
  const keep = staged.length > 1;
  const done: { readonly file: string; readonly backup: string | undefined }[] = [];
  let current = staged[0]?.file ?? '';
  try {
    for (const s of staged) {
      current = s.file;
      const backup = keep && s.existed ? createTemporary(s.file, 'old', (name) => fs.linkSync(s.file, name)).name : undefined;
      try {
        fs.renameSync(s.tmp, s.file);
      } catch (e) {
        if (backup) fs.rmSync(backup, { force: true });
        throw e;
      }
      done.push({ file: s.file, backup });
    }
  } catch (e) {
    for (const d of done.reverse()) {
      try {
        if (d.backup) fs.renameSync(d.backup, d.file);
        else fs.rmSync(d.file, { force: true });
      } catch {
        // the backup keeps the earlier content under its own name
      }
    }
    removeAll(staged.map((s) => s.tmp));
    return writeFailure(current, e);
  }
  removeAll(done.flatMap((d) => (d.backup ? [d.backup] : [])));
  return { ok: true };
}

/** How many temporary names this process has given. */
let temporaries = 0;

/**
 * Makes a temporary file beside `file` with `create` (which must fail with EEXIST when the name is
 * taken): `.<name>.<kind>-<process id>-<n>`. No other running process has this process's id, and n
 * counts this one's temporary files; a file of that name left by an earlier process with the same
 * id is never overwritten or removed: the next n is tried. (Not random: a run reads no clock and no
 * random source, and loading node:crypto for random names cost commands that write files a few
 * milliseconds.)
 */
function createTemporary<T>(file: string, kind: 'tmp' | 'old', create: (name: string) => T): { readonly name: string; readonly made: T } {
  for (let tries = 1; ; tries++) {
    const name = path.join(path.dirname(file), `.${path.basename(file)}.${kind}-${process.pid}-${temporaries++}`);
    try {
      return { name, made: create(name) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= 1000) throw e;
    }
  }
}

/** What went wrong, by the system's error code, and what to do about it. */
function writeFailure(file: string, e: unknown): WriteResult {
  const code = (e as NodeJS.ErrnoException).code;
  const dir = path.dirname(file);
  const [why, hint] = ((): [string, string | undefined] => {
    switch (code) {
      case 'ENOENT':
        return [`the folder ${dir} does not exist`, 'create the folder first, or choose another one'];
      case 'EACCES':
      case 'EPERM':
        return ['permission denied', `check that you may write in ${dir}, or write somewhere else`];
      case 'EROFS':
        return ['the file system is read-only', 'write to a folder on a writable disk'];
      case 'ENOSPC':
        return ['no space left on the device', 'free some space, or write to another disk'];
      case 'EDQUOT':
        return ['the disk quota is exceeded', 'free some space within your quota, or write to another disk'];
      default:
        return [code ?? String(e), undefined];
    }
  })();
  return { ok: false, message: `cannot write ${file}: ${why}`, ...(hint ? { hint } : {}) };
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

type Writer = (s: string | Uint8Array) => void;

/**
 * An output that ended early: a reader that closed the pipe (EPIPE, `mtfs … | head`) is not an
 * error, and the command finishes with its own exit code; anything else (a full disk, a closed
 * terminal) leaves the output incomplete, which is said and fails the run.
 */
function outputFailed(fd: 1 | 2, e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') return;
  if (fd !== 2) process.stderr.write(`mtfs: error[output]: could not write the output: ${e.message}\n`);
  process.exitCode = 2;
}

/**
 * Writes to a standard stream (process.stdout or process.stderr) that its reader may close early:
 * once it fails later writes are dropped, rather than Node's unhandled 'error' event printing a
 * stack trace.
 */
function streamWriter(fd: 1 | 2): Writer {
  const stream = fd === 1 ? process.stdout : process.stderr;
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    closed = true;
    outputFailed(fd, e);
  });
  return (s) => {
    if (!closed) stream.write(s);
  };
}

/**
 * True when `fd` is a file, a pipe, a socket or /dev/null, never a terminal (seen without loading
 * node:tty), outside Windows: then output is written to it directly. bin/mtfs.js decides the same.
 */
function plainOutput(fd: 1 | 2): boolean {
  if (process.platform === 'win32') return false;
  try {
    const st = fs.fstatSync(fd);
    return st.isFile() || st.isFIFO() || st.isSocket() || (st.isCharacterDevice() && st.rdev === fs.statSync('/dev/null').rdev);
  } catch {
    return false; // closed or unknown: left to Node's own stream
  }
}

/**
 * A standard output or error: written with fs.writeSync when it is a file, a pipe, a socket or
 * /dev/null, so that a run never loads Node's stream, net and tty modules for it (a few milliseconds
 * of every run); through process.stdout or process.stderr on a terminal and on Windows, which write
 * text to a console as it needs. A pipe that another program made non-blocking and that is full (EAGAIN)
 * hands the rest of the output, in order, to the stream, which waits for the reader; the process
 * exits once it is written.
 */
function standardOutput(fd: 1 | 2): { readonly write: Writer; readonly isTTY: boolean; readonly columns?: number } {
  if (!plainOutput(fd)) {
    const stream = fd === 1 ? process.stdout : process.stderr;
    return { write: streamWriter(fd), isTTY: stream.isTTY === true, ...(stream.isTTY === true ? { columns: stream.columns } : {}) };
  }
  let closed = false;
  let rest: Writer | undefined;
  const write: Writer = (s) => {
    if (closed) return;
    if (rest) return rest(s);
    const bytes = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
    let done = 0;
    while (done < bytes.length) {
      try {
        done += fs.writeSync(fd, bytes, done, bytes.length - done);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          rest = streamWriter(fd);
          rest(bytes.subarray(done));
        } else {
          closed = true;
          outputFailed(fd, e as NodeJS.ErrnoException);
        }
        return;
      }
    }
  };
  return { write, isTTY: false };
}

export function nodeIo(): Io {
  const env = process.env;
  const stdout = standardOutput(1);
  const stderr = standardOutput(2);
  const color = stdout.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return {
    stdout: stdout.write,
    stderr: stderr.write,
    readFile: nodeReader,
    writeFileAtomic,
    writeFilesAtomic,
    sameFile,
    color,
    interactive: stderr.isTTY,
    columns: { stdout: stdout.columns, stderr: stderr.columns },
    env,
    heapLimit,
  };
}

/** V8's heap limit (`--max-old-space-size` and the young generation); node:v8 is loaded only when asked. */
function heapLimit(): number | undefined {
  try {
    const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
    return v8.getHeapStatistics().heap_size_limit;
  } catch {
    return undefined;
  }
}
