// `npm run bench`: whole-process timings and peak memory of the CLI, each as a ratio against
// baselines measured in the same run (a bare `node -e ''` start; the same projection with plain JS
// numbers), so figures compare across machines, and how the YAML duplicate-key check's time grows.
// It prints the issue 7 targets as met or missed; it never fails on them (speed is measured, not
// asserted, here or in the tests).
//
// BENCH_RUNS (default 5) sets the runs per command; the median is reported.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../dist/source/yaml.js';
import { generateAuthorities, generateScenario, YEARS } from './generate.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'mtfs.js');
const probe = path.join(root, 'bench', 'max-rss.cjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-bench-'));
const rssFile = path.join(tmp, 'rss');

/** Runs `node <args>` RUNS times: median and min wall time (ms), peak RSS (MiB) of the median run. */
function time(label, args, runs = RUNS) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    fs.rmSync(rssFile, { force: true });
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', probe, ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
    samples.push({ ms, rssMiB: Number(fs.readFileSync(rssFile, 'utf8').trim()) / 1024 });
  }
  samples.sort((a, b) => a.ms - b.ms);
  const median = samples[Math.floor(samples.length / 2)];
  return { label, ms: median.ms, min: samples[0].ms, rssMiB: Math.max(...samples.map((s) => s.rssMiB)) };
}

/** Median ms of parseYaml over `keys` distinct keys and one duplicate of an early one, in this process. */
function duplicateKeyMs(keys) {
  const text = `${Array.from({ length: keys }, (_, i) => `k${i}: 1`).join('\n')}\nk7: 2\n`;
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    if (parseYaml('s.yaml', text).diagnostics[0]?.code !== 'duplicate-key') throw new Error('the duplicate key was not found');
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const fmt = (n, dp = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp });

try {
  const cpu = os.cpus();
  console.log(
    `mtfs bench: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; median of ${RUNS} runs`,
  );
  console.log('generating synthetic scenarios …');
  const LINES = 100_000;
  const big = generateScenario(tmp, `lines-${LINES}`, LINES);
  const authorities = generateAuthorities(path.join(tmp, 'authorities'), 152, 500);
  const bigOut = path.join(tmp, 'big.csv');
  const plainOut = path.join(tmp, 'plain.csv');

  const node = time("node -e ''", ['-e', '']);
  const rows = [
    node,
    time('mtfs project scenarios/2018.yaml', [bin, 'project', 'scenarios/2018.yaml']),
    time('mtfs project scenarios/2018.yaml --format csv --detail', [bin, 'project', 'scenarios/2018.yaml', '--format', 'csv', '--detail']),
    time('mtfs demand scenarios/2018-demand.yaml --format json', [bin, 'demand', 'scenarios/2018-demand.yaml', '--format', 'json']),
    time('mtfs risk scenarios/2018.yaml --draws 10000 --seed 1', [bin, 'risk', 'scenarios/2018.yaml', '--draws', '10000', '--seed', '1']),
  ];
  const plain = time(`plain JS numbers: ${fmt(LINES)} lines → CSV`, ['bench/plain-numbers.mjs', big, '--output', plainOut]);
  const large = time(`mtfs project <${fmt(LINES)} lines> --format csv --output`, [
    bin,
    'project',
    big,
    '--format',
    'csv',
    '--output',
    bigOut,
  ]);
  const national = time('mtfs check <152 authorities × 500 lines>', [bin, 'check', ...authorities], Math.min(RUNS, 3));
  rows.push(plain, large, national);

  console.log('');
  console.log(
    `${'command'.padEnd(58)} ${'median ms'.padStart(10)} ${'min ms'.padStart(9)} ${'peak MiB'.padStart(9)} ${'× node'.padStart(8)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(58)} ${fmt(r.ms).padStart(10)} ${fmt(r.min).padStart(9)} ${fmt(r.rssMiB).padStart(9)} ${(r.ms / node.ms).toFixed(2).padStart(8)}`,
    );
  }

  const lineYears = (lines) => lines * YEARS.length;
  const perLineYear = (r, lines) => ((r.ms - node.ms) * 1000) / lineYears(lines);
  console.log('');
  console.log('scale');
  console.log(
    `  ${fmt(LINES)} lines (${fmt(lineYears(LINES))} line-years): ${fmt(perLineYear(large, LINES), 2)} µs per line-year after start-up; ${(large.ms / plain.ms).toFixed(2)} × plain JS numbers (the cost of exactness, validation and locations)`,
  );
  console.log(
    `  152 authorities × 500 lines (${fmt(lineYears(152 * 500))} line-years): ${fmt(perLineYear(national, 152 * 500), 2)} µs per line-year after start-up`,
  );
  const [dupSmall, dupLarge] = [duplicateKeyMs(25_000), duplicateKeyMs(100_000)];
  console.log(
    `  YAML duplicate-key check: 100,000 keys take ${(dupLarge / dupSmall).toFixed(1)} × the time of 25,000 (${fmt(dupLarge)} ms; linear is 4 ×, quadratic 16 ×)`,
  );
  const exact = fs
    .readFileSync(bigOut, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(2));
  const floats = fs
    .readFileSync(plainOut, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(2));
  const differing = exact.flatMap((row, i) => row.filter((v, j) => v !== floats[i]?.[j])).length;
  console.log(`  plain JS numbers differ from the exact figures in ${differing} of ${exact.length * YEARS.length} cells of the table`);

  const startup = rows[1];
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  console.log('');
  console.log('targets (issue 7)');
  console.log(
    `  start-up: mtfs project scenarios/2018.yaml within 2 × node -e '': ${(startup.ms / node.ms).toFixed(2)} × — ${verdict(startup.ms <= 2 * node.ms)}`,
  );
  console.log(`  ${fmt(LINES)} lines project and write CSV in under 2 s: ${fmt(large.ms)} ms — ${verdict(large.ms < 2000)}`);
  console.log(`  … and under 512 MB: ${fmt(large.rssMiB)} MiB peak — ${verdict(large.rssMiB < 512)}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
