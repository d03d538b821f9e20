// The fuzz harness: a throw-away copy of scenarios/ and data/ on the real file system, a CLI run
// against it (in-process, or through the built bin), and the checks every run must pass whatever
// the input: exit 0, 1 or 2; a diagnostic (located where the problem is in a file) on exit 2; no
// stack trace or internal error; no hang; nothing left behind in the folder on failure.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeReader } from '../../src/cli/io.js';
import type { FileReader } from '../../src/load/reader.js';
import { runCli, type CliResult } from '../helpers/cli.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const REPO_DATA = path.join(REPO, 'data') + path.sep;

/**
 * A case still running after this long is a hang (a runaway loop or search), not a slow run: the bound
 * is far above any case's time on a loaded machine, so it never tests speed (the bench does that).
 */
export const HANG_MS = 60_000;

/** The seed of every property in this folder: fixed, unless FUZZ_SEED says otherwise. */
export const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 7_2024;

/** Runs per property: small in `npm test`, larger with FUZZ_RUNS (`npm run fuzz`). */
export const runs = (quick: number): number => {
  const total = process.env.FUZZ_RUNS;
  return total === undefined ? quick : Math.max(1, Math.round((Number(total) * quick) / QUICK_TOTAL));
};
/** The sum of the `quick` run counts of all properties, so FUZZ_RUNS is the whole campaign's size. */
const QUICK_TOTAL = 300;

export interface Workspace {
  readonly root: string;
  /** An absolute path inside the workspace, from a path relative to the repository (`scenarios/2018.yaml`). */
  readonly at: (rel: string) => string;
  readonly out: string;
  /** Reads like the CLI, but national data files (data/*.yaml) come from the workspace copy. */
  readonly reader: FileReader;
  readonly dispose: () => void;
}

/** A fresh temporary folder holding copies of scenarios/ and data/ (so `../data/…` resolves). */
export function makeWorkspace(): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-fuzz-'));
  fs.cpSync(path.join(REPO, 'scenarios'), path.join(root, 'scenarios'), { recursive: true });
  fs.cpSync(path.join(REPO, 'data'), path.join(root, 'data'), { recursive: true });
  const at = (rel: string): string => path.join(root, rel);
  return {
    root,
    at,
    out: at('out.csv'),
    reader: (file) => nodeReader(file.startsWith(REPO_DATA) ? path.join(root, 'data', file.slice(REPO_DATA.length)) : file),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Every file and folder under `root`, relative, sorted. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = path.relative(root, path.join(dir, d.name));
      out.push(d.isDirectory() ? `${rel}/` : rel);
      if (d.isDirectory()) walk(path.join(dir, d.name));
    }
  };
  walk(root);
  return out.sort();
}

export interface Expectation {
  /** Files (absolute) written for the case: a syntax or validation error in them must be located. */
  readonly mutated?: readonly string[];
  /** The tree before the run; on failure it must be unchanged. */
  readonly before: readonly string[];
  /** Files the command may create when it succeeds (relative to the workspace). */
  readonly outputs?: readonly string[];
  readonly root: string;
}

/**
 * Diagnostics that name a path rather than a place in a file: reading a file given on the command
 * line, options and their values, outputs, and a scenario that lacks what the command needs
 * (controls for `check`, `apportionment:` figures for `options --basis`).
 */
const UNLOCATED_OK = new Set([
  'file-not-found',
  'file-unreadable',
  'file-too-large',
  'usage',
  'output',
  'no-controls',
  'apportionment',
  'outside-published-years',
  // an id given with --option or --need that the data files do not have
  'unknown-option',
  'unknown-need',
]);

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
const JS_ERROR = /^(?:Uncaught )?(?:[A-Z][A-Za-z]*Error|Error)(?: \[[A-Z_]+\])?: /m;
const CRASH_TEXT = /error\[internal\]|Maximum call stack|heap out of memory|FATAL ERROR|Unhandled|node:internal|\bat Object\.<anonymous>/;

/** What is wrong with one run; empty when the run behaved. */
export function problems(r: CliResult & { readonly ms: number; readonly signal?: string | null }, e: Expectation): string[] {
  const out: string[] = [];
  if (r.ms > HANG_MS) out.push(`hang: took ${r.ms} ms`);
  if (r.signal) out.push(`killed by ${r.signal}`);
  if (![0, 1, 2].includes(r.code)) out.push(`exit code ${r.code}`);
  if (STACK_LINE.test(r.stderr)) out.push('stack trace in stderr');
  if (JS_ERROR.test(r.stderr)) out.push('a JavaScript error in stderr');
  if (CRASH_TEXT.test(r.stderr)) out.push(`crash text in stderr: ${CRASH_TEXT.exec(r.stderr)?.[0]}`);
  if (r.code === 2) {
    const heads = diagnosticHeads(r.stderr);
    if (!heads.some((h) => h.severity === 'error')) out.push('exit 2 without an error diagnostic');
    const mutated = new Set(e.mutated ?? []);
    for (const h of heads.filter((x) => x.severity === 'error')) {
      if (h.file === undefined) {
        if (!UNLOCATED_OK.has(h.code) && mutated.size > 0) out.push(`error[${h.code}] has no file:line:column: ${h.text}`);
        continue;
      }
      const abs = path.resolve(e.root, h.file);
      if (!fs.existsSync(abs)) continue;
      if (fs.statSync(abs).isDirectory()) {
        out.push(`error[${h.code}] is located in a folder: ${h.text}`);
        continue;
      }
      const lines = countLines(fs.readFileSync(abs));
      if (h.line < 1 || h.line > lines + 1 || h.column < 1)
        out.push(`error[${h.code}] at line ${h.line} of a ${lines}-line file: ${h.text}`);
    }
  }
  const after = listTree(e.root);
  const allowed = new Set([...e.before, ...(r.code === 0 ? (e.outputs ?? []) : [])]);
  const left = after.filter((f) => !allowed.has(f));
  if (left.length > 0) out.push(`left behind: ${left.join(', ')}`);
  const gone = e.before.filter((f) => !after.includes(f));
  if (gone.length > 0) out.push(`removed: ${gone.join(', ')}`);
  return out;
}

/** Lines as the diagnostics count them: CRLF, LF and a lone CR each end one. */
const countLines = (bytes: Buffer): number => bytes.toString('latin1').split(/\r\n|\n|\r/).length;

interface Head {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/** The first line of each diagnostic: `file:line:col: error[code]: …` or `mtfs: error[code]: …`. */
export function diagnosticHeads(stderr: string): Head[] {
  const heads: Head[] = [];
  for (const text of stderr.split('\n')) {
    const located = /^(.+):(\d+):(\d+): (error|warning)\[([a-z-]+)\]: /.exec(text);
    if (located) {
      heads.push({
        file: located[1] as string,
        line: Number(located[2]),
        column: Number(located[3]),
        severity: located[4] as Head['severity'],
        code: located[5] as string,
        text,
      });
      continue;
    }
    const bare = /^mtfs: (error|warning)\[([a-z-]+)\]: /.exec(text);
    if (bare) heads.push({ severity: bare[1] as Head['severity'], code: bare[2] as string, line: 0, column: 0, text });
  }
  return heads;
}

/** Runs the CLI in-process against the workspace and returns the problems of the run. */
export async function checkRun(
  ws: Workspace,
  argv: readonly string[],
  e: Omit<Expectation, 'root' | 'before'>,
): Promise<{ problems: string[]; result: CliResult; ms: number }> {
  const before = listTree(ws.root);
  const t0 = performance.now();
  const result = await runCli(argv, { readFile: ws.reader });
  const ms = Math.round(performance.now() - t0);
  return { problems: problems({ ...result, ms }, { ...e, before, root: ws.root }), result, ms };
}

const BIN = path.join(REPO, 'bin', 'mtfs.js');

/** Runs the built bin as a user would (a child process, killed after HANG_MS). */
export function runBin(argv: readonly string[], cwd: string): Promise<CliResult & { ms: number; signal: string | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr, ms: Math.round(performance.now() - t0) });
    });
  });
}

/** Counts of a fuzz run, appended as one JSON line to FUZZ_STATS (read by test/fuzz/campaign.mjs). */
export interface Stats {
  cases: number;
  crashes: number;
  hangs: number;
  leftovers: number;
  byExit: Record<string, number>;
}

export const newStats = (): Stats => ({ cases: 0, crashes: 0, hangs: 0, leftovers: 0, byExit: {} });

export function count(stats: Stats, code: number, found: readonly string[]): void {
  stats.cases++;
  stats.byExit[String(code)] = (stats.byExit[String(code)] ?? 0) + 1;
  if (found.some((p) => p.startsWith('hang'))) stats.hangs++;
  if (found.some((p) => p.startsWith('left behind') || p.startsWith('removed'))) stats.leftovers++;
  if (found.some((p) => !p.startsWith('hang') && !p.startsWith('left behind') && !p.startsWith('removed'))) stats.crashes++;
}

export function saveStats(suite: string, stats: Stats): void {
  const file = process.env.FUZZ_STATS;
  if (file) fs.appendFileSync(file, `${JSON.stringify({ suite, ...stats })}\n`);
}
