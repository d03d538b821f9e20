// Calibrated (§) and estimated (†) funding figures carry their mark in every format a user reads:
// the text, Markdown and HTML tables, the gap chart's description and the workbook, each with a key.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const COUNCIL = 'scenarios/2018-council.yaml';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-marks-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const lineOf = (out: string, label: string): string => out.split('\n').find((l) => l.startsWith(label)) ?? '';

describe('funding marks', () => {
  it('text: the calibrated component, total funding and the gap carry § and the key says what it means', async () => {
    const r = await runCli(['project', COUNCIL, '--detail']);
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, 'Business rates and RSG (balancing')).toMatch(/80,230 §/);
    expect(lineOf(r.stdout, 'Council tax: tax base × Band D ')).toMatch(/280,770 †/);
    expect(lineOf(r.stdout, 'Total funding')).toMatch(/361,000 §†/);
    expect(lineOf(r.stdout, 'Gap: net budget requirement less funding')).toContain('§');
    expect(r.stdout).toMatch(/^Note: § calibrated to published totals \(true by construction, not evidence\)/m);
    expect(r.stdout).toMatch(/^Note: † funding estimates/m);
  });

  it('a scenario without calibrated funding shows no § and no key for it', async () => {
    const r = await runCli(['project', 'scenarios/2018.yaml', '--detail']);
    expect(r.stdout).not.toContain('§');
  });

  it('markdown: the marks are in the cells and the key under the table', async () => {
    const r = await runCli(['project', COUNCIL, '--detail', '--format', 'markdown']);
    expect(lineOf(r.stdout, '| **Total funding**')).toMatch(/361,000 §†/);
    expect(r.stdout).toContain('§ calibrated to published totals');
  });

  it('HTML: cells, key and the gap chart description', async () => {
    const out = path.join(tmp, 'report.html');
    expect((await runCli(['report', COUNCIL, '--html', out])).code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/80,230 ?§/);
    expect(html).toContain('§ calibrated to published totals');
    expect(html).toMatch(/Funding gap by year[^<]*Every bar includes § funding calibrated to published totals/);
  });

  it('XLSX: the funding labels carry the marks and a key row says what each means', async () => {
    const out = path.join(tmp, 'report.xlsx');
    expect((await runCli(['report', COUNCIL, '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const labels: string[] = [];
    wb.getWorksheet('Funding')!.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels).toContain('Business rates and RSG (balancing estimate, held flat in cash) §');
    expect(labels.find((l) => l.startsWith('Total funding'))).toBe('Total funding §†');
    expect(labels).toContain('§ calibrated to a published total: true by construction, not evidence.');
    expect(labels).toContain('† an estimate: see its source and note.');
  });
});

/** A council whose only calibrated figure is a department's: funding is published or estimated. */
const CALIBRATED_DEPARTMENT = `authority: Test County Council
department: Whole council
period: {from: 2018/19, to: 2021/22}
units: £000
departments:
  - name: Services
    levels: {2018/19: 100, 2019/20: 110, 2020/21: 120, 2021/22: 130}
    provenance: published
    source: test fixture
  - name: Central contingency
    levels: {2018/19: 10, 2021/22: 40}
    unstated: linear
    provenance: calibrated
    source: test fixture
funding:
  source: test fixture
  business_rates:
    label: Business rates
    amounts: {2018/19: 105, 2019/20: 110, 2020/21: 120, 2021/22: 130}
    provenance: published
    source: test fixture
`;

describe('department marks', () => {
  const file = path.join(tmp, 'council.yaml');
  fs.writeFileSync(file, CALIBRATED_DEPARTMENT);

  it('text: a calibrated department carries § each year, and the net budget requirement, the gap and the call on reserves that include it carry it too', async () => {
    const r = await runCli(['project', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(lineOf(r.stdout, 'Central contingency')).toMatch(/10 §\s+20 §†\s+30 §†\s+40 §$/);
    expect(lineOf(r.stdout, 'Services')).not.toMatch(/[§†]/);
    expect(lineOf(r.stdout, 'Net budget requirement')).toMatch(/110 §\s+130 §†\s+150 §†\s+170 §$/);
    expect(lineOf(r.stdout, 'Total funding')).not.toMatch(/[§†]/);
    expect(lineOf(r.stdout, 'Gap: net budget requirement less funding')).toMatch(/5 §\s+20 §†\s+30 §†\s+40 §$/);
    expect(lineOf(r.stdout, 'Call on reserves if gaps are not closed')).toMatch(/§$/);
    const notes = r.stdout.split('\n').filter((l) => l.startsWith('Note: §'));
    expect(notes).toEqual([
      `Note: § Central contingency is calibrated to a published total, not published (true by construction, not evidence): see its note in ${file}; totals and the gap that include it carry the mark.`,
    ]);
    expect(r.stdout).toContain(
      'Note: † estimated: the source does not state this year (a straight line between stated years, or the earlier figure held); totals and the gap that include it carry the mark.',
    );
  });

  it('an estimated department carries † in every year, stated years too, and the rows that include it carry it', async () => {
    const estimated = path.join(tmp, 'estimated.yaml');
    fs.writeFileSync(estimated, CALIBRATED_DEPARTMENT.replace('provenance: calibrated', 'provenance: estimate'));
    const r = await runCli(['project', estimated]);
    expect(r.code, r.stderr).toBe(0);
    expect(lineOf(r.stdout, 'Central contingency')).toMatch(/10 †\s+20 †\s+30 †\s+40 †$/);
    expect(lineOf(r.stdout, 'Net budget requirement')).toMatch(/110 †\s+130 †\s+150 †\s+170 †$/);
    expect(r.stdout).toContain(
      `Note: † Central contingency is an estimate, not published, in every year: see its note in ${estimated}; totals and the gap that include it carry the mark.`,
    );
  });

  it('markdown and HTML: the cells carry the marks and the gap chart says what its bars include', async () => {
    const md = await runCli(['project', file, '--format', 'markdown']);
    expect(lineOf(md.stdout, '| **Net budget requirement**')).toContain('**110 §**');
    const out = path.join(tmp, 'department.html');
    expect((await runCli(['report', file, '--html', out])).code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/Net budget requirement<\/th><td class="right">110 ?§/);
    expect(html).toMatch(
      /Every bar includes § the calibrated inputs of Central contingency \(true by construction, not evidence\) and † the estimate of Central contingency in 2019\/20 and 2020\/21/,
    );
  });

  it('XLSX: the department, net budget, gap and call on reserves labels carry the marks, with a key', async () => {
    const out = path.join(tmp, 'department.xlsx');
    expect((await runCli(['report', file, '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const labels: string[] = [];
    wb.getWorksheet('Budget')!.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels).toEqual(
      expect.arrayContaining([
        'Services',
        'Central contingency §†',
        'Net budget requirement §†',
        'Total funding',
        'Gap: net budget requirement less funding §†',
        'Call on reserves if gaps are not closed §†',
        '§ calibrated, or includes a calibrated figure: true by construction, not evidence.',
        '† an estimate, or includes one: see its source and note.',
      ]),
    );
  });
});
