// Output never depends on the clock, time zone, locale or working folder (issue 7), and never names
// the user, their home or where mtfs or the scenarios are installed.
//
// Every case of the golden suite (helpers/golden-cases.ts: ~150 commands, including the HTML
// report) is replayed by the BUILT program (dist/, what bin/mtfs.js runs) in child processes under
// two environments that differ in everything that could leak:
//   A: TZ=UTC, LANG=LC_ALL=C, the clock in 2001, working folder …/a
//   B: TZ=Pacific/Chatham (UTC+12:45/+13:45), LANG=LC_ALL=tr_TR.UTF-8 (dotted/dotless i, decimal
//      comma), the clock at the end of 2099, working folder …/Zq9x-<user>-probe, HOME and USER
//      set to probe values
// Each environment works on its own copy of scenarios/, data/, test/fixtures/ and test/errors/.
// Both must give the same exit code and the same stdout and stderr bytes, equal to the golden
// file; the files written with --output, --html and --xlsx must be byte-identical too.
//
// Spawning node costs ~0.3 s, so the whole list runs in ONE process per environment
// (determinism/replay.mjs, which calls dist/cli/main.js's run() with the real Io). A representative
// set (THROUGH_BIN) also goes through `node bin/mtfs.js` itself, one process per command, in A, B
// and (half of it) a third environment C (TZ=Asia/Kathmandu, LANG=LC_ALL=ar_EG.UTF-8: ICU's
// default digits there are Arabic-Indic). About 20 s of CPU in all: ~10 s on two idle cores.
// The clock is faked with `node --import determinism/fake-clock.mjs` (faketime is not available).

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transcript } from './helpers/cli.js';
import { GOLDEN_CASES, REPORT_HTML_CASE, type GoldenCase } from './helpers/golden-cases.js';

const run = promisify(execFile);
const REPO = process.cwd();
const BIN = path.join(REPO, 'bin/mtfs.js');
const FAKE_CLOCK = path.join(REPO, 'test/determinism/fake-clock.mjs');
const REPLAY = path.join(REPO, 'test/determinism/replay.mjs');
const COPIED = ['scenarios', 'data', 'test/fixtures', 'test/errors'];

const USER = os.userInfo().username;
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-determinism-'));
afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));
/** The folder whose name must never appear in any output. */
const PROBE_NAME = `Zq9x-${USER}-probe`;
const PROBE_USER = 'mtfsprobeuser';

interface Env {
  readonly name: string;
  readonly cwd: string;
  readonly vars: Readonly<Record<string, string>>;
}

const env = (name: string, folder: string, vars: Record<string, string>): Env => ({
  name,
  cwd: path.join(ROOT, folder),
  vars: { PATH: process.env.PATH ?? '', HOME: os.homedir(), USER, LOGNAME: USER, ...vars },
});

const A = env('A', 'a', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C', MTFS_FAKE_NOW: '2001-02-03T04:05:06Z' });
const B = env('B', PROBE_NAME, {
  TZ: 'Pacific/Chatham',
  LANG: 'tr_TR.UTF-8',
  LC_ALL: 'tr_TR.UTF-8',
  MTFS_FAKE_NOW: '2099-12-31T23:59:58Z',
  HOME: path.join(ROOT, PROBE_NAME, `home-${PROBE_USER}`),
  USER: PROBE_USER,
  LOGNAME: PROBE_USER,
});
const C = env('C', 'c', { TZ: 'Asia/Kathmandu', LANG: 'ar_EG.UTF-8', LC_ALL: 'ar_EG.UTF-8', MTFS_FAKE_NOW: '1970-01-01T00:00:00Z' });

/** Extra writes, beyond the golden list: the workbooks, and --output of one case per command. */
const WITH_XLSX: GoldenCase = { ...REPORT_HTML_CASE, writes: [...(REPORT_HTML_CASE.writes ?? []), { flag: '--xlsx', file: '2018.xlsx' }] };
const WRITE_CASES: readonly GoldenCase[] = [
  {
    name: 'report-council',
    argv: ['report', 'scenarios/2018-council.yaml', '--draws', '1000'],
    exit: 0,
    writes: [
      { flag: '--html', file: 'council.html' },
      { flag: '--xlsx', file: 'council.xlsx' },
    ],
  },
  {
    name: 'report-demand-xlsx',
    argv: ['report', 'scenarios/2018-demand.yaml'],
    exit: 0,
    writes: [{ flag: '--xlsx', file: 'demand.xlsx' }],
  },
];
/** Golden cases that are also run with --output: the file must hold what stdout held. */
const WITH_OUTPUT = [
  'golden/2018.project-detail-csv.txt',
  'golden/2018-council.project-json.txt',
  'golden/2018-demand.demand-markdown.txt',
  'golden/options.local-asc-net-spend-csv.txt',
  'golden/scrutiny/compare-three-markdown.txt',
  'golden/scrutiny/savings-target-csv.txt',
  'golden/scrutiny/diff-csv.txt',
  'golden/scrutiny/explain-net-budget-json.txt',
  'golden/risk/sensitivity-json.txt',
  'golden/risk/risk-csv.txt',
];
/** Through `node bin/mtfs.js`, one process each, in A and B: a table, JSON, a compare, options, an
 * error, --output and report --html/--xlsx; in C the first four. (The replay covers every command,
 * seeded risk included; a spawn costs ~0.3 s of CPU.) */
const THROUGH_BIN = [
  'golden/2018.project-detail.txt',
  'golden/options.local-asc-net-spend.txt',
  'errors/unknown-key/expected.txt',
  'report-council',
  'golden/2018-council.project-json.txt',
  'golden/scrutiny/compare-three-markdown.txt',
  'output:golden/2018.project-detail-csv.txt',
];
const IN_C = 4;

const idOf = (c: GoldenCase): string => c.golden ?? c.name;
const byId = (id: string): GoldenCase => {
  const c = CASES.find((x) => idOf(x) === id);
  if (!c) throw new Error(`no golden case ${id}`);
  return c;
};
const withOutput = (c: GoldenCase): GoldenCase => ({
  name: `output:${idOf(c)}`,
  argv: c.argv,
  exit: 0,
  writes: [{ flag: '--output', file: path.basename(idOf(c)) }],
});

const CASES: readonly GoldenCase[] = [...GOLDEN_CASES.map((c) => (c === REPORT_HTML_CASE ? WITH_XLSX : c)), ...WRITE_CASES];
const ALL: readonly GoldenCase[] = [...CASES, ...WITH_OUTPUT.map((id) => withOutput(byId(id)))];

/** The argv with each write flag given a folder of its own (relative, so the same in every environment). */
const argvOf = (c: GoldenCase, i: number): string[] => [...c.argv, ...(c.writes ?? []).flatMap((w) => [w.flag, `out/${i}/${w.file}`])];

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** every file written, by its name in `writes` */
  readonly files: ReadonlyMap<string, Buffer>;
}

function prepare(e: Env): void {
  for (const dir of COPIED) fs.cpSync(path.join(REPO, dir), path.join(e.cwd, dir), { recursive: true });
  ALL.forEach((_, i) => fs.mkdirSync(path.join(e.cwd, 'out', String(i)), { recursive: true }));
  if (e.vars.HOME!.startsWith(ROOT)) fs.mkdirSync(e.vars.HOME!, { recursive: true });
}

const written = (e: Env, c: GoldenCase, i: number): Map<string, Buffer> =>
  new Map(
    (c.writes ?? []).flatMap((w) => {
      const file = path.join(e.cwd, 'out', String(i), w.file);
      return fs.existsSync(file) ? [[w.file, fs.readFileSync(file)] as const] : [];
    }),
  );

const nodeArgs = (script: string, args: readonly string[]): string[] => ['--import', FAKE_CLOCK, script, ...args];

/** The whole list in one process (replay.mjs). */
async function replay(e: Env, cases: readonly GoldenCase[]): Promise<Map<string, Outcome>> {
  const jobs = path.join(ROOT, `${e.name}-jobs.json`);
  const results = path.join(ROOT, `${e.name}-results.json`);
  fs.writeFileSync(jobs, JSON.stringify(cases.map((c) => ({ argv: argvOf(c, ALL.indexOf(c)), env: c.env ?? {} }))));
  await run(process.execPath, nodeArgs(REPLAY, [jobs, results]), { cwd: e.cwd, env: e.vars, maxBuffer: 1 << 26 });
  const out = JSON.parse(fs.readFileSync(results, 'utf8')) as { code: number; stdout: string; stderr: string }[];
  return new Map(cases.map((c, i) => [idOf(c), { ...out[i]!, files: written(e, c, ALL.indexOf(c)) }]));
}

/** One case through `node bin/mtfs.js`. */
async function viaBin(e: Env, c: GoldenCase): Promise<Outcome> {
  const i = ALL.indexOf(c);
  const r = await run(process.execPath, nodeArgs(BIN, argvOf(c, i)), {
    cwd: e.cwd,
    env: { ...e.vars, ...c.env },
    encoding: 'buffer',
    maxBuffer: 1 << 26,
  }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (failed: { code?: number; stdout: Buffer; stderr: Buffer }) => ({
      code: failed.code ?? -1,
      stdout: failed.stdout,
      stderr: failed.stderr,
    }),
  );
  // the bytes must be valid UTF-8: decoding and encoding again gives them back
  for (const b of [r.stdout, r.stderr]) expect(Buffer.from(b.toString('utf8')).equals(b)).toBe(true);
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), files: written(e, c, i) };
}

/** Runs `jobs` at most `n` at a time. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], n: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const k = next++;
      results[k] = await jobs[k]!();
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

const replayed = new Map<string, Map<string, Outcome>>();
const binary = new Map<string, Map<string, Outcome>>();
const BIN_CASES = THROUGH_BIN.map((id) => ALL.find((c) => idOf(c) === id)!);

/** The newest modification time of the files under `dir`. */
const newest = (dir: string): number =>
  Math.max(...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => fs.statSync(path.join(dir, f)).mtimeMs));

beforeAll(async () => {
  // the children run dist/: a build older than src/ would fail every case for no reason of its own
  if (newest(path.join(REPO, 'src')) > fs.statSync(path.join(REPO, 'dist/cli/main.js')).mtimeMs) {
    throw new Error('dist/ is older than src/: run `npm run build` before this test');
  }
  for (const e of [A, B, C]) prepare(e);
  const binJobs = [A, B, C].flatMap((e) =>
    (e === C ? BIN_CASES.slice(0, IN_C) : BIN_CASES).map((c) => async () => ({ e, c, r: await viaBin(e, c) })),
  );
  const [ra, rb, bins] = await Promise.all([replay(A, ALL), replay(B, ALL), pool(binJobs, 2)]);
  replayed.set('A', ra).set('B', rb);
  for (const { e, c, r } of bins) binary.set(e.name, (binary.get(e.name) ?? new Map<string, Outcome>()).set(idOf(c), r));
}, 120_000);

const golden = (file: string): Buffer => fs.readFileSync(path.join(REPO, 'test', file));

/** What the golden file of a case holds, given an outcome. */
const recorded = (c: GoldenCase, r: Outcome): string => (c.records === 'stdout' ? r.stdout : transcript(argvOf(c, ALL.indexOf(c)), r));

function expectSame(c: GoldenCase, a: Outcome, b: Outcome, what: string): void {
  expect(b.code, `${what}: exit code`).toBe(a.code);
  expect(b.stdout, `${what}: stdout`).toBe(a.stdout);
  expect(b.stderr, `${what}: stderr`).toBe(a.stderr);
  expect([...b.files.keys()], `${what}: files written`).toEqual((c.writes ?? []).map((w) => w.file));
  for (const [file, bytes] of a.files) expect(b.files.get(file)?.equals(bytes), `${what}: ${file}`).toBe(true);
}

describe('determinism: the golden suite replayed in two environments', () => {
  it.each(ALL.map((c) => [idOf(c), c] as const))('%s', (id, c) => {
    const a = replayed.get('A')!.get(id)!;
    const b = replayed.get('B')!.get(id)!;
    expectSame(c, a, b, `A vs B`);
    if (c.exit !== undefined) expect(a.code).toBe(c.exit);
    if (c.golden) expect(recorded(c, a)).toBe(golden(c.golden).toString('utf8'));
    for (const w of c.writes ?? []) {
      expect(a.files.has(w.file), `${w.file} written`).toBe(true);
      if (w.golden) expect(a.files.get(w.file)!.equals(golden(w.golden)), `${w.file} = ${w.golden}`).toBe(true);
    }
    if (c.name.startsWith('output:')) {
      // --output writes exactly what stdout would show, and prints nothing
      const plain = replayed.get('A')!.get(c.name.slice('output:'.length))!;
      expect(a.stdout).toBe('');
      expect(a.stderr).toBe(plain.stderr);
      expect(a.files.get(c.writes![0]!.file)!.toString('utf8')).toBe(plain.stdout);
    }
  });
});

describe('determinism: the real binary (node bin/mtfs.js), a representative set', () => {
  it.each(BIN_CASES.map((c, i) => [idOf(c), c, i < IN_C] as const))('%s: the same bytes as the replay, in A, B (and C)', (id, c, inC) => {
    const a = binary.get('A')!.get(id)!;
    expectSame(c, replayed.get('A')!.get(id)!, a, 'replay vs bin');
    expectSame(c, a, binary.get('B')!.get(id)!, 'bin A vs B');
    if (inC) expectSame(c, a, binary.get('C')!.get(id)!, 'bin A vs C');
  });
});

describe('no absolute paths or user names in outputs', () => {
  const needles = (): string[] => {
    const home = os.homedir();
    return [
      PROBE_NAME,
      ROOT,
      REPO,
      B.vars.HOME!,
      PROBE_USER,
      ...(home.length > 1 ? [home] : []),
      // the real user name as a path segment (a bare `root` is also CSS's :root)
      `/${USER}/`,
      `\\${USER}\\`,
      `~${USER}`,
    ];
  };

  /** Every text an environment's outputs hold: streams, written files, and each workbook entry. */
  async function texts(outcomes: ReadonlyMap<string, Outcome>): Promise<{ where: string; text: string }[]> {
    const all: { where: string; text: string }[] = [];
    for (const [id, r] of outcomes) {
      all.push({ where: `${id} stdout`, text: r.stdout }, { where: `${id} stderr`, text: r.stderr });
      for (const [file, bytes] of r.files) {
        if (!file.endsWith('.xlsx')) {
          all.push({ where: `${id} ${file}`, text: bytes.toString('utf8') });
          continue;
        }
        const zip = await JSZip.loadAsync(bytes);
        for (const entry of Object.values(zip.files)) {
          if (!entry.dir) all.push({ where: `${id} ${file}:${entry.name}`, text: await entry.async('string') });
        }
      }
    }
    return all;
  }

  it('none of the probe folder, the repository, the home folder or the user name appears in what B printed or wrote', async () => {
    const outcomes = new Map([...replayed.get('B')!, ...[...binary.get('B')!].map(([id, r]) => [`bin ${id}`, r] as const)]);
    const all = await texts(outcomes);
    expect(all.filter((t) => t.where.includes('.xlsx:')).length).toBeGreaterThan(10);
    const leaks = all.flatMap(({ where, text }) =>
      needles()
        .filter((n) => text.includes(n))
        .map((n) => `${where}: ${n}`),
    );
    expect(leaks).toEqual([]);
  });

  it('a workbook holds no date but the fixed one', async () => {
    const xlsx = replayed.get('B')!.get(idOf(WITH_XLSX))!.files.get('2018.xlsx')!;
    const zip = await JSZip.loadAsync(xlsx);
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString(), entry.name).toBe('2000-01-01T00:00:00.000Z');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core.match(/\d{4}-\d\d-\d\dT[\d:.]+Z/g)).toEqual(['2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z']);
  });
});
