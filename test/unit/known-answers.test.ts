// Unit tests through public functions: the seeded generator against known answers, variants
// loaded from memory, demand drivers, the line-by-line diff, and HTML rendering (escaping and
// structure).

import { describe, expect, it } from 'vitest';
import { memoryReader } from '../../src/load/reader.js';
import { loadScenario } from '../../src/load/scenario.js';
import { computeDemand } from '../../src/model/demand.js';
import { Dec, toPlain } from '../../src/model/money.js';
import type { Scenario } from '../../src/model/scenario.js';
import { projectScenario } from '../../src/project/project.js';
import { escapeHtml } from '../../src/render/html.js';
import { htmlReport } from '../../src/render/html-report.js';
import { barChart } from '../../src/render/svg-chart.js';
import { diffScenarios } from '../../src/reports/diff/diff.js';
import { drawFactor, Random } from '../../src/reports/risk/random.js';
import { nodeReader } from '../../src/cli/io.js';
import { realise, realiseLoaded } from '../../src/transform/variant.js';

describe('Random (xoshiro128** seeded by splitmix32)', () => {
  // computed once by an independent implementation of the two algorithms as this file's header
  // describes them (32-bit wrap-around multiply, rotate left 7 and 11, shift 9)
  it.each([
    [1, [2442144158, 3238099751, 3819917871, 2104621829, 2021136066]],
    [0, [3809008728, 1133695204, 53579671]],
    [42, [2837322924, 544945897, 479756282]],
  ])('seed %i gives its known first numbers', (seed, expected) => {
    const r = new Random(seed);
    expect(expected.map(() => r.nextUint32())).toEqual(expected);
  });

  it('a uniform is the 32-bit number over 2^32, exactly', () => {
    expect(toPlain(new Random(1).uniform())).toBe('0.5686059962026774883270263671875'); // 2442144158 / 4294967296
  });

  it('draws the middle of a range at u = 1/2, uniform and triangular alike', () => {
    const half = new Dec('0.5');
    expect(toPlain(drawFactor({ low: new Dec('0.9'), high: new Dec('1.1') }, half))).toBe('1');
    // triangular 0 / 0.5 / 1: the mode is the median, 1 − √(0.5 × 1 × 0.5) = 0.5
    expect(toPlain(drawFactor({ low: new Dec(0), likely: half, high: new Dec(1) }, half))).toBe('0.5');
  });
});

const HEADER = `authority: Test County Council
department: Adults
period: {from: 2018/19, to: 2021/22}
units: £000
original_budget: {amount: 1000, source: test}
`;
const line = (ref: string, status: string, level: number, type = 'growth'): string => `  - ref: ${ref}
    type: ${type}
    status: ${status}
${type === 'saving' ? '    category: Departmental\n    nature: Eff\n' : ''}    description: Line ${ref}
    service_area: Adult Social Care
    levels: {2018/19: ${level}}
    unstated: hold
    source: test
`;
const load = (files: Record<string, string>, file: string): Scenario => {
  const r = loadScenario(file, memoryReader(new Map(Object.entries(files))));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.value!;
};
const levelsOf = (s: Scenario, ref: string): string[] =>
  [...(s.lines.find((l) => l.ref === ref)?.levels.values() ?? [])].map((l) => toPlain(l.amount));

describe('variants, loaded from memory and realised', () => {
  const base = `${HEADER}lines:\n${line('G1', 'new', 10)}${line('G2', 'new', 20)}${line('AC1', 'new', 8, 'saving')}`;
  it('the loader keeps the operations as written; realise applies remove, scale and set; the base is untouched', () => {
    const variant = `extends: base.yaml
remove:
  - {ref: G2, reason: test}
scale:
  - {select: {refs: [AC1]}, factor: 75%, reason: test}
set:
  - {ref: G1, levels: {2018/19: 15, 2020/21: 30}, unstated: hold, source: test}
`;
    const files = { 'd/base.yaml': base, 'd/variant.yaml': variant };
    const loaded = load(files, 'd/variant.yaml');
    // as loaded: the base's lines, with the operations still to apply
    expect(loaded.lines.map((l) => l.ref)).toEqual(['G1', 'G2', 'AC1']);
    expect(loaded.variant?.removed).toBeUndefined();
    expect(loaded.inputs).toEqual(['d/variant.yaml', 'd/base.yaml']);
    const r = realise(loaded);
    expect(r.diagnostics).toEqual([]);
    const v = r.value!;
    expect(v.lines.map((l) => l.ref).sort()).toEqual(['AC1', 'G1']);
    expect(levelsOf(v, 'AC1')).toEqual(['6', '6', '6', '6']);
    expect(levelsOf(v, 'G1')).toEqual(['15', '15', '30', '30']);
    expect(v.variant?.removed?.map((x) => x.line.ref)).toEqual(['G2']);
    expect(v.variant?.base).toBe(loaded.variant?.base);
    expect(realise(v).value).toBe(v); // realising twice changes nothing
    const b = load(files, 'd/base.yaml');
    expect(levelsOf(b, 'AC1')).toEqual(['8', '8', '8', '8']);
    expect(v.inputs).toEqual(['d/variant.yaml', 'd/base.yaml']);
  });

  it('a variant of a variant is realised base first', () => {
    const files = {
      'base.yaml': base,
      'v1.yaml': 'extends: base.yaml\nremove:\n  - {ref: G2, reason: test}\n',
      'v2.yaml': 'extends: v1.yaml\nscale:\n  - {select: {refs: [G1]}, factor: 2, reason: test}\n',
    };
    const r = realise(load(files, 'v2.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.lines.map((l) => l.ref)).toEqual(['G1', 'AC1']);
    expect(levelsOf(r.value!, 'G1')).toEqual(['20', '20', '20', '20']);
    expect(r.value!.variant?.base.variant?.removed?.map((x) => x.line.ref)).toEqual(['G2']);
  });

  it('a variant that removes a line the base lacks loads, and realising it is an error where the ref is written', () => {
    const files = { 'base.yaml': base, 'v.yaml': 'extends: base.yaml\nremove:\n  - {ref: G9, reason: test}\n' };
    const r = realise(load(files, 'v.yaml'));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.code} ${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.message}`)).toEqual([
      'unknown-ref v.yaml:3:11 base.yaml has no line G9',
    ]);
  });

  it("a variant's operations are checked in the same run as another file's errors", () => {
    const read = memoryReader(
      new Map(
        Object.entries({
          'base.yaml': base,
          'v1.yaml': 'extends: base.yaml\nremove:\n  - {ref: G9, reason: test}\n',
          // a variant of a variant that is itself invalid, and a council whose own control is invalid
          'v2.yaml': 'extends: v1.yaml\nbogus: 1\n',
          'council.yaml': `authority: A\ndepartment: Whole council\nperiod: {from: 2018/19, to: 2021/22}\nunits: £000
departments:\n  - {name: Adults, scenario: v1.yaml}\ncontrols:\n  source: s\n  rows:\n    net_budget: {2030/31: 1}\n`,
        }),
      ),
    );
    const codes = (file: string) => realiseLoaded(loadScenario(file, read)).diagnostics.map((d) => `${d.code} ${d.location?.file}`);
    expect(codes('v2.yaml').sort()).toEqual(['unknown-key v2.yaml', 'unknown-ref v1.yaml']);
    expect(codes('council.yaml').sort()).toEqual(['unknown-ref v1.yaml', 'year-outside-period council.yaml']);
  });
});

describe('demand drivers (computeDemand)', () => {
  const s = loadScenario('scenarios/2018-demand.yaml', nodeReader).value!;
  const demand = computeDemand(s.drivers!, s.years);
  it('computes every driver for the base year, then every MTFS year: users × unit cost = cost, level = cost − base cost', () => {
    expect(demand.drivers.length).toBe(s.drivers!.length);
    for (const d of demand.drivers) {
      expect(d.years.map((y) => y.year)).toEqual([demand.baseYear, ...s.years]);
      const base = d.years[0]!;
      expect(toPlain(base.level)).toBe('0');
      for (const y of d.years) {
        expect(y.users.times(y.unitCost).equals(y.cost)).toBe(true);
        expect(y.cost.minus(base.cost).equals(y.level)).toBe(true);
      }
    }
  });
  it('is pure: the same drivers give the same figures', () => {
    const again = computeDemand(s.drivers!, s.years);
    expect(JSON.stringify(again, (_, v: unknown) => (v instanceof Map ? [...v] : v instanceof Dec ? toPlain(v) : v))).toBe(
      JSON.stringify(demand, (_, v: unknown) => (v instanceof Map ? [...v] : v instanceof Dec ? toPlain(v) : v)),
    );
  });
});

describe('diffScenarios', () => {
  const previous = load({ 'p.yaml': `${HEADER}lines:\n${line('G1', 'new', 10)}${line('G2', 'new', 20)}${line('G3', 'new', 5)}` }, 'p.yaml');
  const current = load(
    { 'c.yaml': `${HEADER}lines:\n${line('G1', 'unchanged', 10)}${line('G2', 'unchanged', 25)}${line('G4', 'new', 7)}` },
    'c.yaml',
  );
  const d = diffScenarios(previous, current);
  const found = Object.fromEntries(d.lines.map((l) => [l.ref, l.found]));
  it('classifies each line: unchanged, amended, new, removed', () => {
    expect(found).toEqual({ G1: 'unchanged', G2: 'amended', G3: 'removed', G4: 'new' });
  });
  it('warns where the written status disagrees (G2 says unchanged but moved by 5)', () => {
    expect(d.diagnostics.map((x) => x.code)).toEqual(['status-mismatch']);
    expect(d.diagnostics[0]!.message).toContain('G2');
    const g2 = d.lines.find((l) => l.ref === 'G2')!;
    expect([...g2.change.values()].map(toPlain)).toEqual(['5', '5', '5', '5']);
  });
});

describe('HTML rendering', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('a chart escapes its labels and draws one bar per year and series', () => {
    const svg = barChart('c', 'A <b>title</b>', ['2018/19', '2019/20'], [{ label: 'Growth & <more>', values: [1, 2] }], false, '£000');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Growth &amp; &lt;more&gt;');
    expect(svg.startsWith('<svg') || svg.includes('<svg')).toBe(true);
  });

  it('the report is one self-contained page; text from the scenario is escaped', () => {
    const s = load(
      { 'x.yaml': `${HEADER.replace('Test County Council', 'Test <script>alert(1)</script> Council')}lines:\n${line('G1', 'new', 10)}` },
      'x.yaml',
    );
    const html = htmlReport({
      projection: projectScenario(s),
      display: { rounding: 'half-away-from-zero', dp: 0 },
      version: '0.0.0',
      appendix: true,
    });
    expect(html.startsWith('<!DOCTYPE html>') || html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<(script|link)[^>]*src=|href="http/);
    expect(html.match(/<table/g)?.length).toBeGreaterThan(0);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });
});
