// Whole-council scenarios: departments from their own scenario files (in any units) or given by
// year add up to the council's net budget requirement; department scenarios cannot nest.

import { describe, expect, it } from 'vitest';
import { memoryReader } from '../../src/load/reader.js';
import { loadScenario } from '../../src/load/scenario.js';
import { toPlain } from '../../src/model/money.js';
import { projectScenario, rowValues } from '../../src/project/project.js';

const dept = (units: string, amount: string, extra = '') => `authority: A
department: D
period: {from: 2018/19, to: 2019/20}
units: ${units}
original_budget: {amount: ${amount}, source: s}
${extra}`;

const council = (departments: string, extra = '') => `authority: A
department: Whole council
period: {from: 2018/19, to: 2019/20}
units: £000
departments:
${departments}
${extra}`;

const load = (files: Record<string, string>) => loadScenario('c/council.yaml', memoryReader(new Map(Object.entries(files))));

describe('whole-council scenarios', () => {
  it('adds departments given by scenario (converting £ to £000 exactly) and by year', () => {
    const r = load({
      'c/council.yaml': council(`  - name: Adults
    scenario: adults.yaml
  - name: Others
    levels: {2018/19: 500, 2019/20: 510.5}
    provenance: estimate
    source: s`),
      'c/adults.yaml': dept('£', '1234567'),
    });
    expect(r.diagnostics).toEqual([]);
    const p = projectScenario(r.value!);
    expect(p.rows.map((row) => row.id)).toEqual(['department.adults', 'department.others', 'net_budget']);
    expect(p.years.map((y) => toPlain(rowValues(p, 'net_budget').get(y)!))).toEqual(['1734.567', '1745.067']);
    expect(r.value!.inputs).toEqual(['c/council.yaml', 'c/adults.yaml']);
  });

  it('refuses a council with an original budget, a nested department scenario, and a department not covering the period', () => {
    const codes = (files: Record<string, string>) =>
      load(files)
        .diagnostics.map((d) => `${d.code}:${d.location?.file}`)
        .sort();
    expect(
      codes({
        'c/council.yaml': council('  - {name: X, scenario: x.yaml}', 'original_budget: {amount: 1, source: s}'),
        'c/x.yaml': dept('£000', '1'),
      }),
    ).toEqual(['department:c/council.yaml']);
    expect(
      codes({ 'c/council.yaml': council('  - {name: X, scenario: x.yaml}'), 'c/x.yaml': `${dept('£000', '1')}departments: []\n` }),
    ).toEqual(['department:c/x.yaml']);
    expect(
      codes({ 'c/council.yaml': council('  - {name: X, scenario: x.yaml}'), 'c/x.yaml': dept('£000', '1').replace('2019/20', '2018/19') }),
    ).toEqual(['department:c/council.yaml']);
    expect(codes({ 'c/council.yaml': council('  - {name: X, levels: {2018/19: 1}, unstated: hold, source: s}') })).toEqual([
      'missing-key:c/council.yaml',
    ]);
  });

  it('refuses a control on a row the scenario does not have', () => {
    const r = load({
      'c/council.yaml': council(
        '  - {name: X, scenario: x.yaml}',
        'controls: {source: s, rows: {subtotal: {2018/19: 1}, gap: {2018/19: 0}}}',
      ),
      'c/x.yaml': dept('£000', '1'),
    });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'this scenario has no `subtotal` row to control',
      'this scenario has no `gap` row to control',
    ]);
  });

  it('reports an invalid section once, without knock-on errors about original_budget or controls', () => {
    const r = load({
      'c/council.yaml': council(
        '  - {name: X, scenario: x.yaml, provenance: derive}',
        'funding: {grants: [{id: G, label: g}]}\ncontrols: {source: s, rows: {gap: {2018/19: 0}}}',
      ),
      'c/x.yaml': dept('£000', '1'),
    });
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual([
      'invalid-value',
      'invalid-value',
      'missing-key',
      'missing-key',
      'missing-key',
    ]);
    expect(r.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/original_budget|row to control/);
  });
});
