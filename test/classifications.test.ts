// Classifications declared by the scenario: golden files of a synthetic council with its own
// vocabularies (savings themes, growth types, service areas with labels, its own status marks), a
// scenario that declares none (any value, none required), and a value outside a declared vocabulary.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';

const OWN = 'test/fixtures/classes/own-vocabularies.yaml';
const FREE = 'test/fixtures/classes/free-values.yaml';
const CASES: readonly { name: string; argv: readonly string[] }[] = [
  { name: 'own-vocabularies.project-detail', argv: ['project', OWN, '--detail'] },
  { name: 'own-vocabularies.project-detail-csv', argv: ['project', OWN, '--detail', '--format', 'csv'] },
  { name: 'free-values.project-detail', argv: ['project', FREE, '--detail'] },
];

describe('classifications (synthetic fixtures)', () => {
  it.each(CASES)('$name', async ({ name, argv }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/classes/${name}.txt`);
  });

  it('subtotals savings by the declared themes, with their labels, in the declared order, adding up to the total', async () => {
    const r = await runCli(['project', OWN, '--detail', '--format', 'csv']);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('savings.category.'));
    expect(rows.map((l) => l.split(',')[1])).toEqual([
      'Savings theme: Demand management',
      'Savings theme: Commercial',
      'Savings theme: Digital by default',
    ]);
    const total = r.stdout.split('\n').find((l) => l.startsWith('savings.total,')) ?? '';
    const sums = [2, 3, 4].map((i) => rows.reduce((a, l) => a + Number(l.split(',')[i]), 0));
    expect(sums).toEqual([2, 3, 4].map((i) => Number(total.split(',')[i])));
  });

  it('chooses layout rows by a declared category', async () => {
    const r = await runCli(['project', OWN, '--format', 'csv']);
    expect(r.stdout).toContain('commercial,Commercial savings,-80,-75,-15');
  });

  it('prints the declared status marks and accepts a line written with a mark', async () => {
    const r = await runCli(['project', OWN, '--detail']);
    expect(r.stdout).toMatch(/^\+2024-07 /m);
    expect(r.stdout).toMatch(/^\+S-102 /m);
    expect(r.stdout).toMatch(/^2025-01 /m);
  });

  it('a scenario without classifications takes any value and requires none', async () => {
    const r = await runCli(['project', FREE, '--detail']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nature: Efficiency/Income');
    expect(r.stdout).toContain('Category: Demand management');
    expect(r.stdout).toContain('Growth type: Unavoidable');
  });

  it('refuses a value outside the vocabulary its base declares, located, with a did-you-mean', async () => {
    const r = await runCli(['project', 'test/fixtures/classes/undeclared-value.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('undeclared-value.yaml:6:55: error[classification-value]: category of line S-105: `Comercial`');
    expect(r.stderr).toContain('did you mean `COM`?');
  });

  it("keeps a mix's parts as written, whether or not nature is declared", async () => {
    const free = await runCli(['project', FREE, '--detail', '--format', 'json']);
    const line = (JSON.parse(free.stdout) as { savings: { lines: { ref: string; nature: string[] }[] } }).savings.lines.find(
      (l) => l.ref === 'S1',
    );
    expect(line?.nature).toEqual(['Efficiency', 'Income']);
    const leics = await runCli(['project', 'scenarios/2018.yaml', '--detail', '--format', 'json']);
    const ac3 = (JSON.parse(leics.stdout) as { savings: { lines: { ref: string; nature: string[] }[] } }).savings.lines.find(
      (l) => l.ref === 'AC3',
    );
    expect(ac3?.nature).toEqual(['SR', 'Eff']); // written SR/Eff, as the report prints it (its declared order is Eff, SR, Inc)
  });
});

describe('a mixed nature is shown as the scenario writes it', () => {
  // The January 2018 report prints AC3 as (SR/Eff) and AC9 as (Eff/SR): every output keeps each
  // line's own order, while subtotals still group the two spellings of one mix together.
  const SCENARIO = 'scenarios/2018.yaml';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-nature-order-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('text and CSV', async () => {
    const table = await runCli(['project', SCENARIO, '--detail']);
    expect(table.stdout).toMatch(/^\*\*AC3 +SR\/Eff +Effective management/m);
    expect(table.stdout).toMatch(/^\*AC9 +Eff\/SR +Review of Supported Living Costs/m);
    expect(table.stdout).not.toMatch(/Nature: SR\/Eff/);
    const csv = await runCli(['savings', SCENARIO, '--format', 'csv']);
    expect(csv.stdout).toMatch(/^savings\.AC3,\d+,\*\*AC3,Transformation,SR\/Eff,/m);
    expect(csv.stdout).toMatch(/^savings\.AC9,\d+,\*AC9,Departmental,Eff\/SR,/m);
  });

  it('JSON', async () => {
    const natures = (out: string): Record<string, unknown> => {
      const found: Record<string, unknown> = {};
      JSON.stringify(JSON.parse(out), (_k, v: unknown) => {
        if (v && typeof v === 'object' && 'ref' in v && 'nature' in v)
          found[String((v as { ref: unknown }).ref)] = (v as { nature: unknown }).nature;
        return v;
      });
      return found;
    };
    for (const argv of [
      ['project', SCENARIO, '--detail', '--format', 'json'],
      ['savings', SCENARIO, '--format', 'json'],
    ]) {
      const n = natures((await runCli(argv)).stdout);
      expect(n['AC3']).toEqual(['SR', 'Eff']);
      expect(n['AC9']).toEqual(['Eff', 'SR']);
    }
  });

  it('HTML and XLSX reports', async () => {
    const html = path.join(tmp, 'report.html');
    const xlsx = path.join(tmp, 'report.xlsx');
    expect((await runCli(['report', SCENARIO, '--html', html, '--xlsx', xlsx])).code).toBe(0);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toMatch(/>\*\*AC3<\/th><td[^>]*>SR\/Eff<\/td>/);
    expect(page).toMatch(/>\*AC9<\/th><td[^>]*>Eff\/SR<\/td>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows = new Map<string, string>();
    wb.worksheets.forEach((ws) =>
      ws.eachRow((row) => {
        const ref = String(row.getCell(1).value);
        if (/^\**AC\d+$/.test(ref)) rows.set(ref, String(row.getCell(3).value));
      }),
    );
    expect(rows.get('**AC3')).toBe('SR/Eff');
    expect(rows.get('*AC9')).toBe('Eff/SR');
  });
});
