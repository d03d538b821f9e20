// The totals path (plain lines added up by class as they are read) against the full load: every
// shipped scenario and generated line tables give the same diagnostics, the same budget table to
// the byte (CSV and JSON) and the same control results, and a table with a bad line falls back to
// the full load's diagnostics.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { readScenario, type ScenarioRead } from '../src/cli/load.js';
import { memoryReader } from '../src/load/reader.js';
import { toPlain } from '../src/model/money.js';
import { projectScenario } from '../src/project/project.js';
import { tablesAsCsv } from '../src/render/csv.js';
import { projectionAsJson, summaryTable } from '../src/render/projection.js';
import { checkControls } from '../src/reports/check/controls.js';
import { CHUNK_RECORDS } from '../src/source/csv.js';
import { generateScenario } from '../bench/generate.mjs';
import { SHIPPED_SCENARIOS } from './helpers/golden-cases.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-totals-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What a command shows of a read: its diagnostics, table (CSV, JSON) and control results. */
function shown(read: ScenarioRead): unknown {
  const diagnostics = read.stages.map((s) => s.map((d) => ({ ...d })));
  if (!read.scenario) return { diagnostics };
  const p = projectScenario(read.scenario);
  const checked = checkControls(p);
  return {
    diagnostics,
    csv: tablesAsCsv([summaryTable(p)]),
    json: JSON.stringify(projectionAsJson(p, false)),
    results: checked.results.map((r) => [r.control.row, r.control.year, toPlain(r.actual), r.matches]),
    mismatches: checked.diagnostics.length,
  };
}

const both = (file: string): { full: ScenarioRead; totals: ScenarioRead } => ({
  full: readScenario(nodeReader, { file }),
  totals: readScenario(nodeReader, { file, totals: true }),
});

describe('the totals path gives what the full load gives', () => {
  it.each(SHIPPED_SCENARIOS.map((f) => `scenarios/${f}`))('%s', (file) => {
    const { full, totals } = both(file);
    expect(shown(totals)).toEqual(shown(full));
  });

  it.each([
    [1_000, 1],
    [5_000, 7],
  ])('a generated table of %i lines (seed %i): one line per class, the same table', (lines, seed) => {
    const file = generateScenario(path.join(tmp, `g${lines}`), `lines-${lines}`, lines, seed);
    const { full, totals } = both(file);
    expect(totals.totals).toBe(true);
    expect(totals.scenario?.lines.length).toBeLessThan(full.scenario?.lines.length ?? 0);
    expect(shown(totals)).toEqual(shown(full));
  });

  it('lines told apart only by a field absent or written as "undefined" stay apart', () => {
    const files = new Map([
      [
        'm/s.yaml',
        [
          'authority: Test County Council',
          'department: Adults',
          'period: {from: 2018/19, to: 2021/22}',
          'units: £',
          'original_budget: {amount: 1000, source: test}',
          'line_files: [l.csv]',
          'controls:',
          '  source: test',
          '  rows:',
          '    savings.category.undefined: {2018/19: 5}',
          '    net_budget: {2018/19: 983}',
          '',
        ].join('\n'),
      ],
      [
        'm/l.csv',
        [
          'ref,type,category,description,2018/19,2019/20,2020/21,2021/22,source',
          'S1,saving,undefined,a,5,5,5,5,test',
          'S2,saving,,b,7,7,7,7,test',
          'S3,saving,undefined,c,0.00,0,0,0,test',
          'G1,growth,,d,(0),0,0,0,test',
          '',
        ].join('\n'),
      ],
    ]);
    const read = (totals: boolean): ScenarioRead => readScenario(memoryReader(files), { file: 'm/s.yaml', totals });
    const [full, totals] = [read(false), read(true)];
    expect(totals.totals).toBe(true);
    expect(totals.scenario?.lines.length).toBe(3);
    expect(shown(totals)).toEqual(shown(full));
    expect((shown(totals) as { results: unknown[] }).results).toEqual([
      ['savings.category.undefined', '2018/19', '5', true],
      ['net_budget', '2018/19', '988', false],
    ]);
  });

  it('a table with a bad amount, a duplicated ref or a total row: the full load reports it, once', () => {
    const dir = path.join(tmp, 'bad');
    const file = generateScenario(dir, 'bad', 300, 3);
    const csv = path.join(dir, 'bad-lines.csv');
    const good = fs.readFileSync(csv, 'utf8');
    const edits: ((rows: string[]) => void)[] = [
      (rows) => (rows[120] = (rows[120] as string).replace(/,(\d+)\.(\d\d),/, ',$1.$2x,')),
      (rows) => (rows[200] = (rows[200] as string).replace(/^L\d+,/, 'L7,')),
      (rows) => rows.splice(250, 0, 'Total,,,,,,,1,2,3,4,'),
    ];
    for (const edit of edits) {
      const rows = good.split('\n');
      edit(rows);
      fs.writeFileSync(csv, rows.join('\n'));
      const { full, totals } = both(file);
      expect(totals.totals).toBeUndefined();
      expect(full.stages.flat().length).toBeGreaterThan(0);
      expect(shown(totals)).toEqual(shown(full));
    }
  });

  it('a table read a chunk of records at a time: quoted line breaks, CRLF and blank lines across chunks; a bad row late on falls back', () => {
    const dir = path.join(tmp, 'chunks');
    const file = generateScenario(dir, 'chunks', 700, 5);
    const csv = path.join(dir, 'chunks-lines.csv');
    const good = fs.readFileSync(csv, 'utf8');
    // records on either side of the ends of the first chunks (the header is the first record)
    const ends = [1, 2, 4].map((k) => k * CHUNK_RECORDS);
    const quoted = (rows: string[]): void => {
      for (const i of ends.flatMap((e) => [e - 1, e, e + 1]))
        rows[i] = (rows[i] as string).replace(/Synthetic line (\d+)/, '"Synthetic, line\n$1 ""quoted"""');
      rows.splice(400, 0, '', ' ,  ,');
    };
    const crlf = (rows: string[]): void => {
      quoted(rows);
      rows.forEach((r, i) => (rows[i] = `${r}\r`));
    };
    const irregular: ((rows: string[]) => void)[] = [
      (rows) => (rows[600] = (rows[600] as string).replace(/,generated$/, '')),
      (rows) => (rows[650] = (rows[650] as string).replace(/Synthetic line/, '"Synthetic line')),
      (rows) => (rows[690] = (rows[690] as string).replace(/Synthetic line/, 'Synthetic "line"')),
    ];
    for (const [edit, foldable] of [[quoted, true] as const, [crlf, true] as const, ...irregular.map((e) => [e, false] as const)]) {
      const rows = good.split('\n');
      edit(rows);
      fs.writeFileSync(csv, rows.join('\n'));
      const { full, totals } = both(file);
      expect(totals.totals).toBe(foldable ? true : undefined);
      if (!foldable) expect(full.stages.flat().length).toBeGreaterThan(0);
      expect(shown(totals)).toEqual(shown(full));
    }
  });
});
