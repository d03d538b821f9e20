// The funding side, loaded from YAML in memory and projected: council tax = tax base × Band D
// exactly, streams with start and end years, the gap, the cumulative gap and the reserves
// roll-forward; and the identities that hold for any figures (property tests).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryReader } from '../../src/load/reader.js';
import { loadScenario } from '../../src/load/scenario.js';
import { fiscalYear, yearRange, type FiscalYear } from '../../src/model/fiscal-year.js';
import { Dec, ZERO, add, sub, toPlain, type Money } from '../../src/model/money.js';
import { projectFunding } from '../../src/project/funding.js';
import { projectScenario, rowValues } from '../../src/project/project.js';
import type { Funding, FundingStream } from '../../src/model/funding.js';

const years = yearRange(fiscalYear(2018), fiscalYear(2021));

const header = (units = '£000') => `authority: Test County Council
department: Test
period: {from: 2018/19, to: 2021/22}
units: ${units}
original_budget: {amount: 1000, source: test}
lines:
  - ref: G1
    type: growth
    status: new
    description: Growth
    service_area: Test
    levels: {2018/19: 100, 2019/20: 200}
    unstated: hold
    source: test
`;

const load = (yaml: string) => {
  const r = loadScenario('s.yaml', memoryReader(new Map([['s.yaml', yaml]])));
  return r;
};

const project = (yaml: string) => {
  const r = load(yaml);
  expect(r.diagnostics).toEqual([]);
  return projectScenario(r.value!);
};

const row = (p: ReturnType<typeof project>, id: Parameters<typeof rowValues>[1]) => years.map((y) => toPlain(rowValues(p, id).get(y)!));

describe('funding in a scenario', () => {
  const yaml = `${header('£')}funding:
  council_tax:
    tax_base:
      band_d_equivalents: {2018/19: 2.5}
      unstated: growth
      growth: 10%
      provenance: estimate
      source: test
    band_d:
      base: {year: 2017/18, amount: 100}
      rounding: penny-truncate
      years:
        2018/19: {core: 1.5%, asc_precept: 1%}
        2019/20: {core: 0.333%, asc_precept: 0%}
        2020/21: {amount: 200}
        2021/22: {core: 1%, asc_precept: 0%, amount: 203}
      provenance: published
      source: test
  grants:
    - id: one-off
      label: One-off grant
      amounts: {2018/19: 50}
      to: 2018/19
      provenance: published
      source: test
    - id: later
      label: Later grant
      amounts: {2020/21: 10}
      from: 2020/21
      unstated: hold
      provenance: published
      source: test
  reserves:
    opening: {amount: 1000, provenance: estimate, source: test}
    minimum: {amount: 600, provenance: estimate, source: test}
    planned_use:
      amounts: {2019/20: 100}
      provenance: published
      source: test
`;
  const p = project(yaml);
  const ct = p.funding!.councilTax!;

  it('yield = tax base × Band D exactly, Band D derived by the named rule or given', () => {
    expect(years.map((y) => toPlain(ct.get(y)!.bandD.used))).toEqual(['102.5', '102.84', '200', '203']);
    // 2019/20: 102.50 × 1.00333 = 102.841325 → 102.84 (truncated)
    expect(toPlain(ct.get(fiscalYear(2019))!.bandD.derived!.exact)).toBe('102.841325');
    // 2021/22 is given (203) and also derived from 2020/21's 200 × 1.01 = 202: both are kept
    expect(toPlain(ct.get(fiscalYear(2021))!.bandD.derived!.amount)).toBe('202');
    // tax base 2.5, grown 10% a year and rounded to whole units: 2.75 → 3, 3.3 → 3, 3.3 → 3
    expect(years.map((y) => toPlain(ct.get(y)!.taxBase))).toEqual(['2.5', '3', '3', '3']);
    expect(years.map((y) => toPlain(ct.get(y)!.yield))).toEqual(['256.25', '308.52', '600', '609']);
  });

  it('drops a grant after its end year and starts one at its start year', () => {
    const grants = p.funding!.components.filter((c) => c.id.startsWith('grant.'));
    expect(grants.map((g) => years.map((y) => `${toPlain(g.values.get(y)!)}:${g.bases.get(y)}`))).toEqual([
      ['50:stated', '0:ended', '0:ended', '0:ended'],
      ['0:not-started', '0:not-started', '10:stated', '10:ongoing'],
    ]);
  });

  it('gap = net budget − funding; cumulative gap; reserves b/f − use = c/f with use positive as written; run-out years', () => {
    expect(row(p, 'net_budget')).toEqual(['1100', '1200', '1200', '1200']);
    expect(row(p, 'funding')).toEqual(['306.25', '408.52', '610', '619']);
    expect(row(p, 'gap')).toEqual(['793.75', '791.48', '590', '581']);
    expect(row(p, 'cumulative_gap')).toEqual(['793.75', '1585.23', '2175.23', '2756.23']);
    expect(row(p, 'reserves_bf')).toEqual(['1000', '1000', '900', '900']);
    expect(row(p, 'reserves_use')).toEqual(['0', '100', '0', '0']);
    expect(row(p, 'reserves_cf')).toEqual(['1000', '900', '900', '900']);
    expect(row(p, 'reserves_after_gap')).toEqual(['206.25', '-685.23', '-1275.23', '-1856.23']);
    expect(p.funding!.reserves!.belowMinimum).toBe('2018/19');
    expect(p.funding!.reserves!.exhausted).toBe('2019/20');
  });

  it('leaves a scenario without funding exactly as it was', () => {
    const plain = project(header());
    expect(plain.rows.map((r) => r.id)).toEqual(['base_budget', 'growth', 'net_budget']);
    expect(plain.funding).toBeUndefined();
  });
});

describe('funding diagnostics', () => {
  const codes = (yaml: string) =>
    load(yaml)
      .diagnostics.map((d) => `${d.code}@${d.location?.line}`)
      .sort();
  const stream = (extra: string) => `${header()}funding:
  business_rates:
${extra}
    provenance: estimate
    source: test
`;

  it('refuses amounts outside a stream’s years, and a stream that ends before the period', () => {
    expect(codes(stream('    amounts: {2018/19: 1, 2020/21: 2}\n    to: 2019/20\n    unstated: hold'))).toEqual(['funding-years@17']);
    expect(codes(stream('    amounts: {2018/19: 1}\n    to: 2017/18'))).toContain('funding-years@18');
    expect(codes(stream('    amounts: {2018/19: 1}\n    from: 2019/20\n    to: 2018/19'))).toContain('funding-years@19');
  });

  it('asks for a method for unstated years, and for a growth rate with `unstated: growth`', () => {
    expect(codes(stream('    amounts: {2018/19: 1}'))).toEqual(['level-missing@17']);
    expect(codes(stream('    amounts: {2018/19: 1}\n    unstated: growth'))).toEqual(['missing-key@18']);
    expect(codes(stream('    amounts: {2018/19: 1}\n    growth: 2%'))).toEqual(['invalid-value@18']);
    expect(codes(stream('    amounts: {2018/19: 1}\n    unstated: growth\n    growth: 2 per cent'))).toEqual(['rate-format@19']);
  });

  it('needs a Band D in every year, derivable from the year before', () => {
    const ct = (years: string, base = '') => `${header()}funding:
  council_tax:
    tax_base: {band_d_equivalents: {2018/19: 100}, unstated: hold, provenance: estimate, source: t}
    band_d:
${base}      rounding: penny-half-up
      years:
${years}
      provenance: published
      source: t
`;
    const all = '        2018/19: {core: 1%, asc_precept: 1%}\n        2019/20: {amount: 10}\n        2020/21: {core: 1%, asc_precept: 0%}';
    expect(codes(ct(all))).toEqual(['band-d@20', 'band-d@21']);
    // a core increase alone (no precept) and a single increase figure are both allowed
    expect(codes(ct(`${all}\n        2021/22: {core: 1%}`, '      base: {year: 2017/18, amount: 9}\n'))).toEqual([]);
    expect(codes(ct(`${all}\n        2021/22: {increase: 2.99%}`, '      base: {year: 2017/18, amount: 9}\n'))).toEqual([]);
    // but not both forms at once, and not a precept without a core increase
    expect(codes(ct(`${all}\n        2021/22: {increase: 2.99%, core: 1%}`, '      base: {year: 2017/18, amount: 9}\n'))).toEqual([
      'band-d@25',
    ]);
    expect(codes(ct(`${all}\n        2021/22: {asc_precept: 1%}`, '      base: {year: 2017/18, amount: 9}\n'))).toEqual(['band-d@25']);
    expect(codes(ct(`${all}\n        2021/22: {amount: 11}`, '      base: {year: 2016/17, amount: 9}\n'))).toEqual(['band-d@19']);
    // 2.99 is a fraction (299%), not 2.99%: refused as implausible, with the fix in the hint
    const implausible = load(
      ct(
        '        2018/19: {core: 2.99, asc_precept: 0%, amount: 10}\n        2019/20: {amount: 10}\n        2020/21: {amount: 10}\n        2021/22: {amount: 10}',
      ),
    );
    expect(implausible.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['invalid-value', 'a rate is a fraction or a percentage: write 2.99% for 2.99 per cent'],
    ]);
  });
});

describe('funding identities (property)', () => {
  const here = { file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
  const amount = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((b) => new Dec(b.toString()).dividedBy(100) as Money);
  const four = fc.array(amount, { minLength: 4, maxLength: 4 });
  const stream = (id: string, values: readonly Money[]): FundingStream => ({
    id,
    kind: 'grant',
    label: id,
    levels: new Map(years.map((y, i) => [y, { amount: values[i]!, basis: 'stated' as const, origins: [here] }])),
    provenance: 'estimate',
    source: 't',
    origin: here,
  });

  it('funding is the sum of its parts; need = funding + gap; c/f = b/f − use + contributions; reserves after gap = c/f − cumulative gap; contributions leave the gap alone', () => {
    fc.assert(
      fc.property(fc.array(four, { maxLength: 5 }), four, four, four, amount, (streams, need, use, paidIn, opening) => {
        const funding: Funding = {
          streams: streams.map((s, i) => stream(`g${i}`, s)),
          reserves: {
            opening: { amount: opening, provenance: 'estimate', source: 't', origin: here },
            plannedUse: new Map(years.map((y, i) => [y, { amount: use[i]!, origin: here }])),
            contributions: new Map(years.map((y, i) => [y, { amount: paidIn[i]!, origin: here }])),
          },
        };
        const requirement = new Map<FiscalYear, Money>(years.map((y, i) => [y, need[i]!]));
        const f = projectFunding(funding, '£000', years, requirement);
        const withoutContributions = projectFunding(
          { ...funding, reserves: { ...funding.reserves!, contributions: new Map() } },
          '£000',
          years,
          requirement,
        );
        let cumulative = ZERO;
        for (const [i, y] of years.entries()) {
          const parts = f.components.reduce((acc, c) => add(acc, c.values.get(y)!), ZERO);
          expect(f.total.get(y)!.equals(parts)).toBe(true);
          expect(add(f.total.get(y)!, f.gap.get(y)!).equals(need[i]!)).toBe(true);
          cumulative = add(cumulative, f.gap.get(y)!);
          expect(f.cumulativeGap.get(y)!.equals(cumulative)).toBe(true);
          const r = f.reserves!;
          const moved = add(sub(r.broughtForward.get(y)!, r.use.get(y)!), r.contributions!.get(y)!);
          expect(r.carriedForward.get(y)!.equals(moved)).toBe(true);
          expect(r.use.get(y)!.equals(use[i]!)).toBe(true); // planned use is positive as written
          expect(f.gap.get(y)!.equals(withoutContributions.gap.get(y)!)).toBe(true);
          expect(r.afterGap.get(y)!.equals(sub(r.carriedForward.get(y)!, cumulative))).toBe(true);
        }
      }),
    );
  });
});
