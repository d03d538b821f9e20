// The council tax bill (`funding: council_tax: bill:`): other preceptors' Band D or precepts are shown
// beside council tax, never counted in funding or the gap; the bill's total is a control in £ and
// pence (`funding.bill.band_d`) or in the scenario's units (`funding.bill.total`); bad input is located.
import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { memoryReader } from '../src/load/reader.js';
import { toPlain } from '../src/model/money.js';
import { runCli } from './helpers/cli.js';
import { evaluateCell as evaluate } from './helpers/xlsx-formula.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-bill-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const DOVER = 'scenarios/examples/dover-2018.yaml';
const GREENWICH = 'scenarios/examples/greenwich-2019.yaml';

/** A command on a shipped example with its text changed (the files it names are read from disk). */
async function runChanged(file: string, change: (text: string) => string, ...argv: string[]) {
  const original = readFileSync(file, 'utf8');
  const text = change(original);
  expect(text).not.toBe(original);
  const changed = memoryReader(new Map([[file, text]]));
  return runCli([...argv, file], { readFile: (f, max) => (f === file ? changed(f, max) : nodeReader(f, max)) });
}

/** The bill section of a file cut out, so the same scenario can be projected with and without it. */
const withoutBill = (text: string): string => text.replace(/^ {4}bill:\n(?: {6}.*\n)+/m, '');
const withoutBillControls = (text: string): string => text.replace(/^ {4}funding\.bill\.[a-z_]+:\n(?: {6}.*\n)+/m, '');

const jsonOf = (stdout: string) => JSON.parse(stdout) as { funding: Record<string, unknown> };

describe('the council tax bill', () => {
  it.each([DOVER, GREENWICH])('never moves total funding, the gap or any row of %s', async (file) => {
    const withBill = await runCli(['project', '--format', 'json', file]);
    const without = await runChanged(file, (t) => withoutBillControls(withoutBill(t)), 'project', '--format', 'json');
    expect(withBill.code, withBill.stderr).toBe(0);
    expect(without.code, without.stderr).toBe(0);
    const a = jsonOf(withBill.stdout);
    const b = jsonOf(without.stdout);
    expect(a.funding.bill).toBeDefined();
    expect(b.funding.bill).toBeUndefined();
    const { bill: _bill, ...rest } = a.funding;
    const restB = { ...b.funding };
    // origins of the figures below the bill move with its lines; compare everything else
    const noOrigins = (x: unknown) => JSON.parse(JSON.stringify(x).replace(/"origin":"[^"]*"/g, '"origin":""'));
    expect(noOrigins(rest)).toEqual(noOrigins(restB));
    expect(noOrigins((a as Record<string, unknown>).rows)).toEqual(noOrigins((b as Record<string, unknown>).rows));
  });

  it('adds Dover’s own Band D and the preceptors’ to the published total, exactly', async () => {
    const r = await runCli(['project', '--format', 'json', DOVER]);
    const bill = jsonOf(r.stdout).funding.bill as { units: string; in_funding: boolean; total: { values: Record<string, string> } };
    expect(bill.units).toBe('£');
    expect(bill.in_funding).toBe(false);
    expect(bill.total.values).toEqual({ '2018/19': '1664.68', '2019/20': '1757.62' });
  });

  it('shows Greenwich’s requirement + GLA precept = total to be met from council tax, said to be derived', async () => {
    const r = await runCli(['project', '--detail', GREENWICH]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Council tax bill: Greater London Authority precept +published +26,553/);
    expect(r.stdout).toMatch(/Council tax bill: Total to be met from council tax \(derived: the sum of the above\) +derived +123,416/);
    expect(r.stdout).toMatch(/Total funding +244,886/);
  });

  it('a total Band D a penny out is a mismatch in pounds and pence, naming the preceptors', async () => {
    const r = await runChanged(DOVER, (t) => t.replace('2018/19: 1,664.68', '2018/19: 1,664.69'), 'check');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[control-mismatch]: funding.bill.band_d 2018/19: projected 1,664.68, published 1,664.69');
    expect(r.stderr).toContain('= difference -0.01 £ (actual − expected)');
    expect(r.stderr).toContain('Kent County Council (scenarios/examples/dover-2018.yaml:');
  });

  it('a wrong preceptor figure makes the published total mismatch', async () => {
    const r = await runChanged(GREENWICH, (t) => t.replace('2019/20: 26,553', '2019/20: 26,554'), 'check');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[control-mismatch]: funding.bill.total 2019/20: projected 123,417, published 123,416');
  });

  it('the totals are compared at their published precision (the Band D in £, whatever the units)', async () => {
    const to = (amount: string, step: string) => (t: string) =>
      t.replace('2019/20: 123,416', `2019/20: {amount: ${amount}, published_to: ${step}}`);
    const ok = await runChanged(GREENWICH, to('123400', '£0.1m'), 'check');
    expect(ok.code, ok.stderr).toBe(0);
    const out = await runChanged(GREENWICH, to('123500', '£0.1m'), 'check');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('error[control-mismatch]: funding.bill.total 2019/20: projected 123,416 (to the nearest £0.1m');
    const pounds = await runChanged(DOVER, (t) => t.replace('2018/19: 1,664.68', '2018/19: {amount: 1665, published_to: £1}'), 'check');
    expect(pounds.code, pounds.stderr).toBe(0);
    const notPence = await runChanged(DOVER, (t) => t.replace('2018/19: 1,664.68', '2018/19: {amount: 1664.5, published_to: £1}'), 'check');
    expect(notPence.stderr).toContain(
      'error[control-precision]: funding.bill.band_d 2018/19: 1,664.5 £ is not a figure published to the nearest £1',
    );
  });

  it('a control of the other kind, or with no bill, is refused saying what to do', async () => {
    const other = await runChanged(GREENWICH, (t) => t.replace('funding.bill.total:', 'funding.bill.band_d:'), 'check');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("this bill gives the preceptors' precepts: control `funding.bill.total` instead");
    const none = await runChanged(GREENWICH, withoutBill, 'check');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('this scenario has no council tax bill');
  });

  it('refuses a bill that mixes Band D and precepts, at the second kind', async () => {
    const r = await runChanged(
      DOVER,
      (t) => t.replace('        - name: Kent County Council\n          band_d:', '        - name: Kent County Council\n          precept:'),
      'project',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /dover-2018\.yaml:\d+:11: error\[council-tax-bill\]: The Police & Crime Commissioner for Kent gives its Band D, but Kent County Council gives its precept/,
    );
  });

  it('refuses an unknown key in a preceptor (strict schema)', async () => {
    const r = await runChanged(
      DOVER,
      (t) => t.replace('        - name: Kent County Council\n', '        - name: Kent County Council\n          band_e: {2018/19: 1}\n'),
      'project',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dover-2018\.yaml:\d+:11: error\[unknown-key\]/);
  });

  it.each([
    [DOVER, /^Council tax bill, Band D .*: Council Tax level \(Band D\)/, ['1664.68', '1757.62']],
    [GREENWICH, /^Council tax bill .*: Total to be met from council tax/, ['123416']],
  ])('the workbook works out the total of %s by a formula over its parts', async (file, total, expected) => {
    const out = path.join(tmp, `${path.basename(file)}.xlsx`);
    expect((await runCli(['report', file, '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    let row = 0;
    let totalFunding = 0;
    wb.getWorksheet('Funding')!.eachRow((r, n) => {
      const text = String(r.getCell(1).value);
      if (total.test(text)) row = n;
      if (text.startsWith('Total funding')) totalFunding = n;
    });
    expect(row).toBeGreaterThan(totalFunding);
    expect(expected.map((_, j) => toPlain(evaluate(wb, 'Funding', `${'BC'[j]}${row}`)))).toEqual(expected);
    const formula = (wb.getWorksheet('Funding')!.getCell(`B${totalFunding}`).value as { formula: string }).formula;
    expect(formula.split('+')).not.toContain(`B${row}`);
  });
});
