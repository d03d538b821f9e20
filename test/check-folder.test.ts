// `mtfs check scenarios/*.yaml` is a CI line: every shipped scenario either matches its published
// controls or, as a variant, its base's controls on the figures it does not change.

import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

it('mtfs check over every shipped scenario exits 0', async () => {
  const files = readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `scenarios/${f}`);
  const r = await runCli(['check', ...files]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('scenarios/2018-without-ac14.yaml: 13 controls inherited from scenarios/2018.yaml match');
});
