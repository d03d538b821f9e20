// `npm run bench`: whole-process CPU time, wall time and peak memory of the CLI, each beside a
// baseline measured in the same run with the two commands alternated (A B A B …, so a machine that
// speeds up or slows down mid-run moves both): a bare `node -e ''` start for every shipped command,
// and the same projection done with plain JS numbers (bench/plain-numbers.mjs) for each size of a
// generated scenario. It prints each performance target as met or missed and never fails on them
// (speed is measured, not asserted, here or in the tests).
//
//   npm run bench                         every size: 1k, 10k, 100k, 300k, 1M and 2M lines (1M and 2M
//                                         split over files of 250,000 lines: 4 and 8 files), the 1M
//                                         twice: refused at the default input limit, and run with
//                                         the limit raised (MTFS_MAX_INPUT_BYTES) for its time and memory
//   npm run bench -- --sizes 1k,10k       a quick run (BENCH_SIZES=1k,10k does the same)
//                                         and each size the default limit admits once more with every
//                                         line kept (`project --detail`: the full load)
//   npm run bench -- --sizes none         start-up only
//   npm run bench -- --raise 1M,2M        the sizes also run with the input limit raised (default 1M;
//                                         BENCH_RAISE does the same; `none` for none)
//   BENCH_RUNS=7 npm run bench            rounds per measurement (default 21 for start-up, whose ratios
//                                         move by a tenth between runs of 9 on a shared machine, and 5
//                                         for the sizes; sizes over 100k lines: 1)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOORS } from './floors.mjs';
import { generateScenario, YEARS } from './generate.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Rounds of each start-up measurement: a tenth of a second a run, so more of them cost little. */
const STARTUP_RUNS = Number(process.env.BENCH_RUNS ?? 21);
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
/** A list of sizes from `--<flag>`, else the environment variable, else the default; `none` is none. */
function sizesOption(flag, env, fallback) {
  const at = process.argv.indexOf(flag);
  const text = at >= 0 ? process.argv[at + 1] : (process.env[env] ?? fallback);
  return text === undefined || text === 'none' ? [] : text.split(',').map(parseSize);
}
const SIZES = sizesOption('--sizes', 'BENCH_SIZES', '1k,10k,100k,300k,1M,2M');
const RAISED = sizesOption('--raise', 'BENCH_RAISE', '1M');
/** The input limit of a raised run: 256 MiB, room for 2M lines (222 MB). */
const RAISED_LIMIT = 256 * 1024 * 1024;
/** mtfs's own input limit of one run (MAX_TOTAL_INPUT_BYTES in src/source/text.ts). */
const DEFAULT_LIMIT = 64 * 1024 * 1024;

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

/**
 * Runs the commands in turn (A B C A B C …) `runs` times: each one's medians, and the median of the
 * pairwise CPU and wall ratios of the first to each of the others (`cpuRatios[k]`: A / the (k+1)th).
 */
function alternateAll(commands, runs = RUNS) {
  const samples = commands.map(() => []);
  const argsOf = (x) => (typeof x.args === 'function' ? x.args() : x.args);
  for (let i = 0; i < runs; i++) commands.forEach((c, k) => samples[k].push(once(argsOf(c), c.env)));
  const [as, ...others] = samples;
  return {
    summaries: commands.map((c, k) => summary(c.label, samples[k])),
    cpuRatios: others.map((bs) => median(as.map((s, i) => s.cpu / bs[i].cpu))),
    wallRatios: others.map((bs) => median(as.map((s, i) => s.wall / bs[i].wall))),
  };
}

/** Runs A and B in turn `runs` times: each one's medians, and the median of the pairwise CPU ratios A/B. */
function alternate(a, b, runs = STARTUP_RUNS) {
  const r = alternateAll([a, b], runs);
  return { a: r.summaries[0], b: r.summaries[1], cpuRatio: r.cpuRatios[0], wallRatio: r.wallRatios[0] };
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
/** The floors' commands, their bundle built and its code cache written (by the largest first). */
function floorCommands() {
  const bundle = path.join(tmp, 'floor.cjs');
  const built = spawnSync(process.execPath, [path.join(root, 'bench', 'floor-build.mjs'), bundle], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('bench: the floor bundle was not built');
  const commands = FLOORS.map(({ command, files }) => ({
    label: `floor: ${command} (its ${files.length} files read, nothing else)`,
    args: [path.join(root, 'bench', 'floor-run.cjs'), bundle, ...files],
  }));
  // the first run writes the code cache, the others check that it is taken
  for (const c of [commands[2], ...commands]) if (once(c.args).status !== 0) throw new Error('bench: the floor bundle did not run');
  return commands;
}

/**
 * Settings in the environment that make every Node process start slower, mtfs's and `node -e ''`
 * alike: NODE_EXTRA_CA_CERTS makes Node read and parse that file of certificates as it starts, before
 * any program runs (mtfs makes no network connection and never uses them). Set, it inflates the
 * baseline the start-up targets are ratios to, and so flatters them.
 */
const START_UP_SETTINGS = ['NODE_EXTRA_CA_CERTS'];

/**
 * When the environment has any of START_UP_SETTINGS: `node -e ''` with and without them, and the
 * heaviest commands and their floors against `node -e ''` with both run without them. Prints a table
 * and returns { cost, rows } (rows: label, CPU ratio, target), or undefined when none is set.
 */
function withoutStartUpSettings(startup, floors, node, W) {
  const set = START_UP_SETTINGS.filter((name) => (process.env[name] ?? '') !== '');
  if (set.length === 0) return undefined;
  const unset = Object.fromEntries(set.map((name) => [name, undefined]));
  const bare = { label: `node -e '' without ${set.join(', ')}`, args: node.args, env: unset };
  const cost = alternate(node, bare);
  console.log('');
  console.log(
    `Node's own start here reads ${set.map((name) => `${name} (${process.env[name]})`).join(', ')}: node -e '' takes ${fmt(cost.a.cpu)} ms of CPU with it and ${fmt(cost.b.cpu)} ms without (${cost.cpuRatio.toFixed(2)} ×).`,
  );
  console.log(`The same commands and floors, each alternated with node -e '', both run without ${set.join(', ')}:`);
  console.log(row(['command', 'CPU ms', 'wall ms', 'peak MiB', '× node', 'target', ''], W));
  // the three heaviest commands of the table above, then the floors
  const heaviest = [0, 2, 4].map((i) => ({ i, label: startup[i].a.label, args: [bin, ...argsFor(SHIPPED[i])] }));
  const rows = [];
  for (const { i, label, args } of heaviest) {
    const r = alternate({ label, args, env: unset }, { ...node, env: unset });
    rows.push({ label, cpuRatio: r.cpuRatio, target: startupTarget(i) });
    console.log(
      row(
        [
          label,
          fmt(r.a.cpu),
          fmt(r.a.wall),
          fmt(r.a.rss),
          r.cpuRatio.toFixed(2),
          `≤ ${startupTarget(i)}`,
          verdict(r.a.status === 0 && r.cpuRatio <= startupTarget(i)),
        ],
        W,
      ),
    );
  }
  for (const f of floors) {
    const r = alternate({ ...f, env: unset }, { ...node, env: unset });
    console.log(row([f.label, fmt(r.a.cpu), fmt(r.a.wall), fmt(r.a.rss), r.cpuRatio.toFixed(2)], W));
  }
  console.log(row([bare.label, fmt(cost.b.cpu), fmt(cost.b.wall), fmt(cost.b.rss), '1.00'], W));
  return { set, rows };
}

/** The start-up target of each command: `project scenarios/2018.yaml` ≤ 1.5 × node -e '', every other ≤ 2 ×. */
const startupTarget = (i) => (i === 0 ? 1.5 : 2);
let folders = 0;
/** A shipped command's arguments for one run: `<tmp>` is the scratch folder, `<new folder>` one not yet written. */
const argsFor = (args) => args.map((a) => (a === '<new folder>' ? path.join(tmp, `init-${++folders}`) : a.replace('<tmp>', tmp)));

try {
  const cpus = os.cpus();
  console.log(
    `mtfs bench: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}; median of ${STARTUP_RUNS} alternated pairs for start-up, ${RUNS} for each size`,
  );
  const node = { label: "node -e ''", args: ['-e', ''] };

  // start-up: every shipped command against a bare Node start
  console.log('');
  console.log("start-up: each command alternated with node -e '' (CPU = user + system)");
  const W = [76, 8, 8, 9, 8, 8, 7];
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
  const floorRuns = floorCommands();
  const floors = floorRuns.map((c) => alternate(c, node));
  for (const f of floors) console.log(row([f.a.label, fmt(f.a.cpu), fmt(f.a.wall), fmt(f.a.rss), f.cpuRatio.toFixed(2)], W));
  const risk = alternate(
    {
      label: 'mtfs risk scenarios/2018.yaml --draws 10000 --seed 1',
      args: [bin, 'risk', 'scenarios/2018.yaml', '--draws', '10000', '--seed', '1'],
    },
    node,
    Math.min(RUNS, 3),
  );
  console.log(row([risk.a.label, fmt(risk.a.cpu), fmt(risk.a.wall), fmt(risk.a.rss), risk.cpuRatio.toFixed(2)], W));
  const clean = withoutStartUpSettings(startup, floorRuns, node, W);

  // scale: generated scenarios, mtfs against the plain-number engine and a bare Node start (none: `--sizes none`)
  const heading = (text, columns, widths) => {
    if (SIZES.length === 0) return;
    console.log('');
    console.log(text);
    console.log(row(columns, widths));
  };
  const S = [14, 11, 9, 9, 9, 11, 9, 8, 8];
  heading(
    "scale: mtfs project <lines> --format csv --output, alternated with the plain-number engine on the same files and node -e ''",
    ['lines', 'line-years', 'CPU ms', 'wall ms', 'peak MiB', 'µs/line-yr', 'plain ms', '× plain', '× node'],
    S,
  );
  const scale = [];
  // each size at the default input limit; the sizes to raise once more with the limit raised
  const cases = SIZES.flatMap((lines) => [{ lines, raised: false }, ...(RAISED.includes(lines) ? [{ lines, raised: true }] : [])]);
  const dirs = new Map();
  for (const { lines, raised } of cases) {
    const dir = path.join(tmp, `lines-${lines}`);
    // a million lines and more in files of 250,000 (about 28 MB each, under the 32 MiB a file may hold)
    if (!dirs.has(lines))
      dirs.set(lines, generateScenario(dir, `lines-${lines}`, lines, 1, undefined, lines >= 1_000_000 ? 250_000 : undefined));
    const scenario = dirs.get(lines);
    const out = path.join(dir, 'mtfs.csv');
    const plainOut = path.join(dir, 'plain.csv');
    for (const f of [out, plainOut]) fs.rmSync(f, { force: true });
    const inputBytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    const runs = lines > 100_000 ? 1 : RUNS;
    const mtfs = {
      label: 'mtfs',
      args: [bin, 'project', scenario, '--format', 'csv', '--output', out],
      env: raised ? { MTFS_MAX_INPUT_BYTES: String(RAISED_LIMIT) } : { MTFS_MAX_INPUT_BYTES: '' },
    };
    const plain = { label: 'plain', args: [path.join(root, 'bench', 'plain-numbers.mjs'), scenario, '--output', plainOut] };
    // a size over the default limit is refused in a quarter of a second: no plain run beside it
    const refusedAhead = !raised && inputBytes > DEFAULT_LIMIT;
    const r = alternateAll(refusedAhead ? [mtfs, node] : [mtfs, plain, node], runs);
    const [a, b] = r.summaries;
    const vsPlain = refusedAhead ? NaN : r.cpuRatios[0];
    const vsNode = r.cpuRatios[r.cpuRatios.length - 1];
    const lineYears = lines * YEARS.length;
    const perLineYear = ((a.cpu - r.summaries[r.summaries.length - 1].cpu) * 1000) / lineYears;
    let differing = NaN;
    if (a.status === 0 && !refusedAhead && b.status === 0) {
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
    const name = `${sizeName(lines)}${raised ? ' (raised)' : ''}`;
    scale.push({
      lines,
      raised,
      name,
      inputBytes,
      a,
      plain: refusedAhead ? undefined : b,
      vsPlain,
      vsNode,
      differing,
      nodeCpu: r.summaries[r.summaries.length - 1].cpu,
    });
    const done = a.status === 0 ? '' : ` (exit ${a.status}: ${a.stderr.split('\n')[0].slice(0, 120)})`;
    console.log(
      row(
        [
          name,
          fmt(lineYears),
          fmt(a.cpu),
          fmt(a.wall),
          fmt(a.rss),
          a.status === 0 ? fmt(perLineYear, 2) : '—',
          refusedAhead ? '—' : fmt(b.cpu),
          a.status === 0 && !refusedAhead ? vsPlain.toFixed(2) : '—',
          vsNode.toFixed(1),
        ],
        S,
      ) + done,
    );
  }
  // the full load: every line kept (`--detail` prints each line's schedule), sizes the default limit admits
  const D = [14, 9, 9, 9, 11];
  heading(
    'full load: mtfs project <lines> --detail --format csv --output (every line kept), the sizes above the limit admits; one round over 10k lines',
    ['lines', 'CPU ms', 'wall ms', 'peak MiB', 'µs/line-yr'],
    D,
  );
  const detail = [];
  for (const s of scale.filter((x) => !x.raised && x.inputBytes <= DEFAULT_LIMIT)) {
    const scenario = dirs.get(s.lines);
    const out = path.join(path.dirname(scenario), 'detail.csv');
    const r = alternateAll(
      [
        {
          label: 'detail',
          args: [bin, 'project', scenario, '--detail', '--format', 'csv', '--output', out],
          env: { MTFS_MAX_INPUT_BYTES: '' },
        },
      ],
      s.lines > 10_000 ? 1 : RUNS,
    );
    const [a] = r.summaries;
    const perLineYear = ((a.cpu - s.nodeCpu) * 1000) / (s.lines * YEARS.length);
    detail.push({ lines: s.lines, name: s.name, a });
    const done = a.status === 0 ? '' : ` (exit ${a.status}: ${a.stderr.split('\n')[0].slice(0, 160)})`;
    console.log(row([s.name, fmt(a.cpu), fmt(a.wall), fmt(a.rss), a.status === 0 ? fmt(perLineYear, 2) : '—'], D) + done);
  }
  for (const dir of dirs.values()) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  for (const s of scale.filter((x) => Number.isFinite(x.differing)))
    console.log(`  ${s.name}: plain JS numbers differ from the exact figures in ${s.differing} cells of the 24-cell table`);
  if (scale.some((s) => s.raised)) console.log(`  (raised): MTFS_MAX_INPUT_BYTES=${RAISED_LIMIT} (${RAISED_LIMIT / 2 ** 20} MiB)`);

  // targets
  console.log('');
  console.log('targets (CPU time, median of the alternated pairs)');
  const first = startup[0];
  console.log(
    `  start-up: mtfs project scenarios/2018.yaml ≤ 1.5 × node -e '': ${first.cpuRatio.toFixed(2)} × — ${verdict(first.cpuRatio <= 1.5)}`,
  );
  console.log(`    (the libraries alone, reading the same files and doing nothing else: ${floors[0].cpuRatio.toFixed(2)} ×)`);
  const worst = startup.reduce((w, s) => (s.cpuRatio > w.cpuRatio ? s : w));
  const over = startup.filter((s) => s.cpuRatio > 2);
  console.log(
    `  every shipped command ≤ 2 × node -e '': worst ${worst.cpuRatio.toFixed(2)} × (${worst.a.label}) — ${verdict(over.length === 0)}${over.length > 0 ? ` (${over.length} of ${startup.length} over)` : ''}`,
  );
  console.log(
    `    (the libraries alone, reading each command's files: ${floors
      .slice(1)
      .map((f) => `${f.cpuRatio.toFixed(2)} × for ${f.a.label.replace(/^floor: | \(.*$/g, '')}`)
      .join(', ')})`,
  );
  if (clean) {
    console.log(
      `    (judged above with Node's start as this environment makes it; without ${clean.set.join(', ')}: ${clean.rows
        .map((r) => `${r.label.replace(/^mtfs /, '')} ${r.cpuRatio.toFixed(2)} × (≤ ${r.target} ${verdict(r.cpuRatio <= r.target)})`)
        .join(', ')})`,
    );
  }
  console.log(`  risk --draws 10000 ≤ 3 s: ${fmt(risk.a.cpu)} ms — ${verdict(risk.a.cpu <= 3000)}`);
  const hundred = scale.find((s) => s.lines === 100_000 && !s.raised);
  if (hundred) {
    console.log(`  100k lines ≤ 1.5 s CPU: ${fmt(hundred.a.cpu)} ms — ${verdict(hundred.a.status === 0 && hundred.a.cpu <= 1500)}`);
    console.log(
      `  100k lines ≤ 200 MB peak: ${fmt(hundred.a.rss * 1.048576)} MB — ${verdict(hundred.a.status === 0 && hundred.a.rss * 1.048576 <= 200)}`,
    );
    console.log(
      `  100k lines exact ≤ 2 × the plain-number engine: ${hundred.vsPlain.toFixed(2)} × — ${verdict(hundred.a.status === 0 && hundred.vsPlain <= 2)}`,
    );
  } else console.log('  100k-line targets: not measured (add 100k to --sizes)');
  for (const d of detail) {
    const ok = d.a.status === 0 || (d.a.status === 2 && /error\[/.test(d.a.stderr));
    console.log(
      `  ${d.name} lines --detail complete or refuse with a diagnostic (exit 2), never abort: exit ${d.a.status} — ${verdict(ok)}`,
    );
  }
  for (const s of scale.filter((x) => x.lines >= 1_000_000 || x.raised)) {
    if (s.raised) {
      console.log(
        `  ${s.name} lines complete with the limit raised: exit ${s.a.status}, ${fmt(s.a.cpu)} ms, ${fmt(s.a.rss)} MiB — ${verdict(s.a.status === 0)}`,
      );
      continue;
    }
    const ok = s.a.status === 0 || (s.a.status === 2 && /error\[/.test(s.a.stderr));
    console.log(`  ${s.name} lines complete or refuse with a diagnostic (exit 2), never abort: exit ${s.a.status} — ${verdict(ok)}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
