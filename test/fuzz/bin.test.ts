// A handful of the worst inputs through the built bin, as a user runs it: anything that escapes
// run() (an unhandled rejection, a stack overflow, running out of memory) shows here as a stack
// trace, a signal or an exit code other than 0, 1 or 2. Needs dist/ (built by `npm install`).

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { count, listTree, makeWorkspace, newStats, problems, REPO, runBin, saveStats } from './harness.js';
import { encode } from './mutations.js';
import { CSV, OUTPUTS, S } from './targets.js';

const built = fs.existsSync(path.join(REPO, 'dist', 'cli', 'main.js'));
const stats = newStats();
afterAll(() => saveStats('fuzz: bin', stats));

/** name, the file to write (relative) and its content, the command (relative paths, run in the workspace), what stderr must say */
const CASES: [string, string | undefined, string | Buffer | undefined, string[], RegExp][] = [
  [
    '10,000 nested [',
    S,
    '['.repeat(10_000),
    ['project', S, '--format', 'csv', '--output', 'out.csv'],
    /2018\.yaml:1:65: error\[yaml-syntax\]: nesting deeper than 64 levels/,
  ],
  ['10,000 nested flow mappings', S, `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, ['check', S], /nesting deeper than 64 levels/],
  [
    '3,000 levels of indentation',
    S,
    Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    ['project', S],
    /nesting deeper than 64 levels/,
  ],
  [
    'billion laughs',
    S,
    `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from(
      { length: 9 },
      (_, i) =>
        `b${i}: &b${i} [${Array(9)
          .fill(i === 0 ? '*a' : `*b${i - 1}`)
          .join(', ')}]`,
    ).join('\n')}\n`,
    ['project', S],
    /error\[yaml-alias\]/,
  ],
  [
    '__proto__ keys',
    S,
    '__proto__: {polluted: 1}\nconstructor: {prototype: 1}\n',
    ['project', S],
    /error\[unknown-key\]: `__proto__` cannot be used as a key/,
  ],
  ['an empty scenario', S, '', ['savings', S, '--target', '8000'], /2018\.yaml:1:1: error\[invalid-value\]/],
  ['UTF-16 without a BOM', S, undefined, ['project', S], /2018\.yaml:1:1: error\[encoding\]/],
  [
    'a truncated CSV, with --output',
    CSV,
    'ref,type,status\nAC1,saving,"unclosed',
    ['project', S, '--format', 'csv', '--output', 'out.csv'],
    /2018-savings\.csv:\d+:\d+: error\[csv-syntax\]/,
  ],
  ['a folder in place of the scenario', undefined, undefined, ['project', 'scenarios'], /error\[file-unreadable\]: scenarios is a folder/],
  ['a missing scenario', undefined, undefined, ['demand', 'scenarios/none.yaml'], /error\[file-not-found\]/],
  [
    '/dev/zero as the scenario',
    undefined,
    undefined,
    ['project', '/dev/zero'],
    /error\[file-unreadable\]: \/dev\/zero is not a regular file/,
  ],
  [
    'the demand scenario with 1e400 for a rate',
    'scenarios/2018-demand.yaml',
    undefined,
    ['demand', 'scenarios/2018-demand.yaml', '--set', 'older_people.use_rate=1e400'],
    /error\[/,
  ],
  [
    'risk with a small number of draws on a broken file',
    S,
    'authority: [1, 2\n',
    ['risk', S, '--draws', '5'],
    /2018\.yaml:\d+:\d+: error\[yaml-syntax\]/,
  ],
];

describe.skipIf(!built)('fuzz: the built bin', () => {
  it.each(CASES)('%s', async (_, rel, content, argv, says) => {
    const ws = makeWorkspace();
    try {
      if (rel !== undefined) {
        const file = ws.at(rel);
        const text = fs.readFileSync(file, 'utf8');
        const bytes = content ?? (rel.endsWith('demand.yaml') ? text : encode(text, 'utf16le'));
        fs.writeFileSync(file, bytes);
      }
      const before = listTree(ws.root);
      const r = await runBin(argv, ws.root);
      const found = problems(r, { before, root: ws.root, outputs: OUTPUTS, ...(rel ? { mutated: [ws.at(rel)] } : {}) });
      count(stats, r.code, found);
      const context = `$ mtfs ${argv.join(' ')}\nexit ${r.code} ${r.signal ?? ''}\n${r.stderr.slice(0, 3000)}`;
      expect(found, context).toEqual([]);
      expect(r.code, context).toBe(2);
      expect(r.stderr, context).toMatch(says);
    } finally {
      ws.dispose();
    }
  });

  it('a 32 MiB + 1 byte scenario is refused with a located limit error', async () => {
    const ws = makeWorkspace();
    try {
      fs.truncateSync(ws.at(S), 32 * 1024 * 1024 + 1);
      const r = await runBin(['project', S], ws.root);
      count(stats, r.code, []);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('mtfs: error[file-too-large]: scenarios/2018.yaml is larger than the 32 MiB limit');
    } finally {
      ws.dispose();
    }
  });
});
