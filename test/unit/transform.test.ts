// The one kind of change to a scenario, `(Scenario, spec) → Result<Scenario>`: a `--set` what-if, a
// variant's operations and a risk draw, each through the same signature.

import { describe, expect, it } from 'vitest';
import { nodeReader } from '../../src/cli/io.js';
import { loadScenario } from '../../src/load/scenario.js';
import { Dec } from '../../src/model/money.js';
import type { Scenario } from '../../src/model/scenario.js';
import { parseYaml } from '../../src/source/yaml.js';
import { variantSchema } from '../../src/schema/variant.js';
import { deriveScenario } from '../../src/project/derive.js';
import { riskDraw } from '../../src/transform/risk-draw.js';
import type { Transform } from '../../src/transform/transform.js';
import { variantOps } from '../../src/load/variant.js';
import type { VariantOps } from '../../src/model/scenario.js';
import { applyVariantOps } from '../../src/transform/variant.js';
import { applyOverrides } from '../../src/transform/what-if.js';

const demand = loadScenario('scenarios/2018-demand.yaml', nodeReader).value!;
const levelsOf = (s: Scenario, ref: string): string[] =>
  [
    ...(deriveScenario(s)
      .lines.find((l) => l.ref === ref)
      ?.levels.values() ?? []),
  ].map((l) => l.amount.toFixed());

/** Every kind is applied here through the one signature. */
const apply = <S>(t: Transform<S>, s: Scenario, spec: S) => t(s, spec);

describe('transforms', () => {
  it('a --set what-if changes a driver parameter and the line it builds, and says so', () => {
    const r = apply(applyOverrides, demand, ['transitions.arrivals=46']);
    expect(r.diagnostics).toEqual([]);
    expect(levelsOf(r.value!, 'G7')).not.toEqual(levelsOf(demand, 'G7'));
    expect(r.value!.whatIf?.[0]).toMatch(/^transitions\.arrivals=46 \(the scenario has /);
    const bad = apply(applyOverrides, demand, ['transitions.arival=1']);
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['usage']);
  });

  it('a risk draw at the value a --set gives builds the same lines', () => {
    const drawn = apply(riskDraw, demand, new Map([['transitions-arrivals', new Dec('46')]]));
    const set = apply(applyOverrides, demand, ['transitions.arrivals=46']);
    expect(drawn.diagnostics).toEqual([]);
    expect(levelsOf(drawn.value!, 'G7')).toEqual(levelsOf(set.value!, 'G7'));
    // no draw: the scenario as planned
    expect(levelsOf(apply(riskDraw, demand, new Map()).value!, 'G7')).toEqual(levelsOf(demand, 'G7'));
  });

  it("a variant's operations remove and scale lines, and report an unknown ref where it is written", () => {
    const spec = (text: string): VariantOps => {
      const doc = parseYaml('v.yaml', text).doc!;
      return variantOps(doc, variantSchema().parse(doc.tree));
    };
    const g7 = levelsOf(demand, 'G7');
    const r = apply(
      applyVariantOps,
      demand,
      spec('extends: scenarios/2018-demand.yaml\nscale:\n  - {select: {refs: [G7]}, factor: 2, reason: r}\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(levelsOf(r.value!, 'G7')).toEqual(g7.map((a) => new Dec(a).times(2).toFixed()));
    expect(r.value!.variant?.base).toBe(demand);
    const bad = apply(applyVariantOps, demand, spec('extends: x.yaml\nremove:\n  - {ref: G77, reason: r}\n'));
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics.map((d) => `${d.code} ${d.location?.line}`)).toEqual(['unknown-ref 3']);
  });
});
