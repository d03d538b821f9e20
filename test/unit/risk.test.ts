import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../../src/cli/io.js';
import { memoryReader } from '../../src/load/reader.js';
import { loadScenario } from '../../src/load/scenario.js';
import { Dec, toPlain } from '../../src/model/money.js';
import type { Scenario } from '../../src/model/scenario.js';
import { projectScenario, rowValues } from '../../src/project/project.js';
import { projectWithDraws } from '../../src/reports/risk/engine.js';
import { linearModel, monteCarlo, nearestRank } from '../../src/reports/risk/monte-carlo.js';
import { drawFactor, FACTOR_DP, Random } from '../../src/reports/risk/random.js';
import { sensitivity, value } from '../../src/reports/risk/sensitivity.js';

const scenario = loadScenario('scenarios/2018.yaml', nodeReader).value!;
const d = (t: string) => new Dec(t);

describe('draws', () => {
  it('the same seed gives the same uniforms; different seeds differ', () => {
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('factors stay within [low, high], at FACTOR_DP places, and a collapsed range is exact (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.nat(),
        (low, spanA, spanB, seed) => {
          const range = { low: d(`${low / 100}`), likely: d(`${(low + spanA) / 100}`), high: d(`${(low + spanA + spanB) / 100}`) };
          const u = new Random(seed).uniform();
          const x = drawFactor(range, u);
          expect(x.gte(range.low) && x.lte(range.high)).toBe(true);
          expect(x.decimalPlaces()).toBeLessThanOrEqual(FACTOR_DP);
        },
      ),
    );
    expect(drawFactor({ low: d('1'), likely: d('1'), high: d('1') }, d('0.3')).toFixed()).toBe('1');
  });

  it('the triangular inverse CDF puts the mode where it belongs', () => {
    // at u = (c − a)/(b − a) the draw is exactly the likely value
    expect(drawFactor({ low: d('0.6'), likely: d('0.9'), high: d('1') }, d('0.75')).toFixed()).toBe('0.9');
    expect(drawFactor({ low: d('0.6'), high: d('1') }, d('0.5')).toFixed()).toBe('0.8');
  });

  it('nearest rank', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => new Dec(n)) as never[];
    expect(toPlain(nearestRank(xs, 10))).toBe('1');
    expect(toPlain(nearestRank(xs, 50))).toBe('5');
    expect(toPlain(nearestRank(xs, 90))).toBe('9');
  });
});

describe('Monte Carlo', () => {
  it('is reproducible for a seed', () => {
    const a = monteCarlo(scenario, { draws: 500, seed: 3 });
    const b = monteCarlo(scenario, { draws: 500, seed: 3 });
    const show = (r: typeof a) => r.rows.map((row) => [...row.percentiles.values()].map((m) => [...m.values()].map(toPlain)));
    expect(show(a)).toEqual(show(b));
  });

  it('with every range collapsed to 100%, P10 = P50 = P90 = the deterministic projection, exactly', () => {
    const collapsed: Scenario = {
      ...scenario,
      assumptions: (scenario.assumptions ?? []).map((a) => ({ ...a, factor: { low: d('1'), likely: d('1'), high: d('1') } })),
    };
    const r = monteCarlo(collapsed, { draws: 200, seed: 1 });
    const net = rowValues(projectScenario(scenario), 'net_budget');
    for (const [, byYear] of r.rows[0]!.percentiles) {
      for (const [y, v] of byYear) expect(v.equals(net.get(y)!)).toBe(true);
    }
  });

  it('the linear shortcut equals projecting the scaled scenario, exactly (property)', () => {
    const base = projectScenario(scenario);
    const linear = linearModel(scenario, base, ['net_budget']);
    const ids = (scenario.assumptions ?? []).map((a) => a.id);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000_000 }), { minLength: ids.length, maxLength: ids.length }), (raw) => {
        const factors = new Map(ids.map((id, i) => [id, new Dec(raw[i]!).dividedBy(1e9) as Dec]));
        const full = projectWithDraws(scenario, factors);
        for (const y of base.years) expect(linear(factors, 'net_budget', y).equals(value(full, 'net_budget', y))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('sensitivity', () => {
  it('ranks by the largest effect and measures against the projection as written', () => {
    const s = sensitivity(scenario);
    expect(s.entries.map((e) => e.assumption.id)).toEqual([
      'sr-delivery',
      'demand-growth',
      'transforming-care',
      'eff-delivery',
      'inc-delivery',
    ]);
    const g12 = s.entries.find((e) => e.assumption.id === 'transforming-care')!;
    // G12 is 750 then 1,500: at 150% the net budget rises by half of that
    expect([...g12.high.get('net_budget')!.values()].map(toPlain)).toEqual(['375', '750', '750', '750']);
  });
});

describe('ranges on demand driver parameters', () => {
  const demand = loadScenario('scenarios/2018-demand.yaml', nodeReader).value!;

  it('collapsed to the value the scenario already has, every percentile is the deterministic projection', () => {
    const collapsed: Scenario = {
      ...demand,
      assumptions: (demand.assumptions ?? [])
        .filter((a) => a.parameter?.parameter === 'arrivals')
        .map((a) => ({ ...a, factor: { low: d('120'), likely: d('120'), high: d('120') } })),
    };
    const r = monteCarlo(collapsed, { draws: 50, seed: 1 });
    const net = rowValues(projectScenario(demand), 'net_budget');
    for (const [, byYear] of r.rows[0]!.percentiles) for (const [y, v] of byYear) expect(v.equals(net.get(y)!)).toBe(true);
  });

  it('a value moves the driver-built line exactly as --set does', async () => {
    const { applyOverrides } = await import('../../src/transform/what-if.js');
    const viaSet = projectScenario(applyOverrides(demand, ['transitions.arrivals=46']).value!);
    const viaRange = projectWithDraws(demand, new Map([['transitions-arrivals', d('46')]]));
    for (const y of viaSet.years) expect(value(viaRange, 'net_budget', y).equals(value(viaSet, 'net_budget', y))).toBe(true);
  });
});

describe('ranges on funding items', () => {
  const council = loadScenario('scenarios/2018-council.yaml', nodeReader).value!;
  const base = projectScenario(council);

  it('the tax base at 98.5% from 2019/20 leaves 2018/19 alone and widens the gap by exactly 1.5% of council tax after', () => {
    const p = projectWithDraws(council, new Map([['tax-base', d('0.985')]]));
    const ct = base.funding!.components.find((c) => c.id === 'council_tax')!;
    const expected = base.years.map((y, i) => (i === 0 ? '0' : toPlain(ct.values.get(y)!.times('0.015'))));
    expect(base.years.map((y) => toPlain(value(p, 'gap', y).minus(value(base, 'gap', y))))).toEqual(expected);
  });

  it('the linear shortcut equals projecting with scaled funding, exactly (property)', () => {
    const linear = linearModel(council, base, ['net_budget', 'gap']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_500_000_000 }), fc.integer({ min: 900_000_000, max: 1_100_000_000 }), (a, b) => {
        const factors = new Map([['tax-base', new Dec(a + b).dividedBy(1e9) as Dec]]);
        const full = projectWithDraws(council, factors);
        for (const id of ['net_budget', 'gap'])
          for (const y of base.years) expect(linear(factors, id, y).equals(value(full, id, y))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses an unknown funding item with a "did you mean", and `from` outside the period', () => {
    const yaml = fs
      .readFileSync('scenarios/2018-council.yaml', 'utf8')
      .replace('funding: council_tax\n', 'funding: council_taks\n')
      .replace('from: 2020/21', 'from: 2020/21');
    const files = new Map([['scenarios/council-bad.yaml', yaml]]);
    const read = (f: string) => (files.has(f) ? memoryReader(files)(f) : nodeReader(f));
    const r = loadScenario('scenarios/council-bad.yaml', read);
    expect(r.diagnostics.map((x) => [x.code, x.hint])).toEqual([['invalid-value', 'did you mean `council_tax`?']]);
  });
});
