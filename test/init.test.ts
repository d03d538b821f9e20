// `mtfs init`: the starter files (golden), that they project and check at once for any period and
// name, that nothing is ever overwritten, and that the same options always give the same bytes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-init-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('mtfs init', () => {
  it('writes the starter scenario and line table (golden), which check at once', async () => {
    const folder = path.join(tmp, 'demo');
    const r = await runCli(['init', folder]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${path.join(folder, 'scenario.yaml')} and ${path.join(folder, 'lines.csv')}`);
    await expect(fs.readFileSync(path.join(folder, 'scenario.yaml'), 'utf8')).toMatchFileSnapshot('golden/init/scenario.yaml');
    await expect(fs.readFileSync(path.join(folder, 'lines.csv'), 'utf8')).toMatchFileSnapshot('golden/init/lines.csv');
    const check = await runCli(['check', path.join(folder, 'scenario.yaml')]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/: 8 controls match\n$/);
    const project = await runCli(['project', path.join(folder, 'scenario.yaml'), '--detail']);
    expect(project.code).toBe(0);
    expect(project.stdout).toContain('Gap: net budget requirement less funding');
  });

  it('takes the council, the department and the period from options, and checks for any period', async () => {
    for (const [period, years] of [
      ['2026/27-2026/27', 1],
      ['2024/25..2028/29', 5],
      ['2030/31–2039/40', 10],
    ] as const) {
      const folder = path.join(tmp, `p${years}`);
      const r = await runCli(['init', folder, '--period', period, '--council', 'Borough of "Example": North', '--department', 'Housing']);
      expect(r.code).toBe(0);
      const text = fs.readFileSync(path.join(folder, 'scenario.yaml'), 'utf8');
      expect(text).toContain('authority: "Borough of \\"Example\\": North"');
      expect(text).toContain('department: Housing');
      const check = await runCli(['check', path.join(folder, 'scenario.yaml')]);
      expect(check.stderr).toBe('');
      expect(check.stdout).toContain(`${years * 2} controls match`);
    }
  });

  it('writes the same bytes for the same options (no clock)', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    await runCli(['init', a]);
    await runCli(['init', b]);
    for (const f of ['scenario.yaml', 'lines.csv']) {
      expect(fs.readFileSync(path.join(a, f), 'utf8')).toBe(fs.readFileSync(path.join(b, f), 'utf8'));
    }
  });

  it('refuses to overwrite an existing file, writing nothing (exit 2)', async () => {
    const folder = path.join(tmp, 'existing');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'lines.csv'), 'mine\n');
    const r = await runCli(['init', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[output]: refusing to write ${path.join(folder, 'lines.csv')}: it already exists`);
    expect(fs.readFileSync(path.join(folder, 'lines.csv'), 'utf8')).toBe('mine\n');
    expect(fs.existsSync(path.join(folder, 'scenario.yaml'))).toBe(false);
  });

  it('refuses a period that is not FROM-TO, backwards or too long (exit 2)', async () => {
    for (const bad of ['2025/26', '2028/29-2025/26', '2025/26-2040/41', '2025/27-2028/29']) {
      const r = await runCli(['init', path.join(tmp, 'bad'), '--period', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error[usage]');
    }
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
  });
});
