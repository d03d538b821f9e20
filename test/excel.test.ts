// Excel in and out: line tables saved from Excel (trailing empty columns, total rows) and CSV
// output with a byte-order mark for Excel (`--bom`).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-excel-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the shipped 2018 scenario whose savings CSV is `csv`. */
function withSavings(name: string, csv: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.copyFileSync('scenarios/2018.yaml', path.join(dir, '2018.yaml'));
  fs.writeFileSync(path.join(dir, '2018-savings.csv'), csv);
  return path.join(dir, '2018.yaml');
}

const savings = fs.readFileSync('scenarios/2018-savings.csv', 'utf8');

describe('a line table saved from Excel', () => {
  it('ignores the empty columns Excel keeps beside a table: the projection is unchanged', async () => {
    const padded = savings
      .split('\n')
      .map((l) => (l === '' ? l : `${l},,`))
      .join('\r\n');
    const file = withSavings('padded', padded);
    const r = await runCli(['check', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const a = await runCli(['project', file, '--detail', '--format', 'csv']);
    const b = await runCli(['project', 'scenarios/2018.yaml', '--detail', '--format', 'csv']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('names a column with values but no header', async () => {
    const lines = savings.split('\n');
    const bad = [
      `${lines[0]},`,
      `${lines[1]},x`,
      ...lines
        .slice(2)
        .filter((l) => l !== '')
        .map((l) => `${l},`),
    ].join('\n');
    const r = await runCli(['project', withSavings('unnamed', bad)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[csv-header]: this column has no header, but line 2 has a value in it');
  });

  it('says a Total row looks like a total, once, instead of a missing field for each key', async () => {
    const width = savings.split('\n')[0]!.split(',').length;
    const total = ['', '', '', '', '', '', 'Total savings', '4755', '7340', '8655', '8655', ...Array(width - 11).fill('')].join(',');
    const r = await runCli(['project', withSavings('total', `${savings}${total}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2018-savings\.csv:\d+:\d+: error\[total-row\]: this row looks like a total \(`Total savings`\), not a line/);
    expect(r.stderr).not.toContain('missing-key');
    expect(r.stderr).toMatch(/\n1 error\n$/);
  });
});

describe('--bom', () => {
  it('starts CSV output with a UTF-8 byte-order mark, and only when asked', async () => {
    const plain = await runCli(['project', 'scenarios/2018.yaml', '--format', 'csv']);
    const bom = await runCli(['project', 'scenarios/2018.yaml', '--format', 'csv', '--bom']);
    expect(bom.stdout).toBe(`\uFEFF${plain.stdout}`);
    expect(plain.stdout.startsWith('id,')).toBe(true);
    const out = path.join(tmp, 'budget.csv');
    await runCli(['--bom', 'project', 'scenarios/2018.yaml', '--format', 'csv', '--output', out]);
    expect([...fs.readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const explain = await runCli(['explain', 'scenarios/2018.yaml', 'net_budget', '2018/19', '--format', 'csv', '--bom']);
    expect(explain.stdout.startsWith('\uFEFF')).toBe(true);
  });

  it('leaves tables, JSON and Markdown as they are', async () => {
    for (const format of ['table', 'json', 'markdown']) {
      const r = await runCli(['project', 'scenarios/2018.yaml', '--format', format, '--bom']);
      expect(r.stdout.startsWith('\uFEFF')).toBe(false);
    }
  });
});
