#!/usr/bin/env node
// `npm run fuzz`: the fuzz suite (test/fuzz) with many more random cases, then one line that says
// how many cases ran and how many crashed, hung or left files behind. FUZZ_RUNS sets the number of
// random mutations (default 5000), FUZZ_SEED the seed (the default is the one `npm test` uses).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const stats = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-fuzz-stats-')), 'stats.jsonl');
const runs = process.env.FUZZ_RUNS ?? '5000';
const started = Date.now();
const vitest = spawnSync('npx', ['vitest', 'run', 'test/fuzz', '--reporter=dot'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_STATS: stats },
});

const total = { cases: 0, crashes: 0, hangs: 0, leftovers: 0, byExit: {} };
const lines = fs.existsSync(stats) ? fs.readFileSync(stats, 'utf8').split('\n').filter(Boolean) : [];
for (const line of lines) {
  const s = JSON.parse(line);
  for (const k of ['cases', 'crashes', 'hangs', 'leftovers']) total[k] += s[k];
  for (const [code, n] of Object.entries(s.byExit)) total.byExit[code] = (total.byExit[code] ?? 0) + n;
}
fs.rmSync(path.dirname(stats), { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const exits = Object.entries(total.byExit)
  .sort(([a], [b]) => Number(a) - Number(b))
  .map(([code, n]) => `exit ${code}: ${n}`)
  .join(', ');
console.log(
  `\nfuzz: ${total.cases} cases, ${total.crashes} crashes, ${total.hangs} hangs, ${total.leftovers} leftover files (${exits}; seed ${process.env.FUZZ_SEED ?? 'default'}; ${seconds} s)`,
);
const failed = vitest.status !== 0 || total.crashes + total.hangs + total.leftovers > 0 || total.cases === 0;
if (failed) console.log('fuzz: FAILED (see the vitest output above for the failing case and its seed)');
process.exit(failed ? 1 : 0);
