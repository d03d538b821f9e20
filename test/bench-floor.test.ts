// The benchmark's floors (bench/floor.mjs): bundled and run as `npm run bench` runs it, it loads the
// libraries mtfs is built on and reads a command's files into lines, so the start-up floor it reports
// is the cost of that and not of a program that failed early.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readScenario } from '../src/cli/load.js';
import { nodeReader } from '../src/cli/io.js';
import type { FileReader } from '../src/load/reader.js';
import { FLOORS } from '../bench/floors.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-floor-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('reads every line of the files, from its code cache the second time', () => {
  const bundle = path.join(tmp, 'floor.cjs');
  const csvFiles = ['scenarios/2018-savings.csv', 'data/leicestershire-population.csv'];
  const built = spawnSync(process.execPath, ['bench/floor-build.mjs', bundle], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  const run = () =>
    spawnSync(process.execPath, ['bench/floor-run.cjs', bundle, 'scenarios/2018.yaml', ...csvFiles], {
      encoding: 'utf8',
      env: { ...process.env, FLOOR_SHOW: '1' },
    });
  const first = run();
  expect(first.status, first.stderr).toBe(0);
  expect(fs.existsSync(`${bundle}.cache`)).toBe(true);
  const second = run();
  expect(second.stdout).toBe(first.stdout);
  const [tokens, lines, valid, sum] = first.stdout.trim().split(' ');
  // the yaml library's parser, given an empty text, makes no token
  expect(tokens).toBe('0');
  const expected = ['scenarios/2018.yaml', ...csvFiles]
    .map((f) => fs.readFileSync(f, 'utf8').trim().split('\n').length)
    .reduce((a, b) => a + b);
  expect(Number(lines)).toBe(expected);
  expect(valid).toBe('true');
  expect(sum).toBe(`${expected}.5`);
});

it.each(FLOORS)('reads the files $command reads, and only those', ({ command, files }) => {
  const [name = '', file = ''] = command.split(' ');
  const read: string[] = [];
  const recording: FileReader = (f, maxBytes) => {
    read.push(path.relative(process.cwd(), f));
    return nodeReader(f, maxBytes);
  };
  // as the command asks for its scenario (src/cli/commands/project.ts and demand.ts)
  const r = readScenario(recording, name === 'demand' ? { file, compareWith: true } : { file, totals: true });
  expect(r.scenario).toBeDefined();
  expect([...new Set(read)].sort()).toEqual([...files].sort());
});
