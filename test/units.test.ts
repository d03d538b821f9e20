// Units: a synthetic scenario written in £m (lines and controls to £0.1m) projects and checks in
// its own units, `--units` converts exactly for display, and explain states the units it prints.

import { describe, expect, it } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';

const FIXTURE = 'test/fixtures/units/millions.yaml';
const CASES: readonly { name: string; argv: readonly string[]; code?: number }[] = [
  { name: 'project-detail', argv: ['project', FIXTURE, '--detail'] },
  { name: 'project-in-thousands', argv: ['project', FIXTURE, '--units', '£000'] },
  { name: 'project-csv-in-pounds', argv: ['project', FIXTURE, '--format', 'csv', '--units', '£'] },
  { name: 'project-json', argv: ['project', FIXTURE, '--format', 'json'] },
  { name: 'check', argv: ['check', FIXTURE] },
  { name: 'explain-council-tax', argv: ['explain', FIXTURE, 'council_tax', '2025/26'] },
  { name: 'explain-council-tax-in-thousands', argv: ['explain', FIXTURE, 'council_tax', '2025/26', '--units', '£000'] },
  { name: 'json-with-units', argv: ['project', FIXTURE, '--format', 'json', '--units', '£000'], code: 2 },
];

describe('a scenario in £m (synthetic fixture)', () => {
  it.each(CASES)('$name', async ({ name, argv, code }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(code ?? 0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/units/millions.${name}.txt`);
  });
});
