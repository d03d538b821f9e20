// One reproducer per diagnostic code: test/errors/<code>/ holds the input (and `args` when the
// command is not `project scenario.yaml`, `exit` when the exit code is not 2); expected.txt is the
// golden transcript.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../src/diagnostics/diagnostic.js';
import { runCli, transcript } from './helpers/cli.js';

const ROOT = 'test/errors';

/** Codes that no input file can trigger; each is covered by its own test elsewhere. */
const NOT_FROM_A_FILE: Record<string, string> = {
  internal: 'an unexpected exception: test/cli.test.ts injects one',
  'file-too-large': 'needs a 32 MiB file: test/cli.test.ts stubs the reader',
  'rate-format': 'no field of the project scenario format takes a rate yet',
};

const dirs = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('diagnostic reproducers', () => {
  it('has a reproducer for every diagnostic code', () => {
    const missing = DIAGNOSTIC_CODES.filter((c) => !dirs.includes(c) && !(c in NOT_FROM_A_FILE));
    expect(missing).toEqual([]);
  });

  it.each(dirs)('%s', async (code) => {
    const dir = path.posix.join(ROOT, code);
    const argsFile = path.join(dir, 'args');
    const argv = fs.existsSync(argsFile)
      ? fs.readFileSync(argsFile, 'utf8').trim().replaceAll('{dir}', dir).split(/\s+/)
      : ['project', `${dir}/scenario.yaml`];
    const exitFile = path.join(dir, 'exit');
    const expectedExit = fs.existsSync(exitFile) ? Number(fs.readFileSync(exitFile, 'utf8').trim()) : code === 'control-mismatch' || code === 'no-controls' ? 1 : 2;
    const r = await runCli(argv);
    expect(r.stderr).toMatch(new RegExp(`(error|warning)\\[${code}\\]`));
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.code).toBe(expectedExit);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./errors/${code}/expected.txt`);
  });
});
