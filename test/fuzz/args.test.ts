// Random option values and arguments, on the shipped scenarios copied to a temporary folder: every
// value a user can type (a target, a threshold, a share, a year, a --set path and value, a row or
// ref to explain) goes through its parser, with the checks of harness.ts.

import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { checkRun, count, makeWorkspace, newStats, runs, saveStats, SEED } from './harness.js';
import { ODD_KEYS, ODD_VALUES } from './mutations.js';
import { OUTPUTS } from './targets.js';

const stats = newStats();
afterAll(() => saveStats('fuzz: arguments', stats));

const word = fc.oneof(
  fc.constantFrom(...ODD_VALUES, ...ODD_KEYS, 'net_budget', 'G6', 'AC14', 'older_people', 'use_rate', '2019/20', 'gap'),
  fc.string({ maxLength: 12 }),
);
const path = fc
  .tuple(word, word, fc.option(word, { nil: undefined }))
  .map(([a, b, c]) => [a, b, ...(c === undefined ? [] : [c])].join('.'));

/** Builds argv from the workspace and the random values. */
type Command = (at: (rel: string) => string, v: readonly string[]) => string[];
const COMMANDS: Command[] = [
  (at, [a, b]) => ['explain', at('scenarios/2018.yaml'), a ?? '', b ?? ''],
  (at, [a]) => ['explain', at('scenarios/2018-council.yaml'), a ?? ''],
  (at, [a]) => ['savings', at('scenarios/2018.yaml'), '--target', a ?? '', '--top', '3'],
  (at, [a, b]) => ['savings', at('scenarios/2018.yaml'), '--target', `2019/20=${a},2021/22=${b}`, '--exclude', b ?? ''],
  (at, [a]) => ['risk', at('scenarios/2018-council.yaml'), '--draws', '10', '--threshold', a ?? ''],
  (at, [a, b]) => ['risk', at('scenarios/2018.yaml'), '--draws', a ?? '', '--seed', b ?? ''],
  (at, [, , p]) => ['demand', at('scenarios/2018-demand.yaml'), '--set', p ?? ''],
  (at, [a, , p]) => ['project', at('scenarios/2018-demand.yaml'), '--set', `${p}=${a}`, '--format', 'csv', '--output', at('out.csv')],
  (_, [a, b]) => ['options', '--option', a ?? '', '--need', b ?? ''],
  (at, [a, b]) => [
    'options',
    '--option',
    'ni-all',
    '--year',
    a ?? '',
    '--authority',
    at('scenarios/2018-council.yaml'),
    '--basis',
    'explicit',
    '--share',
    b ?? '',
  ],
  (at, [a]) => ['project', at('scenarios/2018.yaml'), '--rounding', a ?? '', '--format', 'markdown'],
  (at, [a]) => ['compare', at('scenarios/2018.yaml'), at(a ?? '')],
];

describe('fuzz: arguments', () => {
  it('random option values and arguments', async () => {
    const ws = makeWorkspace();
    try {
      await fc.assert(
        fc.asyncProperty(fc.nat(), word, word, path, async (pick, a, b, p) => {
          const argv = (COMMANDS[pick % COMMANDS.length] as Command)(ws.at, [a, b, p]);
          try {
            const r = await checkRun(ws, argv, { outputs: OUTPUTS });
            count(stats, r.result.code, r.problems);
            if (r.problems.length > 0)
              throw new Error(
                `${r.problems.join('; ')}\n$ mtfs ${argv.join(' ')}\nexit ${r.result.code}\n${r.result.stderr.slice(0, 2000)}`,
              );
          } finally {
            for (const o of OUTPUTS) fs.rmSync(ws.at(o), { force: true });
          }
        }),
        { seed: SEED + 100, numRuns: runs(40), includeErrorInReport: true },
      );
    } catch (e) {
      throw new Error(`fuzz: arguments failed with seed ${SEED + 100} (FUZZ_SEED=${SEED})\n${(e as Error).message}`);
    } finally {
      ws.dispose();
    }
  });
});
