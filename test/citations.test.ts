// Citations users can look up: every shipped scenario and data file, and what the real CLI shows of
// their sources (`project --detail`, `explain`, `options`, the HTML and XLSX report), name documents
// by title, date and paragraph, never a working file of the project or a tracker item.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { OPTIONS_CASES } from './helpers/golden-cases.js';

/** A citation of something a user cannot look up: a working file, its sections, or a tracker item. */
const NOT_A_CITATION = /\bseeds?\b|leicestershire-public-figures|\breference [ABC]\d*\b|\bissues?\b/i;

/** The risk section's random seed is a setting, not a citation. */
const withoutRandomSeed = (text: string): string => text.replace(/random seed:? \d+|"seed": \d+|--seed\b|draws, seed \d+/g, '');

/** Each offending line of `text`, with where it is, for a readable failure. */
function offending(where: string, text: string): string[] {
  return withoutRandomSeed(text)
    .split('\n')
    .flatMap((line, i) => (NOT_A_CITATION.test(line) ? [`${where}:${i + 1}: ${line.trim().slice(0, 160)}`] : []));
}

const files = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.(ya?ml|csv|md)$/.test(f))
    .map((f) => path.join(dir, f));
const SCENARIOS = files('scenarios').filter((f) => f.endsWith('.yaml'));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-citations-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('citations in what mtfs ships', () => {
  it('the scenario and data files, comments included', () => {
    const all = [...files('scenarios'), ...files('data')];
    expect(all.length).toBeGreaterThan(10);
    expect(all.flatMap((f) => offending(f, fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it.each(SCENARIOS)('what the CLI shows of %s: project --detail, explain of every line and row', async (scenario) => {
    const found: string[] = [];
    const run = async (argv: string[]): Promise<string> => {
      const r = await runCli(argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      found.push(...offending(argv.join(' '), r.stdout + r.stderr));
      return r.stdout;
    };
    await run(['project', scenario, '--detail']);
    await run(['project', scenario, '--detail', '--format', 'json']);
    // every row and line, as the usage hint of an unknown name lists them
    const hint = (await runCli(['explain', scenario, 'no-such-row'])).stderr;
    const names = [...hint.matchAll(/(?:rows|lines) are ([^;(\n]+)/g)].flatMap((m) => m[1]!.split(',').map((r) => r.trim()));
    expect(names.length).toBeGreaterThanOrEqual(4); // the smallest shipped scenario has three rows and a line
    for (const what of names) await run(['explain', scenario, what, '--format', 'json']);
    expect(found).toEqual([]);
  });

  it('the committee report of every shipped scenario, HTML and XLSX', async () => {
    const found: string[] = [];
    for (const scenario of SCENARIOS) {
      const html = path.join(tmp, `${path.basename(scenario)}.html`);
      const xlsx = path.join(tmp, `${path.basename(scenario)}.xlsx`);
      const r = await runCli(['report', scenario, '--draws', '50', '--html', html, '--xlsx', xlsx]);
      expect(r.code, r.stderr).toBe(0);
      found.push(...offending(html, fs.readFileSync(html, 'utf8')));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      wb.eachSheet((ws) =>
        ws.eachRow((row, n) => row.eachCell((cell) => found.push(...offending(`${xlsx} ${ws.name}!${n}`, String(cell.value as unknown))))),
      );
    }
    expect(found).toEqual([]);
  });

  it('mtfs options: the national tables and the local view', async () => {
    const found: string[] = [];
    for (const { argv } of OPTIONS_CASES) {
      const r = await runCli(argv);
      found.push(...offending(argv.join(' '), r.stdout + r.stderr));
    }
    expect(found).toEqual([]);
  });

  it('says what it looks for', () => {
    for (const bad of ['seed 004 para 14', 'reference B2', 'reference leicestershire-public-figures.md A1', 'as in mtfs issue 6'])
      expect(offending('x', bad)).toHaveLength(1);
    expect(offending('x', 'Risk: 50 draws with random seed 1')).toEqual([]);
  });
});
