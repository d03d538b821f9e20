// `mtfs options` as a user meets it: help, --output (atomic, never over its own data files), and
// the same bytes whatever the working folder (the data files are found beside the program).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-options-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('mtfs options', () => {
  it('documents its flags', async () => {
    const r = await runCli(['options', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--option', '--need', '--year', '--authority', '--basis', '--share']) expect(r.stdout).toContain(flag);
  });

  it('writes --output atomically with what stdout would show, and never over a data file', async () => {
    const out = path.join(tmp, 'options.csv');
    const args = ['options', '--option', 'ni-all', '--format', 'csv'];
    const written = await runCli([...args, '--output', out]);
    expect(written.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe((await runCli(args)).stdout);
    const refused = await runCli([...args, '--output', 'data/lga-funding-options.yaml']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error[output]');
  });

  it('finds its data from any working folder (the built program)', () => {
    const bin = path.resolve('bin/mtfs.js');
    const run = (cwd: string) =>
      execFileSync(process.execPath, [bin, 'options', '--option', 'council-tax', '--format', 'csv'], { cwd, encoding: 'utf8' });
    expect(run(tmp)).toBe(run(process.cwd()));
  });
});
