// The CLI as a user meets it: exit codes, --output, errors that are never stack traces, and the
// built bin itself (run as a child process, under different time zones and locales).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { COMMANDS, run } from '../src/cli/main.js';
import { nodeReader, sameFile, writeFileAtomic, type Io } from '../src/cli/io.js';
import { runCli } from './helpers/cli.js';
import { errorCase } from './helpers/golden-cases.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('exit codes and usage', () => {
  it('prints help with exit 0, and usage with exit 2 when no command is given', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    expect((await runCli(['project', '--help'])).stdout).toContain('--format');
    expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: mtfs');
  });

  it('knows the names each command adds, so a run that names one adds only that one', async () => {
    for (const { names, load } of COMMANDS) {
      const { register } = await load();
      const program = new Command('mtfs');
      register(program, { io: {} as Io, exit: () => undefined, version: '0' });
      expect(program.commands.map((c) => c.name())).toEqual(names);
    }
  });

  it("gives a command's help the same whether the run names it or asks `help` with every command added", async () => {
    for (const name of COMMANDS.flatMap((c) => c.names)) {
      const own = await runCli([name, '--help']);
      const listed = await runCli(['help', name]);
      expect(own.code).toBe(0);
      expect(own.stdout).toContain(`Usage: mtfs ${name}`);
      expect(own.stdout).toBe(listed.stdout);
    }
  });

  it('refuses an unknown command or option with exit 2', async () => {
    const r = await runCli(['projet', 'scenarios/2018.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[usage\]/);
    expect((await runCli(['project', 'scenarios/2018.yaml', '--colour'])).code).toBe(2);
  });

  it('reports a missing scenario file with exit 2', async () => {
    const r = await runCli(['project', 'no/such.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[file-not-found]: no/such.yaml: no such file');
  });

  it('reports a file over the size limit', async () => {
    const r = await runCli(['project', 'big.yaml'], { readFile: () => ({ ok: false, reason: 'too-large' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[file-too-large]');
  });

  it('turns an unexpected exception into error[internal], never a stack trace', async () => {
    const r = await runCli(['project', 'scenarios/2018.yaml'], {
      readFile: () => {
        throw new Error('disk on fire');
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[internal]: internal error: disk on fire');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--output', () => {
  it('writes exactly what stdout would show, atomically, leaving no temporary file', async () => {
    const out = path.join(tmp, 'budget.csv');
    const r = await runCli(['project', 'scenarios/2018.yaml', '--format', 'csv', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const shown = await runCli(['project', 'scenarios/2018.yaml', '--format', 'csv']);
    expect(fs.readFileSync(out, 'utf8')).toBe(shown.stdout);
    expect(fs.readdirSync(tmp).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('fails cleanly, writing nothing, when the folder does not exist', async () => {
    const out = path.join(tmp, 'missing-folder', 'x.csv');
    const r = await runCli(['project', 'scenarios/2018.yaml', '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[output]');
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });

  it('refuses to overwrite a CSV the scenario reads', async () => {
    const before = fs.readFileSync('scenarios/2018-savings.csv', 'utf8');
    const r = await runCli(['project', 'scenarios/2018.yaml', '--format', 'csv', '--output', 'scenarios/2018-savings.csv']);
    expect(r.code).toBe(2);
    expect(fs.readFileSync('scenarios/2018-savings.csv', 'utf8')).toBe(before);
  });

  it('writes nothing when the scenario is invalid', async () => {
    const out = path.join(tmp, 'never.csv');
    const r = await runCli(['project', 'test/errors/amount-format/scenario.yaml', '--output', out]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('check', () => {
  it('exits 1 and names row, year, expected, actual and difference when a line changes', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'changed-'));
    fs.copyFileSync('scenarios/2018.yaml', path.join(dir, '2018.yaml'));
    const csv = fs.readFileSync('scenarios/2018-savings.csv', 'utf8').replace('Reablement Review,300,', 'Reablement Review,310,');
    fs.writeFileSync(path.join(dir, '2018-savings.csv'), csv);
    const r = await runCli(['check', path.join(dir, '2018.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[control-mismatch]: net_budget 2018/19: projected 132,821, published 132,831');
    expect(r.stderr).toContain('difference -10 £000');
    const json = await runCli(['check', path.join(dir, '2018.yaml'), '--format', 'json']);
    const parsed = (
      JSON.parse(json.stdout) as { files: { controls: { row: string; year: string; matches: boolean; difference: string }[] }[] }
    ).files;
    expect(parsed[0]!.controls.find((c) => c.row === 'savings' && c.year === '2018/19')).toMatchObject({
      matches: false,
      difference: '-10',
    });
  });

  it('exits 2 when any scenario is invalid, even if others pass', async () => {
    const r = await runCli(['check', 'scenarios/2018.yaml', 'test/errors/unknown-key/scenario.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('scenarios/2018.yaml: 21 controls match');
  });
});

describe('the built bin', () => {
  const bin = path.resolve('bin/mtfs.js');
  const env = (tz: string, lang: string) => ({ ...process.env, TZ: tz, LANG: lang, LC_ALL: lang, NO_COLOR: '1' });

  it('runs the quick start and gives the same bytes under any time zone and locale', () => {
    const a = execFileSync('node', [bin, 'project', 'scenarios/2018.yaml', '--detail'], { env: env('UTC', 'C') });
    const b = execFileSync('node', [bin, 'project', 'scenarios/2018.yaml', '--detail'], { env: env('Pacific/Chatham', 'de_DE.UTF-8') });
    expect(a.equals(b)).toBe(true);
    expect(a.toString()).toContain('132,831');
  });

  it('exits 2 with a located diagnostic and no stack trace on bad input', () => {
    const r = spawnSync('node', [bin, 'project', 'test/errors/unknown-key/scenario.yaml'], { env: env('UTC', 'C') });
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toContain('test/errors/unknown-key/scenario.yaml:10:5: error[unknown-key]');
    expect(r.stderr.toString()).not.toMatch(/\n\s+at /);
  });

  // the bundle takes the yaml library's lexer and parser from their own modules and loads the composer
  // only for a file the direct reading leaves to it (scripts/bundle.mjs): these files go that way
  it.each(['yaml-alias', 'yaml-syntax', 'duplicate-key'])(
    'reads the %s reproducer, which the yaml composer reads, as the unbundled program does',
    async (code) => {
      const { argv } = errorCase(code);
      const r = spawnSync('node', [bin, ...argv], { env: env('UTC', 'C'), encoding: 'utf8' });
      const expected = await runCli(argv);
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expected);
      expect(expected.stderr).toContain(`error[${code}]`);
    },
  );

  it('exits 1 from check when a control differs', () => {
    const r = spawnSync('node', [bin, 'check', 'test/errors/control-mismatch/scenario.yaml']);
    expect(r.status).toBe(1);
  });
});

describe('Io', () => {
  it('nodeIo reader distinguishes folders from missing files', () => {
    expect(nodeReader('scenarios')).toMatchObject({ ok: false, reason: 'is-directory' });
    expect(nodeReader('scenarios/none.yaml')).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('a run with an Io that refuses writes reports error[output]', async () => {
    let err = '';
    const io: Io = {
      stdout: () => {},
      stderr: (s) => {
        err += s;
      },
      readFile: nodeReader,
      writeFileAtomic: () => ({ ok: false, message: 'cannot write x: disk full' }),
      writeFilesAtomic: () => ({ ok: false, message: 'cannot write x: disk full' }),
      sameFile,
      color: false,
      interactive: false,
      env: {},
    };
    expect(await run(['project', 'scenarios/2018.yaml', '-o', path.join(tmp, 'x')], io)).toBe(2);
    expect(err).toContain('error[output]: cannot write x: disk full');
    expect(writeFileAtomic).toBeTypeOf('function');
  });
});

describe('savings --target for councillors', () => {
  it('says no savings are needed when funding covers the budget, instead of listing an empty set', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'surplus-'));
    fs.copyFileSync('scenarios/2018-savings.csv', path.join(dir, '2018-savings.csv'));
    const funded = `${fs.readFileSync('scenarios/2018.yaml', 'utf8')}
funding:
  source: test
  business_rates:
    label: Funding
    amounts: {2018/19: "150,000"}
    unstated: hold
    provenance: estimate
    source: test
`;
    fs.writeFileSync(path.join(dir, 'funded.yaml'), funded);
    const r = await runCli(['savings', path.join(dir, 'funded.yaml'), '--target', 'gap']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sets of saving options that meet the target: none needed');
    expect(r.stdout).toContain('No savings needed');
    expect(r.stdout).not.toMatch(/Best set|branches examined/);
  });

  it('lists each set with its descriptions and what it leaves out, without search jargon', async () => {
    const r = await runCli(['savings', 'scenarios/2018.yaml', '--target', '2021/22=6000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Best set: 7 options');
    expect(r.stdout).toContain('Effective management of Direct Payments');
    expect(r.stdout).toMatch(/Leaves out: AC\d/);
    expect(r.stdout).toContain('Each alternative leaves out at least 600 (£000) in 2021/22');
    expect(r.stdout).not.toMatch(/branch/);
  });
});

describe('explain reaches every figure of the budget and funding tables', () => {
  // the council's budget and funding tables (--detail adds the funding table); the department's budget table
  it.each([
    ['scenarios/2018-council.yaml', ['--detail']],
    ['scenarios/2018.yaml', []],
  ])('%s', async (file, detail) => {
    const table = await runCli(['project', file, ...detail, '--format', 'csv']);
    expect(table.code).toBe(0);
    const ids = table.stdout
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[0] ?? '')
      .filter((id) => /^[a-z]/.test(id) && id !== 'position' && id !== 'id'); // position is a word, not a figure
    expect(ids.length).toBeGreaterThan(5);
    const unreachable: string[] = [];
    for (const id of ids) {
      const r = await runCli(['explain', file, id, '2021/22']);
      if (r.code !== 0) unreachable.push(`${id}: ${r.stderr.split('\n')[0] ?? ''}`);
    }
    expect(unreachable).toEqual([]);
  });

  it('takes funding rows without their funding. prefix, and lists every name it knows when asked for another', async () => {
    const r = await runCli(['explain', 'scenarios/2018-council.yaml', 'council_tax', '2021/22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tax base 233,772 × Band D £1,318.74');
    const bad = await runCli(['explain', 'scenarios/2018-council.yaml', 'counciltax', '2021/22']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean `council_tax`?');
    expect(bad.stderr).toContain('funding.band_d');
    expect((await runCli(['explain', '--help'])).stdout).toContain('band_d_difference');
  });
});
