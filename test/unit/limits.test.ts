// Bounded memory: every limit a run can reach is a located diagnostic and exit 2, never a V8
// abort. The total input across the files of a run, a department named several times, and the
// number of risk draws whose figures exact percentiles keep.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
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
    .replace('asc_department: Adults and Communities', 'asc_department: Department 1');

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
        `scenarios/council\\.yaml:\\d+:\\d+: error\\[input-too-large\\]: reading scenarios/big\\d\\.yaml would take this scenario's files past ${MAX_TOTAL_INPUT_BYTES} bytes`,
      ),
    );
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
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
