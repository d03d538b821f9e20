// Golden files of the scrutiny commands (compare, savings, diff, explain) and the promises of
// issue 5, checked on the real scenarios. The golden cases are in helpers/golden-cases.ts.

import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';
import { SCRUTINY_CASES } from './helpers/golden-cases.js';

describe('scrutiny goldens', () => {
  it.each(SCRUTINY_CASES)('$name', async ({ argv, exit, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(exit);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });
});

describe('issue 5: done when', () => {
  it('compare 2018 vs without AC14: net budget +0/400/400/400, all of it AC14', async () => {
    const r = await runCli(['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml', '--format', 'csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(
      'difference/2018-without-ac14/net_budget,2018-without-ac14 − 2018,Proposed/Provisional net budget,0,400,400,400',
    );
    const attribution = lines.filter((l) => l.startsWith('attribution/'));
    expect(attribution.map((l) => l.split(',')[0])).toEqual(['attribution/2018-without-ac14/AC14', 'attribution/2018-without-ac14/total']);
    expect(attribution[0]!.endsWith(',0,400,400,400')).toBe(true);
  });

  it('compare 2018 vs with DoLS: +260 every year, attributed to the DoLS line', async () => {
    const r = await runCli(['compare', 'scenarios/2018.yaml', 'scenarios/2018-with-dols.yaml', '--format', 'json']);
    const j = JSON.parse(r.stdout) as {
      rows: { id: string; differences: Record<string, Record<string, { amount: string; assessment: string }>> }[];
      attribution: Record<string, { key: string; effect: Record<string, string> }[]>;
    };
    const net = j.rows.find((x) => x.id === 'net_budget')!.differences['scenarios/2018-with-dols.yaml']!;
    expect(Object.values(net)).toEqual(Array(4).fill({ amount: '260', assessment: 'ADV' }));
    expect(j.attribution['scenarios/2018-with-dols.yaml']).toEqual([
      {
        key: 'DoLS',
        description: expect.any(String),
        kind: 'added',
        detail: 'added',
        effect: { '2018/19': '260', '2019/20': '260', '2020/21': '260', '2021/22': '260' },
      },
    ]);
  });

  it('savings totals 4,755 / 7,340 / 8,655 / 8,655, and the nature subtotals add up to them', async () => {
    const r = await runCli(['savings', 'scenarios/2018.yaml', '--format', 'json']);
    const j = JSON.parse(r.stdout) as {
      total: Record<string, string>;
      by_nature: { key: string; levels: Record<string, string> }[];
      by_category: { levels: Record<string, string> }[];
    };
    expect(Object.values(j.total)).toEqual(['4755', '7340', '8655', '8655']);
    for (const groups of [j.by_nature, j.by_category]) {
      for (const y of Object.keys(j.total)) {
        const sum = groups.reduce((a, g) => a + BigInt(g.levels[y]!), 0n);
        expect(sum.toString()).toBe(j.total[y]);
      }
    }
    expect(j.by_nature.map((g) => g.key)).toEqual(['Eff', 'Eff/SR', 'Inc', 'not classified (reconciling)']);
  });

  it('explain net_budget 2020/21 shows 134,761 built from its parts with file:line origins', async () => {
    const r = await runCli(['explain', 'scenarios/2018.yaml', 'net_budget', '2020/21']);
    expect(r.stdout).toContain('net_budget 2020/21: 134,761\n    = subtotal 133,701 + growth 2,375 + savings -1,315');
    expect(r.stdout).toMatch(/G6 Older People demand: 1,135\n.*\n\s+at scenarios\/2018\.yaml:\d+:\d+/);
    expect(r.stdout).toMatch(/at scenarios\/2018-savings\.csv:\d+:\d+/);
  });
});

describe('scrutiny commands on a whole council with funding', () => {
  it('explain gap 2021/22: net budget requirement less funding, each component to its source', async () => {
    // the golden transcript of this command is SCRUTINY_CASES' explain-council-gap
    const r = await runCli(['explain', 'scenarios/2018-council.yaml', 'gap', '2021/22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gap 2021/22: -2,514.24228\n');
    expect(r.stdout).toMatch(/tax base 233,772 × Band D £1,318\.74/);
    const net = await runCli(['explain', 'scenarios/2018-council.yaml', 'net_budget', '2018/19']);
    expect(net.stdout).toContain('= the sum of');
    expect(net.stdout).toContain('Adults and Communities 2018/19: 132,831');
  });

  it('compare shows funding and gap, and attributes the net budget change to departments', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-council-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const original = fs.readFileSync('scenarios/2018-council.yaml', 'utf8');
    // the department budget with the DoLS grant loss (para 40), funding unchanged
    const ibcf = original
      .replace(/2018\.yaml/g, path.resolve('scenarios/2018-with-dols.yaml'))
      .replaceAll('../data/council-tax-principles.yaml', path.resolve('data/council-tax-principles.yaml'))
      .replaceAll('scenario: 2018-central-inflation.yaml', `scenario: ${path.resolve('scenarios/2018-central-inflation.yaml')}`);
    expect(ibcf).toContain('2018-with-dols.yaml');
    const file = path.join(dir, 'council-ibcf.yaml');
    fs.writeFileSync(file, ibcf);
    const r = await runCli(['compare', 'scenarios/2018-council.yaml', file, '--format', 'json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as {
      rows: { id: string; differences: Record<string, Record<string, { amount: string; assessment: string }>> }[];
      attribution: Record<string, { key: string; effect: Record<string, string> }[]>;
    };
    const diff = (id: string) =>
      Object.values(j.rows.find((x) => x.id === id)!.differences[file]!).map((d) => `${d.amount} ${d.assessment}`);
    expect(diff('funding')).toEqual(['0 nil', '0 nil', '0 nil', '0 nil']);
    expect(diff('net_budget')).toEqual(['260 ADV', '260 ADV', '260 ADV', '260 ADV']);
    expect(diff('gap')).toEqual(['260 ADV', '260 ADV', '260 ADV', '260 ADV']);
    expect(j.attribution[file]).toEqual([
      {
        key: 'department.adults-and-communities',
        description: 'Adults and Communities',
        kind: 'changed',
        detail: "the department's net budget differs",
        effect: { '2018/19': '260', '2019/20': '260', '2020/21': '260', '2021/22': '260' },
      },
    ]);
  });
});
