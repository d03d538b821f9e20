// Bounded memory: every limit a run can reach is a located diagnostic and exit 2, never a V8
// abort. The total input across the files of a run, a department named several times, the memory
// Node allows a run that keeps every line, and the number of risk draws whose figures exact
// percentiles keep.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../bench/generate.mjs';
import { nodeReader } from '../../src/cli/io.js';
import { memoryReader, type FileReader } from '../../src/load/reader.js';
import {
  DETAIL_BYTES_PER_BYTE,
  FULL_LOAD_BYTES_PER_BYTE,
  fullLoadNeed,
  MAX_INPUT_BYTES,
  MAX_TOTAL_INPUT_BYTES,
  WORKBOOK_BYTES_PER_BYTE,
} from '../../src/source/text.js';
import { MAX_KEPT_FIGURES } from '../../src/reports/risk/monte-carlo.js';
import { runCli } from '../helpers/cli.js';

/** The scenarios folder as it is, plus generated files: `extra` wins. */
const withFiles =
  (extra: ReadonlyMap<string, string>): FileReader =>
  (file) =>
    extra.has(file) ? memoryReader(extra)(file) : nodeReader(file);

/** A copy of scenarios/2018.yaml padded with a comment to `bytes`: large, but cheap to parse. */
const bigDepartment = (bytes: number): string => {
  const text = fs.readFileSync('scenarios/2018.yaml', 'utf8').replace('2018-savings.csv', 'scenarios/2018-savings.csv');
  return `${text}\n# ${'x'.repeat(bytes - text.length - 4)}\n`;
};

/** A council naming `files` as its departments, in order. */
const council = (files: readonly string[]): string =>
  fs
    .readFileSync('scenarios/2018-council.yaml', 'utf8')
    .replace(
      /departments:\n {2}- name: Adults and Communities\n {4}scenario: 2018.yaml\n/,
      `departments:\n${files.map((f, i) => `  - name: Department ${i + 1}\n    scenario: ${f}\n`).join('')}`,
    )
    // its ASC department is renamed with the others
    .replace('asc_department: Adults and Communities', 'asc_department: Department 1')
    // and so is the department its conditional grant funds
    .replace('funds: Adults and Communities', 'funds: Department 1');

describe('total input across the files of a scenario', () => {
  const size = Math.floor(MAX_INPUT_BYTES * 0.4); // six of these pass the total; one alone does not
  const dept = bigDepartment(size);

  it('a council naming the same large department six times: read once, projected', async () => {
    const files = new Map([
      ['scenarios/big.yaml', dept],
      ['scenarios/council.yaml', council(Array(6).fill('big.yaml'))],
    ]);
    const r = await runCli(['project', 'scenarios/council.yaml'], { readFile: withFiles(files) });
    expect(r.stderr).not.toMatch(/error\[/); // its published controls no longer match: warnings only
    expect(r.code).toBe(0);
  });

  it('six different large departments: refused where the council names the one past the limit, exit 2', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `big${i}.yaml`);
    const files = new Map([...names.map((n) => [`scenarios/${n}`, dept] as const), ['scenarios/council.yaml', council(names)]]);
    const r = await runCli(['project', 'scenarios/council.yaml'], { readFile: withFiles(files) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `scenarios/council\\.yaml:\\d+:\\d+: error\\[input-too-large\\]: reading scenarios/big\\d\\.yaml would take the files of this run past ${MAX_TOTAL_INPUT_BYTES} bytes`,
      ),
    );
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('total input across the files of a run', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-limit-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // the bench's 2,000,000 lines in files of 200,000, scaled down: 8 files of 500 lines under a lowered limit
  const scenario = generateScenario(path.join(tmp, 'split'), 'split', 8 * 500, 5, 'Synthetic County Council', 500);
  const csvBytes = (n: number): number => fs.statSync(path.join(tmp, 'split', `split-lines-${n}.csv`)).size;

  it.each([['project'], ['project', '--detail'], ['check']])(
    'a table split over 8 files past the limit: %s refuses where the files past it are named, exit 2',
    async (...command) => {
      // the YAML and three line tables fit; the fourth does not
      const limit = fs.statSync(scenario).size + csvBytes(1) + csvBytes(2) + csvBytes(3) + 100;
      const r = await runCli([...command, scenario], { env: { MTFS_MAX_INPUT_BYTES: String(limit) } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`split.yaml:6:`);
      expect(r.stderr).toContain(
        `error[input-too-large]: reading ${path.join(tmp, 'split', 'split-lines-4.csv')} would take the files of this run past ${limit} bytes`,
      );
      expect(r.stderr).toContain(`MTFS_MAX_INPUT_BYTES=${limit * 2}`);
      // from the first file past the limit on, each is refused where it is named; none before it
      expect(r.stderr.indexOf('split-lines-4.csv would')).toBeLessThan(r.stderr.indexOf('split-lines-5.csv would'));
      expect(r.stderr).not.toMatch(/reading \S+split-lines-[123]\.csv/);
    },
  );

  it('under the limit the same table is projected', async () => {
    const r = await runCli(['project', scenario, '--format', 'csv'], { env: { MTFS_MAX_INPUT_BYTES: String(9 * csvBytes(8)) } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('counts every scenario of a run, each file once: two that fit alone do not fit together', async () => {
    const other = generateScenario(path.join(tmp, 'other'), 'other', 500, 6);
    const one = fs.statSync(other).size + fs.statSync(path.join(tmp, 'other', 'other-lines.csv')).size;
    const env = { MTFS_MAX_INPUT_BYTES: String(one + 50) };
    expect((await runCli(['check', other], { env })).code).toBe(0);
    expect((await runCli(['check', other, other], { env })).code).toBe(0); // the same files count once
    const copy = generateScenario(path.join(tmp, 'copy'), 'copy', 500, 6);
    for (const command of [['check'], ['compare']]) {
      const r = await runCli([...command, other, copy], { env });
      expect(r.code, command[0]).toBe(2);
      expect(r.stderr).toContain('error[input-too-large]');
    }
  });

  it('a variant compared with its base: the same comparison under a limit both fit, and a variant past the limit refused where it is read', async () => {
    const base = fs.statSync('scenarios/2018.yaml').size + fs.statSync('scenarios/2018-savings.csv').size;
    const files = ['scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'];
    const fits = await runCli(['compare', ...files], { env: { MTFS_MAX_INPUT_BYTES: String(base + 1000) } });
    expect(fits.code).toBe(0);
    expect(fits.stdout).toBe((await runCli(['compare', ...files])).stdout);
    const r = await runCli(['compare', ...files], { env: { MTFS_MAX_INPUT_BYTES: String(base + 100) } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mtfs: error\[input-too-large\]: reading scenarios\/2018-without-ac14\.yaml would take/);
    expect(r.stderr).toContain('1 error');
  });

  it('checks the size before reading: a file past the limit is never read', () => {
    expect(nodeReader('scenarios/2018.yaml', 10)).toEqual({ ok: false, reason: 'over-limit' });
    expect(nodeReader('scenarios/2018.yaml', 1_000_000).ok).toBe(true);
  });
});

describe('the memory Node allows a run that keeps every line', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-heap-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // 20,000 lines (2.2 MB): kept whole they need up to about 270 MiB (170 MiB for `project --detail`)
  const scenario = generateScenario(path.join(tmp, 'heap'), 'heap', 20_000, 7);
  const bytes = fs.statSync(scenario).size + fs.statSync(path.join(tmp, 'heap', 'heap-lines.csv')).size;
  const MIB = 1024 * 1024;
  const need = (perByte: number): number => Math.ceil(fullLoadNeed(bytes, perByte) / MIB);
  const tooSmall = 64 * MIB;

  it.each([
    ['project', '--detail'],
    ['project', '--detail', '--format', 'json'],
    ['explain', 'X', 'net_budget', '2020/21'],
    ['savings'],
    ['report', 'X', '--html', path.join(tmp, 'never-written.html')],
  ])('%s refuses before loading, where the line table is named, saying how to raise the limit (exit 2)', async (...command) => {
    const argv = command.includes('X')
      ? command.map((c) => (c === 'X' ? scenario : c))
      : [...command.slice(0, 1), scenario, ...command.slice(1)];
    const r = await runCli(argv, { heapLimit: tooSmall });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const perByte = command[0] === 'project' && !command.includes('json') ? DETAIL_BYTES_PER_BYTE : FULL_LOAD_BYTES_PER_BYTE;
    expect(r.stderr).toContain(
      `${scenario}:6:14: error[input-too-large]: keeping every line of this run's files (${bytes} bytes) needs up to about ${need(perByte)} MiB of memory, more than the 64 MiB Node allows this process`,
    );
    expect(r.stderr).toContain('line_files: [heap-lines.csv]');
    expect(r.stderr).toContain('NODE_OPTIONS=--max-old-space-size=512');
    expect(r.stderr).toContain('1 error');
    // a clean scenario: the refusal alone
    expect(r.stderr.match(/error\[/g)).toHaveLength(1);
    expect(fs.existsSync(path.join(tmp, 'never-written.html'))).toBe(false);
  });

  /** A copy of the large scenario in its own folder, its YAML and line table edited; the path of the YAML. */
  const edited = (name: string, yaml: (text: string) => string, csv: (text: string) => string = (t) => t): string => {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'heap-lines.csv'), csv(fs.readFileSync(path.join(tmp, 'heap', 'heap-lines.csv'), 'utf8')));
    fs.writeFileSync(path.join(dir, 'heap.yaml'), yaml(fs.readFileSync(scenario, 'utf8')));
    return path.join(dir, 'heap.yaml');
  };
  /** The diagnostic lines (file:line:column: severity[code]: message) of a run's stderr. */
  const diagnosticLines = (stderr: string): string[] => stderr.split('\n').filter((l) => /: (error|warning)\[/.test(l));

  it('the refusal comes with each file that cannot be read, located where the loader reports it', async () => {
    const file = edited('missing', (t) => t.replace('line_files: [heap-lines.csv]', 'line_files: [heap-lines.csv, gone.csv]'));
    const r = await runCli(['project', file, '--detail'], { heapLimit: tooSmall });
    expect(r.code).toBe(2);
    const missing = `${path.join(tmp, 'missing', 'gone.csv')} does not exist`;
    expect(diagnosticLines(r.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^${file}:6:14: error\\[input-too-large\\]: keeping every line`)),
      `${file}:6:30: error[file-not-found]: the referenced file ${missing}`,
    ]);
    expect(r.stderr).toContain('2 errors');
    // where and how the run with the memory reports it
    const full = await runCli(['project', file, '--detail']);
    expect(diagnosticLines(full.stderr)).toContain(`${file}:6:30: error[file-not-found]: the referenced file ${missing}`);
  });

  it('past the input limit too: the limit alone is reported, since the memory needed counts only the files read', async () => {
    const file = edited('past-limit', (t) => t.replace('line_files: [heap-lines.csv]', 'line_files: [heap-lines.csv, more.csv]'));
    fs.copyFileSync(path.join(tmp, 'heap', 'heap-lines.csv'), path.join(tmp, 'past-limit', 'more.csv'));
    const limit = String(bytes + 1000);
    const r = await runCli(['project', file], { heapLimit: tooSmall, env: { MTFS_MAX_INPUT_BYTES: limit } });
    expect(r.code).toBe(2);
    const shown = diagnosticLines(r.stderr);
    expect(shown).toEqual([
      `${file}:6:30: error[input-too-large]: reading ${path.join(tmp, 'past-limit', 'more.csv')} would take the files of this run past ${limit} bytes altogether, the limit on one run's input`,
    ]);
    // with the memory, the same run reports the same limit, and nothing else
    const full = await runCli(['project', file], { env: { MTFS_MAX_INPUT_BYTES: limit } });
    expect(full.code).toBe(2);
    expect(diagnosticLines(full.stderr)).toEqual(shown);
  });

  it('and with the YAML and CSV syntax errors of the files read, found without keeping a line', async () => {
    const file = edited(
      'syntax',
      (t) => `${t}units: £\n`,
      (t) => t.replace('Synthetic line 500,', 'Synthetic "line" 500,'),
    );
    const r = await runCli(['explain', file, 'net_budget', '2020/21'], { heapLimit: tooSmall });
    expect(r.code).toBe(2);
    const shown = diagnosticLines(r.stderr);
    expect(shown).toHaveLength(3);
    const refusal = shown.find((l) => l.includes('error[input-too-large]'));
    expect(refusal).toMatch(new RegExp(`^${file}:6:14: error\\[input-too-large\\]`));
    // each as the run with the memory reports it (which reads no line table of a scenario whose YAML has an error)
    const full = async (): Promise<string[]> => diagnosticLines((await runCli(['explain', file, 'net_budget', '2020/21'])).stderr);
    const yaml = (await full()).find((l) => l.includes('error[duplicate-key]'));
    fs.writeFileSync(file, fs.readFileSync(scenario, 'utf8'));
    const csv = (await full()).find((l) => l.includes('error[csv-syntax]'));
    expect(csv).toMatch(/heap-lines\.csv:501:1: error\[csv-syntax\]/);
    expect(yaml).toMatch(/heap\.yaml:15:1: error\[duplicate-key\]/);
    expect(shown.filter((l) => l !== refusal).sort()).toEqual([csv, yaml].sort());
  });

  it('a department scenario that is missing, or not YAML, is reported beside the refusal of a large one', async () => {
    const lines = path.join(tmp, 'heap', 'heap-lines.csv');
    const files = new Map([
      ['scenarios/large.yaml', fs.readFileSync(scenario, 'utf8').replace('[heap-lines.csv]', `[${lines}]`)],
      ['scenarios/broken.yaml', 'authority: [unclosed\n'],
      ['scenarios/council.yaml', council(['large.yaml', 'broken.yaml', 'gone.yaml'])],
    ]);
    const r = await runCli(['savings', 'scenarios/council.yaml'], { readFile: withFiles(files), heapLimit: tooSmall });
    expect(r.code).toBe(2);
    const shown = diagnosticLines(r.stderr);
    expect(shown).toEqual([
      expect.stringMatching(/^scenarios\/broken\.yaml:2:1: error\[yaml-syntax\]/),
      expect.stringMatching(
        /^scenarios\/council\.yaml:\d+:\d+: error\[file-not-found\]: the department scenario scenarios\/gone\.yaml does not exist$/,
      ),
      expect.stringMatching(/^scenarios\/large\.yaml:6:14: error\[input-too-large\]/),
    ]);
    const full = diagnosticLines((await runCli(['savings', 'scenarios/council.yaml'], { readFile: withFiles(files) })).stderr);
    expect(full).toEqual(expect.arrayContaining(shown.slice(0, 2)));
  });

  it('a scenario that is not YAML names no line table: its syntax error alone, with nothing to refuse', async () => {
    const file = edited('unparsed', (t) => `${t}oops: "unclosed\n`);
    const r = await runCli(['project', file, '--detail'], { heapLimit: tooSmall });
    expect(r.code).toBe(2);
    expect(diagnosticLines(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^${file}:16:1: error\\[yaml-syntax\\]`))]);
  });

  it('project without --detail that must read in full (a line with an error): the hint says why, not to run what was run', async () => {
    const dir = path.join(tmp, 'typo');
    fs.mkdirSync(dir);
    const lines = fs.readFileSync(path.join(tmp, 'heap', 'heap-lines.csv'), 'utf8').split('\n');
    lines[500] = (lines[500] as string).replace(/,(-?\d+\.\d+),/, ',12x4,');
    fs.writeFileSync(path.join(dir, 'heap-lines.csv'), lines.join('\n'));
    fs.copyFileSync(scenario, path.join(dir, 'heap.yaml'));
    const r = await runCli(['project', path.join(dir, 'heap.yaml')], { heapLimit: tooSmall });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[input-too-large]');
    expect(r.stderr).toContain('but only when nothing in them is to be reported (an error or a warning at a line');
    // and with the heap it needs, the error itself
    const full = await runCli(['project', path.join(dir, 'heap.yaml')]);
    expect(full.stderr).toContain('heap-lines.csv:501:');
    expect(full.stderr).toContain('error[amount-format]');
  });

  it('the commands that add lines up as they read them run under the same limit', async () => {
    for (const command of ['project', 'check']) {
      const r = await runCli([command, scenario], { heapLimit: tooSmall });
      expect(r.stderr, command).not.toContain('error[');
      expect(r.code, command).toBe(0);
    }
  });

  it('a scenario whose lines were added up as read, or checked and dropped, holds none: the next is measured alone', async () => {
    // scenarios/2018.yaml is read in full by check (its controls name lines); the large one is added up as it is read
    const r = await runCli(['check', scenario, 'scenarios/2018.yaml'], { heapLimit: tooSmall });
    expect(r.stderr).not.toContain('input-too-large');
    expect(r.code).toBe(0);
    // compare holds every scenario it reads: the large one's lines are still counted for the next
    const both = await runCli(['compare', 'scenarios/2018.yaml', scenario], { heapLimit: tooSmall });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(`${scenario}:6:14: error[input-too-large]`);
  });

  it('a heap that holds the estimate: the run goes ahead; the workbook asks for more than the page', async () => {
    const heap = fullLoadNeed(bytes, FULL_LOAD_BYTES_PER_BYTE) + 1;
    const r = await runCli(['explain', scenario, 'net_budget', '2020/21', '--format', 'csv'], { heapLimit: heap });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const xlsx = await runCli(['report', scenario, '--xlsx', path.join(tmp, 'never.xlsx'), '--draws', '10'], { heapLimit: heap });
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain(`needs up to about ${need(WORKBOOK_BYTES_PER_BYTE)} MiB`);
    expect(fs.existsSync(path.join(tmp, 'never.xlsx'))).toBe(false);
  });

  // the same through the built bin with Node's heap really lowered: before this check, V8 aborted the process (exit 134)
  it.skipIf(!fs.existsSync(path.join('dist', 'cli', 'main.js')))(
    'through the bin, with NODE_OPTIONS lowering the heap: exit 2, never an abort',
    () => {
      const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=16' };
      for (const argv of [
        ['project', scenario, '--detail', '--format', 'csv'],
        ['explain', scenario, 'net_budget', '2020/21'],
      ]) {
        const r = spawnSync(process.execPath, ['bin/mtfs.js', ...argv], { env, encoding: 'utf8', timeout: 60_000 });
        expect(r.status, argv[0]).toBe(2);
        expect(r.stderr).toContain(`${scenario}:6:14: error[input-too-large]: keeping every line`);
        expect(r.stderr).not.toMatch(/heap out of memory|\n\s+at .+:\d+:\d+/);
      }
      const totals = spawnSync(process.execPath, ['bin/mtfs.js', 'project', scenario, '--format', 'csv'], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(totals.status).toBe(0);
    },
  );
});

describe('risk draws', () => {
  it('refuses --draws 5000000 before drawing, naming the limit this scenario allows', async () => {
    const most = Math.floor(MAX_KEPT_FIGURES / 4); // net budget in 4 years
    for (const argv of [
      ['risk', 'scenarios/2018.yaml', '--draws', '5000000'],
      ['report', 'scenarios/2018.yaml', '--draws', '5000000', '--html', '/nonexistent/never-written.html'],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error[usage]: --draws 5,000,000 is more than ${most.toString().replace(/\B(?=(\d{3})+$)/g, ',')}`);
    }
  });
});
