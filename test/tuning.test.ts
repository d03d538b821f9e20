// bin/mtfs.js tunes V8 for short runs and gives a long run V8's own behaviour back: a short run keeps
// its young generation at the size it starts with (fewer pages touched), a long one lets it grow, and
// a size given on Node's command line is left alone. Seen from V8's heap statistics at exit, through
// a preloaded module (which keeps the usual code cache); never timed.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-tuning-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const probe = path.join(tmp, 'young.cjs');
fs.writeFileSync(
  probe,
  [
    "const v8 = require('node:v8');",
    "const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;",
    'const first = size();',
    "process.on('exit', () => require('node:fs').writeSync(2, `young ${first} ${size()}\\n`));",
  ].join('\n'),
);

/** The young generation's size as the run starts and as it ends, in bytes. */
function youngGeneration(args: readonly string[], flags: readonly string[] = []): { first: number; last: number } {
  const r = spawnSync(process.execPath, [...flags, '-r', probe, 'bin/mtfs.js', ...args], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const m = /young (\d+) (\d+)\n/.exec(r.stderr);
  expect(m).not.toBeNull();
  return { first: Number(m![1]), last: Number(m![2]) };
}

describe.runIf(/^v2[024]\./.test(process.version))('the young generation', () => {
  it('of a short run (a whole council) stays within twice the size it starts with', () => {
    const { first, last } = youngGeneration(['project', 'scenarios/2018-council.yaml']);
    expect(last).toBeLessThanOrEqual(2 * first);
  });

  it('of a long run (5,000 draws) grows as V8 grows it', () => {
    const { first, last } = youngGeneration(['risk', 'scenarios/2018-demand.yaml', '--draws', '5000', '--seed', '1']);
    expect(last).toBeGreaterThan(4 * first);
  });

  it('given on the command line is left to V8', () => {
    const { first, last } = youngGeneration(['project', 'scenarios/2018-council.yaml'], ['--semi-space-growth-factor=4']);
    expect(last).toBeGreaterThan(2 * first);
  });
});

describe.runIf(/^v20\./.test(process.version))('young-generation collections', () => {
  /** The young-generation collections of a run that V8 ran as a task (as the run ends), from its --trace-gc lines. */
  const taskCollections = (args: readonly string[]): number => {
    const r = spawnSync(process.execPath, ['--trace-gc', 'bin/mtfs.js', ...args], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const collections = r.stdout.split('\n').filter((l) => l.includes('Scavenge'));
    expect(collections.length).toBeGreaterThan(0);
    return collections.filter((l) => /\btask\b/.test(l)).length;
  };

  it('are not left as a task to run as the process ends', () => {
    // a check of the department left one such collection as it ended in every run before
    for (let i = 0; i < 2; i++) expect(taskCollections(['check', 'scenarios/2018.yaml'])).toBe(0);
    expect(taskCollections(['project', 'scenarios/2018.yaml'])).toBe(0);
  });
});
