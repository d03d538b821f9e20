// Golden files of everything a user sees for every scenario in scenarios/ and scenarios/examples/: the table, the detail,
// CSV, JSON and Markdown of `project`, and `check`. Examples in scenarios/ can never rot unseen.
// The cases are in helpers/golden-cases.ts, shared with the determinism replay.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';
import { checkCase, EXAMPLE_SCENARIOS, projectCases, SCHEMA_CASE, SHIPPED_SCENARIOS } from './helpers/golden-cases.js';

describe.each(SHIPPED_SCENARIOS)('scenarios/%s', (file) => {
  it.each(projectCases(file))('$name', async ({ argv, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });

  it('check', async () => {
    const { argv, golden } = checkCase(file);
    const r = await runCli(argv);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
    // a shipped scenario either matches all its published controls or has none to check
    expect(r.code === 0 || (r.code === 1 && r.stdout.includes(': no controls'))).toBe(true);
  });
});

it('schema', async () => {
  const r = await runCli(SCHEMA_CASE.argv);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toHaveProperty('$schema');
  await expect(r.stdout).toMatchFileSnapshot(`./${SCHEMA_CASE.golden}`);
});

it('the worked examples from other councils reproduce every control they state, checked together', async () => {
  expect(EXAMPLE_SCENARIOS.length).toBe(5);
  const r = await runCli(['check', ...EXAMPLE_SCENARIOS.map((f) => `scenarios/${f}`)]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  for (const f of EXAMPLE_SCENARIOS) expect(r.stdout).toMatch(new RegExp(`scenarios/${f}: \\d+ controls match`));
});

it('`mtfs check scenarios/*.yaml scenarios/examples/*.yaml` exits 0 through the built program (needs `npm run build`)', () => {
  // the shell expands the globs, as in a CI step
  const r = spawnSync(
    '/bin/sh',
    ['-c', `node ${JSON.stringify(path.resolve('bin/mtfs.js'))} check scenarios/*.yaml scenarios/examples/*.yaml`],
    {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  for (const f of [...SHIPPED_SCENARIOS]) expect(r.stdout).toContain(`scenarios/${f}: `);
  for (const f of EXAMPLE_SCENARIOS) expect(r.stdout).toMatch(new RegExp(`scenarios/${f}: \\d+ controls match`));
});
