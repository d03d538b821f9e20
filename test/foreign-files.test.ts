// A file another file names that is not what it should be (not a scenario, not a line table, not
// a population table) is named with its problem and place, and no line of it is printed: the log
// of a run over an untrusted scenario cannot leak another file's content.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import type { FileReader } from '../src/load/reader.js';
import { runCli } from './helpers/cli.js';

const SECRET = 'root:S3CRET-HASH:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n';
const SECRET_FILE = '/secret/passwd';

/** The repository's files, a secret file, and `edits` of repository files. */
const reader =
  (edits: ReadonlyMap<string, (text: string) => string>): FileReader =>
  (file) => {
    if (file === SECRET_FILE) return { ok: true, bytes: new TextEncoder().encode(SECRET) };
    const edit = edits.get(file);
    if (!edit) return nodeReader(file);
    const text = edit(fs.readFileSync(file, 'utf8'));
    return { ok: true, bytes: new TextEncoder().encode(text) };
  };

const cases: [string, string[], string, (t: string) => string][] = [
  [
    'extends:',
    ['project', 'scenarios/2018-with-dols.yaml'],
    'scenarios/2018-with-dols.yaml',
    (t) => t.replace(/^extends: .*$/m, `extends: ${SECRET_FILE}`),
  ],
  [
    'line_files:',
    ['project', 'scenarios/2018.yaml'],
    'scenarios/2018.yaml',
    (t) => t.replace('  - 2018-savings.csv', `  - ${SECRET_FILE}`),
  ],
  [
    'a department',
    ['check', 'scenarios/2018-council.yaml'],
    'scenarios/2018-council.yaml',
    (t) => t.replace('scenario: 2018.yaml', `scenario: ${SECRET_FILE}`),
  ],
  [
    'a population table',
    ['demand', 'scenarios/2018-demand.yaml'],
    'scenarios/2018-demand.yaml',
    (t) => t.replace('file: ../data/leicestershire-population.csv', `file: ${SECRET_FILE}`),
  ],
];

describe('a referenced file that is not what it should be', () => {
  it.each(cases)('named by %s: the file and the problem, no line of it', async (_, argv, edited, edit) => {
    const before = fs.readFileSync(edited, 'utf8');
    expect(edit(before)).not.toBe(before);
    const r = await runCli(argv, { readFile: reader(new Map([[edited, edit]])) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(SECRET_FILE);
    expect(r.stderr).not.toMatch(/S3CRET|daemon|nologin|root:/);
    expect(r.stderr).toContain('no line of it is shown');
    expect(r.stderr.match(/error\[/g)).toHaveLength(1);
  });

  it('the scenario named on the command line still shows its own lines', async () => {
    const r = await runCli(['project', 'own.yaml'], {
      readFile:
        reader(new Map()) && ((f) => (f === 'own.yaml' ? { ok: true, bytes: new TextEncoder().encode('a: b: c\n') } : nodeReader(f))),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 | a: b: c');
  });
});
