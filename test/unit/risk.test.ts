import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../../src/cli/io.js';
import { memoryReader } from '../../src/load/reader.js';
import { loadScenario } from '../../src/load/scenario.js';
import { Approx, Dec, dec, roundTo, toPlain } from '../../src/model/money.js';
import type { FactorRange, Scenario } from '../../src/model/scenario.js';
import type { FiscalYear } from '../../src/model/fiscal-year.js';
import { projectScenario, rowValues, type Projection } from '../../src/project/project.js';
import { computeDemand, driverLineLevels } from '../../src/model/demand.js';
import { deriveScenario } from '../../src/project/derive.js';
import { allLinear, projectWithDraws, riskAssumptions } from '../../src/reports/risk/engine.js';
import { riskDraw } from '../../src/transform/risk-draw.js';
import { divide40, fromDec, isqrt, round40, roundPlaces, sqrt40, times, toDec, type Scaled } from '../../src/reports/risk/scaled.js';
import { countAbove, linearModel, monteCarlo, nearestRank, sortedFigures } from '../../src/reports/risk/monte-carlo.js';
import { drawFactor, drawScaled, FACTOR_DP, Random, sampler, uniformOf } from '../../src/reports/risk/random.js';
import { sensitivity, value } from '../../src/reports/risk/sensitivity.js';

const scenario = loadScenario('scenarios/2018.yaml', nodeReader).value!;
const d = (t: string) => new Dec(t);

/** The linear shortcut's figure for one row and year, for factors by assumption id (missing ones at 1). */
const linearAt = (s: Scenario, base: Projection, ids: readonly string[]) => {
  const model = linearModel(s, base, ids);
  return (factors: ReadonlyMap<string, Dec>, id: string, y: FiscalYear): Dec => {
    const figures = model.figures(riskAssumptions(s).map((a) => fromDec(factors.get(a.id) ?? d('1'))));
    return model.order.money(figures[ids.indexOf(id) * base.years.length + base.years.indexOf(y)]!);
  };
};

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

/**
 * The draw as it was first written, in decimal.js at Approx's 40 digits: the reference the
 * scaled-integer draw must match digit for digit.
 */
function approxDrawFactor(range: FactorRange, uniform: Dec): Dec {
  if (range.low.equals(range.high)) return range.low;
  const [a, b, u] = [new Approx(range.low), new Approx(range.high), new Approx(uniform)];
  const c = range.likely && new Approx(range.likely);
  let x: Dec;
  if (!c) {
    x = a.plus(b.minus(a).times(u)) as Dec;
  } else {
    const split = c.minus(a).dividedBy(b.minus(a));
    x = (
      u.lessThan(split)
        ? a.plus(u.times(b.minus(a)).times(c.minus(a)).sqrt())
        : b.minus(new Approx(1).minus(u).times(b.minus(a)).times(b.minus(c)).sqrt())
    ) as Dec;
  }
  return dec(roundTo(x, FACTOR_DP, 'half-away-from-zero'));
}

describe('draws in scaled integers give the digits of the 40-digit decimal computation', () => {
  const shipped = [
    'scenarios/2018.yaml',
    'scenarios/2018-demand.yaml',
    'scenarios/2018-council.yaml',
    'scenarios/2018-central-inflation.yaml',
  ];
  const ranges = shipped.flatMap((f) => riskAssumptions(loadScenario(f, nodeReader).value!).map((a) => a.factor));

  it('every shipped range: 20,000 uniforms over five seeds, and 0, 1/2 and (2^32 − 1)/2^32', () => {
    expect(ranges.length).toBeGreaterThan(8);
    for (const range of ranges) {
      const prepared = sampler(range);
      const ks = [0, 2 ** 32 - 1, 2 ** 31];
      for (const seed of [1, 2, 3, 42, 2018]) {
        const r = new Random(seed);
        for (let i = 0; i < 4000 / ranges.length; i++) ks.push(r.nextUint32());
      }
      for (const k of ks) {
        const u = uniformOf(k);
        expect(toDec(drawScaled(prepared, u)).toFixed()).toBe(approxDrawFactor(range, toDec(u)).toFixed());
      }
    }
  });

  // ranges as a user may write them: up to 30 decimal places, negative values for a driver parameter
  // (a change), large counts of people; uniforms on the triangle's split, and anywhere
  const decimalText = fc
    .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 30 }))
    .map(([m, places]) => new Dec(m.toString()).dividedBy(new Dec(10).pow(places)) as Dec);
  const range = fc.tuple(decimalText, decimalText, decimalText, fc.boolean()).map(([x, y, z, triangular]): FactorRange => {
    const [low, likely, high] = [x, y, z].sort((p, q) => p.comparedTo(q)) as [Dec, Dec, Dec];
    return triangular ? { low, likely, high } : { low, high };
  });

  it('any range and any uniform (property)', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (r, k) => {
        const u = uniformOf(k);
        expect(toDec(drawScaled(sampler(r), u)).toFixed()).toBe(approxDrawFactor(r, toDec(u)).toFixed());
      }),
      { numRuns: 3000 },
    );
  });

  it("uniforms on and next to the triangle's split (property)", () => {
    const short = fc.integer({ min: 0, max: 400 }).map((n) => new Dec(n).dividedBy(100) as Dec);
    fc.assert(
      fc.property(short, short, short, fc.integer({ min: -1, max: 1 }), (x, y, z, step) => {
        const [low, likely, high] = [x, y, z].sort((p, q) => p.comparedTo(q)) as [Dec, Dec, Dec];
        if (low.equals(high)) return;
        const split = likely.minus(low).dividedBy(high.minus(low));
        const k = Math.min(2 ** 32 - 1, Math.max(0, Number(split.times(2 ** 32).toFixed(0, Dec.ROUND_FLOOR)) + step));
        const u = uniformOf(k);
        const r = { low, likely, high };
        expect(toDec(drawScaled(sampler(r), u)).toFixed()).toBe(approxDrawFactor(r, toDec(u)).toFixed());
      }),
      { numRuns: 2000 },
    );
  });

  it('the 40-digit operations round as decimal.js does (property)', () => {
    const positive = decimalText.map((x) => x.abs() as Dec).filter((x) => !x.isZero());
    const same = (x: Scaled, reference: Dec) => expect(toDec(x).toFixed()).toBe(reference.toFixed());
    fc.assert(
      fc.property(decimalText, positive, fc.integer({ min: 0, max: 12 }), (x, y, places) => {
        same(sqrt40(fromDec(x.abs() as Dec)), new Approx(x.abs()).sqrt() as Dec);
        same(divide40(fromDec(x), fromDec(y)), new Approx(x).dividedBy(y) as Dec);
        same(round40(times(fromDec(x), fromDec(y))), new Approx(x).times(y) as Dec);
        same(roundPlaces(fromDec(x), places), roundTo(x, places, 'half-away-from-zero'));
      }),
      { numRuns: 3000 },
    );
    // exact squares, halves at the 41st digit, and a carry into a new digit
    same(sqrt40(fromDec(d('0.0625'))), d('0.25'));
    same(round40(fromDec(d('1.0000000000000000000000000000000000000005'))), d('1.000000000000000000000000000000000000001'));
    same(round40(fromDec(d('-9.9999999999999999999999999999999999999995'))), d('-10'));
    expect(isqrt(10n ** 40n - 1n)).toBe(10n ** 20n - 1n);
  });

  it('isqrt is the floor of the square root, below and beyond the range of a double (property)', () => {
    const isFloorRoot = (n: bigint) => {
      const r = isqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    };
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 1100n }), fc.integer({ min: -2, max: 2 }), (x, step) => {
        isFloorRoot(x);
        // squares and their neighbours, where a start below the root would show
        const square = x * x + BigInt(step);
        if (square >= 0n) isFloorRoot(square);
      }),
      { numRuns: 3000 },
    );
    for (const k of [52, 53, 54, 106, 999, 1000, 1001]) for (const d of [-1n, 0n, 1n]) isFloorRoot((1n << BigInt(k)) + d);
    expect(isqrt(10n ** 80n)).toBe(10n ** 40n);
  });
});

describe('Monte Carlo', () => {
  const byComparison = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

  it('sorts scaled figures as comparison does, within 64 bits and beyond, and counts those above a limit (property)', () => {
    const near = (k: bigint) => fc.bigInt({ min: k - 3n, max: k + 3n });
    const figure = fc.oneof(
      fc.bigInt({ min: -(1n << 62n), max: 1n << 62n }),
      near(1n << 63n),
      near(-(1n << 63n)),
      fc.bigInt({ min: -(1n << 90n), max: 1n << 90n }),
      fc.bigInt({ min: -5n, max: 5n }),
    );
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 60 }), figure, (list, limit) => {
        const expected = [...list].sort(byComparison);
        const sorted = sortedFigures([...list]);
        expect(Array.from(sorted)).toEqual(expected);
        expect(countAbove(sorted, limit, byComparison)).toBe(list.filter((v) => v > limit).length);
      }),
      { numRuns: 2000 },
    );
  });

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
    const linear = linearAt(scenario, base, ['net_budget']);
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

  it('a linear range’s effects (from its effect at 2) equal projecting at its low and high, exactly', () => {
    const scenarios = ['scenarios/2018.yaml', 'scenarios/2018-council.yaml', 'test/fixtures/synthetic-settlement/council.yaml'].map(
      (f) => loadScenario(f, nodeReader).value!,
    );
    for (const s of scenarios) {
      const base = projectScenario(s);
      for (const e of sensitivity(s, base).entries) {
        for (const [f, got] of [
          [e.assumption.factor.low, e.low],
          [e.assumption.factor.high, e.high],
        ] as const) {
          const p = projectWithDraws(s, new Map([[e.assumption.id, f]]));
          for (const [id, byYear] of got)
            for (const [y, v] of byYear)
              expect(toPlain(v), `${s.file} ${e.assumption.id} ${id} ${y}`).toBe(toPlain(value(p, id, y).minus(value(base, id, y))));
        }
      }
    }
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

  it('a draw on one driver rebuilds its lines and keeps the others as computed afresh (drivers already computed are reused)', () => {
    projectScenario(demand); // every driver computed once
    const values = new Map([['transitions-arrivals', d('46')]]);
    const drawn = riskDraw(demand, values).value!;
    const derived = deriveScenario(drawn);
    const fresh = computeDemand(drawn.drivers!, drawn.years);
    const built = derived.lines.filter((l) => l.drivers);
    expect(built.length).toBeGreaterThan(2);
    for (const line of built) {
      const expected = driverLineLevels(fresh, line.drivers!, drawn.units);
      for (const y of drawn.years) expect(line.levels.get(y)!.amount.toFixed()).toBe(expected.get(y)!.toFixed());
    }
    const transitions = built.find((l) => l.drivers!.includes('transitions'))!;
    const before = deriveScenario(demand).lines.find((l) => l.ref === transitions.ref)!;
    expect(drawn.years.some((y) => !before.levels.get(y)!.amount.equals(transitions.levels.get(y)!.amount))).toBe(true);
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
    const linear = linearAt(council, base, ['net_budget', 'gap']);
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

  it('business rates growth is not linear (levy and safety net), so Monte Carlo projects each draw for it', () => {
    // growth from nil to 120%: drawn low, the safety net stops applying in the years of falling rates
    const file = 'test/fixtures/synthetic-settlement/council.yaml';
    const text = fs.readFileSync(file, 'utf8').replace('factor: {low: 50%, likely: 100%', 'factor: {low: 0%, likely: 100%');
    expect(text).toContain('low: 0%');
    const files = new Map([[file, text]]);
    const settlement = loadScenario(file, (f) => (files.has(f) ? memoryReader(files)(f) : nodeReader(f))).value!;
    const own = projectScenario(settlement);
    // the shortcut would add half the growth's effect at 2×; the safety net makes the real gap differ
    const half = new Map([['rates-growth', d('0.1')]]);
    const full = projectWithDraws(settlement, half);
    const linear = linearAt(settlement, own, ['gap']);
    expect(own.years.some((y) => !linear(half, 'gap', y).equals(value(full, 'gap', y)))).toBe(true);
    expect(allLinear(settlement, riskAssumptions(settlement))).toBe(false);
    // the council's own range (on the tax base) is linear
    expect(allLinear(council, council.assumptions ?? [])).toBe(true);
    // so every draw's figures are those of the projection at the drawn factors
    const r = monteCarlo(settlement, { draws: 40, seed: 3 });
    const gap = r.rows.find((row) => row.id === 'gap')!;
    const samplers = riskAssumptions(settlement).map((x) => sampler(x.factor));
    const random = new Random(3);
    const draws = Array.from({ length: 40 }, () =>
      projectWithDraws(
        settlement,
        new Map(riskAssumptions(settlement).map((x, i) => [x.id, toDec(drawScaled(samplers[i]!, uniformOf(random.nextUint32())))])),
      ),
    );
    for (const y of own.years) {
      const sorted = draws.map((p) => value(p, 'gap', y)).sort((x, z) => x.comparedTo(z));
      for (const k of [10, 50, 90]) expect(toPlain(gap.percentiles.get(k)!.get(y)!)).toBe(toPlain(nearestRank(sorted, k)));
    }
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
