// Controls on the rows of a scenario's own layout: any row id the layout gives (base_budget,
// restatement, levies …), level totals and subtotals of its lines rows, and a control-row
// diagnostic naming the rows that exist when a control names one the table does not show.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryReader } from '../../src/load/reader.js';
import { runCli } from '../helpers/cli.js';

const fixture = readFileSync('test/fixtures/layout/neutral.yaml', 'utf8');
/** `mtfs check` on the fixture with these control rows (YAML lines under `rows:`). */
const check = (rows: string) =>
  runCli(['check', 'x.yaml'], { readFile: memoryReader(new Map([['x.yaml', `${fixture}\ncontrols:\n  source: test\n  rows:\n${rows}`]])) });

describe('controls on a layout’s rows', () => {
  it('checks rows of the neutral layout, level totals and subtotals of its lines rows', async () => {
    const r = await check(`    base_budget: {2024/25: 10150, 2026/27: 11480}
    restatement: {2025/26: 493}
    levies: {2025/26: 3}
    from_reserves: {2025/26: 60}
    net_budget: {2026/27: 11743}
    inflation.total: {2026/27: 790}
    levies.total: {2026/27: 18}
    from_reserves.total: {2024/25: 120, 2026/27: 0}
    savings.nature.Eff: {2025/26: 180}
`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('x.yaml: 11 controls match\n');
    expect(r.code).toBe(0);
  });

  it('names the layout rows that exist when a control names one the table does not show', async () => {
    const r = await check(`    subtotal: {2024/25: 10150}
`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[control-row]: this projection has no row `subtotal` to control');
    expect(r.stderr).toContain(
      'rows here: brought_forward, restatement, base_budget, growth, inflation, savings, income, adjustments, to_reserves, from_reserves, levies, capital_financing, net_budget',
    );
  });

  it('says which inputs feed a layout row that differs', async () => {
    const r = await check(`    levies: {2025/26: 4}
`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hint: Levies = the change in the total level of LEVY (x.yaml:');
  });
});
