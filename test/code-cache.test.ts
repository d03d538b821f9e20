// bin/mtfs.js and its V8 code caches, on copies of the BUILT program (run `npm run build` first): each
// command has a cache of its own, which another command's run leaves alone; a bundle changed by hand,
// even by the same number of bytes, runs as changed and every command's old cache is removed; a cache
// V8 rejects still runs correctly and is rewritten once; a cache is named by the bundle's SHA-256 as
// the build recorded it, for the bundle's file as it was written. Whether a run used its cache is seen
// from the file, not timed.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/main.js';

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

/** dist/mtfs.cjs.sha256's content for the bundle in `dir` with this SHA-256: as bin/mtfs.js compares it. */
function record(dir: string, sha256: string): string {
  const st = fs.statSync(path.join(dir, 'dist', 'mtfs.cjs'));
  return `${sha256} ${[st.size, st.ino, st.mtimeMs, st.ctimeMs].join(' ')}\n`;
}

const sha256Of = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The command each cache in `dir` is for (the last part of its name), in order. */
const commandsOf = (dir: string): string[] => [...caches(dir).keys()].map((f) => /\.([a-z-]+)\.cache$/.exec(f)?.[1] ?? f).sort();

const scenario = path.resolve('scenarios/2018.yaml');

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

  it('a run with a preloaded module (-r) uses the usual cache, not one of its own', () => {
    const dir = install('preload');
    expect(mtfs(dir, ['--version']).code).toBe(0);
    const written = caches(dir);
    expect(written.size).toBe(1);
    const probe = path.join(dir, 'probe.cjs');
    fs.writeFileSync(probe, '// preloaded: sets no V8 flag\n');
    expect(mtfs(dir, ['--version'], ['-r', probe])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect(mtfs(dir, ['--version'], [`--require=${probe}`])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect(caches(dir)).toEqual(written);
    // a V8 flag still has its own cache
    expect(mtfs(dir, ['--version'], ['--max-lazy']).code).toBe(0);
    expect(caches(dir).size).toBe(2);
  });

  it('a long run (thousands of draws) writes no cache, which a short run would reject; a short run of the command writes one', () => {
    const dir = install('long');
    expect(mtfs(dir, ['risk', scenario, '--draws', '3000', '--seed', '1']).code).toBe(0);
    expect(caches(dir).size).toBe(0);
    expect(mtfs(dir, ['risk', scenario, '--draws', '10', '--seed', '1']).code).toBe(0);
    const written = caches(dir);
    expect(commandsOf(dir)).toEqual(['risk']);
    // a long run starts as a short one does, so it uses the cache and leaves it alone
    expect(mtfs(dir, ['risk', scenario, '--draws', '3000', '--seed', '1']).code).toBe(0);
    expect(mtfs(dir, ['risk', scenario, '--draws', '10', '--seed', '1']).code).toBe(0);
    expect(caches(dir)).toEqual(written);
  });

  it("each command has a cache of its own, which another command's run leaves alone", () => {
    const dir = install('commands');
    const expected = mtfs(install('reference-project'), ['project', scenario]);
    expect(expected.code).toBe(0);
    expect(mtfs(dir, ['project', scenario])).toEqual(expected);
    expect(commandsOf(dir)).toEqual(['project']);
    const project = caches(dir);
    expect(mtfs(dir, ['check', scenario]).code).toBe(0);
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect(commandsOf(dir)).toEqual(['check', 'project', 'version']);
    const all = caches(dir);
    // project's cache is the same file as before (a rewrite renames a new file into place)
    for (const [name, inode] of project) expect(all.get(name)).toBe(inode);
    // each run uses its own cache and leaves every cache as it is
    expect(mtfs(dir, ['project', scenario])).toEqual(expected);
    expect(mtfs(dir, ['check', scenario]).code).toBe(0);
    expect(mtfs(dir, ['--version']).code).toBe(0);
    expect(caches(dir)).toEqual(all);
    // options before the command do not change whose cache it is; the help, `help` and a misspelt
    // command share one, so a typing slip leaves no cache of its own behind
    expect(mtfs(dir, ['--bom', 'project', scenario, '--format', 'csv']).code).toBe(0);
    expect(mtfs(dir, ['--help']).code).toBe(0);
    expect(mtfs(dir, ['help', 'project']).code).toBe(0);
    expect(mtfs(dir, ['projetc', scenario]).code).toBe(2);
    expect(mtfs(dir, []).code).toBe(2);
    expect(commandsOf(dir)).toEqual(['check', 'help', 'project', 'version']);
    // a projection with its schedules has a cache of its own, whichever way the option is written
    const plain = caches(dir);
    const detailed = mtfs(install('reference-detail'), ['project', scenario, '--detail']);
    expect(mtfs(dir, ['project', scenario, '--detail'])).toEqual(detailed);
    expect(commandsOf(dir)).toEqual(['check', 'help', 'project', 'project-detail', 'version']);
    const withDetail = caches(dir);
    for (const [name, inode] of plain) expect(withDetail.get(name)).toBe(inode);
    expect(mtfs(dir, ['project', '-d', scenario])).toEqual(detailed);
    expect(mtfs(dir, ['project', scenario])).toEqual(expected);
    expect(caches(dir)).toEqual(withDetail);
  });

  it('knows every command of the program, to give each its cache', () => {
    const listed = /^const COMMANDS = \[([^\]]*)\];$/m.exec(fs.readFileSync('bin/mtfs.js', 'utf8'));
    const names = [...(listed?.[1] ?? '').matchAll(/'([a-z]+)'/g)].map((m) => m[1]);
    expect(names).toEqual(COMMANDS.flatMap((c) => c.names));
  });

  it('the build wrote a cache for each shipped command, and for --version and the help', () => {
    // other runs of the built program (tests of `import`, of other V8 flags) may have added their own
    const built = [...fs.readdirSync('dist')].filter((f) => /^mtfs\..*cache/.test(f));
    const hash = fs.readFileSync('dist/mtfs.cjs.sha256', 'utf8').slice(0, 64);
    expect(built.every((f) => f.startsWith(`mtfs.${hash}.`))).toBe(true);
    const commands = new Set(built.map((f) => /\.([a-z-]+)\.cache$/.exec(f)?.[1]));
    const shipped = [
      'check',
      'compare',
      'demand',
      'diff',
      'explain',
      'help',
      'init',
      'options',
      'project',
      'project-detail',
      'report',
      'risk',
      'savings',
      'schema',
      'sensitivity',
      'version',
    ];
    expect(shipped.filter((c) => !commands.has(c))).toEqual([]);
  });

  it('a bundle edited by the same number of bytes runs as edited, not from the old cache, and every old cache is removed', () => {
    const dir = install('edited');
    const bundle = path.join(dir, 'dist', 'mtfs.cjs');
    expect(mtfs(dir, ['project', scenario]).code).toBe(0);
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const before = caches(dir);
    expect(commandsOf(dir)).toEqual(['project', 'version']);

    const source = fs.readFileSync(bundle, 'latin1');
    const edited = source.replaceAll(`\`${VERSION}\``, '`9.9.9`');
    expect(edited).not.toBe(source);
    expect(edited.length).toBe(source.length); // V8 alone would take the old cache for it
    fs.writeFileSync(bundle, edited, 'latin1');

    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: '9.9.9\n', stderr: '' });
    // the edited bundle has its own cache now, and the old ones are gone, project's too
    const after = caches(dir);
    expect(commandsOf(dir)).toEqual(['version']);
    for (const name of after.keys()) expect(before.has(name)).toBe(false);
    // which the next run uses as it is (a rejected or missing cache would be written anew)
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: '9.9.9\n' });
    expect(caches(dir)).toEqual(after);
  });

  it("a cache of an older build's naming (no command) is removed too", () => {
    const dir = install('older');
    const old = path.join(dir, 'dist', `mtfs.${'b'.repeat(64)}.${'0'.repeat(16)}.cache`);
    fs.writeFileSync(old, 'an older code cache');
    expect(mtfs(dir, ['--version']).code).toBe(0);
    expect(fs.existsSync(old)).toBe(false);
    expect(commandsOf(dir)).toEqual(['version']);
  });

  it('a cache V8 rejects still runs correctly, and is rewritten once', () => {
    const dir = install('rejected');
    const expected = mtfs(install('reference'), ['project', scenario]);
    expect(expected.code).toBe(0);
    expect(mtfs(dir, ['project', scenario])).toEqual(expected);
    const [usual] = [...caches(dir).keys()];
    // other V8 flags: a cache of their own, beside the usual one
    expect(mtfs(dir, ['project', scenario], ['--max-old-space-size=300'])).toEqual(expected);
    const flagged = [...caches(dir).keys()].filter((f) => f !== usual);
    expect(flagged).toHaveLength(1);
    // the flagged cache under the usual name: right bundle and command, but V8 rejects it (its flags differ)
    fs.renameSync(path.join(dir, 'dist', flagged[0]!), path.join(dir, 'dist', usual!));
    const rejected = caches(dir);

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

  it('is named by the SHA-256 the build recorded for the bundle file as it is, and by the bytes once the file changes', () => {
    const dir = install('recorded');
    const bundle = path.join(dir, 'dist', 'mtfs.cjs');
    const stamp = path.join(dir, 'dist', 'mtfs.cjs.sha256');
    // a record for this very file is taken as it is, even one that no hash of its bytes gives
    const madeUp = 'a'.repeat(64);
    fs.writeFileSync(stamp, record(dir, madeUp));
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect([...caches(dir).keys()]).toEqual([expect.stringMatching(new RegExp(`^mtfs\\.${madeUp}\\.`))]);
    // the same bytes written again: the record no longer describes the file, so its bytes are hashed
    fs.writeFileSync(bundle, fs.readFileSync(bundle));
    expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect([...caches(dir).keys()]).toEqual([expect.stringMatching(new RegExp(`^mtfs\\.${sha256Of(bundle)}\\.`))]);
  });

  it.each(['a hash of capitals', 'a hash one digit short', 'no line end', 'a path for a hash'] as const)(
    'a record for the file with %s is not taken: the bytes are hashed',
    (what) => {
      const dir = install(`malformed-${what.replaceAll(' ', '-')}`);
      const bundle = path.join(dir, 'dist', 'mtfs.cjs');
      const stamp = path.join(dir, 'dist', 'mtfs.cjs.sha256');
      const good = record(dir, 'b'.repeat(64));
      const identity = good.slice(65);
      const bad = {
        'a hash of capitals': `${'B'.repeat(64)} ${identity}`,
        'a hash one digit short': `${'b'.repeat(63)} ${identity}`,
        'no line end': good.slice(0, -1),
        'a path for a hash': `${'../'.repeat(20)}${'b'.repeat(4)} ${identity}`,
      }[what];
      fs.writeFileSync(stamp, bad);
      expect(mtfs(dir, ['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
      expect([...caches(dir).keys()]).toEqual([expect.stringMatching(new RegExp(`^mtfs\\.${sha256Of(bundle)}\\.`))]);
    },
  );

  it('the build recorded the SHA-256 of the bundle it wrote', () => {
    expect(fs.readFileSync('dist/mtfs.cjs.sha256', 'utf8')).toBe(record('.', sha256Of('dist/mtfs.cjs')));
  });

  it('a record that no longer describes the bundle is written anew once the bundle has been left alone for a few seconds', async () => {
    const dir = install('rerecorded');
    const stamp = path.join(dir, 'dist', 'mtfs.cjs.sha256');
    const sha256 = sha256Of(path.join(dir, 'dist', 'mtfs.cjs'));
    // just copied: the copy's record describes the original file, and a run hashes the bytes
    expect(fs.readFileSync(stamp, 'utf8')).not.toBe(record(dir, sha256));
    expect(mtfs(dir, ['--version']).code).toBe(0);
    expect(fs.readFileSync(stamp, 'utf8')).not.toBe(record(dir, sha256)); // too new to be sure of
    const changed = fs.statSync(path.join(dir, 'dist', 'mtfs.cjs')).ctimeMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, changed + 5_200 - Date.now())));
    expect(mtfs(dir, ['--version']).code).toBe(0);
    expect(fs.readFileSync(stamp, 'utf8')).toBe(record(dir, sha256));
    const written = fs.statSync(stamp).ino;
    expect(mtfs(dir, ['--version']).code).toBe(0);
    expect(fs.statSync(stamp).ino).toBe(written);
  });
});
