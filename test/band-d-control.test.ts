// Band D as a control (`funding.band_d`): compared in £ and pence whatever the scenario's units, the
// section's precision left to the money table; refused where the scenario gives Band D (true by
// construction) and where it has none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { memoryReader } from '../src/load/reader.js';
import { runCli } from './helpers/cli.js';

/** `mtfs check` of a shipped example with its text changed (the files it names are read from disk). */
async function checkChanged(file: string, change: (text: string) => string, ...flags: string[]) {
  const text = change(readFileSync(file, 'utf8'));
  const changed = memoryReader(new Map([[file, text]]));
  return runCli(['check', file, ...flags], { readFile: (f, max) => (f === file ? changed(f, max) : nodeReader(f, max)) });
}

const CORNWALL = 'scenarios/examples/cornwall-2023.yaml';
const DOVER = 'scenarios/examples/dover-2018.yaml';
const GREENWICH = 'scenarios/examples/greenwich-2019.yaml';

describe('funding.band_d controls', () => {
  it('match the published Band D of a £m scenario, requirement ÷ tax base to the penny', async () => {
    const r = await runCli(['check', CORNWALL, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const controls = JSON.parse(r.stdout).files[0].controls.filter((c: { row: string }) => c.row === 'funding.band_d');
    expect(controls.map((c: { actual: string; units: string }) => [c.actual, c.units])).toEqual([
      ['1802.79', '£'],
      ['1892.75', '£'],
    ]);
  });

  it('a penny out is a mismatch shown in pounds and pence, exit 1', async () => {
    const r = await checkChanged(CORNWALL, (t) => t.replace('2023/24: 1,802.79', '2023/24: 1,802.80'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[control-mismatch]: funding.band_d 2023/24: projected 1,802.79, published 1,802.80');
    expect(r.stderr).toContain('= difference -0.01 £ (actual − expected)');
    expect(r.stderr).toContain('Band D = council tax requirement ÷ tax base, rounded by `penny-half-up`');
  });

  it('the section’s precision is the money table’s, not Band D’s', async () => {
    // £0.01m is a precision of the £m table: were it applied to Band D in £, 1,802.79 would be refused
    const r = await checkChanged(CORNWALL, (t) => t.replace('controls:\n  source:', 'controls:\n  published_to: £0.01m\n  source:'));
    expect(r.stderr).not.toContain('funding.band_d');
  });

  it('is refused where the scenario gives Band D: a control there would be true by construction', async () => {
    const r = await checkChanged(DOVER, (t) =>
      t.replace(/^controls:\n((?:  .*\n)*?)  rows:\n/m, (m) => `${m}    funding.band_d:\n      2018/19: 182.34\n`),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error[control-row]: funding.band_d 2018/19 is given by this scenario, not worked out: a control on it would be true by construction',
    );
  });

  it('is refused where the scenario has no Band D, saying how to give one', async () => {
    const r = await checkChanged(GREENWICH, (t) =>
      t.replace(/^controls:\n((?:  .*\n)*?)  rows:\n/m, (m) => `${m}    funding.band_d:\n      2019/20: 1,000.00\n`),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this projection has no row `funding.band_d` to control');
    expect(r.stderr).toContain('this scenario has no Band D');
  });
});
