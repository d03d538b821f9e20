// The benchmark's floors (bench/floor.mjs): bundled and run as `npm run bench` runs it, it reads a
// command's files with the libraries mtfs is built on, so the start-up floor it reports is the cost
// of that reading and not of a program that failed early.

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

it('reads every token of the YAML files and every record of the CSV files, from its code cache the second time', () => {
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
  const [tokens, rows, valid, sum] = first.stdout.trim().split(' ');
  // one token per top-level item of the scenario's document (its comments, the document itself)
  expect(Number(tokens)).toBeGreaterThan(0);
  // neither CSV has a field over two lines: a record a line
  const csvRecords = csvFiles.map((f) => fs.readFileSync(f, 'utf8').trim().split('\n').length).reduce((a, b) => a + b);
  expect(Number(rows)).toBe(csvRecords);
  expect(valid).toBe('true');
  expect(sum).toBe(`${csvRecords}.5`);
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
