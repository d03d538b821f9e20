// Memory bombs: inputs and options that would make a run hold more than a laptop has. Each is
// refused with a diagnostic and exit 2 (never a V8 heap abort), and leaves no file behind.

import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../src/source/text.js';
import { checkRun, count, makeWorkspace, newStats, saveStats, type Workspace } from './harness.js';
import { C, OUTPUTS, S } from './targets.js';

const stats = newStats();
afterAll(() => saveStats('fuzz: memory bombs', stats));

/** `n` different copies of scenarios/2018.yaml, each padded with a comment to 40% of the file limit. */
function bigDepartments(ws: Workspace, n: number): string[] {
  const text = fs.readFileSync(ws.at(S), 'utf8');
  const padded = `${text}\n# ${'x'.repeat(Math.floor(MAX_INPUT_BYTES * 0.4))}\n`;
  return Array.from({ length: n }, (_, i) => {
    const name = `big-${i}.yaml`;
    fs.writeFileSync(ws.at(`scenarios/${name}`), padded);
    return name;
  });
}

const council = (ws: Workspace, names: readonly string[]): string => {
  const text = fs.readFileSync(ws.at(C), 'utf8');
  const next = text.replace(
    /departments:\n {2}- name: Adults and Communities\n {4}scenario: 2018.yaml\n/,
    `departments:\n${names.map((f, i) => `  - name: Department ${i + 1}\n    scenario: ${f}\n`).join('')}`,
  );
  if (next === text) throw new Error('the departments were not replaced');
  fs.writeFileSync(ws.at(C), next);
  return ws.at(C);
};

const cases: { name: string; argv: (ws: Workspace) => string[]; says: RegExp }[] = [
  {
    name: 'risk --draws 9999999',
    argv: (ws) => ['risk', ws.at(S), '--draws', '9999999'],
    says: /error\[usage\]: --draws 9,999,999 is more than/,
  },
  {
    name: 'report --draws 9999999 with --html and --xlsx',
    argv: (ws) => ['report', ws.at(S), '--draws', '9999999', '--html', ws.at('out.html'), '--xlsx', ws.at('out.xlsx')],
    says: /error\[usage\]: --draws/,
  },
  {
    name: 'a council naming six different large departments',
    argv: (ws) => ['project', council(ws, bigDepartments(ws, 6)), '--format', 'csv', '--output', ws.out],
    says: /error\[input-too-large\]: reading .*big-\d\.yaml would take the files of this run past \d+ bytes/,
  },
];

describe('fuzz: memory bombs', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: refused, exit 2', async (_, c) => {
    const ws = makeWorkspace();
    try {
      const argv = c.argv(ws);
      const r = await checkRun(ws, argv, {
        mutated: fs.readdirSync(ws.at('scenarios')).map((f) => ws.at(`scenarios/${f}`)),
        outputs: OUTPUTS,
      });
      count(stats, r.result.code, r.problems);
      expect(r.problems, r.result.stderr).toEqual([]);
      expect(r.result.code, r.result.stderr).toBe(2);
      expect(r.result.stderr).toMatch(c.says);
    } finally {
      ws.dispose();
    }
  });
});
