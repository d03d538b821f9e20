// The projection derives what a scenario does not write: the levels of lines built from demand
// drivers. A scenario as loaded keeps the drivers and the lines as written; --set and a variant's
// scale are edits of what is written, and the built levels follow.

import { describe, expect, it } from 'vitest';
import { nodeReader } from '../../src/cli/io.js';
import { loadScenario } from '../../src/load/scenario.js';
import type { FileReader } from '../../src/load/reader.js';
import { computeDemand, driverLineLevels } from '../../src/model/demand.js';
import type { Scenario } from '../../src/model/scenario.js';
import { deriveScenario } from '../../src/project/derive.js';
import { projectScenario, rowValues } from '../../src/project/project.js';
import { applyOverrides } from '../../src/transform/what-if.js';
import { realiseLoaded } from '../../src/transform/variant.js';

const FILE = 'scenarios/2018-demand.yaml';
const demand = loadScenario(FILE, nodeReader).value!;

/** Every line's level in every year, with its basis and where it comes from, as text. */
const levelsText = (s: Scenario): string[] =>
  s.lines.flatMap((l) =>
    [...l.levels].map(
      ([y, v]) => `${l.ref} ${y} ${v.amount.toString()} ${v.basis} ${v.origins.map((o) => `${o.line}:${o.column}`).join()}`,
    ),
  );

/** The scenario file with its text edited, every other file read as it is. */
const edited = (edit: (text: string) => string): FileReader => {
  const original = nodeReader(FILE);
  if (!original.ok) throw new Error(`cannot read ${FILE}`);
  const text = edit(new TextDecoder().decode(original.bytes));
  return (f) => (f === FILE ? { ok: true, bytes: new TextEncoder().encode(text) } : nodeReader(f));
};

describe('driver-built levels are derived by the projection', () => {
  it('a scenario as loaded holds the drivers and which lines they build, not the built levels', () => {
    const built = demand.lines.filter((l) => l.drivers);
    expect(built.map((l) => `${l.ref} ${l.drivers!.join('+')}`)).toEqual([
      'G6 older_people',
      'G7 learning_disability+transitions',
      'G8 mental_health',
      'G9 physical_disability',
    ]);
    for (const l of built) expect(l.levels.size).toBe(0);
  });

  it('the projection builds every driver line in every year exactly as users × unit cost less base cost, summed per line', () => {
    const p = projectScenario(demand);
    const computed = computeDemand(demand.drivers!, demand.years);
    let compared = 0;
    for (const line of p.scenario.lines) {
      if (!line.drivers) continue;
      const expected = driverLineLevels(computed, line.drivers, demand.units);
      expect(line.levels.size).toBe(demand.years.length);
      for (const y of demand.years) {
        const got = line.levels.get(y)!;
        expect(got.amount.toString()).toBe(expected.get(y)!.toString());
        expect(got.basis).toBe('driver');
        // the level is located where the line names its driver
        expect(got.origins).toEqual([line.driversOrigin]);
        compared++;
      }
    }
    expect(compared).toBe(4 * demand.years.length);
    // the written lines are untouched
    const written = (s: Scenario) => levelsText({ ...s, lines: s.lines.filter((l) => !l.drivers) });
    expect(written(p.scenario)).toEqual(written(demand));
    // and the budget table is built from the derived levels
    expect(rowValues(p, 'growth').size).toBe(demand.years.length);
  });

  it('--set on a driver parameter gives the same levels and budget as editing the file', () => {
    const set = applyOverrides(demand, ['transitions.arrivals=46']);
    expect(set.diagnostics).toEqual([]);
    const written = loadScenario(
      FILE,
      edited((t) => t.replace(/(arrivals:\n\s+value: )120\b/, '$146')),
    );
    expect(written.diagnostics).toEqual([]);
    expect(written.value!.drivers).not.toEqual(demand.drivers); // the edit took
    const a = projectScenario(set.value!);
    const b = projectScenario(written.value!);
    expect(levelsText(a.scenario)).toEqual(levelsText(b.scenario));
    expect(levelsText(a.scenario)).not.toEqual(levelsText(projectScenario(demand).scenario));
    for (const row of ['growth', 'net_budget'] as const)
      expect([...rowValues(a, row)].map(([y, v]) => `${y} ${v.toString()}`)).toEqual(
        [...rowValues(b, row)].map(([y, v]) => `${y} ${v.toString()}`),
      );
  });

  it("a variant's scale on a driver line is applied after building, also after a --set", () => {
    const variantFile = 'scenarios/derive-scaled.yaml';
    const read: FileReader = (f) =>
      f === variantFile
        ? {
            ok: true,
            bytes: new TextEncoder().encode('extends: 2018-demand.yaml\nscale:\n  - {select: {refs: [G7]}, factor: 75%, reason: test}\n'),
          }
        : nodeReader(f);
    const v = realiseLoaded(loadScenario(variantFile, read));
    expect(v.diagnostics).toEqual([]);
    const g7 = v.value!.lines.find((l) => l.ref === 'G7')!;
    expect(g7.levels.size).toBe(0);
    expect(g7.factors?.map((f) => f.toString())).toEqual(['0.75']);
    for (const sets of [[], ['learning_disability.use_rate=0.6%']]) {
      const built = deriveScenario(applyOverrides(demand, sets).value!).lines.find((l) => l.ref === 'G7')!;
      const scaled = deriveScenario(applyOverrides(v.value!, sets).value!).lines.find((l) => l.ref === 'G7')!;
      for (const y of demand.years)
        expect(scaled.levels.get(y)!.amount.toString()).toBe(built.levels.get(y)!.amount.times('0.75').toString());
    }
  });

  it('deriving twice gives the same levels', () => {
    const once = deriveScenario(demand);
    expect(levelsText(deriveScenario(once))).toEqual(levelsText(once));
  });
});
