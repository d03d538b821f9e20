// Funding other than council tax as a row of its own (`funding: before_council_tax:`), as tables
// that deduct it before council tax print it (Dover District Council's "Total Funding"): shown,
// controlled, and refused where there is no council tax or the scenario does not ask for it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { toPlain } from '../src/model/money.js';
import { runCli } from './helpers/cli.js';
import { evaluateCell as evaluate } from './helpers/xlsx-formula.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-before-ct-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const DOVER = 'scenarios/examples/dover-2018.yaml';
const dover = fs.readFileSync(DOVER, 'utf8');

/** Dover's scenario with `edit` applied, written to a folder of its own. */
function edited(name: string, edit: (text: string) => string): string {
  const text = edit(dover);
  expect(text).not.toBe(dover);
  const file = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

describe('funding before council tax', () => {
  it('is total funding less council tax, with the collection fund deficit in it (Dover: 7,565 and 8,735)', async () => {
    const r = await runCli(['project', DOVER, '--detail', '--format', 'json']);
    expect(r.code).toBe(0);
    const f = (JSON.parse(r.stdout) as { funding: { before_council_tax: { label: string; values: Record<string, string> } } }).funding;
    expect(f.before_council_tax).toEqual({ label: 'Total Funding', values: { '2018/19': '7565', '2019/20': '8735' } });
    const text = await runCli(['project', DOVER, '--detail']);
    expect(text.stdout).toMatch(/Total Funding \(funding other than council tax\) +7,565 +8,735/);
  });

  it('the workbook has it as a formula over the funding other than council tax', async () => {
    const out = path.join(tmp, 'dover.xlsx');
    expect((await runCli(['report', DOVER, '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    let row = 0;
    wb.getWorksheet('Funding')!.eachRow((r, n) => {
      if (r.getCell(1).value === 'Total Funding (funding other than council tax)') row = n;
    });
    expect(row).toBeGreaterThan(0);
    expect(['B', 'C'].map((k) => toPlain(evaluate(wb, 'Funding', `${k}${row}`)))).toEqual(['7565', '8735']);
  });

  it('a control on it fails when a funding figure moves, and names what it is made of', async () => {
    const r = await runCli(['check', edited('moved', (t) => t.replace('2018/19: 1,515', '2018/19: 1,516'))]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/funding\.before_council_tax 2018\/19/);
    expect(r.stdout + r.stderr).toContain('funding before council tax = ');
  });

  it('is refused without council tax, and cannot be controlled unless the scenario shows it', async () => {
    const noCt = await runCli([
      'project',
      edited('no-ct', (t) =>
        t.replace(/ {2}council_tax:\n[\s\S]*?\n\ncontrols:/, '\ncontrols:').replace(/ {4}funding\.council_tax:\n.*\n.*\n/, ''),
      ),
    ]);
    expect(noCt.code).toBe(2);
    expect(noCt.stderr).toContain('error[missing-key]: `before_council_tax` is the funding other than council tax');
    const undeclared = await runCli([
      'check',
      edited('undeclared', (t) => t.replace('  before_council_tax: {label: Total Funding}\n', '')),
    ]);
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toContain('error[control-row]');
  });
});
