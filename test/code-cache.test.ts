// bin/mtfs.js and its V8 code cache, on copies of the BUILT program (run `npm run build` first): a
// bundle changed by hand, even by the same number of bytes, runs as changed; a cache V8 rejects still
// runs correctly and is rewritten once. Whether a run used its cache is seen from the file, not timed.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-cache-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const VERSION = JSON.parse(fs.readFileSync('package.json', 'utf8')).version as string;

/** A copy of bin/ and dist/ in a new folder, without the build's code cache; returns the folder. */
function install(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync('bin', path.join(dir, 'bin'), { recursive: true });
  fs.cpSync('dist', path.join(dir, 'dist'), { recursive: true, filter: (f) => !/^mtfs\..*cache/.test(path.basename(f)) });
  return dir;
}

/** `node [flags] bin/mtfs.js args` in `dir`: its exit code and stdout. */
function mtfs(
  dir: string,
  args: readonly string[],
  flags: readonly string[] = [],
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...flags, path.join(dir, 'bin', 'mtfs.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The code caches in dist/, by name, with their inode: a rewrite is a new file renamed into place. */
function caches(dir: string): Map<string, number> {
  const dist = path.join(dir, 'dist');
  return new Map(
    fs
      .readdirSync(dist)
      .filter((f) => /^mtfs\..*cache/.test(f))
      .map((f) => [f, fs.statSync(path.join(dist, f)).ino]),
  );
}

describe('code cache', () => {
  it('without a cache it runs from source and writes one, which the next run uses', () => {
    const dir = install('missing');
    expect(caches(dir).size).toBe(0);
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const written = caches(dir);
    expect(written.size).toBe(1);
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect(caches(dir)).toEqual(written);
  });

  it('a bundle edited by the same number of bytes runs as edited, not from the old cache', () => {
    const dir = install('edited');
    const bundle = path.join(dir, 'dist', 'mtfs.cjs');
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const before = caches(dir);
    expect(before.size).toBe(1);

    const source = fs.readFileSync(bundle, 'latin1');
    const edited = source.replaceAll(`\`${VERSION}\``, '`9.9.9`');
    expect(edited).not.toBe(source);
    expect(edited.length).toBe(source.length); // V8 alone would take the old cache for it
    fs.writeFileSync(bundle, edited, 'latin1');

    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: '9.9.9\n', stderr: '' });
    // the edited bundle has its own cache now, and the old one is gone
    const after = caches(dir);
    expect(after.size).toBe(1);
    expect([...after.keys()][0]).not.toBe([...before.keys()][0]);
    // which the next run uses as it is (a rejected or missing cache would be written anew)
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: '9.9.9\n' });
    expect(caches(dir)).toEqual(after);
  });

  it('a cache V8 rejects still runs correctly, and is rewritten once', () => {
    const dir = install('rejected');
    expect(mtfs(dir, ['--version']).code).toBe(0);
    const [usual] = [...caches(dir).keys()];
    // other V8 flags: a cache of their own, beside the usual one
    expect(mtfs(dir, ['--version'], ['--max-old-space-size=300'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const flagged = [...caches(dir).keys()].filter((f) => f !== usual);
    expect(flagged).toHaveLength(1);
    // the flagged cache under the usual name: right bundle, but V8 rejects it (its flags differ)
    fs.renameSync(path.join(dir, 'dist', flagged[0]!), path.join(dir, 'dist', usual!));
    const rejected = caches(dir);

    const scenario = path.resolve('scenarios/2018.yaml');
    const expected = mtfs(install('reference'), ['project', scenario]);
    expect(expected.code).toBe(0);
    expect(mtfs(dir, ['project', scenario])).toEqual(expected);
    const rewritten = caches(dir);
    expect([...rewritten.keys()]).toEqual([usual]);
    expect(rewritten.get(usual!)).not.toBe(rejected.get(usual!));
    // the new cache is accepted: the next run leaves it as it is
    expect(mtfs(dir, ['project', scenario])).toEqual(expected);
    expect(caches(dir)).toEqual(rewritten);
  });

  it('a damaged cache still runs correctly, and is rewritten', () => {
    const dir = install('damaged');
    expect(mtfs(dir, ['--version']).code).toBe(0);
    const [name] = [...caches(dir).keys()];
    fs.writeFileSync(path.join(dir, 'dist', name!), 'not a code cache');
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(fs.statSync(path.join(dir, 'dist', name!)).size).toBeGreaterThan(100_000);
  });
});
