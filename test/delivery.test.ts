// Savings delivery: RAG ratings, slippage, unidentified and under-development savings; a council's
// risk rolled up from its departments' ranges; `savings --target gap` on a council. Goldens of what
// a user sees (helpers/golden-cases.ts), known answers and properties of the delivered levels.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { loadScenario } from '../src/load/scenario.js';
import { fiscalYear, type FiscalYear } from '../src/model/fiscal-year.js';
import { Dec, toPlain, type Money, type Rate } from '../src/model/money.js';
import { deliveredLevels, type Slippage } from '../src/model/saving-delivery.js';
import { projectScenario, rowValues } from '../src/project/project.js';
import { projectWithDraws, riskAssumptions } from '../src/reports/risk/engine.js';
import { monteCarlo } from '../src/reports/risk/monte-carlo.js';
import { savingOptions } from '../src/reports/savings/options.js';
import { runCli, transcript } from './helpers/cli.js';
import { DELIVERY_CASES } from './helpers/golden-cases.js';

const department = loadScenario('test/fixtures/delivery/department.yaml', nodeReader).value!;
const council = loadScenario('test/fixtures/delivery/council.yaml', nodeReader).value!;
const years = [2018, 2019, 2020, 2021].map(fiscalYear);
const at = { file: 't', line: 1, column: 1, endLine: 1, endColumn: 2 };
const plain = (m: ReadonlyMap<FiscalYear, Money>): string[] => years.map((y) => toPlain(m.get(y)!));

describe('goldens', () => {
  it.each(DELIVERY_CASES)('$name', async ({ argv, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });
});

describe('delivered levels', () => {
  it('known answers: a whole year late, and half a year late in one year', () => {
    const p = projectScenario(department);
    const level = (ref: string) => plain(p.savings.find((s) => s.line.ref === ref)!.levels);
    expect(level('S2')).toEqual(['0', '300', '400', '400']);
    expect(level('S3')).toEqual(['100', '200.5', '301', '301']);
    // the budget counts delivered levels, unidentified sums, and nothing under development
    expect(plain(rowValues(p, 'savings'))).toEqual(['-300', '-400.5', '-350.5', '-250']);
    expect(plain(rowValues(p, 'net_budget'))).toEqual(['10200', '9999.5', '9849', '9799']);
    expect(p.underDevelopment.map((s) => s.line.ref)).toEqual(['D1', 'D2']);
    expect(p.savings.map((s) => s.line.ref)).toEqual(['S1', 'S2', 'S3', 'U1']);
  });

  const levels = fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 10 });

  it('`years` slippage shifts every level that many years later, nothing before (property)', () => {
    fc.assert(
      fc.property(levels, fc.integer({ min: 1, max: 9 }), (ls, n) => {
        const ys = ls.map((_, i) => fiscalYear(2018 + i));
        const planned = (y: FiscalYear) => new Dec(ls[ys.indexOf(y)]!) as Money;
        const got = deliveredLevels(ys, planned, { kind: 'years', years: n, origin: at });
        ys.forEach((y, i) => expect(got.get(y)!.equals(i < n ? 0 : ls[i - n]!)).toBe(true));
      }),
    );
  });

  it('`fraction` slippage delivers level − fraction × step exactly, against integer arithmetic (property)', () => {
    fc.assert(
      fc.property(levels, fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (ls, f, oneYear) => {
        const ys = ls.map((_, i) => fiscalYear(2018 + i));
        const only = oneYear ? ys[ys.length - 1] : undefined;
        const fraction = new Dec(f).dividedBy(10_000) as Rate;
        const slip: Slippage = { kind: 'fraction', fraction, origin: at, ...(only ? { year: only } : {}) };
        const got = deliveredLevels(ys, (y) => new Dec(ls[ys.indexOf(y)]!) as Money, slip);
        ys.forEach((y, i) => {
          // reference in integers scaled by 10,000: level × 10,000 − f × step
          const step = BigInt(ls[i]!) - BigInt(i === 0 ? 0 : ls[i - 1]!);
          const scaled = BigInt(ls[i]!) * 10_000n - (only && y !== only ? 0n : BigInt(f) * step);
          expect(got.get(y)!.times(10_000).toFixed()).toBe(scaled.toString());
        });
      }),
    );
  });
});

describe('risk', () => {
  it('a council rolls up its departments’ ranges, named by department', () => {
    expect(riskAssumptions(council).map((a) => a.id)).toEqual(['adults/red-delivery', 'adults/amber-delivery', 'adults/green-delivery']);
  });

  it('a department draw moves the council net budget by exactly the department’s change', () => {
    const values = new Map([['adults/red-delivery', new Dec('0.25')]]);
    const dept = projectWithDraws(department, new Map([['red-delivery', new Dec('0.25')]]));
    const whole = projectWithDraws(council, values);
    for (const y of years) {
      const moved = rowValues(whole, 'net_budget')
        .get(y)!
        .minus(rowValues(projectScenario(council), 'net_budget').get(y)!);
      const own = rowValues(dept, 'net_budget')
        .get(y)!
        .minus(rowValues(projectScenario(department), 'net_budget').get(y)!);
      expect(moved.equals(own)).toBe(true);
    }
    // S2 (red) delivers 300 in 2019/20: at 25% the budget is 225 higher
    expect(
      toPlain(
        rowValues(whole, 'net_budget')
          .get(years[1]!)!
          .minus(rowValues(projectScenario(council), 'net_budget').get(years[1]!)!),
      ),
    ).toBe('225');
  });

  it('the council net budget has a P10–P90 spread once savings can slip', () => {
    const r = monteCarlo(council, { draws: 500, seed: 3 });
    const net = r.rows.find((x) => x.id === 'net_budget')!;
    expect(net.percentiles.get(10)!.get(years[1]!)!.lessThan(net.percentiles.get(90)!.get(years[1]!)!)).toBe(true);
  });
});

describe('saving options', () => {
  it('are the departments’ identified and under-development savings, not unidentified sums', () => {
    const options = savingOptions(projectScenario(council));
    expect(options.map((o) => `${o.department}:${o.line.ref}:${o.inBudget ? 'in' : 'dev'}`)).toEqual([
      'Adults:S1:in',
      'Adults:S2:in',
      'Adults:S3:in',
      'Adults:D1:dev',
      'Adults:D2:dev',
    ]);
    // at their delivered levels
    expect(plain(options.find((o) => o.line.ref === 'S3')!.levels)).toEqual(['100', '200.5', '301', '301']);
  });
});

describe('the committee report', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-delivery-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('shows savings under development in their own section after the savings, with no command to run', async () => {
    const out = path.join(tmp, 'delivery.html');
    expect((await runCli(['report', 'test/fixtures/delivery/department.yaml', '--html', out, '--draws', '100'])).code).toBe(0);
    const page = fs.readFileSync(out, 'utf8');
    const order = ['id="summary"', 'id="savings"', 'id="under-development"', 'id="risk"', 'id="assumptions"', 'id="appendix"'].map((s) =>
      page.indexOf(s),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    const section = page.slice(page.indexOf('id="under-development"'), page.indexOf('id="risk"'));
    expect(section).toContain('D1');
    expect(section).toContain('they are options for closing the gap');
    // the savings schedule names the slipped lines without pointing to a command
    expect(page).toContain('Slippage: S2, S3 are shown at the level delivered after slipping, not the level planned.');
    expect(page).not.toMatch(/mtfs (explain|savings)|`/);
  });
});
