// Issue 7: every file mtfs writes (--output of each command, report --html and --xlsx) goes through
// emit (src/cli/output.ts) and writeFileAtomic (src/cli/io.ts): a temporary file in the same folder,
// then a rename; never over a file the command read, however it is named; and a failed write leaves
// neither a temporary file nor a changed target.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic, writeFilesAtomic } from '../src/cli/io.js';
import { runCli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-safe-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
fs.cpSync('scenarios', path.join(tmp, 'scenarios'), { recursive: true });
fs.cpSync('data', path.join(tmp, 'data'), { recursive: true });
const at = (f: string): string => path.join(tmp, f);

/** Every file under `dir`, with its bytes. */
const snapshot = (dir: string): Map<string, string> =>
  new Map(
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((f) => fs.lstatSync(path.join(dir, f)).isFile())
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'latin1')]),
  );
const temporaries = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp-/.test(f));

describe('never over an input', () => {
  const S = (f: string) => at(`scenarios/${f}`);
  const D = (f: string) => at(`data/${f}`);
  // each command with an output naming something it reads, directly or through the scenario
  const CASES: readonly { argv: string[]; input: string }[] = [
    { argv: ['project', S('2018.yaml')], input: S('2018.yaml') },
    { argv: ['project', S('2018.yaml')], input: S('2018-savings.csv') },
    { argv: ['project', S('2018-with-dols.yaml')], input: S('2018.yaml') },
    { argv: ['project', S('2018-council.yaml')], input: S('2018-savings.csv') },
    { argv: ['project', S('2018-demand.yaml')], input: D('leicestershire-population.csv') },
    { argv: ['demand', S('2018-demand.yaml')], input: S('2018.yaml') },
    { argv: ['compare', S('2018.yaml'), S('2018-with-dols.yaml')], input: S('2018-with-dols.yaml') },
    { argv: ['savings', S('2018.yaml')], input: S('2018-savings.csv') },
    { argv: ['diff', S('2018.yaml'), S('2018-without-ac14.yaml')], input: S('2018-without-ac14.yaml') },
    { argv: ['explain', S('2018-demand.yaml'), 'G6'], input: D('leicestershire-population.csv') },
    { argv: ['sensitivity', S('2018-council.yaml')], input: S('2018.yaml') },
    { argv: ['risk', S('2018.yaml'), '--draws', '10'], input: S('2018-savings.csv') },
    {
      argv: ['options', '--option', 'council-tax', '--authority', S('2018-council.yaml'), '--basis', 'population'],
      input: S('2018-savings.csv'),
    },
  ];

  // named as given, through `..`, and through a symbolic link
  const names = (input: string): string[] => {
    const link = path.join(tmp, `link-${path.basename(input)}`);
    if (!fs.existsSync(link)) fs.symlinkSync(input, link);
    return [input, path.join(path.dirname(input), '..', path.basename(path.dirname(input)), path.basename(input)), link];
  };

  it.each(CASES)('$argv.0 $argv.1 --output $input', async ({ argv, input }) => {
    const before = snapshot(tmp);
    for (const name of names(input)) {
      const r = await runCli([...argv, '--output', name]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain(`error[output]: refusing to write ${name}: it is an input`);
      expect(r.stdout).toBe('');
    }
    expect(snapshot(tmp)).toEqual(before);
  });

  it('report: refuses --html or --xlsx over an input, and then writes neither', async () => {
    const before = snapshot(tmp);
    const html = at('report.html');
    const xlsx = at('report.xlsx');
    for (const argv of [
      ['--html', html, '--xlsx', S('2018-savings.csv')],
      ['--html', S('2018.yaml'), '--xlsx', xlsx],
      ['--xlsx', names(S('2018-savings.csv'))[2]!],
    ]) {
      const r = await runCli(['report', S('2018.yaml'), '--draws', '10', ...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error[output]: refusing to write');
    }
    expect(snapshot(tmp)).toEqual(before);
    expect(fs.existsSync(html) || fs.existsSync(xlsx)).toBe(false);
  });

  it("options: refuses to write over mtfs's own data, and names it as data/…, not where mtfs is installed", async () => {
    const link = path.join(tmp, 'options-link.yaml');
    fs.symlinkSync(path.resolve('data/lga-funding-options.yaml'), link);
    const before = fs.readFileSync('data/lga-funding-options.yaml');
    const r = await runCli(['options', '--output', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`refusing to write ${link}: it is an input (data/lga-funding-options.yaml)`);
    expect(r.stderr).not.toContain(process.cwd());
    expect(fs.readFileSync('data/lga-funding-options.yaml').equals(before)).toBe(true);
  });
});

describe('writeFileAtomic', () => {
  afterEach(() => vi.restoreAllMocks());
  const dir = fs.mkdtempSync(path.join(tmp, 'write-'));
  const target = path.join(dir, 'out.csv');

  it('writes the whole file, over an older one, and leaves nothing else', () => {
    expect(writeFileAtomic(target, 'old\n')).toEqual({ ok: true });
    expect(writeFileAtomic(target, new Uint8Array([110, 101, 119]))).toEqual({ ok: true });
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['out.csv']);
  });

  it('writes its temporary file in the folder of the target, then renames it', () => {
    const rename = vi.spyOn(fs, 'renameSync');
    expect(writeFileAtomic(target, 'x').ok).toBe(true);
    const [from, to] = rename.mock.calls[0]! as [string, string];
    expect(to).toBe(target);
    expect(path.dirname(from)).toBe(dir);
    expect(path.basename(from)).toMatch(new RegExp(`^\\.out\\.csv\\.tmp-${process.pid}-\\d+$`));
  });

  it('never overwrites or removes a file that has the temporary name it chose: it takes the next', () => {
    const open = fs.openSync;
    let taken: string | undefined;
    vi.spyOn(fs, 'openSync').mockImplementation((file, flags, mode) => {
      if (taken === undefined) {
        taken = String(file);
        fs.writeFileSync(taken, 'left by another process'); // as a run with the same id may have left it
      }
      return open(file, flags, mode);
    });
    expect(writeFileAtomic(target, 'fresh')).toEqual({ ok: true });
    vi.restoreAllMocks();
    expect(fs.readFileSync(target, 'utf8')).toBe('fresh');
    expect(fs.readFileSync(taken!, 'utf8')).toBe('left by another process');
    fs.rmSync(taken!);
  });

  it('a failed write (disk full) leaves the target as it was and no temporary file', () => {
    fs.writeFileSync(target, 'before');
    vi.spyOn(fs, 'writeFileSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    expect(writeFileAtomic(target, 'after')).toEqual({
      ok: false,
      message: `cannot write ${target}: no space left on the device`,
      hint: 'free some space, or write to another disk',
    });
    vi.restoreAllMocks();
    expect(fs.readFileSync(target, 'utf8')).toBe('before');
    expect(fs.readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a failed rename leaves the target as it was and no temporary file', () => {
    fs.writeFileSync(target, 'before');
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
    });
    expect(writeFileAtomic(target, 'after').ok).toBe(false);
    vi.restoreAllMocks();
    expect(fs.readFileSync(target, 'utf8')).toBe('before');
    expect(fs.readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a missing folder or a folder as the target: an error, and nothing written', () => {
    expect(writeFileAtomic(path.join(dir, 'none', 'x.csv'), 'x')).toEqual({
      ok: false,
      message: `cannot write ${path.join(dir, 'none', 'x.csv')}: the folder ${path.join(dir, 'none')} does not exist`,
      hint: 'create the folder first, or choose another one',
    });
    fs.mkdirSync(path.join(dir, 'sub'));
    expect(writeFileAtomic(path.join(dir, 'sub'), 'x')).toEqual({ ok: false, message: `${path.join(dir, 'sub')} is a folder` });
    expect(fs.readdirSync(dir).sort()).toEqual(['out.csv', 'sub']);
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual([]);
  });

  it('through the CLI: a failed --output, --html or --xlsx leaves no temporary file', async () => {
    const missing = path.join(dir, 'missing');
    for (const argv of [
      ['project', at('scenarios/2018.yaml'), '--output', path.join(missing, 'p.csv')],
      ['report', at('scenarios/2018.yaml'), '--draws', '10', '--html', path.join(dir, 'sub'), '--xlsx', path.join(missing, 'r.xlsx')],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error[output]');
    }
    expect(temporaries(tmp)).toEqual([]);
  });
});

describe("all of a command's outputs or none", () => {
  const dir = path.join(tmp, 'all-or-none');
  const fail = (code: string) => Object.assign(new Error(code), { code });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['EACCES', 'permission denied', /check that you may write in/],
    ['EPERM', 'permission denied', /check that you may write in/],
    ['EROFS', 'the file system is read-only', /writable disk/],
    ['ENOSPC', 'no space left on the device', /free some space/],
  ])('report --html A --xlsx B: %s on B leaves no A, and says %s', async (code, says, hint) => {
    fs.mkdirSync(dir, { recursive: true });
    const open = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation((p, ...rest) => {
      if (String(p).includes('r.xlsx')) throw fail(code);
      return open(p, ...(rest as [string]));
    });
    const html = path.join(dir, 'r.html');
    const xlsx = path.join(dir, 'r.xlsx');
    const r = await runCli(['report', at('scenarios/2018.yaml'), '--draws', '10', '--html', html, '--xlsx', xlsx]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[output]: cannot write ${xlsx}: ${says}`);
    expect(r.stderr).toMatch(hint);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a rename failing after the first file was renamed restores both targets and removes every temporary file', () => {
    fs.mkdirSync(dir, { recursive: true });
    const [a, b, c] = ['a.csv', 'b.csv', 'c.csv'].map((f) => path.join(dir, f)) as [string, string, string];
    fs.writeFileSync(a, 'old a');
    fs.writeFileSync(b, 'old b');
    const rename = fs.renameSync;
    let n = 0;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (to === b && n++ === 0) throw fail('EXDEV');
      rename(from, to);
    });
    expect(
      writeFilesAtomic([
        { file: c, data: 'new c' },
        { file: a, data: 'new a' },
        { file: b, data: 'new b' },
      ]).ok,
    ).toBe(false);
    vi.restoreAllMocks();
    expect(snapshot(dir)).toEqual(
      new Map([
        ['a.csv', 'old a'],
        ['b.csv', 'old b'],
      ]),
    );
  });

  it('when every write succeeds, every target holds its new content and nothing else is left', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'a.csv'), 'old a');
    expect(
      writeFilesAtomic([
        { file: path.join(dir, 'a.csv'), data: 'new a' },
        { file: path.join(dir, 'b.csv'), data: 'new b' },
      ]),
    ).toEqual({ ok: true });
    expect(snapshot(dir)).toEqual(
      new Map([
        ['a.csv', 'new a'],
        ['b.csv', 'new b'],
      ]),
    );
  });
});
