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
