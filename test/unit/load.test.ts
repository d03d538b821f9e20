// Read, then load: the resolver reads every file a scenario names once, through the reader; the
// loader turns that set into a scenario without reading anything.

import { describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/load/resolve.js';
import { memoryReader, type FileReader } from '../../src/load/reader.js';
import { loadScenario, loadSources } from '../../src/load/scenario.js';
import { toPlain } from '../../src/model/money.js';
import { realise } from '../../src/transform/variant.js';

const department = (extra: string) => `authority: A
department: D
period: {from: 2018/19, to: 2019/20}
units: £000
original_budget: {amount: 100, source: s}
${extra}`;

const FILES = {
  'c/council.yaml': `authority: A
department: Whole council
period: {from: 2018/19, to: 2019/20}
units: £000
departments:
  - {name: Adults, scenario: depts/adults.yaml}
  - {name: Adults again, scenario: depts/adults.yaml}
  - {name: Children, scenario: depts/children.yaml}
`,
  'c/depts/base.yaml': department('line_files: [lines.csv]\n'),
  'c/depts/lines.csv': 'ref,type,status,service_area,description,2018/19,unstated,source\nG1,growth,new,Adults,Demand,10,hold,s\n',
  'c/depts/adults.yaml': `extends: base.yaml
scale:
  - {select: {refs: [G1]}, factor: 1.5, reason: r}
`,
  'c/depts/children.yaml': department(
    'lines:\n  - {ref: G2, type: growth, status: new, service_area: C, description: d, levels: {2018/19: 7}, unstated: hold, source: s}\n',
  ),
};

/** A memory reader that counts how often each file is read. */
function countingReader(files: Record<string, string>): { read: FileReader; reads: Map<string, number> } {
  const inner = memoryReader(new Map(Object.entries(files)));
  const reads = new Map<string, number>();
  return {
    read: (f) => {
      reads.set(f, (reads.get(f) ?? 0) + 1);
      return inner(f);
    },
    reads,
  };
}

describe('resolveSources', () => {
  it('follows departments, extends and line_files, reading each file once in the order a loader meets them', () => {
    const { read, reads } = countingReader(FILES);
    const set = resolveSources('c/council.yaml', read);
    expect([...set.files.keys()]).toEqual([
      'c/council.yaml',
      'c/depts/adults.yaml',
      'c/depts/base.yaml',
      'c/depts/lines.csv',
      'c/depts/children.yaml',
    ]);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(set.files.get('c/council.yaml')?.yaml?.value).toBeDefined();
    expect(set.texts.get('c/depts/lines.csv')).toBe(FILES['c/depts/lines.csv']);
  });

  it('records a file that cannot be read without reporting it (the loader reports it where it is named)', () => {
    const set = resolveSources('c/council.yaml', memoryReader(new Map([['c/council.yaml', FILES['c/council.yaml']]])));
    expect(set.files.get('c/depts/adults.yaml')?.failure?.reason).toBe('not-found');
    expect(set.files.get('c/depts/children.yaml')?.text).toBeUndefined();
  });

  it('reads `compare_with` only when asked', () => {
    const files = { 'a.yaml': department('compare_with: b.yaml\n'), 'b.yaml': department('') };
    const reader = memoryReader(new Map(Object.entries(files)));
    expect([...resolveSources('a.yaml', reader).files.keys()]).toEqual(['a.yaml']);
    expect([...resolveSources('a.yaml', reader, { compareWith: true }).files.keys()]).toEqual(['a.yaml', 'b.yaml']);
  });
});

describe('loadSources', () => {
  it('loads from the set alone, with the same result as reading and loading in one call', () => {
    const set = resolveSources('c/council.yaml', memoryReader(new Map(Object.entries(FILES))));
    const loaded = loadSources(set, 'c/council.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const s = loaded.value!;
    expect(s.departments?.map((d) => d.name)).toEqual(['Adults', 'Adults again', 'Children']);
    const adults = s.departments?.[0];
    const again = s.departments?.[1];
    // a department file named twice is loaded once: both departments hold the same scenario
    expect(adults?.kind === 'scenario' && again?.kind === 'scenario' && adults.scenario === again.scenario).toBe(true);
    if (adults?.kind !== 'scenario') throw new Error('expected a department scenario');
    // as loaded, the variant is its base with its operations as written; realise applies them
    expect(toPlain(adults.scenario.lines[0]!.levels.get('2019/20' as never)!.amount)).toBe('10');
    const realised = realise(s);
    expect(realised.diagnostics).toEqual([]);
    const [adultsRealised, againRealised] = realised.value?.departments ?? [];
    if (adultsRealised?.kind !== 'scenario' || againRealised?.kind !== 'scenario') throw new Error('expected department scenarios');
    expect(toPlain(adultsRealised.scenario.lines[0]!.levels.get('2019/20' as never)!.amount)).toBe('15');
    expect(againRealised.scenario).toBe(adultsRealised.scenario);
    expect(s.inputs).toEqual([
      'c/council.yaml',
      'c/depts/adults.yaml',
      'c/depts/base.yaml',
      'c/depts/lines.csv',
      'c/depts/adults.yaml',
      'c/depts/base.yaml',
      'c/depts/lines.csv',
      'c/depts/children.yaml',
    ]);
    const once = loadScenario('c/council.yaml', memoryReader(new Map(Object.entries(FILES))));
    expect(once.diagnostics).toEqual(loaded.diagnostics);
    expect(once.value?.inputs).toEqual(s.inputs);
  });

  it('reports a file that cannot be read where it is named, once per place', () => {
    const files = { ...FILES } as Record<string, string>;
    delete files['c/depts/lines.csv'];
    delete files['c/depts/children.yaml'];
    const loaded = loadSources(resolveSources('c/council.yaml', memoryReader(new Map(Object.entries(files)))), 'c/council.yaml');
    expect(loaded.value).toBeUndefined();
    expect(loaded.diagnostics.map((d) => `${d.code} ${d.location?.file}:${d.location?.line} ${d.message}`)).toEqual([
      'file-not-found c/depts/base.yaml:6 the referenced file c/depts/lines.csv does not exist',
      'file-not-found c/depts/base.yaml:6 the referenced file c/depts/lines.csv does not exist',
      'file-not-found c/council.yaml:8 the department scenario c/depts/children.yaml does not exist',
    ]);
  });

  it('refuses a set that lacks a file the scenario names: loading never reads', () => {
    const set = resolveSources('c/depts/base.yaml', memoryReader(new Map(Object.entries(FILES))));
    const partial = { files: new Map([...set.files].filter(([f]) => f !== 'c/depts/lines.csv')), texts: set.texts };
    expect(() => loadSources(partial, 'c/depts/base.yaml')).toThrow('c/depts/lines.csv was not read before loading');
  });
});
