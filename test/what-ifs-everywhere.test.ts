// `--set` on every command that projects a scenario: each reads, loads and applies its what-ifs
// through the one CLI loader, so a what-if changes what each command shows, and a bad one is
// refused the same way everywhere. Also: a scenario's `compare_with:` file is read once.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import type { FileReader } from '../src/load/reader.js';
import { runCli } from './helpers/cli.js';

const DEMAND = 'scenarios/2018-demand.yaml';
const WHAT_IF = ['--set', 'older_people.use_rate=7%'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-what-if-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Each command that projects, as run on the demand scenario (with the what-if on the scenario it changes). */
const COMMANDS: readonly { name: string; argv: readonly string[]; moves?: false }[] = [
  { name: 'project', argv: ['project', DEMAND, '--format', 'json'] },
  { name: 'demand', argv: ['demand', DEMAND, '--format', 'json'] },
  { name: 'explain', argv: ['explain', DEMAND, 'net_budget', '--format', 'json'] },
  { name: 'compare', argv: ['compare', DEMAND, DEMAND, '--format', 'json'] },
  { name: 'diff', argv: ['diff', 'scenarios/2018.yaml', DEMAND, '--format', 'json'] },
  // the register lists saving options, which no driver builds: the what-if is applied, and checked
  { name: 'savings', argv: ['savings', DEMAND, '--format', 'json'], moves: false },
  { name: 'sensitivity', argv: ['sensitivity', DEMAND, '--format', 'json'] },
  { name: 'risk', argv: ['risk', DEMAND, '--draws', '50', '--format', 'json'] },
];

describe.each(COMMANDS)('$name --set', ({ argv, moves }) => {
  it.skipIf(moves === false)('changes what the command shows', async () => {
    const before = await runCli(argv);
    const after = await runCli([...argv, ...WHAT_IF]);
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    expect(after.stdout).not.toBe('');
    expect(after.stdout).not.toBe(before.stdout);
  });

  it('refuses a what-if on a driver the scenario does not have (exit 2)', async () => {
    const r = await runCli([...argv, '--set', 'young_people.use_rate=7%']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[usage]: --set young_people.use_rate=7%: no driver `young_people`');
  });
});

describe('report --set', () => {
  it('writes the what-if into the HTML report', async () => {
    const html = async (name: string, set: readonly string[]): Promise<string> => {
      const file = path.join(tmp, name);
      const r = await runCli(['report', DEMAND, '--html', file, '--draws', '20', ...set]);
      expect(r.code).toBe(0);
      return fs.readFileSync(file, 'utf8');
    };
    expect(await html('with.html', WHAT_IF)).not.toBe(await html('without.html', []));
  });

  it('refuses a bad what-if before writing anything', async () => {
    const file = path.join(tmp, 'bad.html');
    const r = await runCli(['report', DEMAND, '--html', file, '--set', 'young_people.use_rate=7%']);
    expect(r.code).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('options --set', () => {
  it('applies the what-if to --authority', async () => {
    const r = await runCli([
      'options',
      '--option',
      'income-tax-basic',
      '--authority',
      'scenarios/2018.yaml',
      '--basis',
      'population',
      ...WHAT_IF,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[usage]: --set older_people.use_rate=7%: this scenario has no demand drivers');
  });

  it('needs --authority', async () => {
    const r = await runCli(['options', '--option', 'income-tax-basic', ...WHAT_IF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[usage]: --set needs --authority <scenario>');
  });
});

describe('the what-if lands on the scenario a command examines', () => {
  it('compare: on each other scenario, not the base', async () => {
    const r = await runCli(['compare', DEMAND, DEMAND, '--format', 'json', ...WHAT_IF]);
    expect(r.code).toBe(0);
    const same = await runCli(['compare', DEMAND, DEMAND, '--format', 'json']);
    expect(r.stdout).not.toBe(same.stdout);
  });

  it('diff: on the current MTFS only (the previous one has no drivers)', async () => {
    const r = await runCli(['diff', 'scenarios/2018.yaml', DEMAND, ...WHAT_IF]);
    expect(r.code).toBe(0);
  });

  it('check: every scenario; a what-if moves a figure away from its published control (exit 1)', async () => {
    // the demand scenario with one more control: its own net budget for 2019/20, as projected
    const projected = JSON.parse((await runCli(['project', DEMAND, '--format', 'json'])).stdout) as {
      rows: { id: string; values: Record<string, string> }[];
    };
    const net = projected.rows.find((r) => r.id === 'net_budget')!.values['2019/20']!;
    const text = fs.readFileSync(DEMAND, 'utf8').replace(/^controls:\n(.*\n)  rows:\n/m, `$&    net_budget:\n      2019/20: ${net}\n`);
    expect(text).toContain(`2019/20: ${net}`);
    const copy = 'scenarios/what-if-controls.yaml';
    const reader: FileReader = (file) => (file === copy ? { ok: true, bytes: new TextEncoder().encode(text) } : nodeReader(file));
    const before = await runCli(['check', copy], { readFile: reader });
    expect(before.stdout).toBe(`${copy}: 8 controls match\n`);
    expect(before.code).toBe(0);
    const after = await runCli(['check', copy, ...WHAT_IF], { readFile: reader });
    expect(after.stdout).toBe(`${copy}: 1 of 8 controls differ\n`);
    expect(after.code).toBe(1);
    const bad = await runCli(['check', copy, DEMAND, '--set', 'young_people.use_rate=7%'], { readFile: reader });
    expect(bad.code).toBe(2);
    expect(bad.stderr.match(/no driver `young_people`/g)).toHaveLength(2);
  });
});

it('demand reads the compare_with file once', async () => {
  const reads = new Map<string, number>();
  const counting: FileReader = (file) => {
    reads.set(file, (reads.get(file) ?? 0) + 1);
    return nodeReader(file);
  };
  const r = await runCli(['demand', DEMAND], { readFile: counting });
  expect(r.code).toBe(0);
  expect(reads.get(path.join('scenarios', '2018.yaml'))).toBe(1);
  expect(reads.get(DEMAND)).toBe(1);
});
