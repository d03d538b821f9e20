// Golden files of everything a user sees for every scenario in scenarios/: the table, the detail,
// CSV, JSON and Markdown of `project`, and `check`. Examples in scenarios/ can never rot unseen.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';

const scenarios = fs
  .readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const VARIANTS: readonly { name: string; args: readonly string[] }[] = [
  { name: 'project', args: [] },
  { name: 'project-detail', args: ['--detail'] },
  { name: 'project-csv', args: ['--format', 'csv'] },
  { name: 'project-detail-csv', args: ['--format', 'csv', '--detail'] },
  { name: 'project-json', args: ['--format', 'json', '--detail'] },
  { name: 'project-markdown', args: ['--format', 'markdown', '--detail'] },
];

describe.each(scenarios)('scenarios/%s', (file) => {
  const stem = file.replace(/\.yaml$/, '');
  it.each(VARIANTS)('$name', async ({ name, args }) => {
    const argv = ['project', `scenarios/${file}`, ...args];
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/${stem}.${name}.txt`);
  });

  it('check', async () => {
    const argv = ['check', `scenarios/${file}`];
    const r = await runCli(argv);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/${stem}.check.txt`);
    // a shipped scenario either matches all its published controls or has none to check
    expect(r.code === 0 || (r.code === 1 && r.stdout.includes(': no controls'))).toBe(true);
  });
});

it('schema', async () => {
  const r = await runCli(['schema']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toHaveProperty('$schema');
  await expect(r.stdout).toMatchFileSnapshot('./golden/schema.json');
});
