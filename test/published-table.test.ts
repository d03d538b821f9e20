// The promise of issue 2: scenarios/2018.yaml reproduces seed 004 para 14 to the pound.
// The expected figures are typed here from the committee report, independently of the scenario.

import { describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { loadScenario } from '../src/load/scenario.js';
import { fiscalYear, type FiscalYear } from '../src/model/fiscal-year.js';
import { sum, toPlain } from '../src/model/money.js';
import { projectScenario, rowValues, type BudgetRowId } from '../src/project/project.js';
import { runCli } from './helpers/cli.js';

const PUBLISHED: Record<BudgetRowId, readonly string[]> = {
  original_budget: ['135053', '132831', '133701', '134761'],
  transfers: ['688', '0', '0', '0'],
  subtotal: ['135741', '132831', '133701', '134761'],
  growth: ['1845', '3455', '2375', '2120'],
  savings: ['-4755', '-2585', '-1315', '0'],
  net_budget: ['132831', '133701', '134761', '136881'],
};

describe('scenarios/2018.yaml against seed 004 para 14', () => {
  const loaded = loadScenario('scenarios/2018.yaml', nodeReader);
  it('loads without diagnostics', () => {
    expect(loaded.diagnostics).toEqual([]);
  });
  const p = projectScenario(loaded.value!);

  it.each(Object.entries(PUBLISHED))('%s', (id, expected) => {
    const values = rowValues(p, id as BudgetRowId);
    expect(p.years.map((y) => toPlain(values.get(y)!))).toEqual(expected);
  });

  it('has every line G6-G13 and AC1-AC15 from the text, and two visible reconciling lines', () => {
    const refs = p.scenario.lines.map((l) => l.ref);
    for (const r of ['G6', 'G7', 'G8', 'G9', 'G10', 'G11', 'G12', 'G13']) expect(refs).toContain(r);
    for (let i = 1; i <= 15; i++) expect(refs).toContain(`AC${i}`);
    expect(p.scenario.lines.filter((l) => l.reconciling).map((l) => l.ref)).toEqual(['UNEXPLAINED-GROWTH-DIFF', 'AC-PHASING']);
  });

  it('first and final savings levels sum to the published 4,755 and 8,655 without any reconciling line', () => {
    const stated = p.savings.filter((s) => !s.line.reconciling);
    const total = (y: FiscalYear) => toPlain(sum(stated.map((s) => s.levels.get(y)!)));
    expect(total(fiscalYear(2018))).toBe('4755');
    expect(total(fiscalYear(2021))).toBe('8655');
  });

  it('prints the CSV rows of the issue, savings negative', async () => {
    const r = await runCli(['project', 'scenarios/2018.yaml', '--format', 'csv']);
    expect(r.stdout.split('\n').slice(0, 7)).toEqual([
      'id,label,2018/19,2019/20,2020/21,2021/22',
      'original_budget,Original prior year budget,135053,132831,133701,134761',
      'transfers,Budget Transfers and Adjustments,688,0,0,0',
      'subtotal,Sub total,135741,132831,133701,134761',
      'growth,Add proposed growth (Appendix B),1845,3455,2375,2120',
      'savings,Less proposed savings (Appendix C),-4755,-2585,-1315,0',
      'net_budget,Proposed/Provisional net budget,132831,133701,134761,136881',
    ]);
  });

  it('prints the committee table with brackets and (0)', async () => {
    const r = await runCli(['project', 'scenarios/2018.yaml']);
    expect(r.stdout).toMatch(/Less proposed savings \(Appendix C\)\s+\(4,755\)\s+\(2,585\)\s+\(1,315\)\s+\(0\)/);
    expect(r.stdout).toMatch(/Proposed\/Provisional net budget\s+132,831\s+133,701\s+134,761\s+136,881/);
    expect(r.stdout).toMatch(/Budget Transfers and Adjustments\s+688\n/);
  });
});
