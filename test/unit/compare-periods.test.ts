// Comparing rolling MTFS vintages: scenarios whose periods overlap compare on the years they
// share, and the attribution of the net budget change still adds up to it exactly.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/load/scenario.js';
import { memoryReader } from '../../src/load/reader.js';
import { projectScenario } from '../../src/project/project.js';
import { attributionTotal, compareProjections } from '../../src/reports/compare/compare.js';
import { runCli } from '../helpers/cli.js';

// Synthetic figures: two vintages of one department's MTFS, the later one a year on.
const vintage = (
  title: string,
  from: string,
  to: string,
  original: string,
  transfers: string,
  levels: string,
): string => `authority: Test County Council
department: Adults
title: ${title}
period: {from: ${from}, to: ${to}}
units: £000
original_budget: {amount: ${original}, source: synthetic}
transfers: {amounts: ${transfers}, source: synthetic}
lines:
  - ref: G1
    type: growth
    status: new
    description: Demand growth
    service_area: Adult Social Care
    levels: ${levels}
    unstated: hold
    source: synthetic
`;

const files = new Map([
  ['a.yaml', vintage('MTFS 2018/19 to 2021/22', '2018/19', '2021/22', '1000', '{2018/19: 5, 2019/20: 7}', '{2018/19: 10, 2019/20: 20}')],
  ['b.yaml', vintage('MTFS 2019/20 to 2022/23', '2019/20', '2022/23', '1015', '{2019/20: 3}', '{2019/20: 12}')],
  ['c.yaml', vintage('MTFS 2024/25 to 2025/26', '2024/25', '2025/26', '1000', '{2024/25: 1}', '{2024/25: 1}')],
]);
const read = memoryReader(files);

describe('compare across periods', () => {
  it('compares on the shared years, and the attribution adds up to the net budget change', () => {
    const [a, b] = ['a.yaml', 'b.yaml'].map((f) => projectScenario(loadScenario(f, read).value!));
    const c = compareProjections(a!, [b!]);
    expect(c.years).toEqual(['2019/20', '2020/21', '2021/22']);
    const pair = c.pairs[0]!;
    const total = attributionTotal(pair.attribution, c.years);
    for (const y of c.years) expect(total.get(y)!.toFixed()).toBe(pair.netChange.get(y)!.toFixed());
    // a: 1000 + 5 + 7 + 20 = 1032 in 2019/20; b: 1015 + 3 + 12 = 1030
    expect(pair.netChange.get(c.years[0]!)!.toFixed()).toBe('-2');
  });

  it('labels the scenarios by their titles and periods, and refuses periods with no year in common', async () => {
    const r = await runCli(['compare', 'a.yaml', 'b.yaml'], { readFile: read });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Compared on the years every scenario covers, 2019/20 to 2021/22: a is “MTFS 2018/19 to 2021/22”, 2018/19 to 2021/22; b is “MTFS 2019/20 to 2022/23”, 2019/20 to 2022/23.',
    );
    const none = await runCli(['compare', 'a.yaml', 'c.yaml'], { readFile: read });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('error[period]');
  });
});
