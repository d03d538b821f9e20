// `--decimals`: the decimal places of tables, for sources that publish finer (or coarser) than the
// units' default; CSV and JSON stay exact, and a bad count is a usage error.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const GATESHEAD = 'scenarios/examples/gateshead-2020.yaml';

describe('--decimals', () => {
  it('shows £m to three places as Gateshead publishes them, and to one by default', async () => {
    const three = await runCli(['project', GATESHEAD, '--decimals', '3']);
    expect(three.code, three.stderr).toBe(0);
    expect(three.stdout).toMatch(/^Net revenue budget +206\.999 +216\.264 +227\.338 +237\.727 +247\.700$/m);
    expect(three.stdout).toMatch(/^Base adjustments +\(0\.943\) +0\.000/m);
    const one = await runCli(['project', GATESHEAD]);
    expect(one.stdout).toMatch(/^Net revenue budget +207\.0 +216\.3 +227\.3 +237\.7 +247\.7$/m);
  });

  it('takes a whole number and rounds once, by --rounding', async () => {
    const none = await runCli(['project', 'scenarios/2018.yaml', '--units', '£m', '--decimals', '0', '--rounding', 'truncate']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/^Proposed\/Provisional net budget +132 +133 +134 +136$/m);
  });

  it('leaves CSV and JSON exact', async () => {
    const plain = await runCli(['project', GATESHEAD, '--format', 'csv']);
    const three = await runCli(['project', GATESHEAD, '--format', 'csv', '--decimals', '3']);
    expect(three.stdout).toBe(plain.stdout);
  });

  it('refuses a count outside 0 to 6 (exit 2)', async () => {
    for (const bad of ['7', '-1', '1.5', 'three']) {
      const r = await runCli(['project', GATESHEAD, '--decimals', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('expected a whole number of decimal places from 0 to 6');
    }
  });
});
