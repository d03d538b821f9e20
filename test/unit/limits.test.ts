// Bounded memory: every limit a run can reach is a located diagnostic and exit 2, never a V8
// abort. The total input across the files of a run, a department named several times, and the
// number of risk draws whose figures exact percentiles keep.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../bench/generate.mjs';
import { nodeReader } from '../../src/cli/io.js';
import { memoryReader, type FileReader } from '../../src/load/reader.js';
import { MAX_INPUT_BYTES, MAX_TOTAL_INPUT_BYTES } from '../../src/source/text.js';
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
