// Gross expenditure and income: goldens of what a user sees (helpers/golden-cases.ts), the property
// that gross − income = net for every line and year over random lines, known answers of the income
// drivers, variants and draws keeping the identity, and one test per diagnostic.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryReader } from '../src/load/reader.js';
import { loadScenario } from '../src/load/scenario.js';
import { KIND_SIGN, LINE_KINDS } from '../src/model/line-kind.js';
import { scaleLine } from '../src/model/levels.js';
import { netOf } from '../src/model/gross-income.js';
import { Dec, ZERO, sum, toPlain, type Money } from '../src/model/money.js';
import type { Scenario } from '../src/model/scenario.js';
import { projectScenario, rowValues } from '../src/project/project.js';
import { realise } from '../src/transform/variant.js';
import { runCli, transcript } from './helpers/cli.js';
import { GROSS_INCOME_CASES } from './helpers/golden-cases.js';
import { evaluateCell as evaluate } from './helpers/xlsx-formula.js';

const HEADER = `authority: A
department: D
period: {from: 2024/25, to: 2027/28}
units: £000
original_budget: {amount: 1000, source: s}
`;

function load(yaml: string, extra: Record<string, string> = {}) {
  return loadScenario('s.yaml', memoryReader(new Map([['s.yaml', yaml], ...Object.entries(extra)])));
}

function loaded(yaml: string, extra: Record<string, string> = {}): Scenario {
  const r = load(yaml, extra);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const v = realise(r.value as Scenario);
  expect(v.diagnostics).toEqual([]);
  return v.value as Scenario;
}

const codes = (yaml: string): string[] => load(yaml).diagnostics.map((d) => d.code);

/** Net = gross − income for every year of every line that states them, as the line's level with its kind's sign. */
function expectIdentity(s: Scenario): void {
  for (const line of s.lines) {
    const gi = line.grossIncome;
    if (!gi) continue;
    for (const y of s.years) {
      const net = netOf(gi.gross.get(y)!.amount, gi.income.get(y)!.amount);
      const level = line.levels.get(y)!.amount;
      expect(toPlain(level.times(KIND_SIGN[line.type]))).toBe(toPlain(net));
    }
  }
}

describe('goldens', () => {
  it.each(GROSS_INCOME_CASES)('$name', async ({ argv, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });
});

describe('gross − income = net', () => {
  // amounts with up to 2 decimal places, written as text (never through a float)
  const amount = fc
    .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([whole, cents]) => `${whole}.${String(cents).padStart(2, '0')}`);
  const yearly = fc.array(fc.option(amount, { nil: undefined }), { minLength: 4, maxLength: 4 });
  const line = fc.record({
    kind: fc.constantFrom(...LINE_KINDS),
    gross: yearly,
    income: yearly,
    unstated: fc.constantFrom('hold', 'linear'),
    uplift: fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }),
    ends: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  });
  const YEARS = ['2024/25', '2025/26', '2026/27', '2027/28'];
  const map = (xs: readonly (string | undefined)[], fallback: string): string => {
    const entries = xs.flatMap((x, i) => (x === undefined ? [] : [`"${YEARS[i]}": "${x}"`]));
    return `{${(entries.length ? entries : [`"${YEARS[0]}": "${fallback}"`]).join(', ')}}`;
  };

  it('holds exactly for every line and year, and the net budget moves by the lines’ net effects', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (ls) => {
        const yaml =
          HEADER +
          'lines:\n' +
          ls
            .map(
              (l, i) =>
                `  - {ref: L${i}, type: ${l.kind}, description: d, gross: ${map(l.gross, '1.5')}, income: ${map(l.income, '0.25')}, unstated: ${l.unstated}${
                  l.uplift !== undefined ? `, income_uplift: "${l.uplift / 10}%"` : ''
                }${l.ends !== undefined ? `, income_ends: "${YEARS[l.ends]}"` : ''}, source: s}\n`,
            )
            .join('');
        const s = loaded(yaml);
        expectIdentity(s);
        // the net budget of the last year is the original budget plus every line's net effect
        const p = projectScenario(s);
        const last = YEARS[3] as (typeof s.years)[number];
        const effects = sum(s.lines.map((l) => netOf(l.grossIncome!.gross.get(last)!.amount, l.grossIncome!.income.get(last)!.amount)));
        expect(toPlain(rowValues(p, 'net_budget').get(last)!)).toBe(toPlain(effects.plus(1000)));
        // a variant's scale or a risk draw multiplies gross and income alike
        for (const l of s.lines) {
          const scaled = scaleLine(l, new Dec('0.37'));
          expectIdentity({ ...s, lines: [scaled] });
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('income drivers', () => {
  it('uplift compounds exactly on last year’s income; income_ends makes it nil from its year', () => {
    const s = loaded(
      HEADER +
        `lines:
  - {ref: G1, type: growth, description: d, gross: {2024/25: 1000}, income: {2024/25: 200}, income_uplift: 2.5%, income_ends: 2027/28, unstated: hold, source: s}
`,
    );
    const gi = s.lines[0]!.grossIncome!;
    expect(s.years.map((y) => toPlain(gi.income.get(y)!.amount))).toEqual(['200', '205', '210.125', '0']);
    expect(s.years.map((y) => gi.income.get(y)!.basis)).toEqual(['stated', 'uplift', 'uplift', 'ended']);
    expect(s.years.map((y) => toPlain(s.lines[0]!.levels.get(y)!.amount))).toEqual(['800', '795', '789.875', '1000']);
  });

  it('a line without gross and income projects as before', () => {
    const s = loaded(HEADER + 'lines:\n  - {ref: G1, type: growth, description: d, levels: {2024/25: 10}, unstated: hold, source: s}\n');
    expect(s.lines[0]!.grossIncome).toBeUndefined();
    expect(toPlain(rowValues(projectScenario(s), 'net_budget').get(s.years[3]!)!)).toBe('1010');
  });

  it('a variant that sets a line’s levels drops its gross and income; one that scales it keeps the identity', () => {
    const base =
      HEADER +
      'lines:\n  - {ref: S1, type: saving, description: d, gross: {2024/25: -50}, income: {2024/25: 300}, unstated: hold, source: s}\n';
    const set = loaded('extends: b.yaml\nset:\n  - {ref: S1, levels: {2024/25: 100}, unstated: hold, source: r}\n', { 'b.yaml': base });
    expect(set.lines[0]!.grossIncome).toBeUndefined();
    const scaled = loaded('extends: b.yaml\nscale:\n  - {select: {refs: [S1]}, factor: 0.5, reason: r}\n', { 'b.yaml': base });
    expectIdentity(scaled);
    expect(toPlain(scaled.lines[0]!.grossIncome!.income.get(scaled.years[0]!)!.amount)).toBe('150');
  });
});

describe('--set on a line’s income drivers', () => {
  it('drives income afresh from what was written, and says what the scenario had', async () => {
    const fixture = 'test/fixtures/gross-income/scenario.yaml';
    const r = await runCli(['project', fixture, '--set', 'G1.income_uplift=0', '--format', 'json', '--detail']);
    expect(r.code).toBe(0);
    const g1 = JSON.parse(r.stdout).growth.lines.find((l: { ref: string }) => l.ref === 'G1');
    expect(Object.values(g1.income)).toEqual(['200', '200', '200', '200']);
    expect(Object.values(g1.net_effect)).toEqual(['1000', '2300', '2300', '2300']);
  });

  it.each([
    ['G1.income_uplif=1%', 'line G1 has no parameter `income_uplif`'],
    ['G1.income_uplift=x', 'expected a rate'],
    ['S1.income_ends=2030/31', 'outside the period'],
    ['I1.income_uplift=1%', ''],
  ])('%s', async (set, message) => {
    const r = await runCli(['project', 'test/fixtures/gross-income/scenario.yaml', '--set', set]);
    if (message === '') return expect(r.code).toBe(0);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('a line without gross and income takes no income driver', async () => {
    const r = await runCli(['project', 'scenarios/2018.yaml', '--set', 'G6.income_uplift=1%']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line G6 states no gross and income');
  });
});

describe('the department’s published gross and income', () => {
  it('is shown beside the net budget with the difference', () => {
    const s = loaded(
      HEADER + `gross_and_income:\n  published_to: £0.1m\n  years:\n    2024/25: {gross: 1500, income: 500, net: 1000}\n  source: s\n`,
    );
    expect(s.grossAndIncome?.years.map((y) => [y.year, toPlain(y.gross), toPlain(y.income)])).toEqual([['2024/25', '1500', '500']]);
    const net: Money = rowValues(projectScenario(s), 'net_budget').get(s.years[0]!) ?? ZERO;
    expect(toPlain(net)).toBe('1000');
  });
});

describe('diagnostics', () => {
  const line = (fields: string) => `${HEADER}lines:\n  - {ref: G1, type: growth, description: d, ${fields}, source: s}\n`;

  it('gross-income: income without gross, gross without income, an income driver alone', () => {
    expect(codes(line('income: {2024/25: 40}, unstated: hold'))).toEqual(['gross-income']);
    expect(codes(line('gross: {2024/25: 40}, unstated: hold'))).toEqual(['gross-income']);
    expect(codes(line('levels: {2024/25: 40}, income_uplift: 2%, unstated: hold'))).toEqual(['gross-income', 'gross-income']);
  });

  it('gross-income: with changes, one_off or a driver', () => {
    expect(codes(line('gross: {2024/25: 0}, income: {2024/25: 1}, changes: {2024/25: -1}'))).toEqual(['gross-income']);
    expect(codes(line('gross: {2024/25: 0}, income: {2024/25: 1}, levels: {2024/25: -1}, one_off: true'))).toContain('gross-income');
  });

  it('gross-income: a published figure that is not a whole number of its published steps', () => {
    expect(
      codes(HEADER + `gross_and_income:\n  published_to: £0.1m\n  years:\n    2024/25: {gross: 1550, income: 500}\n  source: s\n`),
    ).toEqual(['gross-income']);
  });

  it('gross-income-net: a line’s stated level that is not its kind’s sign × (gross − income)', () => {
    expect(codes(line('gross: {2024/25: 100}, income: {2024/25: 40}, levels: {2024/25: 60}, unstated: hold'))).toEqual([]);
    expect(codes(line('gross: {2024/25: 100}, income: {2024/25: 40}, levels: {2024/25: 61}, unstated: hold'))).toEqual([
      'gross-income-net',
    ]);
    const saving = `${HEADER}lines:\n  - {ref: S1, type: saving, description: d, gross: {2024/25: -50}, income: {2024/25: 300}, levels: {2024/25: 350}, unstated: hold, source: s}\n`;
    expect(codes(saving)).toEqual([]);
  });

  it('gross-income-net: a published net that is not gross − income', () => {
    expect(codes(HEADER + `gross_and_income:\n  years:\n    2024/25: {gross: 1500, income: 560, net: 950}\n  source: s\n`)).toEqual([
      'gross-income-net',
    ]);
  });

  it('level-missing: unstated years of gross with no method; an uplift fills income without one', () => {
    expect(codes(line('gross: {2024/25: 100, 2026/27: 120}, income: {2024/25: 40}'))).toContain('level-missing');
    expect(
      codes(line('gross: {2024/25: 100, 2025/26: 100, 2026/27: 100, 2027/28: 100}, income: {2024/25: 40}, income_uplift: 1%')),
    ).toEqual([]);
  });
});

describe('the workbook', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-gross-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('net is the formula gross − income; the schedules and the budget follow it', async () => {
    const file = path.join(tmp, 'g.xlsx');
    const fixture = 'test/fixtures/gross-income/scenario.yaml';
    expect((await runCli(['report', fixture, '--xlsx', file, '--draws', '100'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Gross and income')!;
    const rowOf = (ref: string): number => {
      let n = 0;
      ws.eachRow((row, i) => {
        if (row.getCell(1).value === ref) n = i;
      });
      return n;
    };
    const s1 = rowOf('S1');
    expect(s1).toBeGreaterThan(0);
    const cols = ['D', 'E', 'F', 'G'];
    // S1: gross −50, income 300, 450, 450, then nil (income_ends)
    expect(cols.map((c) => toPlain(evaluate(wb, 'Gross and income', `${c}${s1 + 2}`)))).toEqual(['-350', '-500', '-500', '-50']);
    expect((ws.getCell(`D${s1 + 2}`).value as { formula: string }).formula).toBe(`D${s1}-D${s1 + 1}`);
    // G1's uplifted income is a formula on last year's income
    const g1 = rowOf('G1');
    expect(toPlain(evaluate(wb, 'Gross and income', `G${g1 + 1}`))).toBe('212.2416');
    // the savings schedule takes S1's level from it
    const savings = wb.getWorksheet('Savings')!;
    let at = 0;
    savings.eachRow((row, n) => {
      if (row.getCell(1).value === 'S1') at = n;
    });
    expect(toPlain(evaluate(wb, 'Savings', `F${at}`))).toBe('350');
    ws.getCell(`D${s1 + 1}`).value = 310;
    expect(toPlain(evaluate(wb, 'Savings', `F${at}`))).toBe('360');
  });

  it('on the 2018 scenario: G13 and the published figures, and a change of income moves the net budget', async () => {
    const file = path.join(tmp, '2018.xlsx');
    expect((await runCli(['report', 'scenarios/2018.yaml', '--xlsx', file, '--draws', '100'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Gross and income')!;
    const rows = new Map<string, number>();
    ws.eachRow((row, n) => rows.set(String(row.getCell(1).value ?? row.getCell(2).value), n));
    const g13 = rows.get('G13')!;
    expect(toPlain(evaluate(wb, 'Gross and income', `D${g13 + 2}`))).toBe('2140');
    const diff = rows.get('Difference (net budget − published net)')!;
    expect(toPlain(evaluate(wb, 'Gross and income', `D${diff}`))).toBe('31');
    expect(toPlain(evaluate(wb, 'Gross and income', `D${rows.get('Net: gross − income')!}`))).toBe('132800');
    ws.getCell(`D${g13 + 1}`).value = -2150; // the grant lost is 10 more
    expect(toPlain(evaluate(wb, 'Gross and income', `D${diff}`))).toBe('41');
  });
});
