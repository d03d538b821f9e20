// Outputs that follow the scenario's own layout: a schedule's title carries the source's name for
// it only where the scenario's layout gives one (text, HTML, workbook), and the workbook's budget
// sheet computes every layout row (not Leicestershire's sub total + growth + savings) so that,
// evaluated, it equals the table. Needs `npm run build` only for nothing: runs main() in-process.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { loadScenario } from '../src/load/scenario.js';
import { Dec, toPlain } from '../src/model/money.js';
import { projectScenario } from '../src/project/project.js';
import { realiseLoaded } from '../src/transform/variant.js';
import { runCli } from './helpers/cli.js';
import { EXAMPLE_SCENARIOS } from './helpers/golden-cases.js';
import { evaluateCell as evaluate } from './helpers/xlsx-formula.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-layout-outputs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const NEUTRAL = 'test/fixtures/layout/neutral.yaml';
const EXAMPLES = EXAMPLE_SCENARIOS.map((f) => `scenarios/${f}`);

/** Every text a workbook holds: cell values of every sheet. */
async function workbookText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void out.push(String(c.value))));
  return out.join('\n');
}

/** `project --detail`, `savings`, the HTML report and the workbook of one scenario, as text. */
async function outputs(file: string): Promise<{ detail: string; savings: string; html: string; xlsx: string }> {
  const stem = path.basename(file, '.yaml');
  const html = path.join(tmp, `${stem}.html`);
  const xlsx = path.join(tmp, `${stem}.xlsx`);
  const detail = await runCli(['project', file, '--detail']);
  expect(detail.code).toBe(0);
  const report = await runCli(['report', file, '--html', html, '--xlsx', xlsx]);
  expect(report.stderr).toBe('');
  expect(report.code).toBe(0);
  const savings = await runCli(['savings', file]);
  expect(savings.code).toBe(0);
  return { detail: detail.stdout, savings: savings.stdout, html: fs.readFileSync(html, 'utf8'), xlsx: await workbookText(xlsx) };
}

const LEICESTERSHIRE_WORDS = /Appendix [BC]|Add proposed growth|Less proposed savings|Eff efficiency/;

describe('schedule titles come from the scenario, never from another council', () => {
  it.each([...EXAMPLES, NEUTRAL])(
    "%s: no Appendix B or C, nor the 2018 report's row or nature words, in text, savings register, HTML or workbook",
    async (file) => {
      const o = await outputs(file);
      for (const [format, text] of Object.entries(o)) expect(text, `${file} ${format}`).not.toMatch(LEICESTERSHIRE_WORDS);
    },
  );

  it('a declared layout with no growth or saving rows and no such lines shows no growth or savings schedule', async () => {
    const o = await outputs('scenarios/examples/oxfordshire-2002.yaml');
    expect(o.detail).not.toMatch(/Growth schedule|Savings schedule/);
    expect(o.html).not.toMatch(/id="growth"|id="savings"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp, 'oxfordshire-2002.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Budget', 'Funding', 'Assumptions']);
  });

  it("a declared layout's own row labels name the change rows (Dover: Growth, Identified savings)", async () => {
    const o = await outputs('scenarios/examples/dover-2018.yaml');
    expect(o.detail).toContain('Growth schedule: level of each line');
    expect(o.detail).toMatch(/Change on previous year \(Growth\) +820 +156/);
    expect(o.detail).toMatch(/Change on previous year \(Identified savings\) +247 +160/);
  });

  it('the report names its appendices where its layout says so (schedule: Appendix B / Appendix C)', async () => {
    const o = await outputs('scenarios/2018.yaml');
    expect(o.detail).toContain('Growth schedule (Appendix B): level of each line');
    expect(o.detail).toContain('Change on previous year (Less proposed savings)');
    expect(o.html).toContain('Savings (Appendix C)');
    expect(o.xlsx).toContain('Growth (Appendix B): level of each line');
  });

  it('refuses `schedule:` on a row that does not choose lines', async () => {
    const dir = path.join(tmp, 'schedule-row');
    fs.mkdirSync(dir);
    const text = fs
      .readFileSync('scenarios/examples/oxfordshire-2002.yaml', 'utf8')
      .replace(
        '{id: net_budget, label: County Council Budget Requirement, base: base}',
        '{id: net_budget, label: County Council Budget Requirement, base: base, schedule: Appendix A}',
      );
    fs.writeFileSync(path.join(dir, 's.yaml'), text);
    const r = await runCli(['project', path.join(dir, 's.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[layout]: row `net_budget` names a schedule, but only a `lines:` row has one');
  });
});

const column = (i: number): string => String.fromCharCode(66 + i); // B, C, … (years start in column B)

/** The Budget sheet's rows by label. */
const rowsByLabel = (ws: ExcelJS.Worksheet): Map<string, number> => {
  const out = new Map<string, number>();
  ws.eachRow((row, n) => out.set(String(row.getCell(1).value), n));
  return out;
};

describe('the workbook computes the table of the scenario’s own layout', () => {
  it.each([NEUTRAL, ...EXAMPLES])('%s: every row of the Budget sheet, evaluated, equals the projection exactly', async (file) => {
    const out = path.join(tmp, `${path.basename(file, '.yaml')}-budget.xlsx`);
    expect((await runCli(['report', file, '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const p = projectScenario(realiseLoaded(loadScenario(file, nodeReader)).value!);
    const budget = wb.getWorksheet('Budget')!;
    const rowOf = rowsByLabel(budget);
    for (const row of p.rows)
      p.years.forEach((y, i) => {
        const address = `${column(i)}${rowOf.get(row.label)}`;
        expect(toPlain(evaluate(wb, 'Budget', address)), `${row.id} ${y}`).toBe(toPlain(row.values.get(y)!));
        const v = budget.getCell(address).value;
        // the cached result equals the projection too (exceljs reads a cached 0 back as no result)
        if (v && typeof v === 'object' && 'formula' in v)
          expect(toPlain(new Dec(String(v.result ?? 0))), `${row.id} ${y}`).toBe(toPlain(row.values.get(y)!));
      });
    // a net budget that sums rows is a formula over them (one that is the stated base is typed in)
    const layoutNet = p.scenario.layout.rows.find((r) => r.id === 'net_budget')!;
    const net = budget.getCell(`${column(p.years.length - 1)}${rowOf.get(layoutNet.label)}`).value;
    if (layoutNet.kind === 'sum') expect(net, 'the net budget is a formula').toMatchObject({ formula: expect.any(String) });
    else expect(typeof net).toBe('number');
  });

  it('a neutral layout: changing a growth line in the workbook moves the net budget of that year and every later one', async () => {
    const out = path.join(tmp, 'neutral-live.xlsx');
    expect((await runCli(['report', NEUTRAL, '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const growth = wb.getWorksheet('Growth')!;
    let line = 0;
    growth.eachRow((row, n) => {
      if (row.getCell(1).value === '1047') line = n;
    });
    expect(line).toBeGreaterThan(0);
    // 1047's level in 2025/26 (column F: Ref, Description, Service area, Status, then the years)
    const cell = growth.getCell(`F${line}`);
    expect(cell.value).toBe(200);
    const budget = wb.getWorksheet('Budget')!;
    const net = rowsByLabel(budget).get('Net budget')!;
    const before = ['B', 'C', 'D'].map((k) => evaluate(wb, 'Budget', `${k}${net}`));
    cell.value = 210;
    const after = ['B', 'C', 'D'].map((k) => evaluate(wb, 'Budget', `${k}${net}`));
    // 2024/25 unchanged; 2025/26 +10; 2026/27 starts from its stated base, so only its change (-10) moves it
    expect(after.map((a, i) => toPlain(a.minus(before[i]!)))).toEqual(['0', '10', '-10']);
  });
});
