// `mtfs import`: workbooks built here with exceljs (a budget sheet and a savings sheet in the
// shapes finance teams use: a title, a blank column, £, commas, brackets, `-` and a Total row)
// import into scenarios that project and check; what cannot be read is named by its cell.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cellName, sheetAmount, yearHeader } from '../src/source/sheet-table.js';
import { runCli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function workbook(name: string, sheets: Record<string, (string | number | null)[][]>): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = book.addWorksheet(sheet);
    rows.forEach((r) => ws.addRow(r));
  }
  const file = path.join(tmp, name);
  await book.xlsx.writeFile(file);
  return file;
}

const BUDGET = [
  ['Example Council: revenue budget by department (£000)'],
  [],
  [null, 'Department', null, '2025/26', '2026/27', '2027/28'],
  [null, 'Adults', null, '£52,100', 53400, '54,750.5'],
  [null, 'Children', null, 38000, '(1,200)', 39500],
  [null, 'Place', null, 21000.25, '-', 21900],
  [],
  [null, 'Net budget', null, 111100.25, 52200, '116,150.5'],
];

describe('mtfs import', () => {
  it('reads a budget sheet into a whole-council scenario whose total checks', async () => {
    const book = await workbook('budget.xlsx', { 'Budget 2025': BUDGET });
    const out = path.join(tmp, 'budget');
    const r = await runCli(['import', book, '--output', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('read 3 rows and 1 total from budget.xlsx, sheet Budget 2025 (budget), 2025/26–2027/28');
    const scenario = fs.readFileSync(path.join(out, 'scenario.yaml'), 'utf8');
    await expect(scenario).toMatchFileSnapshot('golden/import/budget.yaml');
    const check = await runCli(['check', path.join(out, 'scenario.yaml')]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('3 controls match');
    const csv = await runCli(['project', path.join(out, 'scenario.yaml'), '--format', 'csv']);
    expect(csv.stdout).toContain('net_budget,Net budget requirement,111100.25,52200,116150.5');
  });

  it('reads a savings sheet into lines (brackets are savings) that project', async () => {
    const book = await workbook('savings.xlsx', {
      Notes: [['nothing here']],
      'Savings proposals': [
        ['Ref', 'Proposal', '', '2025/26', '2026/27', ''],
        ['S1', 'Review of contracts', '', '(300)', '(600)', ''],
        ['S2', 'Fees and charges', '', '(100)', '-', ''],
        ['', 'Total savings', '', '(400)', '(600)', ''],
      ],
    });
    const out = path.join(tmp, 'savings');
    const r = await runCli(['import', book, '--sheet', 'Savings proposals', '--output', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(fs.readFileSync(path.join(out, 'lines.csv'), 'utf8')).toMatchFileSnapshot('golden/import/savings-lines.csv');
    await expect(fs.readFileSync(path.join(out, 'scenario.yaml'), 'utf8')).toMatchFileSnapshot('golden/import/savings.yaml');
    const p = await runCli(['project', path.join(out, 'scenario.yaml'), '--format', 'csv']);
    expect(p.stderr).toBe('');
    expect(p.stdout).toContain('savings,Savings,-400,-200');
  });

  it('names each cell it cannot read, as Sheet!B7, and writes nothing', async () => {
    const book = await workbook('bad.xlsx', {
      Budget: [
        ['Service', '2025/26', '2026/27'],
        ['Adults', '1,2k', 100],
        ['', 50, 60],
      ],
    });
    const out = path.join(tmp, 'bad');
    const r = await runCli(['import', book, '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${book}:2:2: error[workbook]: Budget!B2: cannot read \`1,2k\` as an amount`);
    expect(r.stderr).toContain(`${book}:3:1: error[workbook]: Budget!A3: amounts with no label`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('says when a sheet has no row of years, or the workbook no such sheet', async () => {
    const book = await workbook('none.xlsx', {
      Budget: [
        ['Service', 'Amount'],
        ['Adults', 5],
      ],
    });
    const none = await runCli(['import', book, '--output', path.join(tmp, 'none')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('error[workbook]: sheet Budget: no header row of years such as 2025/26');
    const missing = await runCli(['import', book, '--sheet', 'Nope']);
    expect(missing.stderr).toContain('none.xlsx has no sheet Nope');
    expect(missing.stderr).toContain('its sheets are Budget');
  });

  it('reads amounts and years as spreadsheets write them', () => {
    expect(sheetAmount('£1,234.50')).toEqual({ ok: true, amount: '1234.50' });
    expect(sheetAmount('(4,755)')).toEqual({ ok: true, amount: '-4755' });
    expect(sheetAmount(' - ')).toEqual({ ok: true, amount: '0' });
    expect(sheetAmount('–')).toEqual({ ok: true, amount: '0' });
    expect(sheetAmount('')).toEqual({ ok: true });
    expect(sheetAmount('1.2e3').ok).toBe(false);
    expect(yearHeader('2025-26')).toBe('2025/26');
    expect(yearHeader('2025/2026 £000')).toBe('2025/26');
    expect(yearHeader('2025/27')).toBeUndefined();
    expect(cellName(7, 2)).toBe('B7');
    expect(cellName(1, 28)).toBe('AB1');
  });
});
