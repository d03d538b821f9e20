// Council tax rules: the referendum principles of data/council-tax-principles.yaml checked against a
// plan's increases (at the limit, just below, over a run of years), the shipped council scenario
// against them, and the ASC precept raised to date, exactly.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../../src/cli/io.js';
import type { FileReader } from '../../src/load/reader.js';
import { loadScenario } from '../../src/load/scenario.js';
import { checkReferendumPrinciples, type CouncilTaxPrinciples, type PlannedIncrease } from '../../src/model/council-tax-principles.js';
import { fiscalYear, type FiscalYear } from '../../src/model/fiscal-year.js';
import { Dec, toPlain, type Rate } from '../../src/model/money.js';
import { projectScenario } from '../../src/project/project.js';
import { runCli } from '../helpers/cli.js';

const at = { file: 't', line: 1, column: 1, endLine: 1, endColumn: 2 };
const r = (s: string) => new Dec(s) as Rate;
const y = fiscalYear;
const PRINCIPLES = 'data/council-tax-principles.yaml';

/** The shipped council with its 2018/19–2019/20 increases replaced, read from memory beside the real files. */
function council(increases: Record<string, [string, string]>): ReturnType<typeof loadScenario> {
  const file = 'scenarios/2018-council.yaml';
  let text = fs.readFileSync(file, 'utf8');
  for (const [year, [core, asc]] of Object.entries(increases)) {
    text = text.replace(
      new RegExp(`(        ${year}:\\n          core: )[0-9.]+%(\\n          asc_precept: )[0-9.]+%`),
      `$1${core}%$2${asc}%`,
    );
  }
  const read: FileReader = (f) => (f === file ? { ok: true, bytes: new TextEncoder().encode(text) } : nodeReader(f));
  return loadScenario(file, read);
}

const referendum = (l: ReturnType<typeof loadScenario>) => l.diagnostics.filter((d) => d.code === 'council-tax-referendum');

describe('the referendum principles file', () => {
  const loaded = loadScenario('scenarios/2018-council.yaml', nodeReader);
  const principles = loaded.value!.funding!.councilTax!.principles!;

  it('is read with every year citing its report, and marked external (none is among the project sources)', () => {
    expect(principles.file).toBe(PRINCIPLES);
    expect([...principles.years.keys()]).toEqual(['2016/17', '2017/18', '2018/19', '2019/20', '2020/21', '2021/22']);
    for (const p of principles.years.values()) {
      expect(p.source).toBe(`The Referendums Relating to Council Tax Increases (Principles) (England) Report ${p.year}`);
      expect(p.external).toBe(true);
    }
  });

  const plan = (core: string, asc: string, year = y(2018)): Map<FiscalYear, PlannedIncrease> =>
    new Map([[year, { core: r(core), ascPrecept: r(asc), coreOrigin: at, ascPreceptOrigin: at }]]);
  const kinds = (p: Map<FiscalYear, PlannedIncrease>, earlier = new Map<FiscalYear, Rate>([[y(2017), r('0.02')]])) =>
    checkReferendumPrinciples(p, earlier, principles as CouncilTaxPrinciples).breaches.map((b) => `${b.year} ${b.kind}`);

  it('a core increase at the limit is excessive; just below it is not (2018/19: 3%)', () => {
    expect(kinds(plan('0.03', '0'))).toEqual(['2018/19 core']);
    expect(kinds(plan('0.0299', '0'))).toEqual([]);
    expect(kinds(plan('0.02', '0', y(2020)))).toEqual(['2020/21 core']);
  });

  it('an increase written as one figure is not checked: which part is the precept is not known', () => {
    const whole = new Map([
      [y(2018), { core: r('0.0599'), ascPrecept: r('0'), whole: true as const, coreOrigin: at, ascPreceptOrigin: at }],
    ]);
    const c = checkReferendumPrinciples(whole, new Map([[y(2017), r('0.02')]]), principles);
    expect(c).toMatchObject({ breaches: [], checked: [], unsplit: ['2018/19'] });
  });

  it('an ASC precept may reach its limit but not pass it', () => {
    expect(kinds(plan('0.0199', '0.03'))).toEqual([]);
    expect(kinds(plan('0.0199', '0.0301'))).toEqual(['2018/19 asc-precept']);
  });

  it('the precepts of 2017/18 to 2019/20 may total 6%, counting the earlier year given', () => {
    const two = (a18: string, a19: string) =>
      new Map([
        [y(2018), { core: r('0.0199'), ascPrecept: r(a18), coreOrigin: at, ascPreceptOrigin: at }],
        [y(2019), { core: r('0.0199'), ascPrecept: r(a19), coreOrigin: at, ascPreceptOrigin: at }],
      ]);
    expect(kinds(two('0.03', '0.01'))).toEqual([]); // 2% + 3% + 1%: the final February 2018 plan
    expect(kinds(two('0.03', '0.02'))).toEqual(['2019/20 asc-precept-total']);
    // without 2017/18's precept the total cannot be checked, and is said not to be
    const unknown = checkReferendumPrinciples(two('0.03', '0.02'), new Map(), principles);
    expect(unknown.breaches).toEqual([]);
    expect(unknown.totalsUnchecked.map((t) => t.missing)).toEqual([['2017/18']]);
  });
});

describe('where the rules cannot be checked', () => {
  it('a council tax requirement gives no increases: principles with it are an error', () => {
    const yaml = `authority: T
department: T
period: {from: 2018/19, to: 2019/20}
units: £000
original_budget: {amount: 1000, source: t}
funding:
  council_tax:
    principles: ../data/council-tax-principles.yaml
    requirement: {amounts: {2018/19: 900}, unstated: hold, provenance: estimate, source: t}
`;
    const read: FileReader = (f) => (f === 'scenarios/req.yaml' ? { ok: true, bytes: new TextEncoder().encode(yaml) } : nodeReader(f));
    const l = loadScenario('scenarios/req.yaml', read);
    expect(l.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['band-d', 8]]);
  });
});

describe('the shipped council scenario', () => {
  it('the January 2018 draft (1.99% core, 2% ASC precept in 2018/19 and 2019/20) is within the principles: no warning', () => {
    const l = loadScenario('scenarios/2018-council.yaml', nodeReader);
    expect(l.diagnostics).toEqual([]);
  });

  it('the final February 2018 plan (2.99% + 3%, then 2.99% + 1%) is within them too', () => {
    const l = council({ '2018/19': ['2.99', '3'], '2019/20': ['2.99', '1'] });
    expect(l.value!.funding!.councilTax!.bandD.years.get(y(2018))!.increase!.core.toFixed()).toBe('0.0299');
    expect(l.diagnostics).toEqual([]);
  });

  it('warns at the increase, naming the rule and its report, when a plan passes a limit', () => {
    const l = council({ '2018/19': ['3', '3'], '2019/20': ['1.99', '2'] });
    expect(l.value).toBeDefined(); // a warning, not an error: the scenario still loads
    const w = referendum(l);
    expect(w.map((d) => [d.severity, d.location?.line, d.message])).toEqual([
      [
        'warning',
        w[0]!.location!.line,
        '2018/19: a core council tax increase of 3% is excessive under the referendum principles for 2018/19 (3% or more needs a referendum)',
      ],
      [
        'warning',
        w[1]!.location!.line,
        '2019/20: adult social care precepts of 7% in total from 2017/18 are more than the 6% the referendum principles allow over 2017/18 to 2019/20',
      ],
    ]);
    // at the 2018/19 core increase and the 2019/20 precept (the lines of the file as shipped)
    const text = fs.readFileSync('scenarios/2018-council.yaml', 'utf8').split('\n');
    expect(text.slice(w[0]!.location!.line - 2, w[0]!.location!.line)).toEqual(['        2018/19:', '          core: 1.99%']);
    expect(text.slice(w[1]!.location!.line - 3, w[1]!.location!.line)).toEqual([
      '        2019/20:',
      '          core: 1.99%',
      '          asc_precept: 2%',
    ]);
    expect(w[0]!.hint).toContain('The Referendums Relating to Council Tax Increases (Principles) (England) Report 2018/19');
  });

  it('the ASC precept raised to date: its share of Band D × the tax base, exactly', () => {
    const p = projectScenario(loadScenario('scenarios/2018-council.yaml', nodeReader).value!);
    const ct = p.funding!.councilTax!.get(y(2018))!;
    // 2% × 1,084.15 (2016/17) + 2% × 1,127.40 (2017/18) + 2% × 1,172.38 (2018/19) = £67.6786 a Band D
    expect(toPlain(ct.ascPreceptPerBandD!)).toBe('67.6786');
    // × 230,300 Band D equivalents, in £000
    expect(toPlain(ct.ascPreceptRaised!)).toBe('15586.38158');
    // 2019/20 adds 2% of 2018/19's Band D (£1,219.15): the earlier precepts stay in the bill
    expect(toPlain(p.funding!.councilTax!.get(y(2019))!.ascPreceptPerBandD!)).toBe('92.0616');
  });

  it('explain shows the ASC precept raised down to each precept, and a limit down to its report', async () => {
    const r = await runCli(['explain', 'scenarios/2018-council.yaml', 'asc_precept_raised', '2018/19']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("= the precepts' share of Band D £67.6786 (the sum of the steps below) × tax base 230,300 = £15,586,381.58");
    expect(r.stdout).toContain('ASC precept 2017/18 (£ a Band D): 22.548\n      = 2% × Band D before it £1,127.40');
    const limit = await runCli(['explain', 'scenarios/2018-council.yaml', 'core_limit', '2018/19']);
    expect(limit.stdout).toContain('source: The Referendums Relating to Council Tax Increases (Principles) (England) Report 2018/19');
  });
});
