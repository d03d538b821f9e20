// `mtfs demand` as a user meets it: golden files of every format for each shipped scenario with
// drivers, what-ifs with --set (also through `mtfs project`), bad --set paths and values, and the
// identities checked on the exact JSON the command prints.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dec } from '../src/model/money.js';
import { runCli, transcript } from './helpers/cli.js';
import { BAD_SET_CASE, DEMAND_SCENARIOS, demandCases, SHIPPED_WITH_DRIVERS, WHAT_IF_CASES } from './helpers/golden-cases.js';

it('ships at least one scenario with demand drivers', () => {
  expect(SHIPPED_WITH_DRIVERS).toContain('2018-demand.yaml');
});

describe.each(DEMAND_SCENARIOS)('%s', (file) => {
  it.each(demandCases(file))('$name', async ({ argv, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });

  it('prints exact figures in which users × unit cost = cost and volume + price = level, every driver and year', async () => {
    const r = await runCli(['demand', file, '--format', 'json']);
    type Year = { users: string; unit_cost: string; cost: string; level: string; volume: string; price: string };
    const json = JSON.parse(r.stdout) as {
      base_year: string;
      drivers: { by_year: Record<string, Year> }[];
      lines: { levels: Record<string, string> }[];
    };
    expect(json.drivers.length).toBeGreaterThan(0);
    for (const d of json.drivers) {
      const base = d.by_year[json.base_year]!;
      for (const y of Object.values(d.by_year)) {
        expect(new Dec(y.users).times(y.unit_cost).equals(y.cost)).toBe(true);
        expect(new Dec(y.volume).plus(y.price).equals(y.level)).toBe(true);
        expect(new Dec(y.cost).minus(base.cost).equals(y.level)).toBe(true);
      }
    }
  });
});

describe('what-ifs', () => {
  const scenario = 'scenarios/2018-demand.yaml';
  it.each(WHAT_IF_CASES)('$name', async ({ argv, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });

  it('moves the table: doubling the use rate doubles a line with no price effect', async () => {
    const levels = async (...set: string[]) => {
      const r = await runCli(['demand', scenario, '--format', 'json', ...set]);
      const json = JSON.parse(r.stdout) as { lines: { ref: string; levels: Record<string, string> }[] };
      return json.lines.find((l) => l.ref === 'G6')!.levels;
    };
    const before = await levels();
    const after = await levels('--set', 'older_people.use_rate=7%');
    for (const y of Object.keys(before)) expect(new Dec(after[y]!).equals(new Dec(before[y]!).times(2))).toBe(true);
  });

  it('marks the scenario it changes: what-if notes in project and demand, sources replaced', async () => {
    const r = await runCli(['demand', scenario, '--format', 'json', '--set', 'transitions.part_year=25%']);
    const json = JSON.parse(r.stdout) as {
      what_if: string[];
      drivers: { name: string; part_year?: { value: string; status: string; source: string } }[];
    };
    expect(json.what_if).toEqual(['transitions.part_year=25% (the scenario has 0.5)']);
    expect(json.drivers.find((d) => d.name === 'transitions')!.part_year).toMatchObject({
      value: '0.25',
      status: 'assumed',
      source: 'what-if: --set transitions.part_year=25%',
    });
  });
});

describe('bad --set and scenarios without drivers (exit 2)', () => {
  const scenario = 'scenarios/2018-demand.yaml';
  const CASES: readonly { set: string; says: string; hint: string }[] = [
    { set: 'older_peple.use_rate=4%', says: 'no driver `older_peple`', hint: 'did you mean `older_people`?' },
    { set: 'older_people.use_rat=4%', says: 'older_people has no parameter `use_rat`', hint: 'did you mean `use_rate`?' },
    {
      set: 'transitions.use_rate=4%',
      says: 'transitions is a cohort driver: it has no `use_rate`',
      hint: 'its parameters are: arrivals, part_year, unit_cost, unit_cost_uplift',
    },
    { set: 'older_people.use_rate=4 percent', says: 'expected a rate, found `4 percent`', hint: 'write a fraction such as 0.035' },
    { set: 'older_people.use_rate=140%', says: '140% is outside 0 to 1', hint: 'a share is between 0 and 1' },
    { set: 'older_people.unit_cost_uplift=-100%', says: '-100% is a fall of 100% or more', hint: 'above -100%' },
    { set: 'transitions.arrivals=-5', says: 'a number of people cannot be negative', hint: 'check the figure' },
    {
      set: 'older_people.unit_cost=£13k',
      says: 'expected an amount, found `£13k` (a k/m suffix is ambiguous)',
      hint: 'write pounds as plain digits',
    },
    { set: 'older_people', says: 'expected a path, `=` and a value', hint: '<driver>.<parameter>=<value>' },
    { set: 'older_people.use_rate.2018=4%', says: 'expected a financial year', hint: '2018/19' },
    {
      set: 'older_people.use_rate.2030/31=4%',
      says: 'older_people.use_rate has no year 2030/31',
      hint: 'its years are 2017/18 to 2021/22',
    },
    { set: 'transitions.part_year.2019/20=1', says: 'part_year is one value for every year', hint: 'transitions.part_year=<value>' },
  ];
  it.each(CASES)('$set', async ({ set, says, hint }) => {
    for (const command of ['demand', 'project']) {
      const r = await runCli([command, scenario, '--set', set]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`error[usage]: --set ${set}: ${says}`);
      expect(r.stderr).toContain(hint);
    }
  });

  it('reports every bad --set of a run, and a path set twice', async () => {
    const { argv, golden } = BAD_SET_CASE;
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });

  it('says so when a scenario has no drivers', async () => {
    const r = await runCli(['demand', 'scenarios/2018.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[usage]: scenarios/2018.yaml has no demand drivers');
    const p = await runCli(['project', 'scenarios/2018.yaml', '--set', 'older_people.use_rate=4%']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('this scenario has no demand drivers');
  });

  it('builds only growth lines from drivers', async () => {
    const text = fs
      .readFileSync('test/errors/line-driver/scenario.yaml', 'utf8')
      .replace('    levels: {2018/19: 100}\n', '')
      .replace('type: growth', 'type: saving\n    category: Departmental\n    nature: Eff');
    const { memoryReader } = await import('../src/load/reader.js');
    const files = new Map([
      ['s.yaml', text],
      ['population.csv', fs.readFileSync('test/errors/line-driver/population.csv', 'utf8')],
    ]);
    const r = await runCli(['project', 's.yaml'], { readFile: memoryReader(files) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[line-driver]: saving G6 names a driver; only growth lines are built from drivers');
  });

  it('locates a compare_with file that does not exist', async () => {
    const files = new Map([
      ['s/a.yaml', fs.readFileSync(scenario, 'utf8').replace('compare_with: 2018.yaml', 'compare_with: published.yaml')],
      ['s/2018-savings.csv', fs.readFileSync('scenarios/2018-savings.csv', 'utf8')],
      ['data/leicestershire-population.csv', fs.readFileSync('data/leicestershire-population.csv', 'utf8')],
    ]);
    const { memoryReader } = await import('../src/load/reader.js');
    const r = await runCli(['demand', 's/a.yaml'], { readFile: memoryReader(files) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\/a\.yaml:\d+:15: error\[file-not-found\]: the referenced file s\/published\.yaml does not exist/);
  });
});
