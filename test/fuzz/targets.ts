// What the random mutations hit: every file of scenarios/ and data/, each with the commands that
// read it. The mutated copy is written in place of the original inside a workspace, and the
// command runs on the scenario that names it, as a user's would.

import fs from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkRun, count, makeWorkspace, newStats, runs, saveStats, SEED, type Workspace } from './harness.js';
import { applyMutation, mutations } from './mutations.js';

export interface Target {
  /** The file mutated, relative to the workspace (as to the repository). */
  readonly file: string;
  readonly kind: 'yaml' | 'csv';
  /** Commands that read the file; each case runs one of them. */
  readonly commands: (ws: Workspace) => readonly (readonly string[])[];
  /** Runs in `npm test`. */
  readonly quick: number;
}

/** Files a command may write when it succeeds. */
export const OUTPUTS = ['out.csv', 'out.html', 'out.xlsx'];

/** The shipped files the fuzz suite mutates, relative to the repository and to a workspace alike. */
export const S = 'scenarios/2018.yaml';
export const CSV = 'scenarios/2018-savings.csv';
export const D = 'scenarios/2018-demand.yaml';
export const C = 'scenarios/2018-council.yaml';
export const WITH_DOLS = 'scenarios/2018-with-dols.yaml';
const WITHOUT_AC14 = 'scenarios/2018-without-ac14.yaml';
export const POP = 'data/leicestershire-population.csv';
export const TOTALS = 'data/national-totals.yaml';
/** A copy of the demand scenario whose first population file is data/leicestershire-asc-figures.csv. */
export const FIGURES = 'scenarios/fuzz-figures.yaml';

const OPTIONS = ['options', '--option', 'income-tax-basic', '--option', 'ni-all', '--need', 'fair-price'];

const scenarioCommands = (ws: Workspace, s: string): string[][] => [
  ['project', ws.at(s), '--format', 'csv', '--output', ws.out],
  ['project', ws.at(s), '--detail'],
  ['check', ws.at(s)],
  ['savings', ws.at(s), '--target', '8000'],
  ['risk', ws.at(s), '--draws', '20', '--format', 'json', '--output', ws.out],
];

export const TARGETS: readonly Target[] = [
  {
    file: S,
    kind: 'yaml',
    quick: 50,
    commands: (ws) => [
      ...scenarioCommands(ws, S),
      ['explain', ws.at(S), 'net_budget', '2019/20'],
      ['sensitivity', ws.at(S), '--format', 'markdown'],
      ['project', ws.at(WITHOUT_AC14), '--format', 'json', '--output', ws.out],
      ['report', ws.at(S), '--html', ws.at('out.html'), '--draws', '20'],
    ],
  },
  {
    file: CSV,
    kind: 'csv',
    quick: 40,
    commands: (ws) => [
      ...scenarioCommands(ws, S),
      ['demand', ws.at(D), '--format', 'csv', '--output', ws.out],
      ['diff', ws.at(S), ws.at(WITH_DOLS)],
    ],
  },
  {
    file: C,
    kind: 'yaml',
    quick: 30,
    commands: (ws) => [
      ...scenarioCommands(ws, C),
      [...OPTIONS, '--authority', ws.at(C), '--basis', 'asc-net-spend', '--output', ws.out],
      ['report', ws.at(C), '--xlsx', ws.at('out.xlsx'), '--draws', '10'],
    ],
  },
  {
    file: WITH_DOLS,
    kind: 'yaml',
    quick: 12,
    commands: (ws) => [
      ['project', ws.at(WITH_DOLS), '--format', 'csv', '--output', ws.out],
      ['compare', ws.at(S), ws.at(WITH_DOLS), '--format', 'csv', '--output', ws.out],
      ['diff', ws.at(S), ws.at(WITH_DOLS), '--strict'],
    ],
  },
  {
    file: WITHOUT_AC14,
    kind: 'yaml',
    quick: 12,
    commands: (ws) => [
      ['project', ws.at(WITHOUT_AC14), '--format', 'markdown', '--output', ws.out],
      ['check', ws.at(WITHOUT_AC14)],
      ['compare', ws.at(S), ws.at(WITHOUT_AC14)],
    ],
  },
  {
    file: D,
    kind: 'yaml',
    quick: 36,
    commands: (ws) => [
      ['demand', ws.at(D), '--format', 'csv', '--output', ws.out],
      ['demand', ws.at(D), '--set', 'older_people.use_rate=4%'],
      ['project', ws.at(D), '--format', 'csv', '--output', ws.out],
      ['check', ws.at(D)],
    ],
  },
  {
    file: POP,
    kind: 'csv',
    quick: 30,
    commands: (ws) => [
      ['demand', ws.at(D), '--format', 'json', '--output', ws.out],
      ['project', ws.at(D), '--format', 'csv', '--output', ws.out],
    ],
  },
  {
    file: 'data/leicestershire-asc-figures.csv',
    kind: 'csv',
    quick: 10,
    commands: (ws) => [['demand', ws.at(FIGURES), '--format', 'csv', '--output', ws.out]],
  },
  {
    file: 'data/lga-funding-options.yaml',
    kind: 'yaml',
    quick: 14,
    commands: (ws) => [
      ['options'],
      [...OPTIONS, '--format', 'csv', '--output', ws.out],
      [...OPTIONS, '--authority', ws.at(C), '--basis', 'asc-net-spend'],
    ],
  },
  {
    file: 'data/lga-options-for-change.yaml',
    kind: 'yaml',
    quick: 13,
    commands: (ws) => [
      ['options', '--format', 'json'],
      [...OPTIONS, '--format', 'csv', '--output', ws.out],
    ],
  },
  {
    file: TOTALS,
    kind: 'yaml',
    quick: 13,
    commands: (ws) => [
      [...OPTIONS, '--authority', ws.at(C), '--basis', 'asc-net-spend', '--output', ws.out],
      [...OPTIONS, '--authority', ws.at(C), '--basis', 'population'],
    ],
  },
];

/** Adds the files some targets need beyond the copies of scenarios/ and data/. */
export function prepare(ws: Workspace): void {
  const demand = fs.readFileSync(ws.at(D), 'utf8');
  fs.writeFileSync(
    ws.at(FIGURES),
    demand.replace('file: ../data/leicestershire-population.csv', 'file: ../data/leicestershire-asc-figures.csv'),
  );
}

/** One property per target: a random mutation of its file, one of its commands, the checks of harness.ts. */
export function fuzzTargets(suite: string, targets: readonly Target[], seed = SEED): void {
  describe(suite, () => {
    const stats = newStats();
    it.each(targets.map((t, i) => [t.file, t, i] as const))('random mutations of %s', async (_, target, i) => {
      const ws = makeWorkspace();
      prepare(ws);
      const file = ws.at(target.file);
      const original = fs.readFileSync(file);
      const commands = target.commands(ws);
      try {
        await fc.assert(
          fc.asyncProperty(mutations, fc.nat(), async (ms, pick) => {
            const mutated = ms.reduce<Buffer>((b, m) => applyMutation(b, m, target.kind), original);
            fs.writeFileSync(file, mutated);
            const argv = commands[pick % commands.length] as readonly string[];
            try {
              const r = await checkRun(ws, argv, { mutated: [file], outputs: OUTPUTS });
              count(stats, r.result.code, r.problems);
              if (r.problems.length > 0) {
                throw new Error(
                  `${r.problems.join('; ')}\n$ mtfs ${argv.join(' ')}\nexit ${r.result.code}\n${r.result.stderr.slice(0, 2000)}`,
                );
              }
            } finally {
              fs.writeFileSync(file, original);
              for (const o of OUTPUTS) fs.rmSync(ws.at(o), { force: true });
            }
          }),
          { seed: seed + i, numRuns: runs(target.quick), includeErrorInReport: true },
        );
      } catch (e) {
        throw new Error(
          `fuzz: ${target.file} failed with seed ${seed + i} (FUZZ_SEED=${seed} for this file; set FUZZ_SEED to explore others)\n${(e as Error).message}`,
        );
      } finally {
        ws.dispose();
        saveStats(`${suite}: ${target.file}`, stats);
        Object.assign(stats, newStats());
      }
    });
  });
}
