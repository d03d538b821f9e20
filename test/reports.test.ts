// Risk and report outputs as users meet them: golden tables, the HTML page rendered in headless
// Chromium (Debian's `chromium`), and the workbook read back with its formulas evaluated.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { loadScenario } from '../src/load/scenario.js';
import { realiseLoaded } from '../src/transform/variant.js';
import { Dec, toPlain } from '../src/model/money.js';
import { projectScenario } from '../src/project/project.js';
import { runCli, transcript } from './helpers/cli.js';
import { REPORT_HTML_CASE, RISK_CASES } from './helpers/golden-cases.js';
import { evaluateCell as evaluate } from './helpers/xlsx-formula.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('risk goldens', () => {
  it.each(RISK_CASES)('$name', async ({ argv, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });

  it('risk gives identical output for the same seed, and prints nothing extra when not on a terminal', async () => {
    const a = await runCli(['risk', 'scenarios/2018.yaml', '--draws', '3000', '--seed', '42', '--format', 'json']);
    const b = await runCli(['risk', 'scenarios/2018.yaml', '--draws', '3000', '--seed', '42', '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe('');
    const c = await runCli(['risk', 'scenarios/2018.yaml', '--draws', '3000', '--seed', '43', '--format', 'json']);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('refuses a scenario without ranges, and bad draws or seeds', async () => {
    expect((await runCli(['risk', 'scenarios/2018-without-ac14.yaml'])).code).toBe(0); // variants inherit ranges
    expect((await runCli(['risk', 'test/errors/no-controls/scenario.yaml'])).stderr).toContain('has no `assumptions:`');
    expect((await runCli(['risk', 'scenarios/2018.yaml', '--draws', '0'])).code).toBe(2);
    expect((await runCli(['risk', 'scenarios/2018.yaml', '--seed', '-1'])).code).toBe(2);
  });
});

describe('mtfs report --html', () => {
  const html = path.join(tmp, 'report.html');

  it('writes one self-contained page, byte-identical on every run', async () => {
    const { argv, writes } = REPORT_HTML_CASE;
    expect((await runCli([...argv, '--html', html])).code).toBe(0);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    await expect(page).toMatchFileSnapshot(`./${writes![0]!.golden!}`);
    const again = path.join(tmp, 'again.html');
    await runCli([...argv, '--html', again]);
    expect(fs.readFileSync(again, 'utf8')).toBe(page);
  });

  // What a committee paper must never carry: where files live, who made it, or how to run a tool.
  const shipped = fs
    .readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const forbidden = (html: string): string[] => {
    const page = html.replace(/<style>[\s\S]*?<\/style>/, '');
    const user = os.userInfo().username;
    const found: string[] = [];
    for (const [what, re] of [
      ['absolute path', /(^|[\s"'(>])(\/[A-Za-z0-9._-]+){2,}|[A-Za-z]:\\/],
      ['a folder of the clone', /scenarios\/|data\//],
      ['a command', /\bmtfs (project|check|report|risk|sensitivity|savings|explain|diff|compare|demand|options|schema|init)\b/],
      ['an option', /(^|\s)--[a-z]/],
      ['code to type', /`/],
    ] as const)
      if (re.test(page.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, ''))) found.push(what);
    for (const place of [process.cwd(), os.homedir(), tmp, path.resolve('scenarios')]) if (page.includes(place)) found.push(place);
    if (user.length >= 4 && new RegExp(`\\b${user}\\b`).test(page)) found.push('the user name');
    return found;
  };

  it.each(shipped)('%s: a committee paper that opens with a summary and names no path, folder or command', async (file) => {
    const out = path.join(tmp, `${file}.html`);
    const bare = path.join(tmp, `${file}.bare.html`);
    const scenario = path.resolve('scenarios', file); // an absolute path in, none out
    expect((await runCli(['report', scenario, '--html', out, '--draws', '200'])).code).toBe(0);
    expect((await runCli(['report', scenario, '--html', bare, '--draws', '200', '--no-appendix'])).code).toBe(0);
    for (const page of [fs.readFileSync(out, 'utf8'), fs.readFileSync(bare, 'utf8')]) {
      expect(forbidden(page)).toEqual([]);
      const main = page.slice(page.indexOf('<main>'));
      expect(main).toMatch(
        /^<main>\n<section id="summary">\n<h2>Summary<\/h2>\n<h3>The budget and the gap<\/h3>\n<ul>\n<li>The net budget is £/,
      );
    }
    const full = fs.readFileSync(out, 'utf8');
    const cut = fs.readFileSync(bare, 'utf8');
    expect(full).toContain('<section id="appendix" class="appendix">');
    expect(cut).not.toContain('id="appendix"');
    // technical provenance lives only in the appendix (element ids in the markup are not shown)
    const shown = cut.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ');
    for (const technical of [/\.(yaml|csv):\d+/, /nearest-rank/, /decimal places/, /random seed/, /sr-delivery|ibcf-after-2019/])
      expect(shown).not.toMatch(technical);
  });

  it('names a what-if without the option that set it', async () => {
    const out = path.join(tmp, 'what-if.html');
    const argv = ['report', 'scenarios/2018-demand.yaml', '--set', 'older_people.use_rate=0.02', '--html', out, '--draws', '100'];
    expect((await runCli(argv)).code).toBe(0);
    const page = fs.readFileSync(out, 'utf8');
    expect(forbidden(page)).toEqual([]);
    expect(page).toContain('What-if applied to these figures: older_people.use_rate set to 0.02');
  });

  it('takes the status and date from the scenario, never from the clock', async () => {
    const out = path.join(tmp, 'dated.html');
    expect((await runCli(['report', 'scenarios/2018.yaml', '--html', out, '--draws', '200'])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<p class="status">Draft · 16 January 2018</p>');
    const council = path.join(tmp, 'council-dated.html');
    expect((await runCli(['report', 'scenarios/2018-council.yaml', '--html', council, '--draws', '200'])).code).toBe(0);
    expect(fs.readFileSync(council, 'utf8')).toContain('<p class="status">Draft · 16 January 2018</p>');
  });

  const chromium = '/usr/bin/chromium';
  const haveBrowser = fs.existsSync(chromium);
  const required = process.env.MTFS_REQUIRE_BROWSER === '1';
  it.runIf(haveBrowser || required)(
    'renders in headless Chromium with the published table, charts with text alternatives, and fits A4',
    async () => {
      expect(haveBrowser, `Chromium is required (MTFS_REQUIRE_BROWSER=1) but ${chromium} is missing: apt-get install chromium`).toBe(true);
      const { chromium: pw } = await import('playwright-core');
      const browser = await pw.launch({
        executablePath: chromium,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        const requests: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith('file://')) requests.push(r.url());
        });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`file://${html}`);
        const net = await page.locator('#row-budget-net_budget').innerText();
        expect(net.replace(/\s+/g, ' ')).toBe('Proposed/Provisional net budget 132,831 133,701 134,761 136,881');
        expect((await page.locator('#row-budget-savings').innerText()).replace(/\s+/g, ' ')).toBe(
          'Less proposed savings (Appendix C) (4,755) (2,585) (1,315) (0)',
        );
        // every chart is an image with a title and a description, and has a size on the page
        const charts = await page.locator('svg[role="img"]').all();
        expect(charts.length).toBe(3);
        for (const svg of charts) {
          const box = await svg.boundingBox();
          expect(box && box.width > 300 && box.height > 100).toBe(true);
          expect(await svg.locator(':scope > title').count()).toBe(1);
          expect((await svg.locator(':scope > desc').textContent())?.length ?? 0).toBeGreaterThan(40);
        }
        // tables are real tables with captions and header cells
        expect(await page.locator('table caption').count()).toBe(await page.locator('table').count());
        expect(requests).toEqual([]);
        expect(errors).toEqual([]);
        fs.mkdirSync('test/artifacts', { recursive: true });
        await page.screenshot({ path: 'test/artifacts/report-2018.png', fullPage: true });
        // print: A4 portrait at 96 dpi less the 12 mm margins is about 703 px wide; nothing may overflow it
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 703, height: 1000 });
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow).toBeLessThanOrEqual(0);
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
        fs.writeFileSync('test/artifacts/report-2018.pdf', pdf);

        // the whole council: funding, the gap and its chart, no empty line schedules
        const council = path.join(tmp, 'council.html');
        expect((await runCli(['report', 'scenarios/2018-council.yaml', '--html', council, '--draws', '1000'])).code).toBe(0);
        const cp = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        await cp.goto(`file://${council}`);
        expect((await cp.locator('#row-budget-gap').innerText()).replace(/\s+/g, ' ')).toBe(
          'Gap: net budget requirement less funding 0§† (5,009)§† (4,300)§† (2,514)§†',
        );
        expect(await cp.locator('#funding table').count()).toBe(1);
        expect(await cp.locator('#chart-gap').count()).toBe(1);
        expect(await cp.locator('#growth, #savings').count()).toBe(0);
        await cp.screenshot({ path: 'test/artifacts/report-2018-council.png', fullPage: true });
      } finally {
        await browser.close();
      }
    },
  );
});

describe('mtfs report --xlsx', () => {
  const xlsx = path.join(tmp, 'report.xlsx');
  const projection = projectScenario(loadScenario('scenarios/2018.yaml', nodeReader).value!);

  it('totals are formulas over the line cells; evaluated, they equal the projection exactly', async () => {
    expect((await runCli(['report', 'scenarios/2018.yaml', '--xlsx', xlsx])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Budget', 'Growth', 'Savings', 'Gross and income', 'Assumptions']);
    const budget = wb.getWorksheet('Budget')!;
    const labels = new Map<string, number>();
    budget.eachRow((row, n) => labels.set(String(row.getCell(1).value), n));
    const netRow = labels.get('Proposed/Provisional net budget')!;
    const cols = ['B', 'C', 'D', 'E'];
    for (const row of projection.rows) {
      const n = labels.get(row.label)!;
      projection.years.forEach((y, i) => {
        const cell = budget.getCell(`${cols[i]}${n}`);
        // the cached result and the re-evaluated formula both equal the exact projection
        // exceljs drops a cached result of 0 when it reads a file back (the file holds <v>0</v>)
        const cached = typeof cell.value === 'number' ? cell.value : ((cell.value as { result?: number }).result ?? 0);
        expect(toPlain(new Dec(cached))).toBe(toPlain(row.values.get(y)!));
        expect(toPlain(evaluate(wb, 'Budget', `${cols[i]}${n}`))).toBe(toPlain(row.values.get(y)!));
      });
    }
    expect((budget.getCell(`C${netRow}`).value as { formula: string }).formula).toMatch(/^C\d+\+C\d+\+C\d+$/);
    expect(budget.getCell(`B${netRow}`).numFmt).toBe('#,##0;(#,##0);0');
  });

  it('changing a line moves the totals (the formulas are live)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const savings = wb.getWorksheet('Savings')!;
    let ac10 = 0;
    savings.eachRow((row, n) => {
      if (row.getCell(1).value === '**AC10') ac10 = n;
    });
    savings.getCell(`F${ac10}`).value = 310; // AC10 2018/19: 300 → 310
    const budget = wb.getWorksheet('Budget')!;
    let net = 0;
    budget.eachRow((row, n) => {
      if (row.getCell(1).value === 'Proposed/Provisional net budget') net = n;
    });
    expect(toPlain(evaluate(wb, 'Budget', `B${net}`))).toBe('132821');
  });

  it('is byte-identical on every run', async () => {
    const again = path.join(tmp, 'again.xlsx');
    await runCli(['report', 'scenarios/2018.yaml', '--xlsx', again]);
    expect(fs.readFileSync(again).equals(fs.readFileSync(xlsx))).toBe(true);
  });
});

describe('mtfs report --xlsx for a whole council with funding', () => {
  it('the net budget is the sum of the departments, funding the sum of its components, and the gap and reserves follow by formula', async () => {
    const out = path.join(tmp, 'council.xlsx');
    expect((await runCli(['report', 'scenarios/2018-council.yaml', '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Budget', 'Funding', 'Reserves', 'Assumptions']);
    const p = projectScenario(loadScenario('scenarios/2018-council.yaml', nodeReader).value!);
    const budget = wb.getWorksheet('Budget')!;
    const rowOf = rowsByLabel(budget);
    const formulas: string[] = [];
    for (const row of p.rows) {
      const n = rowOf.get(row.label)!;
      p.years.forEach((y, i) => {
        const address = `${'BCDE'[i]}${n}`;
        const v = budget.getCell(address).value;
        if (v && typeof v === 'object' && 'formula' in v) formulas.push(`${row.id}`);
        // the central inflation department holds compounded figures of up to 19 digits: Excel keeps 15
        expect(asExcelHoldsNear(evaluate(wb, 'Budget', address), row.values.get(y)!), `${row.id} ${y}`).toBe(
          asExcelHolds(row.values.get(y)!),
        );
      });
    }
    for (const id of ['net_budget', 'funding', 'gap', 'cumulative_gap', 'reserves_cf', 'reserves_after_gap'])
      expect(formulas).toContain(id);
  });
});

describe('mtfs report --xlsx with inflation drivers: base × (1 + rate) chains that Excel evaluates to the projection', () => {
  const file = 'test/fixtures/inflation/county.yaml';
  const out = path.join(tmp, 'inflation.xlsx');
  const levelsOf = async (wb: ExcelJS.Workbook): Promise<string[]> => {
    const growth = wb.getWorksheet('Growth')!;
    const rows = new Map<string, number>();
    growth.eachRow((row, n) => rows.set(String(row.getCell(1).value), n));
    return ['INF1', 'INF2', 'INF3', 'INF4'].flatMap((ref) =>
      ['E', 'F', 'G', 'H'].map((k) => toPlain(evaluate(wb, 'Growth', `${k}${rows.get(ref)}`))),
    );
  };
  const projected = (read: typeof nodeReader = nodeReader): string[] => {
    const p = projectScenario(loadScenario(file, read).value!);
    return ['INF1', 'INF2', 'INF3', 'INF4'].flatMap((ref) => {
      const sch = p.growth.find((g) => g.line.ref === ref)!;
      return p.years.map((y) => toPlain(sch.levels.get(y)!));
    });
  };

  it('every inflation level on the Growth sheet is a formula on the Inflation sheet, equal to the projection exactly', async () => {
    expect((await runCli(['report', file, '--xlsx', out])).code).toBe(0);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Budget', 'Inflation', 'Growth', 'Savings', 'Assumptions']);
    const growth = wb.getWorksheet('Growth')!;
    growth.eachRow((row, n) => {
      if (!String(row.getCell(1).value).startsWith('INF')) return;
      const v = row.getCell(5).value as { formula?: string };
      expect(v.formula, `Growth!E${n}`).toMatch(/^Inflation!C\d+$/);
    });
    expect(await levelsOf(wb)).toEqual(projected());
    // the chain itself: 2019/20 spend = 2018/19 spend × (1 + rate)
    const inflation = wb.getWorksheet('Inflation')!;
    const formulas: string[] = [];
    inflation.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value as { formula?: string } | null;
        if (v && typeof v === 'object' && v.formula) formulas.push(v.formula);
      }),
    );
    expect(formulas.some((f) => /^C\d+\*\(1\+D\d+\)$/.test(f))).toBe(true);
  });

  it('changing an index figure in the workbook moves the lines as the same change to the series file does', async () => {
    if (!fs.existsSync(out)) expect((await runCli(['report', file, '--xlsx', out])).code).toBe(0);
    const wb = await readWorkbook(out);
    const inflation = wb.getWorksheet('Inflation')!;
    let nlw = 0;
    inflation.eachRow((row, n) => {
      if (String(row.getCell(1).value).startsWith('Index nlw')) nlw = n;
    });
    inflation.getCell(`D${nlw}`).value = 8.3; // 2019/20: £8.21 → £8.30
    const edited = editedReader('data/index-series.yaml', (t) => t.replace('value: 8.21', 'value: 8.30'));
    expect(await levelsOf(wb)).toEqual(projected(edited));
    expect(projected(edited)).not.toEqual(projected());
  });
});

/** Reads a written workbook back. */
async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/**
 * A figure as a workbook cell can hold it: Excel keeps 15 significant digits, so a driver-built level
 * (users × unit cost ÷ 1,000, exact to 20 digits) is compared at 15; every other figure has fewer
 * digits and is compared exactly.
 */
const asExcelHolds = (d: Dec): string => toPlain(d.toSignificantDigits(15));

/**
 * A workbook figure beside the exact one it should equal, as `asExcelHolds` of the exact one when it
 * is within one unit of the 15th significant digit of it: a sum of inputs Excel holds as doubles
 * (figures of up to 19 digits, such as compounded inflation) may land either side of a rounding
 * boundary at the 15th digit. Anything further off is returned as it is, and so fails.
 */
const asExcelHoldsNear = (workbook: Dec, exact: Dec): string => {
  const scale = Dec.max(workbook.abs(), exact.abs());
  const exponent = Number(scale.toExponential().split('e')[1]);
  const unit = scale.isZero() ? new Dec(0) : new Dec(10).pow(exponent - 14);
  return workbook.minus(exact).abs().lte(unit) ? asExcelHolds(exact) : asExcelHolds(workbook);
};

/** Styled as an input: the legend's fill, and unlocked so a protected sheet still lets it change. */
const isInput = (cell: ExcelJS.Cell): boolean => {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.pattern === 'solid' && fill.fgColor?.argb === 'FFFFF2CC' && cell.protection?.locked === false;
};

/** The row of each label in column A of a sheet. */
/** Each row by its label, as written and without the marks (§ †) after it. */
function rowsByLabel(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  ws.eachRow((row, n) => {
    const label = String(row.getCell(1).value);
    out.set(label, n);
    out.set(label.replace(/ [§†]+$/, ''), n);
  });
  return out;
}

/** A loader that reads `file` with `edit` applied to its text, and every other file from disk. */
const editedReader =
  (file: string, edit: (text: string) => string): typeof nodeReader =>
  (f) => {
    if (path.resolve(f) !== path.resolve(file)) return nodeReader(f);
    const text = fs.readFileSync(f, 'utf8');
    const edited = edit(text);
    if (edited === text) throw new Error(`the edit did not change ${file}`);
    return { ok: true, bytes: new TextEncoder().encode(edited) };
  };

const SHIPPED = fs
  .readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('mtfs report --xlsx: inputs are cells the formulas use', () => {
  it.each(SHIPPED)(
    '%s: every formula on every sheet evaluates to its cached result, every sheet has frozen panes and a legend',
    async (name) => {
      const out = path.join(tmp, `${name}.xlsx`);
      expect((await runCli(['report', `scenarios/${name}`, '--xlsx', out])).code).toBe(0);
      const wb = await readWorkbook(out);
      const p = projectScenario(realiseLoaded(loadScenario(`scenarios/${name}`, nodeReader)).value!);
      let formulas = 0;
      for (const ws of wb.worksheets) {
        expect(ws.views, ws.name).toEqual([
          expect.objectContaining({
            state: 'frozen',
            ySplit: 4,
            xSplit: ['Growth', 'Savings', 'Gross and income'].includes(ws.name) ? 2 : 1,
          }),
        ]);
        expect(ws.getCell('A3').value, ws.name).toBe('Input');
        expect((ws.getCell('A3').fill as ExcelJS.FillPattern).fgColor?.argb, ws.name).toBe('FFFFF2CC');
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.value;
            if (!v || typeof v !== 'object' || !('formula' in v)) return;
            formulas++;
            // exceljs drops a cached result of 0 when it reads a file back (the file holds <v>0</v>)
            const cached = (v as { result?: number }).result ?? 0;
            expect(asExcelHoldsNear(evaluate(wb, ws.name, cell.address), new Dec(cached)), `${ws.name}!${cell.address} ${v.formula}`).toBe(
              asExcelHolds(new Dec(cached)),
            );
            expect(isInput(cell), `${ws.name}!${cell.address} is a formula styled as an input`).toBe(false);
            expect(cell.protection?.locked, `${ws.name}!${cell.address}`).not.toBe(false);
          }),
        );
      }
      expect(formulas).toBeGreaterThan(0);
      const budget = wb.getWorksheet('Budget')!;
      const rowOf = rowsByLabel(budget);
      for (const row of p.rows)
        p.years.forEach((y, i) =>
          expect(
            asExcelHoldsNear(evaluate(wb, 'Budget', `${'BCDE'[i]}${rowOf.get(row.label)}`), row.values.get(y)!),
            `${row.id} ${y}`,
          ).toBe(asExcelHolds(row.values.get(y)!)),
        );
    },
  );

  describe('the whole council: changing an input in the workbook moves council tax and the gap as the edited scenario does', () => {
    const file = 'scenarios/2018-council.yaml';
    const out = path.join(tmp, 'council-inputs.xlsx');

    /** Council tax and the gap of every year, from the workbook after `change`, and from the scenario after `edit`. */
    async function both(change: (funding: ExcelJS.Worksheet, rows: Map<string, number>) => void, edit: (text: string) => string) {
      if (!fs.existsSync(out)) expect((await runCli(['report', file, '--xlsx', out])).code).toBe(0);
      const wb = await readWorkbook(out);
      const funding = wb.getWorksheet('Funding')!;
      const fundingRows = rowsByLabel(funding);
      change(funding, fundingRows);
      const budgetRows = rowsByLabel(wb.getWorksheet('Budget')!);
      const ctRow = fundingRows.get('Council tax: tax base × Band D †')!;
      const gapRow = budgetRows.get('Gap: net budget requirement less funding')!;
      const loaded = loadScenario(file, editedReader(file, edit));
      expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const p = projectScenario(loaded.value!);
      const exact = p.years.map((y) => ({
        councilTax: p.funding!.components.find((c) => c.id === 'council_tax')!.values.get(y)!,
        gap: p.funding!.gap.get(y)!,
      }));
      // council tax is exact in the workbook; the gap sums department figures Excel holds to 15 digits
      const scenario = exact.map((e) => ({ councilTax: toPlain(e.councilTax), gap: asExcelHolds(e.gap) }));
      const workbook = ['B', 'C', 'D', 'E'].map((k, i) => ({
        councilTax: toPlain(evaluate(wb, 'Funding', `${k}${ctRow}`)),
        gap: asExcelHoldsNear(evaluate(wb, 'Budget', `${k}${gapRow}`), exact[i]!.gap),
      }));
      const unchanged = projectScenario(loadScenario(file, nodeReader).value!);
      return { workbook, scenario, before: unchanged.years.map((y) => toPlain(unchanged.funding!.gap.get(y)!)) };
    }

    it('the 2019/20 adult social care precept, 2% → 3%: Band D is truncated to the penny, as the scenario says', async () => {
      const r = await both(
        (ws, rows) => {
          const cell = ws.getCell(`C${rows.get('Band D increase: adult social care precept')}`);
          expect(cell.value).toBe(0.02);
          expect(isInput(cell)).toBe(true);
          const bandD = ws.getCell(`C${rows.get('Band D (£), truncated to the penny')}`).value as { formula: string };
          expect(bandD.formula).toMatch(/^ROUNDDOWN\(/);
          cell.value = 0.03;
        },
        (t) => t.replace(/(2019\/20:\n\s+core: 1\.99%\n\s+asc_precept: )2%/, '$13%'),
      );
      expect(r.workbook).toEqual(r.scenario);
      // the change reaches 2019/20 and every later year (Band D compounds), and moves the gap
      expect(r.workbook.map((w) => w.gap).slice(1)).not.toEqual(r.before.slice(1));
      expect(r.workbook[0]!.gap).toBe(r.before[0]);
    });

    it('the 2018/19 tax base, 230,300 → 231,000: later years grow from it at the growth rate', async () => {
      const r = await both(
        (ws, rows) => {
          const cell = ws.getCell(`B${rows.get('Tax base (Band D equivalents)')}`);
          expect(cell.value).toBe(230300);
          expect(isInput(cell)).toBe(true);
          expect(isInput(ws.getCell(`C${rows.get('Tax base (Band D equivalents)')}`))).toBe(false);
          cell.value = 231000;
        },
        (t) => t.replace('2018/19: 230,300', '2018/19: 231,000'),
      );
      expect(r.workbook).toEqual(r.scenario);
      expect(r.workbook.map((w) => w.gap)).not.toEqual(r.before);
    });

    it('Band D of 2017/18, the year before the period, and the tax base growth rate are inputs too', async () => {
      const r = await both(
        (ws, rows) => {
          ws.getCell(`B${rows.get('Band D 2017/18 (£), the year before the period')}`).value = 1180.07;
          ws.getCell(`C${rows.get('Tax base growth a year')}`).value = 0.01;
        },
        (t) => t.replace('amount: 1172.38', 'amount: 1180.07').replace(/(unstated: growth\n\s+growth: )0\.5%/, '$11%'),
      );
      // the scenario has one growth rate; the workbook one per year: only 2019/20 grows faster there
      expect(r.workbook[0]).toEqual(r.scenario[0]);
      expect(r.workbook[1]).toEqual(r.scenario[1]);
    });
  });
});

describe('mtfs report --xlsx: reserves and council tax rules as formulas', () => {
  const file = 'test/fixtures/synthetic-reserves/earmarked.yaml';
  const out = path.join(tmp, 'earmarked.xlsx');
  const written = async (): Promise<ExcelJS.Workbook> => {
    if (!fs.existsSync(out)) expect((await runCli(['report', file, '--xlsx', out])).code).toBe(0);
    return readWorkbook(out);
  };

  it('every formula evaluates to its cached result, and each roll-forward, the minimum and the ASC precept raised are formulas', async () => {
    const wb = await written();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Budget', 'Funding', 'Reserves', 'Assumptions']);
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (!v || typeof v !== 'object' || !('formula' in v)) return;
          const cached = (v as { result?: number }).result ?? 0;
          expect(asExcelHolds(evaluate(wb, ws.name, cell.address)), `${ws.name}!${cell.address} ${v.formula}`).toBe(
            asExcelHolds(new Dec(cached)),
          );
        }),
      );
    const reserves = wb.getWorksheet('Reserves')!;
    const rows = rowsByLabel(reserves);
    const formulaOf = (label: string, k = 'D'): string => (reserves.getCell(`${k}${rows.get(label)}`).value as { formula: string }).formula;
    expect(formulaOf('Minimum balance (risk-assessed: the sum of the risks)')).toMatch(/^SUM\(\$B\$\d+:\$B\$\d+\)$/);
    expect(formulaOf('Total reserves carried forward (general fund and earmarked)')).toMatch(/^D\d+\+D\d+\+D\d+$/);
    const funding = rowsByLabel(wb.getWorksheet('Funding')!);
    const raised = wb.getWorksheet('Funding')!.getCell(`D${funding.get('ASC precept raised in the year (precepts to date)')}`).value;
    expect((raised as { formula: string }).formula).toMatch(/\*D\d+\*D\d+\/1000$/);
    const p = projectScenario(loadScenario(file, nodeReader).value!);
    const raisedRow = funding.get('ASC precept raised in the year (precepts to date)')!;
    p.years.forEach((y, i) =>
      expect(asExcelHolds(evaluate(wb, 'Funding', `${'BCD'[i]}${raisedRow}`))).toBe(
        asExcelHolds(p.funding!.councilTax!.get(y)!.ascPreceptRaised!),
      ),
    );
  });

  /** Figures of every year from the workbook after `change`, and from the scenario after `edit`. */
  async function both(change: (wb: ExcelJS.Workbook) => void, edit: (text: string) => string) {
    const wb = await written();
    change(wb);
    const reserves = rowsByLabel(wb.getWorksheet('Reserves')!);
    const budget = rowsByLabel(wb.getWorksheet('Budget')!);
    const cfRows = [...wb.getWorksheet('Reserves')!.getColumn(1).values].flatMap((v, n) => (v === 'Carried forward' ? [n] : []));
    const workbook = ['B', 'C', 'D'].map((k) => ({
      transformation: toPlain(evaluate(wb, 'Reserves', `${k}${cfRows[0]}`)),
      total: toPlain(evaluate(wb, 'Reserves', `${k}${reserves.get('Total reserves carried forward (general fund and earmarked)')}`)),
      generalFund: toPlain(evaluate(wb, 'Budget', `${k}${budget.get('General fund carried forward')}`)),
      gap: toPlain(evaluate(wb, 'Budget', `${k}${budget.get('Gap: net budget requirement less funding')}`)),
    }));
    const p = projectScenario(loadScenario(file, editedReader(file, edit)).value!);
    const r = p.funding!.reserves!;
    const scenario = p.years.map((y) => ({
      transformation: toPlain(r.earmarked![0]!.years.get(y)!.carriedForward),
      total: toPlain(r.totalCarriedForward!.get(y)!),
      generalFund: toPlain(r.carriedForward.get(y)!),
      gap: toPlain(p.funding!.gap.get(y)!),
    }));
    return { workbook, scenario };
  }

  it('a use of an earmarked reserve moves that reserve and total reserves, not the gap, as the edited scenario does', async () => {
    const r = await both(
      (wb) => {
        const ws = wb.getWorksheet('Reserves')!;
        const useRow = [...ws.getColumn(1).values].indexOf('Uses');
        const cell = ws.getCell(`C${useRow}`);
        expect(cell.value).toBe(250);
        expect(isInput(cell)).toBe(true);
        cell.value = 100;
      },
      (t) => t.replace('2024/25: 200, 2025/26: 250, 2026/27: 200', '2024/25: 200, 2025/26: 100, 2026/27: 200'),
    );
    expect(r.workbook).toEqual(r.scenario);
  });

  it('one-off spend from the general fund and the collection rate are inputs the formulas use', async () => {
    const r = await both(
      (wb) => {
        const reserves = wb.getWorksheet('Reserves')!;
        const oneOff = reserves.getCell(`D${rowsByLabel(reserves).get('One-off: By-election costs (funded from the general fund)')}`);
        expect(isInput(oneOff)).toBe(true);
        oneOff.value = 80;
        const funding = wb.getWorksheet('Funding')!;
        const rate = funding.getCell(`C${rowsByLabel(funding).get('Collection rate (applied to the yield)')}`);
        expect(rate.value).toBe(0.985);
        rate.value = 0.97;
      },
      (t) => t.replace('amounts: {2026/27: 50}', 'amounts: {2026/27: 80}').replace('rate: 98.5%', 'rate: 97%'),
    );
    // the scenario has one collection rate for every year; the workbook one per year: only 2025/26 changes there
    expect(r.workbook[2]!.generalFund).toBe(r.scenario[2]!.generalFund);
    expect(r.workbook[1]!.gap).toBe(r.scenario[1]!.gap);
  });
});

describe('formula injection', () => {
  it('a description like =HYPERLINK(...) is neutralised in CSV and XLSX', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'inject-'));
    fs.writeFileSync(
      path.join(dir, 'v.yaml'),
      `extends: ${path.resolve('scenarios/2018.yaml')}\nadd:\n  - ref: X1\n    type: growth\n    status: new\n    description: '=HYPERLINK("http://example.com","click")'\n    service_area: '@SUM(1+1)'\n    levels: {2018/19: 1}\n    unstated: hold\n    source: '-2+3'\n`,
    );
    const csv = await runCli(['project', path.join(dir, 'v.yaml'), '--format', 'csv', '--detail']);
    expect(csv.stdout).toContain(`growth.X1,"'=HYPERLINK(""http://example.com"",""click"")"`);
    const out = path.join(dir, 'v.xlsx');
    expect((await runCli(['report', path.join(dir, 'v.yaml'), '--xlsx', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value))));
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
    expect(texts).toContain(`'=HYPERLINK("http://example.com","click")`);
    expect(texts).toContain("'@SUM(1+1)");
  });
});
