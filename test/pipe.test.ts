// Standard output and error as the built CLI writes them: a reader that closes the pipe early (`mtfs … |
// head -c 1`) ends the output quietly, with no stack trace and the command's own exit code; a full
// non-blocking pipe still gets every byte; an output that cannot be written fails the run; and a run
// writing to pipes loads none of Node's stream, terminal or crypto modules for it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../', import.meta.url));

const NODE = JSON.stringify(process.execPath);

/**
 * Runs `{ <command> 2>err; echo $? >code; } <reader>` in sh, in a scratch folder given as `dir` (the
 * command runs in the repository): what the command wrote to stderr, its exit code and what the
 * reader wrote to the file `out`.
 */
function inShell(command: (dir: string) => string, reader: string): { stderr: string; code: string; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-pipe-'));
  try {
    const [err, code, out] = ['err', 'code', 'out'].map((f) => path.join(dir, f));
    execFileSync('sh', ['-c', `{ ${command(dir)} 2>"${err}"; echo $? >"${code}"; } ${reader.replace('<out>', `"${out}"`)}`], { cwd: REPO });
    const read = (f: string): string => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
    return { stderr: read(err!), code: read(code!).trim(), out: read(out!) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What mtfs wrote to stderr and its exit code, its stdout read by `head -c 1` through a shell pipe. */
const throughHead = (args: string): { stderr: string; code: string } =>
  inShell(() => `${NODE} bin/mtfs.js ${args}`, '| head -c 1 >/dev/null');

/** A script in `dir` that runs `before` and then the built CLI, as bin/mtfs.js, with the same arguments. */
function wrapper(dir: string, before: string): string {
  const file = path.join(dir, 'wrapper.cjs');
  fs.writeFileSync(file, `${before}\nrequire(${JSON.stringify(path.join(REPO, 'bin', 'mtfs.js'))});\n`);
  return file;
}

describe('output to a pipe its reader closes early', () => {
  // schema prints about 140 KB, more than a pipe holds, so its write meets the closed pipe
  it.each(['schema', 'project scenarios/2018-demand.yaml --detail --format json', 'explain --help'])('mtfs %s', (args) => {
    const r = throughHead(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe('0');
  });
});

describe('output to a pipe another program made non-blocking', () => {
  it('gets every byte in order when the pipe fills before its reader reads', () => {
    const expected = execFileSync(process.execPath, ['bin/mtfs.js', 'schema'], { cwd: REPO, encoding: 'utf8' });
    expect(expected.length).toBeGreaterThan(65_536); // more than a pipe holds
    // Node's own process.stdout makes a pipe non-blocking; the reader waits until the pipe is full
    const r = inShell((dir) => `${NODE} ${wrapper(dir, 'void process.stdout;')} schema`, '| { sleep 1; cat; } ><out>');
    expect(r).toEqual({ stderr: '', code: '0', out: expected });
  });
});

describe('output that cannot be written', () => {
  it('is an error, and the run fails with exit code 2', () => {
    // standard output open for reading only: every write fails
    const r = inShell((dir) => {
      fs.writeFileSync(path.join(dir, 'read-only'), '');
      return `${NODE} bin/mtfs.js check scenarios/2018.yaml 1<"${path.join(dir, 'read-only')}"`;
    }, '');
    expect(r.stderr).toBe('mtfs: error[output]: could not write the output: EBADF: bad file descriptor, write\n');
    expect(r.code).toBe('2');
  });
});

describe('a run whose output goes to a pipe or /dev/null and its errors to a file', () => {
  // `init` writes files: their temporary names need no node:crypto either
  it.each([
    ['project scenarios/2018.yaml', '| cat ><out>'],
    ['init <dir>/new', '| cat ><out>'],
    ['project scenarios/2018.yaml', '>/dev/null'],
  ])('mtfs %s %s loads no stream, terminal, crypto, node:v8 or node:module module', (args, reader) => {
    const list = `process.on('exit', () => require('fs').writeSync(2, process.moduleLoadList.join('\\n')));`;
    const r = inShell((dir) => `${NODE} ${wrapper(dir, list)} ${args.replace('<dir>', dir)}`, reader);
    expect(r.code).toBe('0');
    const loaded = r.stderr.split('\n');
    expect(loaded).toContain('NativeModule vm'); // the list is the run's own
    // node:v8 would load the stream modules with its heap-snapshot utilities: bin/mtfs.js sets V8's flag through its binding
    // node:module would load Node's ES module loader: bin/mtfs.js gives the bundle its own require, and the
    // bundle loads node:module only for a workbook's createRequire
    for (const name of [
      'net',
      'tty',
      'crypto',
      'internal/fs/sync_write_stream',
      'stream',
      'internal/streams/readable',
      'v8',
      'module',
      'internal/modules/esm/loader',
    ])
      expect(loaded).not.toContain(`NativeModule ${name}`);
    expect(loaded).toContain('Internal Binding v8');
  });

  it.each([['--throw-deprecation'], ['--pending-deprecation'], ['--trace-deprecation']])(
    'node %s bin/mtfs.js project scenarios/2018.yaml warns of nothing: the binding it sets V8 flags with is asked for quietly',
    (flag) => {
      const r = inShell(() => `${NODE} ${flag} bin/mtfs.js project scenarios/2018.yaml`, '>/dev/null');
      expect(r.stderr).toBe('');
      expect(r.code).toBe('0');
    },
  );
});
