// `npm run bench`: whole-process timings of the CLI, each as a ratio against a baseline measured in
// the same run (a bare `node -e ''` start), so figures compare across machines. No pass/fail.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateScenario } from './generate.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const bin = path.resolve('bin/mtfs.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-bench-'));

function time(label, args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
    samples.push(Number(t1 - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { label, median: samples[Math.floor(samples.length / 2)], min: samples[0] };
}

try {
  const baseline = time("node -e ''", ['-e', '']);
  const big = generateScenario(tmp, 'lines-10000', 10_000);
  const results = [
    baseline,
    time('mtfs project scenarios/2018.yaml', [bin, 'project', 'scenarios/2018.yaml']),
    time('mtfs project scenarios/2018.yaml --format csv --detail', [bin, 'project', 'scenarios/2018.yaml', '--format', 'csv', '--detail']),
    time('mtfs project <10,000 generated lines> --format csv', [bin, 'project', big, '--format', 'csv']),
    time('mtfs risk scenarios/2018.yaml --draws 10000 --seed 1', [bin, 'risk', 'scenarios/2018.yaml', '--draws', '10000', '--seed', '1']),
    time('mtfs demand scenarios/2018-demand.yaml --format json', [bin, 'demand', 'scenarios/2018-demand.yaml', '--format', 'json']),
  ];
  console.log(`mtfs bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${RUNS} runs each (median)`);
  console.log('');
  console.log(`${'command'.padEnd(60)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'× node -e'.padStart(10)}`);
  for (const r of results) {
    console.log(
      `${r.label.padEnd(60)} ${r.median.toFixed(1).padStart(10)} ${r.min.toFixed(1).padStart(8)} ${(r.median / baseline.median).toFixed(2).padStart(10)}`,
    );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
