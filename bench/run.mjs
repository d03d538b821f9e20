// `npm run bench`: whole-process CPU time, wall time and peak memory of the CLI, each beside a
// baseline measured in the same run with the two commands alternated (A B A B …, so a machine that
// speeds up or slows down mid-run moves both): a bare `node -e ''` start for every shipped command,
// and the same projection done with plain JS numbers (bench/plain-numbers.mjs) for each size of a
// generated scenario. It prints each performance target as met or missed and never fails on them
// (speed is measured, not asserted, here or in the tests).
//
//   npm run bench                         every size: 1k, 10k, 100k, 300k, 1M and 2M lines (1M and 2M
//                                         split over files of 250,000 lines: 4 and 8 files)
//   npm run bench -- --sizes 1k,10k       a quick run (BENCH_SIZES=1k,10k does the same)
//   npm run bench -- --sizes none         start-up only
//   BENCH_RUNS=7 npm run bench            pairs per measurement (default 5; sizes over 100k lines: 1)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateScenario, YEARS } from './generate.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'mtfs.js');
const probe = path.join(root, 'bench', 'max-rss.cjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-bench-'));
const rssFile = path.join(tmp, 'rss');

/** `1k`, `300k`, `1M`, `2500` → a number of lines. */
function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`--sizes: "${text}" is not a size like 10k or 1M`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]]);
}
const sizesArg = process.argv.indexOf('--sizes');
const sizesText = sizesArg >= 0 ? process.argv[sizesArg + 1] : (process.env.BENCH_SIZES ?? '1k,10k,100k,300k,1M,2M');
const SIZES = sizesText === 'none' ? [] : sizesText.split(',').map(parseSize);

/** One run of `node <args>`: CPU ms (user + system), wall ms, peak RSS MiB and exit status. */
function once(args, env = {}) {
  fs.rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', probe, ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const probed = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').trim().split(' ').map(Number) : [NaN, NaN];
  return { status: r.status ?? r.signal, stderr: String(r.stderr), wall, cpu: probed[1] / 1000, rss: probed[0] / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Medians over samples of one command. */
const summary = (label, samples) => ({
  label,
  status: samples.find((s) => s.status !== 0)?.status ?? 0,
  stderr: samples.find((s) => s.status !== 0)?.stderr ?? '',
  cpu: median(samples.map((s) => s.cpu)),
  wall: median(samples.map((s) => s.wall)),
  rss: Math.max(...samples.map((s) => s.rss)),
});

/** Runs A and B in turn `runs` times: each one's medians, and the median of the pairwise CPU ratios A/B. */
function alternate(a, b, runs = RUNS) {
  const as = [];
  const bs = [];
  const argsOf = (x) => (typeof x.args === 'function' ? x.args() : x.args);
  for (let i = 0; i < runs; i++) {
    as.push(once(argsOf(a), a.env));
    bs.push(once(argsOf(b), b.env));
  }
  return {
    a: summary(a.label, as),
    b: summary(b.label, bs),
    cpuRatio: median(as.map((s, i) => s.cpu / bs[i].cpu)),
    wallRatio: median(as.map((s, i) => s.wall / bs[i].wall)),
  };
}

const fmt = (n, dp = 0) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp }) : '—');
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const sizeName = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));
const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');

/** The commands a user runs on the shipped scenarios, each once (risk with few draws: its time grows with them). */
const SHIPPED = [
  ['project', 'scenarios/2018.yaml'],
  ['project', 'scenarios/2018.yaml', '--format', 'csv', '--detail'],
  ['project', 'scenarios/2018-council.yaml'],
  ['check', 'scenarios/2018.yaml'],
  ['demand', 'scenarios/2018-demand.yaml', '--format', 'json'],
  ['options', '--option', 'income-tax-basic', '--need', 'fair-price'],
  ['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'],
  ['savings', 'scenarios/2018.yaml'],
  ['diff', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'],
  ['explain', 'scenarios/2018.yaml', 'net_budget', '2020/21'],
  ['sensitivity', 'scenarios/2018.yaml'],
  ['risk', 'scenarios/2018.yaml', '--draws', '100', '--seed', '1'],
  ['report', 'scenarios/2018.yaml', '--draws', '100', '--html', '<tmp>/report.html'],
  ['schema'],
  ['init', '<new folder>'],
];
/** The start-up target of each command: `project scenarios/2018.yaml` ≤ 1.5 × node -e '', every other ≤ 2 ×. */
const startupTarget = (i) => (i === 0 ? 1.5 : 2);
let folders = 0;
/** A shipped command's arguments for one run: `<tmp>` is the scratch folder, `<new folder>` one not yet written. */
const argsFor = (args) => args.map((a) => (a === '<new folder>' ? path.join(tmp, `init-${++folders}`) : a.replace('<tmp>', tmp)));

try {
  const cpus = os.cpus();
  console.log(
    `mtfs bench: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}; median of ${RUNS} alternated pairs`,
  );
  const node = { label: "node -e ''", args: ['-e', ''] };

  // start-up: every shipped command against a bare Node start
  console.log('');
  console.log("start-up: each command alternated with node -e '' (CPU = user + system)");
  const W = [72, 8, 8, 9, 8, 8, 7];
  console.log(row(['command', 'CPU ms', 'wall ms', 'peak MiB', '× node', 'target', ''], W));
  const startup = SHIPPED.map((args) => alternate({ label: `mtfs ${args.join(' ')}`, args: () => [bin, ...argsFor(args)] }, node));
  startup.forEach(({ a, cpuRatio }, i) =>
    console.log(
      row(
        [
          a.label,
          fmt(a.cpu),
          fmt(a.wall),
          fmt(a.rss),
          cpuRatio.toFixed(2),
          `≤ ${startupTarget(i)}`,
          verdict(a.status === 0 && cpuRatio <= startupTarget(i)),
        ],
        W,
      ) + (a.status === 0 ? '' : ` (exit ${a.status})`),
    ),
  );
  const nodeCpu = median(startup.map((s) => s.b.cpu));
  console.log(row([node.label, fmt(nodeCpu), fmt(median(startup.map((s) => s.b.wall))), fmt(startup[0].b.rss), '1.00'], W));
  const risk = alternate(
    {
      label: 'mtfs risk scenarios/2018.yaml --draws 10000 --seed 1',
      args: [bin, 'risk', 'scenarios/2018.yaml', '--draws', '10000', '--seed', '1'],
    },
    node,
    Math.min(RUNS, 3),
  );
  console.log(row([risk.a.label, fmt(risk.a.cpu), fmt(risk.a.wall), fmt(risk.a.rss), risk.cpuRatio.toFixed(2)], W));

  // scale: generated scenarios, mtfs against the plain-number engine
  console.log('');
  console.log('scale: mtfs project <lines> --format csv --output, alternated with the plain-number engine on the same files');
  const S = [10, 11, 9, 9, 11, 9, 9, 8, 9];
  console.log(row(['lines', 'line-years', 'CPU ms', 'wall ms', 'peak MiB', 'µs/line-yr', 'plain ms', '× plain', '× node'], S));
  const scale = [];
  for (const lines of SIZES) {
    const dir = path.join(tmp, `lines-${lines}`);
    // a million lines and more in files of 250,000 (about 28 MB each, under the 32 MiB a file may hold)
    const scenario = generateScenario(dir, `lines-${lines}`, lines, 1, undefined, lines >= 1_000_000 ? 250_000 : undefined);
    const out = path.join(dir, 'mtfs.csv');
    const plainOut = path.join(dir, 'plain.csv');
    const runs = lines > 100_000 ? 1 : RUNS;
    const r = alternate(
      { label: 'mtfs', args: [bin, 'project', scenario, '--format', 'csv', '--output', out] },
      { label: 'plain', args: [path.join(root, 'bench', 'plain-numbers.mjs'), scenario, '--output', plainOut] },
      runs,
    );
    const lineYears = lines * YEARS.length;
    const perLineYear = ((r.a.cpu - nodeCpu) * 1000) / lineYears;
    let differing = NaN;
    if (r.a.status === 0 && r.b.status === 0) {
      const cells = (f) =>
        fs
          .readFileSync(f, 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .flatMap((l) => l.split(',').slice(2));
      const [exact, floats] = [cells(out), cells(plainOut)];
      differing = exact.filter((v, i) => v !== floats[i]).length;
    }
    scale.push({ lines, ...r, differing });
    const done = r.a.status === 0 ? '' : ` (exit ${r.a.status}: ${r.a.stderr.split('\n')[0].slice(0, 120)})`;
    console.log(
      row(
        [
          sizeName(lines),
          fmt(lineYears),
          fmt(r.a.cpu),
          fmt(r.a.wall),
          fmt(r.a.rss),
          r.a.status === 0 ? fmt(perLineYear, 2) : '—',
          fmt(r.b.cpu),
          r.a.status === 0 ? r.cpuRatio.toFixed(2) : '—',
          (r.a.cpu / nodeCpu).toFixed(1),
        ],
        S,
      ) + done,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const s of scale.filter((x) => Number.isFinite(x.differing)))
    console.log(`  ${sizeName(s.lines)}: plain JS numbers differ from the exact figures in ${s.differing} cells of the 24-cell table`);

  // targets
  console.log('');
  console.log('targets (CPU time, median of the alternated pairs)');
  const first = startup[0];
  console.log(
    `  start-up: mtfs project scenarios/2018.yaml ≤ 1.5 × node -e '': ${first.cpuRatio.toFixed(2)} × — ${verdict(first.cpuRatio <= 1.5)}`,
  );
  const worst = startup.reduce((w, s) => (s.cpuRatio > w.cpuRatio ? s : w));
  const over = startup.filter((s) => s.cpuRatio > 2);
  console.log(
    `  every shipped command ≤ 2 × node -e '': worst ${worst.cpuRatio.toFixed(2)} × (${worst.a.label}) — ${verdict(over.length === 0)}${over.length > 0 ? ` (${over.length} of ${startup.length} over)` : ''}`,
  );
  console.log(`  risk --draws 10000 ≤ 3 s: ${fmt(risk.a.cpu)} ms — ${verdict(risk.a.cpu <= 3000)}`);
  const hundred = scale.find((s) => s.lines === 100_000);
  if (hundred) {
    console.log(`  100k lines ≤ 1.5 s CPU: ${fmt(hundred.a.cpu)} ms — ${verdict(hundred.a.status === 0 && hundred.a.cpu <= 1500)}`);
    console.log(
      `  100k lines ≤ 200 MB peak: ${fmt(hundred.a.rss * 1.048576)} MB — ${verdict(hundred.a.status === 0 && hundred.a.rss * 1.048576 <= 200)}`,
    );
    console.log(
      `  100k lines exact ≤ 2 × the plain-number engine: ${hundred.cpuRatio.toFixed(2)} × — ${verdict(hundred.a.status === 0 && hundred.cpuRatio <= 2)}`,
    );
  } else console.log('  100k-line targets: not measured (add 100k to --sizes)');
  for (const s of scale.filter((x) => x.lines >= 1_000_000)) {
    const ok = s.a.status === 0 || (s.a.status === 2 && /error\[/.test(s.a.stderr));
    console.log(
      `  ${sizeName(s.lines)} lines complete or refuse with a diagnostic (exit 2), never abort: exit ${s.a.status} — ${verdict(ok)}`,
    );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
