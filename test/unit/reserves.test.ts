// Reserves and council tax rules, exactly: the roll-forward of the general fund and of earmarked
// reserves over random balances, movements and gaps (a property test), the year the general fund
// would fall below its minimum or run out (at the boundary and either side), and the collection
// rate applied to the yield or already allowed for in the tax base.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/diagnostics/diagnostic.js';
import { memoryReader } from '../../src/load/reader.js';
import { loadScenario } from '../../src/load/scenario.js';
import { fiscalYear, type FiscalYear } from '../../src/model/fiscal-year.js';
import type { Funding, FundingStream, OneOffSpend, Reserves } from '../../src/model/funding.js';
import type { Level } from '../../src/model/level.js';
import { Dec, ZERO, add, sub, toPlain, type Money } from '../../src/model/money.js';
import { rollReserve } from '../../src/model/reserves.js';
import { projectFunding } from '../../src/project/funding.js';
import { projectScenario } from '../../src/project/project.js';
import { exhaustionStatement } from '../../src/render/reserves.js';

const at: Location = { file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const YEARS: FiscalYear[] = [2024, 2025, 2026, 2027, 2028].map(fiscalYear);
const cited = { provenance: 'published' as const, source: 'synthetic', origin: at };
const pounds = (pence: number): Money => new Dec(pence).dividedBy(100) as Money;
const byYear = (xs: readonly number[]) => new Map(YEARS.map((y, i) => [y, { amount: pounds(xs[i] ?? 0), origin: at }]));
const total = (xs: Iterable<Money>): Money => [...xs].reduce(add, ZERO);

/** A funding section of one grant and the given reserves. */
function funding(grant: readonly number[], reserves: Reserves): Funding {
  const levels = new Map<FiscalYear, Level>(YEARS.map((y, i) => [y, { amount: pounds(grant[i] ?? 0), basis: 'stated', origins: [at] }]));
  const stream: FundingStream = { id: 'support', kind: 'grant', label: 'Support', levels, ...cited };
  return { streams: [stream], reserves };
}

describe('the reserves roll-forward', () => {
  const pence = fc.integer({ min: 0, max: 100_000_000 });
  const row = fc.array(pence, { minLength: YEARS.length, maxLength: YEARS.length });

  it('closing = opening + contributions − uses (− the gap to date), exactly, per reserve per year; one year’s close is the next year’s open', () => {
    fc.assert(
      fc.property(
        fc.record({
          opening: pence,
          contributions: row,
          plannedUse: row,
          generalOneOff: row,
          earmarkedOpening: pence,
          earmarkedIn: row,
          earmarkedUses: row,
          earmarkedOneOff: row,
          need: row,
          grant: row,
        }),
        (g) => {
          const oneOff = (id: string, reserve: string, xs: readonly number[]): OneOffSpend => ({
            id,
            label: id,
            reserve,
            amounts: byYear(xs),
            ...cited,
          });
          const reserves: Reserves = {
            opening: { amount: pounds(g.opening), ...cited },
            plannedUse: byYear(g.plannedUse),
            contributions: byYear(g.contributions),
            earmarked: [
              {
                id: 'transformation',
                label: 'Transformation',
                opening: { amount: pounds(g.earmarkedOpening), ...cited },
                contributions: { amounts: byYear(g.earmarkedIn) },
                uses: { amounts: byYear(g.earmarkedUses) },
                origin: at,
              },
            ],
            oneOff: [oneOff('a', 'general_fund', g.generalOneOff), oneOff('b', 'transformation', g.earmarkedOneOff)],
          };
          const need = new Map(YEARS.map((y, i) => [y, pounds(g.need[i] ?? 0)]));
          const f = projectFunding(funding(g.grant, reserves), '£', YEARS, need);
          const r = f.reserves!;
          const e = r.earmarked![0]!;
          const amount = (xs: readonly number[], i: number) => pounds(xs[i] ?? 0);
          YEARS.forEach((y, i) => {
            const bf = r.broughtForward.get(y)!;
            const cf = r.carriedForward.get(y)!;
            // planned use counts as funding, so the gap already allows for it
            expect(f.gap.get(y)!.equals(sub(sub(need.get(y)!, amount(g.grant, i)), amount(g.plannedUse, i)))).toBe(true);
            expect(cf.equals(bf.plus(amount(g.contributions, i)).minus(amount(g.plannedUse, i)).minus(amount(g.generalOneOff, i)))).toBe(
              true,
            );
            expect(r.afterGap.get(y)!.equals(cf.minus(f.cumulativeGap.get(y)!))).toBe(true);
            const ey = e.years.get(y)!;
            expect(
              ey.carriedForward.equals(
                ey.broughtForward.plus(amount(g.earmarkedIn, i)).minus(amount(g.earmarkedUses, i)).minus(amount(g.earmarkedOneOff, i)),
              ),
            ).toBe(true);
            expect(r.totalCarriedForward!.get(y)!.equals(cf.plus(ey.carriedForward))).toBe(true);
            const next = YEARS[i + 1];
            if (next) {
              expect(r.broughtForward.get(next)!.equals(cf)).toBe(true);
              expect(e.years.get(next)!.broughtForward.equals(ey.carriedForward)).toBe(true);
            }
          });
          const last = YEARS[YEARS.length - 1]!;
          // the sum identity: the last close is the opening plus every movement, and less every gap after them
          const sum = (xs: readonly number[]) => total(xs.map((x) => pounds(x)));
          const close = sub(sub(add(pounds(g.opening), sum(g.contributions)), sum(g.plannedUse)), sum(g.generalOneOff));
          expect(toPlain(r.carriedForward.get(last)!)).toBe(toPlain(close));
          expect(toPlain(r.afterGap.get(last)!)).toBe(toPlain(sub(close, total(f.gap.values()))));
          const eClose = sub(sub(add(pounds(g.earmarkedOpening), sum(g.earmarkedIn)), sum(g.earmarkedUses)), sum(g.earmarkedOneOff));
          expect(toPlain(e.years.get(last)!.carriedForward)).toBe(toPlain(eClose));
          // contributions, earmarked uses and one-off spend never move the gap
          const still = projectFunding(
            funding(g.grant, { ...reserves, contributions: new Map(), oneOff: [], earmarked: [] }),
            '£',
            YEARS,
            need,
          );
          for (const y of YEARS) expect(still.gap.get(y)!.equals(f.gap.get(y)!)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rollReserve over random movements: the last close is the opening plus contributions less uses', () => {
    fc.assert(
      fc.property(pence, row, row, (opening, ins, outs) => {
        const r = rollReserve(
          pounds(opening),
          YEARS,
          (y) => pounds(ins[YEARS.indexOf(y)] ?? 0),
          (y) => pounds(outs[YEARS.indexOf(y)] ?? 0),
        );
        const expected = pounds(opening + ins.reduce((a, b) => a + b, 0) - outs.reduce((a, b) => a + b, 0));
        expect(toPlain(r.get(YEARS[YEARS.length - 1]!)!.carriedForward)).toBe(toPlain(expected));
      }),
    );
  });
});

/** A synthetic whole-budget scenario with council tax and reserves, its `council_tax` and `reserves` sections given. */
function scenario(councilTax: string, reserves: string, budget = 1000): ReturnType<typeof projectScenario> {
  const file = 'mem/scenario.yaml';
  const text = `authority: Test Borough Council
department: Whole budget
period: {from: 2024/25, to: 2026/27}
units: £000
original_budget: {amount: ${budget}, source: test}
lines:
  - {ref: G1, type: growth, status: new, description: pressure, levels: {2025/26: 100, 2026/27: 300}, source: test}
funding:
  council_tax:
${councilTax}
  grants:
    - {id: support, label: Support grant, amounts: {2024/25: 500}, unstated: hold, provenance: published, source: test}
  reserves:
${reserves}
`;
  const loaded = loadScenario(file, memoryReader(new Map([[file, text]])));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return projectScenario(loaded.value!);
}

const TAX = (collection: string) => `    tax_base: {band_d_equivalents: {2024/25: 400}, unstated: hold, provenance: published, source: test}
    band_d:
      base: {year: 2023/24, amount: 1000.00}
      rounding: penny-half-up
      years:
        2024/25: {core: 1.99%, asc_precept: 2%}
        2025/26: {core: 1.99%, asc_precept: 2%}
        2026/27: {core: 1.99%, asc_precept: 0%}
      provenance: published
      source: test
${collection}`;
const RESERVES = (minimum: string) => `    opening: {amount: 400, provenance: published, source: test}
${minimum}`;

describe('the collection rate', () => {
  it('applied: the yield is tax base × Band D × rate, exactly, and the ASC precept raised is collected at the same rate', () => {
    const p = scenario(TAX('    collection: {rate: 98.5%, basis: applied, provenance: estimate, source: test}'), RESERVES(''));
    const ct = p.funding!.councilTax!.get(fiscalYear(2024))!;
    // 400 × £1,039.90 × 0.985 = £409,720.60, in £000
    expect(toPlain(ct.bandD.used)).toBe('1039.9');
    expect(toPlain(ct.yieldPounds)).toBe('409720.6');
    expect(toPlain(p.funding!.components.find((c) => c.id === 'council_tax')!.values.get(fiscalYear(2024))!)).toBe('409.7206');
    // the precept's share of Band D is 2% of £1,000 = £20: 400 × 20 × 0.985 = £7,880
    expect(toPlain(ct.ascPreceptRaised!)).toBe('7.88');
  });

  it('in the tax base: shown but not applied again', () => {
    const applied = scenario(TAX('    collection: {rate: 98.5%, basis: applied, provenance: estimate, source: test}'), RESERVES(''));
    const inBase = scenario(TAX('    collection: {rate: 98.5%, basis: in_tax_base, provenance: estimate, source: test}'), RESERVES(''));
    const none = scenario(TAX(''), RESERVES(''));
    const y = fiscalYear(2024);
    expect(toPlain(inBase.funding!.councilTax!.get(y)!.yieldPounds)).toBe('415960');
    expect(inBase.funding!.councilTax!.get(y)!.yieldPounds.equals(none.funding!.councilTax!.get(y)!.yieldPounds)).toBe(true);
    expect(applied.funding!.councilTax!.get(y)!.yieldPounds.equals(none.funding!.councilTax!.get(y)!.yieldPounds)).toBe(false);
    expect(inBase.funding!.funding.councilTax!.collection).toMatchObject({ basis: 'in-tax-base' });
  });
});

describe('years to exhaustion', () => {
  // budget 1,000 + growth 0 / 100 / 300; funding = council tax (415.96, 432.556, 441.164) + 500
  const gaps = (p: ReturnType<typeof projectScenario>) => [...p.funding!.gap.values()].map(toPlain);

  it('names the first year the general fund would fall below its minimum, and the year it would run out', () => {
    const p = scenario(TAX(''), RESERVES('    minimum: {amount: 150, provenance: estimate, source: test}'));
    expect(gaps(p)).toEqual(['84.04', '167.444', '358.836']);
    // after the gaps: 400 − 84.04 = 315.96; − 167.444 = 148.516 (below 150); − 358.836 = −210.32 (run out)
    expect(p.funding!.reserves!.belowMinimum).toBe('2025/26');
    expect(p.funding!.reserves!.exhausted).toBe('2026/27');
    expect(exhaustionStatement(p)).toBe(
      "Years to exhaustion: if each year's gap were met from the general fund, it would fall below its minimum balance in 2025/26 (year 2 of 3) and run out in 2026/27 (year 3 of 3).",
    );
  });

  it('a balance exactly at the minimum is not below it, and exactly nil has not run out', () => {
    // opening chosen so that the balance after 2025/26's gap is exactly the minimum
    const afterTwo = new Dec('84.04').plus('167.444');
    const atMinimum = scenario(
      TAX(''),
      `    opening: {amount: ${afterTwo.plus(150).toFixed()}, provenance: published, source: test}\n    minimum: {amount: 150, provenance: estimate, source: test}`,
    );
    expect(toPlain(atMinimum.funding!.reserves!.afterGap.get(fiscalYear(2025))!)).toBe('150');
    expect(atMinimum.funding!.reserves!.belowMinimum).toBe('2026/27');
    const atNil = scenario(TAX(''), `    opening: {amount: ${afterTwo.plus('358.836').toFixed()}, provenance: published, source: test}`);
    expect(toPlain(atNil.funding!.reserves!.afterGap.get(fiscalYear(2026))!)).toBe('0');
    expect(atNil.funding!.reserves!.exhausted).toBeUndefined();
    expect(exhaustionStatement(atNil)).toBe(
      "Years to exhaustion: if each year's gap were met from the general fund, it would stay above nil to 2026/27.",
    );
  });

  it('a risk-assessed minimum is the exact sum of its risks', () => {
    const p = scenario(
      TAX(''),
      RESERVES(
        '    minimum:\n      risks: [{risk: Demand, amount: 100.25}, {risk: Savings, amount: 49.75}]\n      provenance: estimate\n      source: test',
      ),
    );
    expect([...p.funding!.reserves!.minimum!.values()].map(toPlain)).toEqual(['150', '150', '150']);
    expect(p.funding!.reserves!.belowMinimum).toBe('2025/26');
  });
});
