// One reproducer per diagnostic code: test/errors/<code>/ holds the input (and `args` when the
// command is not `project scenario.yaml`, `exit` when the exit code is not 2, `env` for environment
// variables); expected.txt is the golden transcript. The cases are read in helpers/golden-cases.ts, shared with the determinism replay.

import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../src/diagnostics/diagnostic.js';
import { runCli, transcript } from './helpers/cli.js';
import { ERROR_CODES, errorCase } from './helpers/golden-cases.js';

/** Codes that no input file can trigger; each is covered by its own test elsewhere. */
const NOT_FROM_A_FILE: Record<string, string> = {
  internal: 'an unexpected exception: test/cli.test.ts injects one',
  'file-too-large': 'needs a 32 MiB file: test/cli.test.ts stubs the reader',
};

const dirs = ERROR_CODES;

describe('diagnostic reproducers', () => {
  it('has a reproducer for every diagnostic code', () => {
    const missing = DIAGNOSTIC_CODES.filter((c) => !dirs.includes(c) && !(c in NOT_FROM_A_FILE));
    expect(missing).toEqual([]);
  });

  it.each(dirs)('%s', async (code) => {
    const { argv, exit: expectedExit, golden, env } = errorCase(code);
    const r = await runCli(argv, { env });
    expect(r.stderr).toMatch(new RegExp(`(error|warning)\\[${code}\\]`));
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.code).toBe(expectedExit);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });
});
